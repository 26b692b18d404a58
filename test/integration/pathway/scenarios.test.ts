import { type PathwayHarness, recordHistoryIfAsked, usePathwayHarness } from './harness';
import type { SentenceFacts } from '@ttg/contracts';
import { ALL_NEEDS, COM, MANAGER, PRISON, planOutcome, TWO_YEAR_SENTENCE_STATED } from '../../support/pathway-fixtures';

/** Deadlines, date changes, recall, transfer and restarts on the time-skipping server. */
jest.setTimeout(120_000);

const longSentence = TWO_YEAR_SENTENCE_STATED;
const RECEPTION = longSentence.receptionAt; // a Monday

/** Two months: the COM is responsible from the start and the calendar deadlines have passed. */
const shortSentence: SentenceFacts = {
  ...longSentence,
  sentenceLengthMonths: 2,
  conditionalReleaseDate: '2030-02-06',
};

async function screenAndPlan(h: PathwayHarness, caseId: string, required: string[] = ['ACCOMMODATION']) {
  await h.complete(caseId, (await h.task(caseId, 'CUSTODY_SCREENING')).id, { needs: ALL_NEEDS });
  await h.complete(caseId, (await h.task(caseId, 'RISK_SCREENING')).id, { roshLevel: 'LOW' });
  await h.complete(caseId, (await h.task(caseId, 'RESETTLEMENT_PLAN')).id, planOutcome(required));
}

describe('pathway scenarios', () => {
  const h = usePathwayHarness(RECEPTION);

  it('custody screening is overdue at exactly 72 hours and escalated after the grace', async () => {
    const caseId = await h.startCase(longSentence);
    const t = await h.task(caseId, 'CUSTODY_SCREENING');
    expect(new Date(t.due_at).toISOString()).toBe('2030-01-10T09:00:00.000Z');
    await h.skipTo('2030-01-10T08:59:59Z');
    expect((await h.task(caseId, 'CUSTODY_SCREENING')).overdue).toBe(false);
    await h.skipTo('2030-01-10T09:00:01Z');
    await h.until('screening overdue', () => h.task(caseId, 'CUSTODY_SCREENING'), (r) => r.overdue);
    expect((await h.caseRow(caseId)).overdue_tasks).toBeGreaterThanOrEqual(1);
    const overdue = (await h.audit(caseId)).filter((a) => a.action === 'TASK_OVERDUE');
    expect(overdue).toHaveLength(1);
    expect(new Date(overdue[0].at).toISOString()).toBe('2030-01-10T09:00:00.000Z');
  });

  it('a short sentence: COM responsible from the start, compressed deadlines flagged, never past-due on creation', async () => {
    const caseId = await h.startCase({ ...shortSentence, receptionAt: await h.now().then((n) => n.replace(/\.\d{3}Z$/, 'Z')), sentenceStartDate: (await h.now()).slice(0, 10) });
    const c = await h.caseRow(caseId);
    expect(c.key_dates).toMatchObject({ comResponsibleFromStart: true, handoverDate: null });
    expect((await h.tasks(caseId)).some((t) => t.type === 'COM_ALLOCATION')).toBe(false);
    await screenAndPlan(h, caseId, ['ACCOMMODATION']);
    const now = (await h.now()).slice(0, 10);
    const allocation = await h.task(caseId, 'COM_ALLOCATION');
    const plan = await h.task(caseId, 'RESETTLEMENT_PLAN', ['COMPLETED']);
    expect(allocation.due_date).toBe(plan.due_date); // allocated when the resettlement plan is due
    const dtr = await h.task(caseId, 'DUTY_TO_REFER');
    expect(dtr.compressed).toBe(true);
    expect(dtr.due_date > now).toBe(true);
    expect(dtr.overdue).toBe(false);
    const review = await h.until('review window already open', () => h.tasks(caseId), (ts) => ts.some((t) => t.type === 'PRE_RELEASE_REVIEW')).then(() => h.task(caseId, 'PRE_RELEASE_REVIEW'));
    expect(review.compressed).toBe(true);
    expect(review.overdue).toBe(false);
    // The compressed deadline is on the task, not sent: nothing to act on beyond the task itself.
    const notes = await h.notifications(caseId);
    expect(notes.filter((n) => n.message.includes('compressed'))).toEqual([]);
    await recordHistoryIfAsked(h, caseId, 'compressed-on-the-task-v1');
  });

  it('a later release date re-bases open deadlines and keeps completed work; an earlier one compresses what is left', async () => {
    const caseId = await h.startCase({ ...longSentence, receptionAt: (await h.now()).replace(/\.\d{3}Z$/, 'Z'), sentenceStartDate: (await h.now()).slice(0, 10) });
    await screenAndPlan(h, caseId, ['ACCOMMODATION']);
    const doneBefore = (await h.tasks(caseId)).filter((t) => t.status === 'COMPLETED').map((t) => t.id);
    const dtrBefore = await h.task(caseId, 'DUTY_TO_REFER');
    expect(dtrBefore.due_date).toBe('2030-11-14');

    await h.update(caseId, 'changeReleaseDates', { conditionalReleaseDate: '2031-03-07', reason: 'Sentence recalculated', actor: PRISON });
    let c = await h.caseRow(caseId);
    expect(c.release_date).toBe('2031-03-06');
    expect(c.handover_date).toBe('2030-06-23');
    expect((await h.task(caseId, 'DUTY_TO_REFER')).due_date).toBe('2031-01-09');
    expect((await h.task(caseId, 'COM_ALLOCATION')).due_date).toBe('2030-06-21'); // Sunday 23rd: due on the Friday before
    const doneAfter = (await h.tasks(caseId)).filter((t) => t.status === 'COMPLETED').map((t) => t.id);
    expect(doneAfter).toEqual(expect.arrayContaining(doneBefore));
    const change = (await h.audit(caseId)).find((a) => a.action === 'RELEASE_DATES_CHANGED');
    expect(change).toMatchObject({ before: { releaseDate: '2031-01-09' }, after: { releaseDate: '2031-03-06' }, details: { reason: 'Sentence recalculated' } });
    expect((await h.audit(caseId)).filter((a) => a.action === 'DEADLINE_REBASED').length).toBeGreaterThanOrEqual(2);

    // Earlier: release in five weeks. The duty to refer (56 days before) is compressed, the review opens now.
    await h.update(caseId, 'changeReleaseDates', { conditionalReleaseDate: '2030-02-15', reason: 'HDC approved', actor: PRISON });
    c = await h.caseRow(caseId);
    expect(c.release_date).toBe('2030-02-14');
    const dtr = await h.task(caseId, 'DUTY_TO_REFER');
    expect(dtr.compressed).toBe(true);
    expect(dtr.overdue).toBe(false);
    await h.until('review opens at once', () => h.tasks(caseId), (ts) => ts.some((t) => t.type === 'PRE_RELEASE_REVIEW'));
  });

  it('recall pauses supervision and returns the case to custody; re-release resumes it with re-based deadlines and the end dates where they were', async () => {
    const now = await h.now();
    const caseId = await h.startCase({ ...shortSentence, receptionAt: now.replace(/\.\d{3}Z$/, 'Z'), sentenceStartDate: now.slice(0, 10) });
    await screenAndPlan(h, caseId, []);
    await h.complete(caseId, (await h.task(caseId, 'COM_ALLOCATION')).id, { comUserId: COM.userId, teamCode: 'YH-LEEDS-N' }, MANAGER);
    const release = (await h.caseRow(caseId)).release_date!;
    await h.skipTo(`${release}T08:00:00Z`);
    const rt = await h.until('release task', () => h.tasks(caseId), (ts) => ts.some((t) => t.type === 'RELEASE_OUTCOMES')).then(() => h.task(caseId, 'RELEASE_OUTCOMES'));
    await h.complete(caseId, rt.id, { releasedOn: release, accommodation: 'TEMPORARY', workOrTraining: 'NONE', bankAccount: true, id: false, debts: 'NO_DEBTS' });
    const endsOn = ((await h.caseRow(caseId)).detail.supervision as { endsOn: string }).endsOn;

    await h.update(caseId, 'recall', { recalledAt: `${release}T15:00:00Z`, reason: 'Breach of licence conditions', actor: COM });
    let c = await h.caseRow(caseId);
    expect(c.stage).toBe('RECALLED');
    expect(c.detail).toMatchObject({ supervision: { paused: true, recalls: 1 } });
    const screening = await h.task(caseId, 'CUSTODY_SCREENING');
    expect(new Date(screening.due_at).toISOString()).toBe(new Date(new Date(`${release}T15:00:00Z`).getTime() + 72 * 3600_000).toISOString());
    expect((await h.tasks(caseId)).filter((t) => t.type === 'FIRST_APPOINTMENT' && t.status === 'CANCELLED')).toHaveLength(1);
    // Paused: no lost-contact alerts while in custody, however long.
    await h.skipTo(new Date(new Date(`${release}T15:00:00Z`).getTime() + 40 * 86400_000).toISOString());
    expect((await h.caseRow(caseId)).lost_contact).toBe(false);

    const reReleasedOn = (await h.now()).slice(0, 10);
    await h.update(caseId, 'reRelease', { releasedOn: reReleasedOn, actor: PRISON });
    c = await h.caseRow(caseId);
    expect(c.stage).toBe('SUPERVISION');
    const sup = c.detail.supervision as { endsOn: string; paused: boolean; releasedOn: string };
    expect(sup.paused).toBe(false);
    expect(sup.releasedOn).toBe(reReleasedOn);
    expect(sup.endsOn).toBe(endsOn); // recall never moves the end dates
    expect((await h.task(caseId, 'FIRST_APPOINTMENT')).due_date > reReleasedOn).toBe(true);
    expect((await h.audit(caseId)).map((a) => a.action)).toEqual(expect.arrayContaining(['RECALLED', 'RE_RELEASED', 'SUPERVISION_RESUMED']));
  });

  it('a transfer moves the case and its task rows to the new prison and returns claimed prison tasks to the queue', async () => {
    const caseId = await h.startCase({ ...longSentence, receptionAt: (await h.now()).replace(/\.\d{3}Z$/, 'Z'), sentenceStartDate: (await h.now()).slice(0, 10) });
    const screening = await h.task(caseId, 'CUSTODY_SCREENING');
    await h.update(caseId, 'claimTask', { taskId: screening.id, actor: PRISON });
    await h.update(caseId, 'transfer', { prisonCode: 'WDI', regionCode: 'YH', reason: 'Moved for a course', actor: MANAGER });
    expect((await h.caseRow(caseId)).prison_code).toBe('WDI');
    const rows: { prison_code: string; assignee: string | null; status: string }[] = await h.ds.query(`SELECT prison_code, assignee, status FROM tasks WHERE id = $1`, [screening.id]);
    expect(rows[0]).toEqual({ prison_code: 'WDI', assignee: null, status: 'OPEN' });
    await expect(h.update(caseId, 'transfer', { prisonCode: 'WDI', regionCode: 'YH', reason: 'again', actor: MANAGER })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED', message: expect.stringContaining('already at WDI') } });
  });

  it('rejects bad and conflicting commands in the validator, before they reach history', async () => {
    const caseId = await h.startCase({ ...longSentence, receptionAt: (await h.now()).replace(/\.\d{3}Z$/, 'Z'), sentenceStartDate: (await h.now()).slice(0, 10) });
    const screening = await h.task(caseId, 'CUSTODY_SCREENING');
    await h.update(caseId, 'claimTask', { taskId: screening.id, actor: PRISON });
    await expect(h.update(caseId, 'claimTask', { taskId: screening.id, actor: { userId: 'u-prison-staff-2', role: 'PRISON_STAFF' } })).rejects.toMatchObject({ cause: { type: 'TASK_CLAIMED_BY_OTHER' } });
    await expect(h.update(caseId, 'completeTask', { taskId: screening.id, outcome: { needs: { ACCOMMODATION: 'yes' } }, actor: PRISON })).rejects.toMatchObject({ cause: { type: 'INVALID_OUTCOME' } });
    await h.complete(caseId, screening.id, { needs: ALL_NEEDS });
    await expect(h.complete(caseId, screening.id, { needs: ALL_NEEDS })).rejects.toMatchObject({ cause: { type: 'TASK_ALREADY_COMPLETED' } });
    const history = await h.env.client.workflow.getHandle(`pathway-${caseId}`).fetchHistory();
    const rejected = (history.events ?? []).filter((e) => e.workflowExecutionUpdateRejectedEventAttributes);
    const accepted = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(rejected).toHaveLength(0); // validator rejections never enter history
    expect(accepted.length).toBe(3); // sync, claim, complete
    // The same update id twice has one effect.
    const risk = await h.task(caseId, 'RISK_SCREENING');
    await h.update(caseId, 'claimTask', { taskId: risk.id, actor: PRISON }, 'same-key');
    const again = await h.update(caseId, 'claimTask', { taskId: risk.id, actor: PRISON }, 'same-key');
    expect(again.task?.assignee).toBe(PRISON.userId);
    expect((await h.audit(caseId)).filter((a) => a.action === 'TASK_CLAIMED')).toHaveLength(2);
  });

  it('continues as new with its state when history grows, and keeps working', async () => {
    const start = await h.now();
    const caseId = await h.startCase({ ...longSentence, receptionAt: start.replace(/\.\d{3}Z$/, 'Z'), sentenceStartDate: start.slice(0, 10) }, { continueAsNewAfterEvents: 40 });
    const handle = h.env.client.workflow.getHandle(`pathway-${caseId}`);
    const firstRun = (await handle.describe()).runId;
    await screenAndPlan(h, caseId, ['ACCOMMODATION', 'FINANCE_ID_AND_DEBT']);
    await h.skipTo(new Date(new Date(start).getTime() + 5 * 86400_000).toISOString());
    await h.until('a new run', () => handle.describe(), (d) => d.runId !== firstRun);
    const state = await h.state(caseId);
    expect(state.stage).toBe('PATHWAY_WORK');
    expect(state.tasks.filter((t) => t.type === 'DUTY_TO_REFER')).toHaveLength(1);
    const dtr = await h.task(caseId, 'DUTY_TO_REFER');
    await h.complete(caseId, dtr.id, { localAuthority: 'Leeds City Council', referredOn: start.slice(0, 10) });
    expect((await h.task(caseId, 'DUTY_TO_REFER', ['COMPLETED'])).id).toBe(dtr.id);
  });
});
