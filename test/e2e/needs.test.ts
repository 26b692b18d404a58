import { newCaseBody, today } from './case-bodies';
import { Stack, type ApiResponse } from './stack';

/** The living resettlement plan over HTTP: needs from screening, added and revised, with bad input refused and nothing written. */
jest.setTimeout(180_000);

let s: Stack;
const tokens: Record<string, string> = {};
const NO_NEEDS = { ACCOMMODATION: false, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };

interface Need { pathway: string; status: string; reason: string | null; open: string[]; history: { by: string; from: string; to: string; reason: string | null }[] }

beforeAll(async () => {
  s = await Stack.start();
  for (const u of ['prison.staff', 'com.officer', 'manager']) tokens[u] = await s.token(u);
});
afterAll(async () => s?.stop());

const as = (user: string) => ({
  get: (url: string) => s.request('GET', url, { token: tokens[user] }),
  post: (url: string, body: unknown) => s.request('POST', url, { token: tokens[user], body }),
});
const staff = as('prison.staff');

async function receiveAndScreen(needs: Record<string, boolean>, sentence: Record<string, unknown> = {}): Promise<string> {
  const created = await staff.post('/api/v1/cases', newCaseBody('N', { givenName: 'Sam', familyName: 'Needs', dateOfBirth: '1988-02-03', ...sentence }));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const before = (await staff.get(`/api/v1/cases/${id}`)).body;
  expect(before).toMatchObject({ needs: [], unmetNeeds: false, unmetNeedList: [] });
  const screening = before.tasks.find((t: { type: string }) => t.type === 'CUSTODY_SCREENING');
  const done = await staff.post(`/api/v1/tasks/${screening.id}/complete`, { outcome: { immediateNeeds: ['Insulin on the day of release'], riskFlags: ['Self-harm history'], needs } });
  expect(done.status).toBe(200);
  return id;
}

const needOf = (res: ApiResponse, p: string): Need => (res.body.needs as Need[]).find((x) => x.pathway === p) as Need;
const field = (res: ApiResponse) => (res.body.problems ?? []).map((p: { field: string }) => p.field);

describe('needs and the living plan', () => {
  it('tracks screening needs, refuses bad input naming the field with nothing written, and adds and revises needs and actions', async () => {
    const id = await receiveAndScreen({ ...NO_NEEDS, ACCOMMODATION: true });
    let c = await staff.get(`/api/v1/cases/${id}`);
    expect(c.body.needs).toHaveLength(7);
    expect(needOf(c, 'ACCOMMODATION')).toMatchObject({ status: 'SUPPORT_REQUIRED', reason: null, history: [{ from: 'NOT_STARTED', to: 'SUPPORT_REQUIRED', by: 'u-prison-staff' }] });
    expect(needOf(c, 'HEALTH')).toMatchObject({ status: 'SUPPORT_NOT_REQUIRED', reason: 'No need found at custody screening' });
    expect(c.body).toMatchObject({ unmetNeeds: true, unmetNeedList: ['ACCOMMODATION'], immediateNeeds: ['Insulin on the day of release'], riskFlags: ['Self-harm history'] });
    const version = c.body.stateVersion as number;

    // Bad input: a 400 naming the field, and nothing written.
    const unknownNeed = await staff.post(`/api/v1/cases/${id}/needs`, { pathway: 'HOUSING', reason: 'Sofa surfing' });
    expect(unknownNeed.status).toBe(400);
    expect(field(unknownNeed)).toEqual(['pathway']);
    const noReason = await staff.post(`/api/v1/cases/${id}/needs/HEALTH/status`, { status: 'SUPPORT_DECLINED' });
    expect(noReason.status).toBe(400);
    expect(field(noReason)).toEqual(['reason']);
    const unknownInPath = await staff.post(`/api/v1/cases/${id}/needs/HOUSING/status`, { status: 'SUPPORT_REQUIRED' });
    expect(field(unknownInPath)).toEqual(['pathway']);
    const wrongAction = await staff.post(`/api/v1/cases/${id}/needs/ACCOMMODATION/actions`, { taskType: 'BANK_ACCOUNT', dueDate: today(20) });
    expect(wrongAction.status).toBe(400);
    expect(field(wrongAction)).toEqual(['taskType']);
    const alreadyOpen = await staff.post(`/api/v1/cases/${id}/needs`, { pathway: 'ACCOMMODATION', reason: 'Again' });
    expect(alreadyOpen.status).toBe(400);
    expect(field(alreadyOpen)).toEqual(['pathway']);
    const plan = c.body.tasks.find((t: { type: string }) => t.type === 'RESETTLEMENT_PLAN');
    const misfit = await staff.post(`/api/v1/tasks/${plan.id}/complete`, { outcome: { accommodation: 'NONE' } });
    expect(misfit.status).toBe(400);
    expect(field(misfit)).toEqual(expect.arrayContaining(['outcome.pathways']));
    // A plan cannot call a need done: only an outcome that meets it can.
    const ticked = await staff.post(`/api/v1/tasks/${plan.id}/complete`, { outcome: { pathways: Object.fromEntries(Object.keys(c.body.pathways).map((p) => [p, { status: p === 'ACCOMMODATION' ? 'DONE' : 'SUPPORT_REQUIRED' }])) } });
    expect(ticked.status).toBe(400);
    expect(field(ticked)).toEqual(['outcome.pathways.ACCOMMODATION.status']);
    c = await staff.get(`/api/v1/cases/${id}`);
    expect(c.body.stateVersion).toBe(version);
    expect(needOf(c, 'HEALTH').history).toHaveLength(1);

    // Add a need: support required, its work opened (in progress).
    const added = await staff.post(`/api/v1/cases/${id}/needs`, { pathway: 'HEALTH', reason: 'Diabetes: needs a GP on release' });
    expect(added.status).toBe(201);
    expect(needOf(added, 'HEALTH')).toMatchObject({ status: 'IN_PROGRESS', open: ['PATHWAY_SUPPORT'] });
    expect(needOf(added, 'HEALTH').history.map((h) => `${h.from}>${h.to}:${h.reason ?? ''}`)).toEqual([
      'NOT_STARTED>SUPPORT_NOT_REQUIRED:No need found at custody screening',
      'SUPPORT_NOT_REQUIRED>SUPPORT_REQUIRED:Diabetes: needs a GP on release',
      'SUPPORT_REQUIRED>IN_PROGRESS:Work on the need has started',
    ]);
    const support = added.body.tasks.find((t: { type: string; pathway: string }) => t.type === 'PATHWAY_SUPPORT' && t.pathway === 'HEALTH');
    expect(support.status).toBe('OPEN');
    expect(added.body.unmetNeedList).toEqual(['ACCOMMODATION', 'HEALTH']);

    // Revise it: declined, with the reason; its open work is cancelled; the manager may do it too.
    const declined = await as('manager').post(`/api/v1/cases/${id}/needs/HEALTH/status`, { status: 'SUPPORT_DECLINED', reason: 'Registered with own GP' });
    expect(declined.status).toBe(200);
    expect(needOf(declined, 'HEALTH')).toMatchObject({ status: 'SUPPORT_DECLINED', reason: 'Registered with own GP', open: [] });
    expect(needOf(declined, 'HEALTH').history.at(-1)).toMatchObject({ by: 'u-manager', from: 'IN_PROGRESS', to: 'SUPPORT_DECLINED', reason: 'Registered with own GP' });
    expect(declined.body.tasks.find((t: { id: string }) => t.id === support.id).status).toBe('CANCELLED');
    expect(declined.body.unmetNeedList).toEqual(['ACCOMMODATION']);

    // Add an action to a need, with its own due date.
    const action = await staff.post(`/api/v1/cases/${id}/needs/ACCOMMODATION/actions`, { taskType: 'SECURE_ADDRESS', dueDate: today(30), title: 'Ask the approved premises team' });
    expect(action.status).toBe(201);
    const task = action.body.tasks.find((t: { title: string }) => t.title === 'Ask the approved premises team');
    expect(task).toMatchObject({ type: 'SECURE_ADDRESS', pathway: 'ACCOMMODATION', status: 'OPEN' });
    expect(needOf(action, 'ACCOMMODATION')).toMatchObject({ status: 'IN_PROGRESS', open: ['SECURE_ADDRESS'] });

    // The handover pack carries the needs, the immediate needs and the risk flags.
    const pack = await staff.get(`/api/v1/cases/${id}/handover-pack`);
    expect(pack.status).toBe(200);
    expect(pack.body).toMatchObject({ immediateNeeds: ['Insulin on the day of release'], riskFlags: ['Self-harm history'], unmetNeeds: ['ACCOMMODATION'] });
    expect(pack.body.needs.map((x: Need) => `${x.pathway}:${x.status}`)).toEqual(expect.arrayContaining(['ACCOMMODATION:IN_PROGRESS', 'HEALTH:SUPPORT_DECLINED']));
  });

  it('shows unmet needs only where a need is unmet: none when screening found no need', async () => {
    const id = await receiveAndScreen(NO_NEEDS);
    const c = await staff.get(`/api/v1/cases/${id}`);
    expect(c.body.needs.every((x: Need) => x.status === 'SUPPORT_NOT_REQUIRED')).toBe(true);
    expect(c.body).toMatchObject({ unmetNeeds: false, unmetNeedList: [] });
    const list = await staff.get(`/api/v1/cases?q=${c.body.prisonNumber}&format=csv`);
    expect(list.text.split('\n')[1]).toContain(',false,');
    // A COM outside the case's scope cannot change its plan.
    const com = await as('com.officer').post(`/api/v1/cases/${id}/needs`, { pathway: 'HEALTH', reason: 'x' });
    expect(com.status).toBe(404);
  });

  it('revises the needs at the pre-release review: each with the reason its status requires, bad input refused with nothing written', async () => {
    // Due out in 60 days: the pre-release review window is already open.
    const id = await receiveAndScreen({ ...NO_NEEDS, ACCOMMODATION: true }, { sentenceLengthMonths: 4, conditionalReleaseDate: today(60) });
    const action = await staff.post(`/api/v1/cases/${id}/needs/ACCOMMODATION/actions`, { taskType: 'SECURE_ADDRESS', dueDate: today(40) });
    expect(action.status).toBe(201);
    let c = action;
    for (let i = 0; i < 100 && !c.body.tasks.some((t: { type: string }) => t.type === 'PRE_RELEASE_REVIEW'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      c = await staff.get(`/api/v1/cases/${id}`);
    }
    const review = c.body.tasks.find((t: { type: string }) => t.type === 'PRE_RELEASE_REVIEW');
    expect(review).toMatchObject({ status: 'OPEN' });
    const version = c.body.stateVersion as number;
    const reviewed = { needsReviewed: true, provisionalFirstAppointment: { date: today(61), location: 'Leeds probation office' } };

    const noReason = await staff.post(`/api/v1/tasks/${review.id}/complete`, { outcome: { ...reviewed, needs: { ACCOMMODATION: { status: 'SUPPORT_DECLINED' } } } });
    expect(noReason.status).toBe(400);
    expect(field(noReason)).toEqual(['outcome.needs.ACCOMMODATION.reason']);
    const unknown = await staff.post(`/api/v1/tasks/${review.id}/complete`, { outcome: { ...reviewed, needs: { HOUSING: { status: 'SUPPORT_REQUIRED' } } } });
    expect(unknown.status).toBe(400);
    expect(field(unknown)).toEqual(['outcome.needs']);
    const met = await staff.post(`/api/v1/tasks/${review.id}/complete`, { outcome: { ...reviewed, needs: { HEALTH: { status: 'MET' } } } });
    expect(field(met)).toEqual(['outcome.needs.HEALTH.status']);
    c = await staff.get(`/api/v1/cases/${id}`);
    expect(c.body.stateVersion).toBe(version);
    expect(c.body.tasks.find((t: { id: string }) => t.id === review.id).status).toBe('OPEN');

    const done = await staff.post(`/api/v1/tasks/${review.id}/complete`, {
      outcome: { ...reviewed, needs: { ACCOMMODATION: { status: 'SUPPORT_DECLINED', reason: 'Going home to a partner who owns the house' }, HEALTH: { status: 'SUPPORT_REQUIRED', reason: 'Diabetes found at the review' } } },
    });
    expect(done.status).toBe(200);
    c = await staff.get(`/api/v1/cases/${id}`);
    expect(needOf(c, 'ACCOMMODATION')).toMatchObject({ status: 'SUPPORT_DECLINED', reason: 'Going home to a partner who owns the house', open: [] });
    expect(needOf(c, 'ACCOMMODATION').history.at(-1)).toMatchObject({ by: 'u-prison-staff', from: 'IN_PROGRESS', to: 'SUPPORT_DECLINED', reason: 'Going home to a partner who owns the house' });
    expect(c.body.tasks.filter((t: { type: string; pathway: string }) => t.pathway === 'ACCOMMODATION').map((t: { status: string }) => t.status)).toEqual(['CANCELLED']);
    expect(needOf(c, 'HEALTH')).toMatchObject({ status: 'IN_PROGRESS', open: ['PATHWAY_SUPPORT'] });
    expect(needOf(c, 'HEALTH').history.map((h) => `${h.from}>${h.to}:${h.reason ?? ''}`).slice(1)).toEqual(['SUPPORT_NOT_REQUIRED>SUPPORT_REQUIRED:Diabetes found at the review', 'SUPPORT_REQUIRED>IN_PROGRESS:Work on the need has started']);
    // Needs the review did not name are as they were.
    expect(needOf(c, 'DRUGS_AND_ALCOHOL').history).toHaveLength(1);
    expect(c.body.unmetNeedList).toEqual(['HEALTH']);
  });

  it('keeps what screening says each need is and the risk flags ticked by name; a detail of a need not found is refused naming the field', async () => {
    const created = await staff.post('/api/v1/cases', newCaseBody('N', { givenName: 'Dee', familyName: 'Details', dateOfBirth: '1990-04-05' }));
    const screening = created.body.tasks.find((t: { type: string }) => t.type === 'CUSTODY_SCREENING');
    const version = (await staff.get(`/api/v1/cases/${created.body.id}`)).body.stateVersion;
    const wrong = await staff.post(`/api/v1/tasks/${screening.id}/complete`, { outcome: { needs: { ...NO_NEEDS, ACCOMMODATION: true }, needDetails: { HEALTH: 'Diabetes' } } });
    expect(wrong.status).toBe(400);
    expect(field(wrong)).toEqual(['outcome.needDetails.HEALTH']);
    const unknownFlag = await staff.post(`/api/v1/tasks/${screening.id}/complete`, { outcome: { needs: NO_NEEDS, riskCategories: ['ARSON'] } });
    expect(field(unknownFlag)).toEqual(['outcome.riskCategories.0']);
    expect((await staff.get(`/api/v1/cases/${created.body.id}`)).body.stateVersion).toBe(version);

    const done = await staff.post(`/api/v1/tasks/${screening.id}/complete`, {
      outcome: { needs: { ...NO_NEEDS, ACCOMMODATION: true }, needDetails: { ACCOMMODATION: 'Tenancy ended while in custody' }, riskCategories: ['SAFEGUARDING', 'SELF_HARM'], riskFlags: ['Not to contact the victim'] },
    });
    expect(done.status).toBe(200);
    const c = await staff.get(`/api/v1/cases/${created.body.id}`);
    expect(c.body.riskFlags).toEqual(['Safeguarding concern', 'Self-harm or suicide risk', 'Not to contact the victim']);
    expect(needOf(c, 'ACCOMMODATION').history[0]).toMatchObject({ to: 'SUPPORT_REQUIRED', reason: 'Need found at custody screening: Tenancy ended while in custody' });
  });

  it('opens only the actions the plan chose for a need, and refuses an action of another pathway with nothing written', async () => {
    const id = await receiveAndScreen({ ...NO_NEEDS, FINANCE_ID_AND_DEBT: true, ACCOMMODATION: true });
    let c = await staff.get(`/api/v1/cases/${id}`);
    const version = c.body.stateVersion as number;
    const plan = c.body.tasks.find((t: { type: string }) => t.type === 'RESETTLEMENT_PLAN');
    const pathways = (over: Record<string, unknown>) => ({ ...Object.fromEntries(Object.keys(NO_NEEDS).map((p) => [p, { status: 'SUPPORT_NOT_REQUIRED' }])), ACCOMMODATION: { status: 'SUPPORT_REQUIRED' }, ...over });
    const wrong = await staff.post(`/api/v1/tasks/${plan.id}/complete`, { outcome: { pathways: pathways({ FINANCE_ID_AND_DEBT: { status: 'SUPPORT_REQUIRED', actions: ['SECURE_ADDRESS'] } }) } });
    expect(wrong.status).toBe(400);
    expect(field(wrong)).toEqual(['outcome.pathways.FINANCE_ID_AND_DEBT.actions.0']);
    expect((await staff.get(`/api/v1/cases/${id}`)).body.stateVersion).toBe(version);

    // Already has a bank account: the plan opens ID and debt advice only.
    const done = await staff.post(`/api/v1/tasks/${plan.id}/complete`, { outcome: { pathways: pathways({ FINANCE_ID_AND_DEBT: { status: 'SUPPORT_REQUIRED', actions: ['ID_DOCUMENTS', 'DEBT_ADVICE'], notes: 'Has a bank account already' } }) } });
    expect(done.status).toBe(200);
    c = await staff.get(`/api/v1/cases/${id}`);
    const open = (p: string) => c.body.tasks.filter((t: { pathway: string; status: string }) => t.pathway === p && t.status === 'OPEN').map((t: { type: string }) => t.type).sort();
    expect(open('FINANCE_ID_AND_DEBT')).toEqual(['DEBT_ADVICE', 'ID_DOCUMENTS']);
    // Without a choice, every action of the pathway opens (as before).
    expect(open('ACCOMMODATION')).toEqual(['DUTY_TO_REFER', 'SECURE_ADDRESS']);
    expect(needOf(c, 'FINANCE_ID_AND_DEBT')).toMatchObject({ status: 'IN_PROGRESS', open: ['ID_DOCUMENTS', 'DEBT_ADVICE'] });
  });

  it('holds a plan that declines support, or finds no need, where the screening found one, to give its reason: refused naming the field, then kept as the need\'s reason', async () => {
    const id = await receiveAndScreen({ ...NO_NEEDS, ACCOMMODATION: true, HEALTH: true });
    let c = await staff.get(`/api/v1/cases/${id}`);
    const version = c.body.stateVersion as number;
    const plan = c.body.tasks.find((t: { type: string }) => t.type === 'RESETTLEMENT_PLAN');
    const as = (over: Record<string, { status: string; notes?: string }>) => ({ pathways: { ...Object.fromEntries(Object.keys(NO_NEEDS).map((p) => [p, { status: 'SUPPORT_NOT_REQUIRED' }])), ...over } });
    // Screening said no need on five pathways: confirming that needs no reason; revising the two it found does.
    const bare = await staff.post(`/api/v1/tasks/${plan.id}/complete`, { outcome: as({ ACCOMMODATION: { status: 'SUPPORT_DECLINED' } }) });
    expect(bare.status).toBe(400);
    expect(field(bare)).toEqual(['outcome.pathways.ACCOMMODATION.notes', 'outcome.pathways.HEALTH.notes']);
    c = await staff.get(`/api/v1/cases/${id}`);
    expect(c.body.stateVersion).toBe(version);
    expect(c.body.tasks.find((t: { id: string }) => t.id === plan.id).status).not.toBe('COMPLETED');

    const given = await staff.post(`/api/v1/tasks/${plan.id}/complete`, {
      outcome: as({ ACCOMMODATION: { status: 'SUPPORT_DECLINED', notes: 'Going to live with a parent who owns the house' }, HEALTH: { status: 'SUPPORT_NOT_REQUIRED', notes: 'Registered with a GP near home already' } }),
    });
    expect(given.status).toBe(200);
    c = await staff.get(`/api/v1/cases/${id}`);
    expect(needOf(c, 'ACCOMMODATION')).toMatchObject({ status: 'SUPPORT_DECLINED', reason: 'Going to live with a parent who owns the house' });
    expect(needOf(c, 'HEALTH')).toMatchObject({ status: 'SUPPORT_NOT_REQUIRED', reason: 'Registered with a GP near home already' });
    expect(needOf(c, 'DRUGS_AND_ALCOHOL')).toMatchObject({ status: 'SUPPORT_NOT_REQUIRED', reason: 'No need found at custody screening' });
  });

  it('reopens the needs a change of circumstances names, with the change as the reason; an unknown pathway is refused naming the field, nothing written', async () => {
    const id = await receiveAndScreen(NO_NEEDS);
    let c = await staff.get(`/api/v1/cases/${id}`);
    const version = c.body.stateVersion as number;
    const unknown = await staff.post(`/api/v1/cases/${id}/change-of-circumstances`, { description: 'Lost the tenancy', pathways: ['HOUSING'] });
    expect(unknown.status).toBe(400);
    expect(field(unknown).join(' ')).toContain('pathways');
    expect((await staff.get(`/api/v1/cases/${id}`)).body.stateVersion).toBe(version);

    const changed = await staff.post(`/api/v1/cases/${id}/change-of-circumstances`, { description: 'Lost the tenancy', pathways: ['ACCOMMODATION'] });
    expect(changed.status).toBe(200);
    c = await staff.get(`/api/v1/cases/${id}`);
    // Reopened with the change as its reason, and its action task started at once.
    const accommodation = needOf(c, 'ACCOMMODATION');
    expect(accommodation.status).toBe('IN_PROGRESS');
    expect(accommodation.open.length).toBeGreaterThan(0);
    expect(accommodation.history.slice(1).map((h) => `${h.from}>${h.to}:${h.reason}:${h.by}`)).toEqual([
      'SUPPORT_NOT_REQUIRED>SUPPORT_REQUIRED:Change of circumstances: Lost the tenancy:u-prison-staff',
      expect.stringMatching(/^SUPPORT_REQUIRED>IN_PROGRESS:/),
    ]);
    expect(needOf(c, 'HEALTH')).toMatchObject({ status: 'SUPPORT_NOT_REQUIRED' });
    expect(c.body).toMatchObject({ unmetNeeds: true, unmetNeedList: ['ACCOMMODATION'] });
  });
});
