import { commandRunOf, firstRunOf } from '../../../bench/measure/commands';
import { PathwayHarness, recordHistoryIfAsked } from './harness';
import { ALL_NEEDS, TWO_YEAR_SENTENCE_STATED } from '../../support/pathway-fixtures';

/**
 * A completed custody screening asks the policy once (patch `screening-one-policy-call`): the
 * next tasks' deadlines and the readiness alarms come from one local activity, and the whole
 * completion (validator, handler, policy, projection) is one workflow task.
 *
 * Received Monday 2030-01-07; screened Tuesday 2030-01-08 at 10:00 (GMT): risk screening and the
 * resettlement plan are due 5 working days later, Tuesday 2030-01-15, overdue from midnight in
 * London (2030-01-16T00:00Z). Release Thursday 2031-01-09: readiness alarms 14 days before
 * (2030-12-26 00:00) and 2 working days before (2031-01-07 00:00).
 */
jest.setTimeout(120_000);

describe('a completed screening, one policy call', () => {
  let h: PathwayHarness;
  beforeAll(async () => {
    h = await PathwayHarness.start();
    await h.skipTo('2030-01-07T09:00:00Z');
  });
  afterAll(async () => h?.stop());

  it('opens risk screening and the plan with their deadlines and plans the alarms, in one workflow task with one policy call', async () => {
    const caseId = await h.startCase(TWO_YEAR_SENTENCE_STATED);
    // Started, then synced (two calls here; the API's Update-with-Start makes it one workflow task,
    // measured by the benchmark). Planned at reception: the projection is its one local activity, and no patch marker.
    expect(await firstRunOf({ client: h.env.client }, caseId)).toMatchObject({ activityTasksScheduled: 0, localActivities: 1, patchMarkers: 0 });
    await h.skipTo('2030-01-08T10:00:00Z');
    await h.complete(caseId, (await h.task(caseId, 'CUSTODY_SCREENING')).id, { needs: ALL_NEEDS });

    for (const type of ['RISK_SCREENING', 'RESETTLEMENT_PLAN']) {
      const t = await h.task(caseId, type);
      expect([t.due_date, new Date(t.due_at).toISOString(), t.compressed]).toEqual(['2030-01-15', '2030-01-16T00:00:00.000Z', false]);
    }
    const state = await h.state(caseId);
    expect(state.stage).toBe('RISK_SCREENING');
    expect(state.tasks.find((t) => t.type === 'RISK_SCREENING')?.basis).toEqual({ kind: 'WORKING_DAYS', from: '2030-01-08', taskType: 'RISK_SCREENING' });
    expect(state.plan?.alarms.map((a) => [a.key, a.at, a.fired])).toEqual([
      ['DAYS_BEFORE_RELEASE', '2030-12-26T00:00:00Z', false],
      ['WORKING_DAYS_BEFORE_RELEASE', '2031-01-07T00:00:00Z', false],
    ]);
    // The first run's screening and COM allocation, then the two the screening opened (no COM allocation again).
    expect((await h.audit(caseId)).filter((a) => a.action === 'TASK_CREATED')).toHaveLength(4);
    expect(state.tasks.map((t) => t.type).sort()).toEqual(['COM_ALLOCATION', 'CUSTODY_SCREENING', 'RESETTLEMENT_PLAN', 'RISK_SCREENING']);

    const run = await commandRunOf({ client: h.env.client }, caseId, 'completeTask');
    expect(run).toMatchObject({ workflowTasks: 1, activityTasksScheduled: 0, localActivities: 2, patchMarkers: 0 });
    await recordHistoryIfAsked(h, caseId, 'planned-start-v1');
  });

  it('a start without a plan (before plans were made at reception) asks the policy in its first run, and runs the same', async () => {
    const planned = await h.startCase(TWO_YEAR_SENTENCE_STATED);
    const unplanned = await h.startCase(TWO_YEAR_SENTENCE_STATED, { planned: false });
    expect(await firstRunOf({ client: h.env.client }, unplanned)).toMatchObject({ activityTasksScheduled: 0, localActivities: 2, patchMarkers: 1 });
    const [a, b] = await Promise.all([h.state(planned), h.state(unplanned)]);
    const shape = (s: typeof a) => ({ keyDates: s.keyDates, policy: s.policyVersionId, stage: s.stage, handover: s.handover.status, tasks: s.tasks.map((t) => [t.type, t.dueDate, t.dueAt, t.reminderAt, t.escalateAt, t.compressed]), scheduled: s.scheduled });
    expect(shape(a)).toEqual(shape(b));
    expect(shape(a).tasks.map(([type]) => type)).toEqual(['CUSTODY_SCREENING', 'COM_ALLOCATION']);
  });
});
