import { newCaseBody, today } from './case-bodies';
import { Stack } from './stack';

/**
 * The dashboard counters the projection keeps agree with the lists they summarise after each
 * kind of command, for a region manager, a prison manager, an administrator and a probation
 * team; and the drift check finds nothing to mend.
 */
jest.setTimeout(240_000);

let s: Stack;
const tokens: Record<string, string> = {};
const OPEN = 'status=OPEN,IN_PROGRESS';
/** A filter that matches every task but that no counter serves, so a list's total is counted from its rows. */
const FROM_ROWS = 'dueFrom=2000-01-01';

beforeAll(async () => {
  s = await Stack.start();
  for (const u of ['prison.staff', 'com.officer', 'manager', 'admin']) tokens[u] = await s.token(u);
  const username = `lei.manager.${Date.now()}`;
  const created = await s.request('POST', '/api/v1/admin/users', { token: tokens.admin, body: { username, displayName: 'Leeds Manager', role: 'MANAGER', prisonCode: 'LEI', regionCode: 'YH', password: 'a-long-enough-password' } });
  expect(created.status).toBe(201);
  tokens.prisonManager = await s.token(username, 'a-long-enough-password');
});
afterAll(async () => s?.stop());

const get = async (url: string, who: string) => {
  const res = await s.request('GET', url, { token: tokens[who] });
  expect({ url, status: res.status }).toEqual({ url, status: 200 });
  return res.body;
};

/** What the dashboard says and what the lists it summarises say, for one manager. */
async function figures(who: 'manager' | 'prisonManager' | 'admin') {
  const [releases, listed, handovers, allocations, overdueAllocations, byTeam, overdue, caseloads] = await Promise.all([
    get('/api/v1/dashboard/overdue-releases?pageSize=1', who),
    get('/api/v1/dashboard/overdue-releases?pageSize=500', who),
    get('/api/v1/dashboard/handovers?limit=1', who),
    get(`/api/v1/tasks?type=COM_ALLOCATION&${OPEN}&${FROM_ROWS}&pageSize=1`, who),
    get(`/api/v1/tasks?type=COM_ALLOCATION&overdue=true&${FROM_ROWS}&pageSize=1`, who),
    get('/api/v1/dashboard/overdue-tasks', who),
    get(`/api/v1/tasks?overdue=true&${FROM_ROWS}&pageSize=1`, who),
    get('/api/v1/dashboard/caseloads?threshold=1', who),
  ]);
  // The task list's own totals, which a manager's lists take from the counters.
  const [listedOpen, listedOverdue, openFromRows, allocationsListed] = await Promise.all([
    get(`/api/v1/tasks?${OPEN}&pageSize=1`, who),
    get('/api/v1/tasks?overdue=true&pageSize=1', who),
    get(`/api/v1/tasks?${OPEN}&${FROM_ROWS}&pageSize=1`, who),
    get(`/api/v1/tasks?type=COM_ALLOCATION&${OPEN}&side=MANAGER&pageSize=1`, who),
  ]);
  const allocationsFromRows = await get(`/api/v1/tasks?type=COM_ALLOCATION&${OPEN}&side=MANAGER&${FROM_ROWS}&pageSize=1`, who);
  // The outcome report over a window of release dates (what the dashboard asks) comes from the counters; without one, from the rows.
  const [outcomesCounted, outcomesFromRows] = await Promise.all([get('/api/v1/reports/outcomes?groupBy=prison&from=1900-01-01&to=2999-12-31', who), get('/api/v1/reports/outcomes?groupBy=prison', who)]);
  const officers = caseloads.items.filter((i: { openTasks: number }) => i.openTasks > 0).slice(0, 3) as { userId: string; openTasks: number; overdueTasks: number }[];
  const held = await Promise.all(officers.map(async (o) => [(await get(`/api/v1/tasks?assignee=${o.userId}&${OPEN}&pageSize=1`, who)).total, (await get(`/api/v1/tasks?assignee=${o.userId}&overdue=true&pageSize=1`, who)).total]));
  return {
    dashboard: {
      overdueReleases: releases.total,
      allocations: handovers.total,
      overdueAllocations: handovers.byState.OVERDUE + handovers.byState.ESCALATED,
      overdueTasks: byTeam.items.reduce((n: number, t: { overdue: number }) => n + t.overdue, 0),
      held: officers.map((o) => [o.openTasks, o.overdueTasks]),
      listTotals: [listedOpen.total, listedOverdue.total, allocationsListed.total],
      outcomes: outcomesCounted,
    },
    lists: {
      overdueReleases: listed.items.length,
      allocations: allocations.total,
      overdueAllocations: overdueAllocations.total,
      overdueTasks: overdue.total,
      held,
      listTotals: [openFromRows.total, overdue.total, allocationsFromRows.total],
      outcomes: outcomesFromRows,
    },
  };
}

/** A probation team's counters against its rows: open tasks by type and side. */
async function teamAgrees(team: string): Promise<void> {
  const counted = await s.ds.query(`SELECT side, value AS type, sum(open_n)::int AS n FROM task_counters WHERE scope_kind = 'team' AND scope_code = $1 AND dim = 'type' GROUP BY 1, 2 HAVING sum(open_n) > 0 ORDER BY 1, 2`, [team]);
  const rows = await s.ds.query(`SELECT side, type, count(*)::int AS n FROM tasks WHERE com_team_code = $1 AND status IN ('OPEN','IN_PROGRESS') GROUP BY 1, 2 ORDER BY 1, 2`, [team]);
  expect(counted).toEqual(rows);
}

/** After a command: the drift check finds nothing, and each scope's dashboard matches its lists (a timer may fire between reads: asked again). */
async function expectAgreement(after: string): Promise<void> {
  const check = await s.request('POST', '/api/v1/admin/counters/check', { token: tokens.admin });
  expect({ after, status: check.status, drifted: check.body.drifted, examples: check.body.examples }).toEqual({ after, status: 200, drifted: { task_counters: 0, release_counters: 0, officer_counters: 0, outcome_counters: 0, outcome_month_counters: 0, late_handover_counters: 0, resettlement_counters: 0, resettlement_month_counters: 0 }, examples: [] });
  for (const who of ['manager', 'prisonManager', 'admin'] as const) {
    let f = await figures(who);
    for (let i = 0; i < 5 && JSON.stringify(f.dashboard) !== JSON.stringify(f.lists); i += 1) f = await figures(who);
    expect({ after, who, ...f.dashboard }).toEqual({ after, who, ...f.lists });
  }
  await teamAgrees('YH-LEEDS-N');
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const receivedDaysAgo = (days: number) => ({ receptionAt: new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'), sentenceStartDate: today(-days) });
const post = async (url: string, who: string, body: unknown) => {
  const res = await s.request('POST', url, { token: tokens[who], body });
  expect({ url, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ url, status: 200, body: null });
  return res.body;
};
const taskOf = async (caseId: string, type: string) => (await get(`/api/v1/tasks?caseId=${caseId}&type=${type}&${OPEN}`, 'manager')).items[0] as { id: string };

describe('dashboard counters', () => {
  it('agree with the lists after create, complete, transfer, release-date change, handover, release and closure', async () => {
    await expectAgreement('start');
    // Create: due out in 30 days, received 40 days ago (screening overdue at once).
    const a = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCaseBody('K', { sentenceLengthMonths: 3, conditionalReleaseDate: today(30), ...receivedDaysAgo(40) }) })).body;
    expect(a.id).toEqual(expect.any(String));
    await expectAgreement('create');

    const screening = await taskOf(a.id, 'CUSTODY_SCREENING');
    const needs = { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };
    await post(`/api/v1/tasks/${screening.id}/claim`, 'prison.staff', {});
    await expectAgreement('claim');
    await post(`/api/v1/tasks/${screening.id}/complete`, 'prison.staff', { outcome: { needs } });
    await expectAgreement('complete');

    const b = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCaseBody('K', { sentenceLengthMonths: 3, conditionalReleaseDate: today(50), ...receivedDaysAgo(20) }) })).body;
    await post(`/api/v1/cases/${b.id}/transfer`, 'prison.staff', { prisonCode: 'WDI', reason: 'Nearer to family' });
    await expectAgreement('transfer');

    const moved = await s.request('PUT', `/api/v1/cases/${a.id}/release-dates`, { token: tokens['prison.staff'], body: { conditionalReleaseDate: today(120), reason: 'Recalculated by the custody office' } });
    expect(moved.status).toBe(200);
    await expectAgreement('release-date change');

    const allocation = await taskOf(a.id, 'COM_ALLOCATION');
    await post(`/api/v1/tasks/${allocation.id}/complete`, 'manager', { outcome: { comUserId: 'u-com-officer', teamCode: 'YH-LEEDS-N' } });
    await expectAgreement('COM allocation');
    const acceptance = await taskOf(a.id, 'HANDOVER_ACCEPTANCE');
    await post(`/api/v1/tasks/${acceptance.id}/complete`, 'com.officer', { outcome: { decision: 'ACCEPTED' } });
    await expectAgreement('handover accepted');

    // Release: due out today; the release outcomes open on the day.
    const c = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCaseBody('K', { sentenceLengthMonths: 2, conditionalReleaseDate: today(0), ...receivedDaysAgo(40) }) })).body;
    await until('release outcomes task', async () => (await get(`/api/v1/tasks?caseId=${c.id}&type=RELEASE_OUTCOMES`, 'manager')).total > 0);
    const releaseTask = await taskOf(c.id, 'RELEASE_OUTCOMES');
    const releasedOn = (await get(`/api/v1/cases/${c.id}`, 'manager')).keyDates.releaseDate as string;
    await post(`/api/v1/tasks/${releaseTask.id}/complete`, 'prison.staff', { outcome: { releasedOn, accommodation: 'TEMPORARY', workOrTraining: 'NONE', bankAccount: true, id: false, debts: 'NO_DEBTS' } });
    await until('supervision', async () => (await get(`/api/v1/cases/${c.id}`, 'manager')).stage === 'SUPERVISION');
    await expectAgreement('release');

    // Recall: back in custody, not due out; the overdue-release list and its count leave them out.
    await post(`/api/v1/cases/${c.id}/recall`, 'manager', { reason: 'Licence breached' });
    await until('recalled', async () => (await get(`/api/v1/cases/${c.id}`, 'manager')).stage === 'RECALLED');
    await expectAgreement('recall');
    const releasesListed = await get('/api/v1/dashboard/overdue-releases?pageSize=500', 'manager');
    expect(releasesListed.items.map((i: { id: string }) => i.id)).not.toContain(c.id);

    await post(`/api/v1/cases/${b.id}/close`, 'manager', { reason: 'Sentence quashed on appeal' });
    await expectAgreement('closure');
  });

  it('finds and mends drift', async () => {
    await s.ds.query(`UPDATE task_counters SET open_n = open_n + 3 WHERE ctid = (SELECT ctid FROM task_counters WHERE scope_kind = 'region' LIMIT 1)`);
    const found = await s.request('POST', '/api/v1/admin/counters/check', { token: tokens.admin });
    expect(found.body).toMatchObject({ drifted: { task_counters: 1, release_counters: 0, officer_counters: 0 }, mended: false });
    expect(found.body.examples[0].stored.open_n - found.body.examples[0].counted.open_n).toBe(3);
    expect((await s.request('POST', '/api/v1/admin/counters/check?mend=true', { token: tokens.admin })).body).toMatchObject({ drifted: { task_counters: 1 }, mended: true });
    expect((await s.request('POST', '/api/v1/admin/counters/check', { token: tokens.admin })).body.drifted).toEqual({ task_counters: 0, release_counters: 0, officer_counters: 0, outcome_counters: 0, outcome_month_counters: 0, late_handover_counters: 0, resettlement_counters: 0, resettlement_month_counters: 0 });
    expect((await s.request('POST', '/api/v1/admin/counters/check', { token: tokens.manager })).status).toBe(403);
    expect((await s.request('POST', '/api/v1/admin/counters/check?mend=yes', { token: tokens.admin })).status).toBe(400);
  });
});
