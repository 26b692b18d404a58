import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { newCase, prisonNumber, today } from './case-bodies';
import { Stack } from './stack';

/** The HTTP API against the started app with the real database and a real Temporal server. */
jest.setTimeout(180_000);

let s: Stack;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  s = await Stack.start();
  for (const u of ['prison.staff', 'prison.staff2', 'wakefield.staff', 'com.officer', 'com.officer2', 'manager', 'admin']) tokens[u] = await s.token(u);
});
afterAll(async () => s?.stop());

describe('start-up contract', () => {
  it('is live, ready (PostgreSQL and Temporal answer), documented and measured', async () => {
    expect((await s.request('GET', '/health/live')).status).toBe(200);
    const ready = await s.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'UP', checks: { postgres: { status: 'UP' }, temporal: { status: 'UP' } } });
    const docs = await s.request('GET', '/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/cases', '/api/v1/tasks', '/api/v1/timeline/preview', '/api/v1/dashboard/overdue-releases']));
    const metrics = await s.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('ttg_http_request_duration_seconds');
    expect(ready.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ready.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('sign-in', () => {
  it('gives a bearer token for the right password and 401 otherwise', async () => {
    const bad = await s.request('POST', '/api/v1/auth/token', { body: { username: 'prison.staff', password: 'wrong' } });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect((await s.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await s.request('GET', '/api/v1/me', { token: 'not-a-token' })).status).toBe(401);
    const me = await s.request('GET', '/api/v1/me', { token: tokens['prison.staff'] });
    expect(me.body).toMatchObject({ username: 'prison.staff', role: 'PRISON_STAFF', prisonCode: 'LEI' });
    const unknownField = await s.request('POST', '/api/v1/auth/token', { body: { username: 'a', password: 'b', extra: 1 } });
    expect(unknownField.status).toBe(400);
  });

  it('accepts tokens from the configured OpenID Connect issuer, checked against its JWKS', async () => {
    const good = await s.oidc.sign({ preferred_username: 'com.officer' });
    expect((await s.request('GET', '/api/v1/me', { token: good })).body).toMatchObject({ username: 'com.officer', role: 'COM', teamCode: 'YH-LEEDS-N' });
    expect((await s.request('GET', '/api/v1/me', { token: await s.oidc.sign({ preferred_username: 'com.officer' }, { issuer: 'https://elsewhere.example' }) })).status).toBe(401);
    expect((await s.request('GET', '/api/v1/me', { token: await s.oidc.sign({ preferred_username: 'com.officer' }, { audience: 'another-app' }) })).status).toBe(401);
    expect((await s.request('GET', '/api/v1/me', { token: await s.oidc.sign({ preferred_username: 'nobody.known' }) })).status).toBe(401);
  });

  it('rate-limits repeated sign-in attempts for an account (429), without locking out others', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await s.request('POST', '/api/v1/auth/token', { body: { username: 'no.such.user', password: `guess-${i}` } })).status);
    expect(statuses.slice(0, 10).every((st) => st === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await s.request('POST', '/api/v1/auth/token', { body: { username: 'no.such.user', password: 'guess' } });
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect((await s.request('POST', '/api/v1/auth/token', { body: { username: 'manager', password: 'e2e-password' } })).status).toBe(200);
  });
});

describe('key-dates preview', () => {
  it('answers the contract example exactly', async () => {
    const res = await s.request('POST', '/api/v1/timeline/preview', {
      token: tokens['prison.staff'],
      body: { receptionAt: '2026-01-05T15:00:00Z', sentenceStartDate: '2026-01-05', sentenceType: 'DETERMINATE', sentenceLengthMonths: 14, conditionalReleaseDate: '2026-08-07', automaticReleaseDate: null, paroleEligibilityDate: null, earlyAllocation: false, offenceCategory: 'VIOLENT' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      earliestReleaseDate: '2026-08-07', releaseDate: '2026-08-06', custodyScreeningDueAt: '2026-01-08T15:00:00Z', dutyToReferDue: '2026-06-11',
      preReleaseReviewOpens: '2026-05-14', preReleaseReviewDue: '2026-06-11', handoverDate: null, comResponsibleFromStart: true,
      firstAppointmentDue: '2026-08-07', supervisionEndDate: '2027-08-06', victimContactEligible: true,
    });
  });

  it('refuses impossible input with 400 naming the field', async () => {
    const res = await s.request('POST', '/api/v1/timeline/preview', { token: tokens['prison.staff'], body: { receptionAt: '2026-01-05T15:00:00Z', sentenceStartDate: '2026-01-05', sentenceType: 'LIFE', sentenceLengthMonths: 14, offenceCategory: 'OTHER' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain('sentenceType');
  });
});

describe('cases', () => {
  it('creates a case with its key dates, stage, pathways, handover and first task; a second active case is 409', async () => {
    const body = newCase();
    const res = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ prisonNumber: body.prisonNumber, stage: 'CUSTODY_SCREENING', prisonCode: 'LEI', keyDates: { earliestReleaseDate: body.conditionalReleaseDate } });
    expect(Object.keys(res.body.pathways)).toHaveLength(7);
    expect(res.body.handover).toMatchObject({ status: expect.any(String) });
    expect(res.body.tasks.map((t: { type: string }) => t.type)).toContain('CUSTODY_SCREENING');
    const rows: { n: number }[] = await s.ds.query(`SELECT count(*)::int AS n FROM cases WHERE prison_number = $1`, [body.prisonNumber]);
    expect(rows[0].n).toBe(1);

    const again = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: { ...body } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CASE_ALREADY_ACTIVE');

    const got = await s.request('GET', `/api/v1/cases/${res.body.id}`, { token: tokens['prison.staff'] });
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(res.body.id);
  });

  it('sets operator search attributes on the workflow, without personal data', async () => {
    const created = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase() })).body;
    const connection = await Connection.connect({ address: s.temporalAddress });
    try {
      const client = new Client({ connection });
      const handle = client.workflow.getHandle(`pathway-${created.id}`);
      const described = await handle.describe();
      const attrs = Object.fromEntries(described.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value]));
      expect(attrs).toMatchObject({ TtgStage: 'CUSTODY_SCREENING', TtgPrison: 'LEI', TtgRegion: 'YH', TtgOverdue: false });
      expect(attrs.TtgReleaseDate).toBeInstanceOf(Date);
      expect(JSON.stringify(described.raw)).not.toContain('Bloggs');
      expect(JSON.stringify(described.raw)).not.toContain(created.prisonNumber);
    } finally {
      await connection.close();
    }
  });

  it('refuses bad input with 400 naming every field, and writes nothing', async () => {
    const body = newCase({ prisonNumber: 'nope', dateOfBirth: '1990-02-30', sentenceLengthMonths: -1, favouriteColour: 'blue' });
    const res = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body });
    expect(res.status).toBe(400);
    const fields = res.body.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['prisonNumber', 'dateOfBirth', 'sentenceLengthMonths']));
    expect(res.body.message).toContain('favouriteColour');
    const rows: { n: number }[] = await s.ds.query(`SELECT count(*)::int AS n FROM cases WHERE given_name = 'Jo' AND date_of_birth = '1990-02-28'`);
    expect(rows[0].n).toBe(0);
  });

  it('keeps each user to their scope: another prison reads 404, out of role is 403', async () => {
    const created = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase() })).body;
    expect((await s.request('GET', `/api/v1/cases/${created.id}`, { token: tokens['wakefield.staff'] })).status).toBe(404);
    expect((await s.request('GET', `/api/v1/cases/${created.id}`, { token: tokens['com.officer'] })).status).toBe(404);
    expect((await s.request('GET', `/api/v1/cases/${created.id}`, { token: tokens.manager })).status).toBe(200);
    expect((await s.request('GET', `/api/v1/cases/${randomUUID()}`, { token: tokens.admin })).status).toBe(404);
    const list = await s.request('GET', '/api/v1/cases?pageSize=200', { token: tokens['wakefield.staff'] });
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(created.id);
    const otherPrison = await s.request('POST', '/api/v1/cases', { token: tokens['wakefield.staff'], body: newCase() });
    expect(otherPrison.status).toBe(403);
    // The refusal names the prison they can receive into, not its code.
    expect(otherPrison.body.message).toBe('You can only receive people into HMP Wakefield');
    expect((await s.request('POST', '/api/v1/cases', { token: tokens['com.officer'], body: newCase() })).status).toBe(403);
  });

  it('re-bases deadlines when release dates change, and records who and why', async () => {
    const created = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase() })).body;
    const res = await s.request('PUT', `/api/v1/cases/${created.id}/release-dates`, { token: tokens['prison.staff'], body: { conditionalReleaseDate: today(400), reason: 'Recalculated by the custody office' } });
    expect(res.status).toBe(200);
    expect(res.body.keyDates.earliestReleaseDate).toBe(today(400));
    const history = await s.request('GET', `/api/v1/cases/${created.id}/history`, { token: tokens['prison.staff'] });
    const items: { action: string; after: unknown }[] = history.body.items;
    expect(items.find((e) => e.action === 'RELEASE_DATES_CHANGED')).toMatchObject({ actorId: 'u-prison-staff', details: { reason: 'Recalculated by the custody office' } });
    // The handover rule is decided again: no longer "COM responsible from the start", so the allocation is due now.
    expect(items[0]).toMatchObject({ action: 'TASK_CREATED', after: { type: 'COM_ALLOCATION' } });
    const times = history.body.items.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const noReason = await s.request('PUT', `/api/v1/cases/${created.id}/release-dates`, { token: tokens['prison.staff'], body: { conditionalReleaseDate: today(400) } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');
    // Dates the policy cannot use are refused with the field named, before the workflow sees them.
    const beforeStart = await s.request('PUT', `/api/v1/cases/${created.id}/release-dates`, { token: tokens['prison.staff'], body: { conditionalReleaseDate: '2000-01-01', reason: 'Typed the wrong year' } });
    expect(beforeStart.status).toBe(400);
    expect(beforeStart.body.problems).toEqual([expect.objectContaining({ field: 'conditionalReleaseDate', reason: expect.stringContaining('must not be before sentenceStartDate') })]);
    const noDates = await s.request('PUT', `/api/v1/cases/${created.id}/release-dates`, { token: tokens['prison.staff'], body: { conditionalReleaseDate: null, reason: 'Cleared by mistake' } });
    expect(noDates.status).toBe(400);
    expect(noDates.body.problems[0].field).toBe('conditionalReleaseDate');
    const after = await s.request('GET', `/api/v1/cases/${created.id}`, { token: tokens['prison.staff'] });
    expect(after.body.keyDates.earliestReleaseDate).toBe(today(400));
    const changes = (await s.request('GET', `/api/v1/cases/${created.id}/history`, { token: tokens['prison.staff'] })).body.items.filter((e: { action: string }) => e.action === 'RELEASE_DATES_CHANGED');
    expect(changes).toHaveLength(1);
  });

  it('transfers a case to another prison: its staff then see it, the old prison’s do not', async () => {
    const created = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase() })).body;
    const unknown = await s.request('POST', `/api/v1/cases/${created.id}/transfer`, { token: tokens['prison.staff'], body: { prisonCode: 'XYZ', reason: 'Typo' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.problems).toEqual([{ field: 'prisonCode', reason: 'is not a known prison' }]);
    const same = await s.request('POST', `/api/v1/cases/${created.id}/transfer`, { token: tokens['prison.staff'], body: { prisonCode: 'LEI', reason: 'Already here' } });
    expect(same.status).toBe(400);
    const moved = await s.request('POST', `/api/v1/cases/${created.id}/transfer`, { token: tokens['prison.staff'], body: { prisonCode: 'WDI', reason: 'Nearer to family' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ id: created.id, prisonCode: 'WDI', inScope: false });
    expect((await s.request('GET', `/api/v1/cases/${created.id}`, { token: tokens['prison.staff'] })).status).toBe(404);
    const there = await s.request('GET', `/api/v1/cases/${created.id}`, { token: tokens['wakefield.staff'] });
    expect(there.body).toMatchObject({ prisonCode: 'WDI' });
    const history = await s.request('GET', `/api/v1/cases/${created.id}/history`, { token: tokens['wakefield.staff'] });
    expect(history.body.items).toContainEqual(expect.objectContaining({ action: 'TRANSFERRED', details: { reason: 'Nearer to family' }, after: { prisonCode: 'WDI', regionCode: 'YH' } }));
    // The receiving prison is told where the case came from by the prison's name, not its code.
    const told: { message: string }[] = await s.ds.query(`SELECT message FROM notifications WHERE case_id = $1 AND message LIKE 'Case transferred in%'`, [created.id]);
    expect(told.map((n) => n.message)).toEqual(['Case transferred in from HMP Leeds: its open tasks are in your team queue.']);
  });

  it('scopes a manager’s task lists by the tasks’ own prison and region, which follow a transfer', async () => {
    const created = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase() })).body;
    const open = created.tasks.length;
    expect(open).toBeGreaterThan(0);
    const bhamManager = await s.request('POST', '/api/v1/admin/users', { token: tokens.admin, body: { username: `bham.manager.${Date.now()}`, displayName: 'Birmingham Manager', role: 'MANAGER', prisonCode: 'BMI', regionCode: 'WM', password: 'a-long-enough-password' } });
    expect(bhamManager.status).toBe(201);
    const bham = await s.token(bhamManager.body.username, 'a-long-enough-password');
    const tasksOf = async (token: string) => (await s.request('GET', `/api/v1/tasks?caseId=${created.id}`, { token })).body as { items: unknown[]; total: number };
    expect(await tasksOf(tokens.manager)).toMatchObject({ total: open });
    expect(await tasksOf(bham)).toMatchObject({ items: [], total: 0 });
    expect((await s.request('POST', `/api/v1/cases/${created.id}/transfer`, { token: tokens['prison.staff'], body: { prisonCode: 'BMI', reason: 'Court order' } })).status).toBe(200);
    expect(await tasksOf(tokens.manager)).toMatchObject({ items: [], total: 0 });
    const there = await tasksOf(bham);
    expect(there.total).toBe(open);
    expect(there.items).toHaveLength(open);
    const rows: { prison_code: string; region_code: string }[] = await s.ds.query('SELECT DISTINCT prison_code, region_code FROM tasks WHERE case_id = $1', [created.id]);
    expect(rows).toEqual([{ prison_code: 'BMI', region_code: 'WM' }]);
  });

  it('exports the case list as CSV', async () => {
    const res = await s.request('GET', '/api/v1/cases?format=csv', { token: tokens['prison.staff'] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.text.split('\r\n')[0]).toBe('id,prisonNumber,givenName,familyName,prisonCode,stage,releaseDate,handoverDate,handoverStatus,overdueTasks,unmetNeeds,lostContact');
  });
});

describe('tasks', () => {
  it('claims, conflicts, validates outcomes, completes once, and repeats idempotently', async () => {
    const created = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase() })).body;
    const list = await s.request('GET', `/api/v1/tasks?caseId=${created.id}`, { token: tokens['prison.staff'] });
    expect(list.status).toBe(200);
    const screening = list.body.items.find((t: { type: string }) => t.type === 'CUSTODY_SCREENING');
    expect(screening).toMatchObject({ caseId: created.id, status: 'OPEN', assignee: null, overdue: false });
    expect(screening.dueAt).toBe(new Date(new Date(created.sentence.receptionAt).getTime() + 72 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));

    const claim = await s.request('POST', `/api/v1/tasks/${screening.id}/claim`, { token: tokens['prison.staff'] });
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ status: 'IN_PROGRESS', assignee: 'u-prison-staff' });
    const mine = await s.request('GET', '/api/v1/tasks?assignee=me&status=IN_PROGRESS&pageSize=200', { token: tokens['prison.staff'] });
    expect(mine.body.items.map((t: { id: string }) => t.id)).toContain(screening.id);

    const other = await s.request('POST', `/api/v1/tasks/${screening.id}/claim`, { token: tokens['prison.staff2'] });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'TASK_CLAIMED_BY_OTHER', current: { assignee: 'u-prison-staff' } });
    const notMine = await s.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token: tokens['prison.staff2'], body: { outcome: { needs: {} } } });
    expect(notMine.status).toBe(400); // the outcome is checked first
    const bad = await s.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token: tokens['prison.staff'], body: { outcome: { needs: { ACCOMMODATION: 'yes' }, colour: 'red' } } });
    expect(bad.status).toBe(400);
    const badFields = bad.body.problems.map((p: { field: string }) => p.field);
    expect(badFields).toEqual(expect.arrayContaining(['outcome.needs.ACCOMMODATION', 'outcome.needs.HEALTH']));

    const outcome = { needs: { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: true, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false } };
    const key = randomUUID();
    const done = await s.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token: tokens['prison.staff'], body: { outcome }, headers: { 'Idempotency-Key': key } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'COMPLETED', completedBy: 'u-prison-staff' });
    const repeat = await s.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token: tokens['prison.staff'], body: { outcome }, headers: { 'Idempotency-Key': key } });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(done.body);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    const reused = await s.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token: tokens['prison.staff'], body: { outcome: { ...outcome, riskFlags: ['x'] } }, headers: { 'Idempotency-Key': key } });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const twice = await s.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token: tokens['prison.staff'], body: { outcome } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('TASK_ALREADY_COMPLETED');

    const after = await s.request('GET', `/api/v1/cases/${created.id}`, { token: tokens['prison.staff'] });
    expect(after.body.stage).toBe('RISK_SCREENING');
    expect(after.body.tasks.map((t: { type: string }) => t.type)).toEqual(expect.arrayContaining(['RISK_SCREENING', 'RESETTLEMENT_PLAN']));
    const completions = await s.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1 AND action = 'TASK_COMPLETED'`, [created.id]);
    expect(completions[0].n).toBe(1);
  });

  it('two users claiming one task at once: one succeeds, the other gets 409', async () => {
    const created = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase() })).body;
    const taskId = created.tasks.find((t: { type: string }) => t.type === 'CUSTODY_SCREENING').id;
    const [a, b] = await Promise.all([
      s.request('POST', `/api/v1/tasks/${taskId}/claim`, { token: tokens['prison.staff'] }),
      s.request('POST', `/api/v1/tasks/${taskId}/claim`, { token: tokens['prison.staff2'] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('managers assign and bulk-reassign; others may not', async () => {
    const created = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase() })).body;
    const taskId = created.tasks.find((t: { type: string }) => t.type === 'CUSTODY_SCREENING').id;
    expect((await s.request('POST', `/api/v1/tasks/${taskId}/assign`, { token: tokens['prison.staff'], body: { userId: 'u-prison-staff-2' } })).status).toBe(403);
    expect((await s.request('POST', `/api/v1/tasks/${taskId}/assign`, { token: tokens.manager, body: { userId: 'u-com-officer' } })).status).toBe(400);
    const assigned = await s.request('POST', `/api/v1/tasks/${taskId}/assign`, { token: tokens.manager, body: { userId: 'u-prison-staff-2' } });
    expect(assigned.body).toMatchObject({ assignee: 'u-prison-staff-2' });
    const moved = await s.request('POST', '/api/v1/tasks/bulk-reassign', { token: tokens.manager, body: { fromUserId: 'u-prison-staff-2', toUserId: 'u-prison-staff' } });
    expect(moved.status).toBe(200);
    expect(moved.body.movedTaskIds).toContain(taskId);
    expect((await s.request('GET', `/api/v1/tasks/${taskId}`, { token: tokens['prison.staff'] })).body.assignee).toBe('u-prison-staff');
    expect((await s.request('POST', '/api/v1/tasks/bulk-reassign', { token: tokens['prison.staff'], body: { fromUserId: 'u-prison-staff-2', toUserId: 'u-prison-staff' } })).status).toBe(403);
  });
});

describe('authorisation, every role against every route', () => {
  const table: [string, string, Record<string, number>][] = [
    ['GET', '/api/v1/cases', { 'prison.staff': 200, 'com.officer': 200, manager: 200, admin: 200 }],
    ['GET', '/api/v1/tasks', { 'prison.staff': 200, 'com.officer': 200, manager: 200, admin: 200 }],
    ['GET', '/api/v1/dashboard/overdue-releases', { 'prison.staff': 403, 'com.officer': 403, manager: 200, admin: 200 }],
    ['GET', '/api/v1/dashboard/caseloads', { 'prison.staff': 403, 'com.officer': 403, manager: 200, admin: 200 }],
    ['GET', '/api/v1/notifications', { 'prison.staff': 200, 'com.officer': 200, manager: 200, admin: 200 }],
    ['POST', '/api/v1/tasks/bulk-reassign', { 'prison.staff': 403, 'com.officer': 403, manager: 400, admin: 400 }],
    ['GET', '/api/v1/dashboard/handovers', { 'prison.staff': 403, 'com.officer': 403, manager: 200, admin: 200 }],
    ['GET', '/api/v1/dashboard/overdue-tasks', { 'prison.staff': 403, 'com.officer': 403, manager: 200, admin: 200 }],
    ['GET', '/api/v1/handovers', { 'prison.staff': 403, 'com.officer': 200, manager: 200, admin: 200 }],
    ['GET', '/api/v1/reports/outcomes', { 'prison.staff': 403, 'com.officer': 403, manager: 200, admin: 200 }],
    ['GET', '/api/v1/admin/users', { 'prison.staff': 403, 'com.officer': 403, manager: 403, admin: 200 }],
    ['GET', '/api/v1/admin/policy-versions', { 'prison.staff': 403, 'com.officer': 403, manager: 403, admin: 200 }],
    ['POST', '/api/v1/admin/users', { 'prison.staff': 403, 'com.officer': 403, manager: 403, admin: 400 }],
    ['POST', '/api/v1/imports', { 'prison.staff': 400, 'com.officer': 403, manager: 400, admin: 400 }],
    ['POST', '/api/v1/cases', { 'prison.staff': 400, 'com.officer': 400, manager: 400, admin: 400 }],
    ['POST', '/api/v1/timeline/preview', { 'prison.staff': 400, 'com.officer': 400, manager: 400, admin: 400 }],
    ['GET', '/api/v1/me', { 'prison.staff': 200, 'com.officer': 200, manager: 200, admin: 200 }],
  ];
  it.each(table)('%s %s', async (method, url, expected) => {
    for (const [user, status] of Object.entries(expected)) {
      const res = await s.request(method, url, { token: tokens[user], body: method === 'POST' ? {} : undefined });
      expect({ user, status: res.status }).toEqual({ user, status });
    }
    expect((await s.request(method, url, { body: method === 'POST' ? {} : undefined })).status).toBe(401);
  });
});

describe('dashboards', () => {
  it('shows a person due out soon with unmet needs and no COM on the overdue-releases view', async () => {
    const created = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase({ sentenceLengthMonths: 3, conditionalReleaseDate: today(40) }) })).body;
    // Unmet needs are needs found and not met: not yet screened is not unmet.
    const notScreened = await s.request('GET', '/api/v1/dashboard/overdue-releases', { token: tokens.manager });
    expect(notScreened.body.items.find((i: { id: string }) => i.id === created.id).reasons).not.toContain('UNMET_NEEDS');
    const screening = created.tasks.find((t: { type: string }) => t.type === 'CUSTODY_SCREENING');
    const needs = { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };
    expect((await s.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token: tokens['prison.staff'], body: { outcome: { needs } } })).status).toBe(200);
    const res = await s.request('GET', '/api/v1/dashboard/overdue-releases', { token: tokens.manager });
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { id: string }) => i.id === created.id);
    expect(item).toMatchObject({ reasons: expect.arrayContaining(['UNMET_NEEDS', 'NO_COM_ALLOCATED']), unmetPathways: ['ACCOMMODATION'] });
    const caseloads = await s.request('GET', '/api/v1/dashboard/caseloads?threshold=1', { token: tokens.manager });
    expect(caseloads.body.items.find((i: { username: string }) => i.username === 'prison.staff')).toMatchObject({ role: 'PRISON_STAFF' });
    // The region manager's officers only: YH prisons and probation teams, nobody from elsewhere.
    expect(caseloads.body.items.map((i: { username: string }) => i.username)).toEqual(expect.arrayContaining(['prison.staff', 'wakefield.staff', 'com.officer', 'com.officer2']));
    expect(caseloads.body.items.every((i: { prisonCode: string | null; teamCode: string | null }) => ['LEI', 'WDI', 'HMI', 'MDI'].includes(i.prisonCode ?? '') || (i.teamCode ?? '').startsWith('YH-'))).toBe(true);
  });

  it('pages the overdue releases with a true total, and counts COM allocations by state beyond the rows it returns', async () => {
    for (let i = 0; i < 3; i += 1) await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase({ sentenceLengthMonths: 3, conditionalReleaseDate: today(30 + i) }) });
    const all = await s.request('GET', '/api/v1/dashboard/overdue-releases', { token: tokens.manager });
    expect(all.body.total).toBe(all.body.items.length);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const first = await s.request('GET', '/api/v1/dashboard/overdue-releases?pageSize=2', { token: tokens.manager });
    const second = await s.request('GET', '/api/v1/dashboard/overdue-releases?pageSize=2&page=2', { token: tokens.manager });
    expect(first.body).toMatchObject({ total: all.body.total, page: 1, pageSize: 2 });
    expect([...first.body.items, ...second.body.items].map((i: { id: string }) => i.id)).toEqual(all.body.items.slice(0, 4).map((i: { id: string }) => i.id));
    expect((await s.request('GET', '/api/v1/dashboard/overdue-releases?pageSize=501', { token: tokens.manager })).status).toBe(400);
    const csv = await s.request('GET', '/api/v1/dashboard/overdue-releases?format=csv', { token: tokens.manager });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,prisonNumber,givenName,familyName,prisonCode,stage,releaseDate,reasons,unmetPathways,overdueTasks');
    expect(lines).toHaveLength(all.body.total + 1);
    const handovers = await s.request('GET', '/api/v1/dashboard/handovers?limit=1', { token: tokens.manager });
    expect(handovers.body.items.length).toBeLessThanOrEqual(1);
    const { DUE, OVERDUE, ESCALATED } = handovers.body.byState;
    expect(DUE + OVERDUE + ESCALATED).toBe(handovers.body.total);
    expect(handovers.body.total).toBe((await s.request('GET', '/api/v1/tasks?type=COM_ALLOCATION&status=OPEN,IN_PROGRESS&pageSize=1', { token: tokens.manager })).body.total);
  });
});

describe('bulk import from CSV', () => {
  const header = 'prisonNumber,givenName,familyName,dateOfBirth,prisonCode,receptionAt,sentenceStartDate,sentenceType,sentenceLengthMonths,conditionalReleaseDate,offenceCategory';
  async function waitDone(id: string) {
    for (let i = 0; i < 100; i += 1) {
      const r = await s.request('GET', `/api/v1/imports/${id}`, { token: tokens['prison.staff'] });
      if (r.body.status === 'DONE') return r.body;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('import did not finish');
  }

  it('reports bad rows by row and column, starts the good ones, and starts nothing twice on a re-import', async () => {
    const a = prisonNumber();
    const b = prisonNumber();
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const csv = [
      header,
      `${a},Ann,Import,1985-05-05,LEI,${now},${today()},DETERMINATE,18,${today(200)},OTHER`,
      `BAD,Bob,Import,1985-13-05,LEI,${now},${today()},DETERMINATE,18,${today(200)},OTHER`,
      `${b},Cy,Import,1986-06-06,LEI,${now},${today()},LIFE,18,${today(200)},OTHER`,
    ].join('\n');
    const started = await s.request('POST', '/api/v1/imports', { token: tokens['prison.staff'], body: csv, headers: { 'content-type': 'text/csv' } });
    expect(started.status).toBe(202);
    const done = await waitDone(started.body.id);
    expect(done).toMatchObject({ total: 3, processed: 3, created: 1, failed: 2, skipped: 0 });
    expect(done.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 3, column: 'prisonNumber' }),
      expect.objectContaining({ row: 3, column: 'dateOfBirth' }),
      expect.objectContaining({ row: 4, column: 'sentenceType' }),
    ]));
    const again = await s.request('POST', '/api/v1/imports', { token: tokens['prison.staff'], body: csv, headers: { 'content-type': 'text/csv' } });
    const second = await waitDone(again.body.id);
    expect(second).toMatchObject({ created: 0, skipped: 1, failed: 2 });
    const rows = await s.ds.query(`SELECT count(*)::int AS n FROM cases WHERE prison_number = ANY($1)`, [[a, b]]);
    expect(rows[0].n).toBe(1);
    expect((await s.request('POST', '/api/v1/imports', { token: tokens['com.officer'], body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(403);
    // The API's problems carry no cells (the page's download of the rows to fix has them).
    expect(done.errors.every((e: object) => !('cells' in e))).toBe(true);
  });

  it('imports the download of the rows with problems once fixed: its row and problems columns are ignored', async () => {
    const c = prisonNumber();
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const fixed = [`row,problems,${header}`, `3,"Date of birth (dateOfBirth): must be a real date, YYYY-MM-DD",${c},Bob,Import,1985-12-05,LEI,${now},${today()},DETERMINATE,18,${today(200)},OTHER`].join('\r\n');
    const started = await s.request('POST', '/api/v1/imports', { token: tokens['prison.staff'], body: fixed, headers: { 'content-type': 'text/csv' } });
    expect(started.status).toBe(202);
    expect(await waitDone(started.body.id)).toMatchObject({ total: 1, created: 1, failed: 0, errors: [] });
    const found = await s.request('GET', `/api/v1/cases?q=${c}`, { token: tokens['prison.staff'] });
    expect(found.body.items).toEqual([expect.objectContaining({ prisonNumber: c, givenName: 'Bob', familyName: 'Import' })]);
  });

  it('records sex at reception from an optional column, and refuses a value it does not know by row and column', async () => {
    const [woman, unrecorded, bad] = [prisonNumber(), prisonNumber(), prisonNumber()];
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const csv = [
      `${header},sex`,
      `${woman},Wendy,Import,1985-05-05,LEI,${now},${today()},DETERMINATE,18,${today(200)},OTHER,FEMALE`,
      `${unrecorded},Una,Import,1985-05-05,LEI,${now},${today()},DETERMINATE,18,${today(200)},OTHER,`,
      `${bad},Bea,Import,1985-05-05,LEI,${now},${today()},DETERMINATE,18,${today(200)},OTHER,F`,
    ].join('\r\n');
    const started = await s.request('POST', '/api/v1/imports', { token: tokens['prison.staff'], body: csv, headers: { 'content-type': 'text/csv' } });
    expect(started.status).toBe(202);
    const done = await waitDone(started.body.id);
    expect(done).toMatchObject({ total: 3, created: 2, failed: 1 });
    expect(done.errors).toEqual([expect.objectContaining({ row: 4, column: 'sex' })]);
    const rows = await s.ds.query(`SELECT prison_number, sex FROM cases WHERE prison_number = ANY($1) ORDER BY given_name`, [[woman, unrecorded, bad]]);
    expect(rows).toEqual([{ prison_number: unrecorded, sex: null }, { prison_number: woman, sex: 'FEMALE' }]);
  });
});

describe('handover pack, inbox, notifications and reports', () => {
  it('gives the COM an inbox and a handover pack once allocated, and managers an outcomes report', async () => {
    const created = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase({ sentenceLengthMonths: 3, conditionalReleaseDate: today(60) }) })).body;
    const screening = created.tasks.find((t: { type: string }) => t.type === 'CUSTODY_SCREENING');
    const needs = { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };
    await s.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token: tokens['prison.staff'], body: { outcome: { needs } } });
    const allocation = (await s.request('GET', `/api/v1/tasks?caseId=${created.id}&type=COM_ALLOCATION`, { token: tokens.manager })).body.items[0];
    expect(allocation).toMatchObject({ type: 'COM_ALLOCATION', side: 'MANAGER' });
    expect((await s.request('POST', `/api/v1/tasks/${allocation.id}/complete`, { token: tokens['prison.staff'], body: { outcome: { comUserId: 'u-com-officer', teamCode: 'YH-LEEDS-N' } } })).status).toBe(403);
    const bad = await s.request('POST', `/api/v1/tasks/${allocation.id}/complete`, { token: tokens.manager, body: { outcome: { comUserId: 'u-prison-staff', teamCode: 'YH-LEEDS-N' } } });
    expect(bad.status).toBe(400);
    expect((await s.request('POST', `/api/v1/tasks/${allocation.id}/complete`, { token: tokens.manager, body: { outcome: { comUserId: 'u-com-officer', teamCode: 'YH-LEEDS-N' } } })).status).toBe(200);

    const inbox = await s.request('GET', '/api/v1/handovers', { token: tokens['com.officer'] });
    expect(inbox.body.items.find((i: { id: string }) => i.id === created.id)).toMatchObject({ handoverStatus: 'AWAITING_ACCEPTANCE', acceptanceTaskId: expect.any(String) });
    expect((await s.request('GET', '/api/v1/handovers', { token: tokens['com.officer2'] })).body.items.map((i: { id: string }) => i.id)).not.toContain(created.id);
    // Waiting for a decision first; paged with the total.
    expect(inbox.body.items[0].handoverStatus).toBe('AWAITING_ACCEPTANCE');
    const onePage = await s.request('GET', '/api/v1/handovers?pageSize=1&page=2', { token: tokens['com.officer'] });
    expect(onePage.body).toMatchObject({ total: inbox.body.total, page: 2, pageSize: 1 });
    expect(onePage.body.items.map((i: { id: string }) => i.id)).toEqual(inbox.body.items.slice(1, 2).map((i: { id: string }) => i.id));
    const pack = await s.request('GET', `/api/v1/cases/${created.id}/handover-pack`, { token: tokens['com.officer'] });
    expect(pack.status).toBe(200);
    expect(pack.body).toMatchObject({ caseId: created.id, person: { prisonNumber: created.prisonNumber }, risk: { roshLevel: null }, victimContact: { eligible: false } });
    expect(pack.body.pathways).toHaveLength(7);

    const notes = await s.request('GET', '/api/v1/notifications', { token: tokens['com.officer'] });
    expect(notes.body.items.some((n: { caseId: string; kind: string }) => n.caseId === created.id && n.kind === 'HANDOVER')).toBe(true);
    expect(notes.body.unread).toBeGreaterThan(0);
    const read = await s.request('POST', '/api/v1/notifications/read', { token: tokens['com.officer'], body: { ids: 'all' } });
    expect(read.body.marked).toBeGreaterThan(0);
    expect((await s.request('GET', '/api/v1/notifications', { token: tokens['com.officer'] })).body.unread).toBe(0);

    // Reallocation: the new COM and team see the case and its pending acceptance; the old team no longer does.
    expect((await s.request('POST', `/api/v1/cases/${created.id}/com`, { token: tokens['com.officer'], body: { comUserId: 'u-com-officer-2', teamCode: 'YH-LEEDS-S', reason: 'Caseload' } })).status).toBe(403);
    const moved = await s.request('POST', `/api/v1/cases/${created.id}/com`, { token: tokens.manager, body: { comUserId: 'u-com-officer-2', teamCode: 'YH-LEEDS-S', reason: 'Officer on long-term leave' } });
    expect(moved.status).toBe(200);
    expect(moved.body.handover).toMatchObject({ comUserId: 'u-com-officer-2', comTeamCode: 'YH-LEEDS-S' });
    expect(moved.body.tasks.find((t: { type: string; status: string }) => t.type === 'HANDOVER_ACCEPTANCE' && t.status !== 'COMPLETED').assignee).toBe('u-com-officer-2');
    expect((await s.request('GET', `/api/v1/cases/${created.id}`, { token: tokens['com.officer2'] })).status).toBe(200);
    expect((await s.request('GET', `/api/v1/cases/${created.id}`, { token: tokens['com.officer'] })).status).toBe(404);

    const report = await s.request('GET', '/api/v1/reports/outcomes?groupBy=prison', { token: tokens.manager });
    expect(report.status).toBe(200);
    expect(report.body.items.find((r: { group: string }) => r.group === 'LEI')).toMatchObject({ released: expect.any(Number) });
    const csv = await s.request('GET', '/api/v1/reports/outcomes?groupBy=region&format=csv', { token: tokens.manager });
    expect(csv.text.split('\r\n')[0]).toContain('settledAccommodationPct');
    expect((await s.request('GET', '/api/v1/reports/outcomes', { token: tokens['prison.staff'] })).status).toBe(403);
  });
});

describe('administration', () => {
  it('admins create users with a scope; others may not', async () => {
    expect((await s.request('GET', '/api/v1/admin/users', { token: tokens.manager })).status).toBe(403);
    const missing = await s.request('POST', '/api/v1/admin/users', { token: tokens.admin, body: { username: 'new.staff', displayName: 'New Staff', role: 'PRISON_STAFF', password: 'a-long-enough-password' } });
    expect(missing.status).toBe(400);
    expect(missing.body.problems).toEqual([{ field: 'prisonCode', reason: 'is required for prison staff' }]);
    const created = await s.request('POST', '/api/v1/admin/users', { token: tokens.admin, body: { username: 'new.staff', displayName: 'New Staff', role: 'PRISON_STAFF', prisonCode: 'WDI', password: 'a-long-enough-password' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'new.staff', role: 'PRISON_STAFF', prisonCode: 'WDI', active: true });
    const token = await s.token('new.staff', 'a-long-enough-password');
    expect((await s.request('GET', '/api/v1/me', { token })).body.prisonCode).toBe('WDI');
    const off = await s.request('PATCH', `/api/v1/admin/users/${created.body.id}`, { token: tokens.admin, body: { active: false } });
    expect(off.body.active).toBe(false);
    expect((await s.request('GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('adds a validated policy version that new cases from its effective date run on', async () => {
    const current = (await s.request('GET', '/api/v1/admin/policy-versions', { token: tokens.admin })).body.items[0];
    const bad = await s.request('POST', '/api/v1/admin/policy-versions', { token: tokens.admin, body: { ...current, id: 'bad', figures: { ...current.figures, lostContact: { workingDays: -1, escalateAfterWorkingDays: 5 } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('figures.lostContact.workingDays');
    const tomorrow = today(1);
    const version = { ...current, id: `e2e-48h-${Date.now()}`, effectiveFrom: tomorrow, description: 'Custody screening within 48 hours', figures: { ...current.figures, custodyScreeningHours: 48 } };
    expect((await s.request('POST', '/api/v1/admin/policy-versions', { token: tokens.admin, body: version })).status).toBe(201);
    expect((await s.request('POST', '/api/v1/admin/policy-versions', { token: tokens.admin, body: version })).status).toBe(409);
    const receptionAt = `${tomorrow}T09:00:00Z`;
    const created = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase({ receptionAt, sentenceStartDate: tomorrow }) });
    expect(created.status).toBe(201);
    expect(created.body.keyDates).toMatchObject({ policyVersion: version.id, custodyScreeningDueAt: new Date(Date.parse(receptionAt) + 48 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') });
    expect(created.body.policyVersion).toBe(version.id);
    const todayCase = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase() });
    expect(todayCase.body.keyDates.policyVersion).toBe(current.id); // a case received today keeps today's version
  });
});
