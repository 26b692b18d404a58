import { SYSTEM_ACTOR, type Actor, type RecallCommand, type TerminateLicenceCommand, type UnlawfullyAtLargeCommand } from '@ttg/contracts';
import { nowIso, policy, reject, type PathwayRun } from './context';
import { addTask, cancelTask, createTask, ONLY_NOTIFICATIONS_TO_ACT_ON, schedule, setStage } from './tasks';

/** Community supervision: release (or re-release), contact and lost contact, recall, and closing the case. */

/**
 * Supervision from the law: it ends when the sentence's dates say (none for a licence with no
 * fixed end), recall leaves the end dates where they were, and lost contact is flagged at the end
 * of the last working day without contact. Versioned: histories before this replay as they ran.
 */
export const SUPERVISION_FROM_THE_LAW = 'supervision-from-the-law';
/** The checkpoints counted in weeks (work or training at 6 weeks after release). */
export const CHECKPOINT_WEEKS = 'outcome-checkpoint-weeks';

/** Supervision starts (or resumes after a recall): its end, outcome checkpoints, first appointment and, when the risk needs it, a home visit. */
export async function startSupervision(run: PathwayRun, releasedOn: string, remainingDays: number | undefined): Promise<void> {
  const state = run.state;
  const previous = state.supervision;
  const law = run.patched(SUPERVISION_FROM_THE_LAW);
  const { sentenceType, sentenceLengthMonths, sentenceExpiryDate, licenceExpiryDate, topUpSupervisionExpiryDate } = state.sentence;
  const plan = await policy.planSupervision({
    policyVersionId: state.policyVersionId,
    releasedOn,
    remainingDays: law ? undefined : remainingDays,
    monthsAlreadyRecorded: state.outcomes.filter((o) => !o.weeks).map((o) => o.months),
    weeksAlreadyRecorded: state.outcomes.flatMap((o) => (o.weeks ? [o.weeks] : [])),
    now: nowIso(),
    ...(law ? { facts: { sentenceType, sentenceLengthMonths, sentenceExpiryDate, licenceExpiryDate, topUpSupervisionExpiryDate }, lostContactAtEndOfDay: true } : {}),
    ...(law && previous ? { keepEndsOn: previous.endsOn } : {}),
  });
  state.supervision = {
    releasedOn,
    endsOn: plan.endsOn,
    lastSuccessfulContactOn: releasedOn,
    contacts: previous?.contacts ?? 0,
    lostContactFlagAt: plan.lostContact.flagAt,
    lostContactEscalateAt: plan.lostContact.escalateAt,
    lostContact: false,
    lostContactEscalated: false,
    paused: false,
    pausedAt: null,
    remainingDaysAtPause: null,
    warnings: previous?.warnings ?? 0,
    breachActions: previous?.breachActions ?? 0,
    recalls: previous?.recalls ?? 0,
    endReached: false,
    ...(law ? { unlawfullyAtLargeDays: previous?.unlawfullyAtLargeDays ?? 0, licenceTerminatedOn: null } : {}),
  };
  if (law) state.keyDates = { ...state.keyDates, supervisionEndDate: plan.endsOn };
  setStage(run, 'SUPERVISION');
  run.audit(SYSTEM_ACTOR, previous ? 'SUPERVISION_RESUMED' : 'SUPERVISION_STARTED', { after: { releasedOn, endsOn: plan.endsOn } });
  state.scheduled = state.scheduled.filter((s) => s.type !== 'OUTCOME_CHECKPOINT' && s.key !== 'supervision-end');
  for (const c of plan.checkpoints) {
    state.scheduled.push({ key: `checkpoint-${c.months}`, type: 'OUTCOME_CHECKPOINT', opensAt: c.opensAt, pathway: null, meta: { months: c.months } });
  }
  // Work or training at 6 weeks (releases before it had no such checkpoint).
  const byWeeks = plan.weekCheckpoints ?? [];
  if (byWeeks.length > 0 && run.patched(CHECKPOINT_WEEKS)) {
    for (const c of byWeeks) state.scheduled.push({ key: `checkpoint-${c.weeks}-weeks`, type: 'OUTCOME_CHECKPOINT', opensAt: c.opensAt, pathway: null, meta: { weeks: c.weeks } });
  }
  if (plan.endsAt) state.scheduled.push({ key: 'supervision-end', type: 'CLOSURE', opensAt: plan.endsAt, pathway: null });
  for (const t of run.openTasks()) if (t.side === 'PRISON') cancelTask(run, t, SYSTEM_ACTOR, 'Released');
  const first = addTask(run, 'FIRST_APPOINTMENT', plan.firstAppointment, { kind: 'DATE', on: plan.firstAppointment.dueDate }, { assignee: state.handover.comUserId });
  run.audit(SYSTEM_ACTOR, 'TASK_CREATED', { taskId: first.id, after: { type: first.type, dueDate: first.dueDate } });
  if (state.risk.homeVisitRequired && run.openTasks('HOME_VISIT').length === 0) {
    await createTask(run, 'HOME_VISIT', { kind: 'WORKING_DAYS', from: releasedOn, taskType: 'HOME_VISIT' }, { assignee: state.handover.comUserId });
  }
}

/** A successful contact restarts the lost-contact timers and clears a lost-contact flag. */
export async function successfulContact(run: PathwayRun, date: string, actor: Actor): Promise<void> {
  const sup = run.state.supervision;
  if (!sup) return;
  sup.contacts += 1;
  if (date <= sup.lastSuccessfulContactOn) return;
  sup.lastSuccessfulContactOn = date;
  const atEndOfDay = run.patched(SUPERVISION_FROM_THE_LAW);
  const timers = await policy.lostContactTimers({ policyVersionId: run.state.policyVersionId, lastSuccessfulContactOn: date, ...(atEndOfDay ? { atEndOfDay } : {}) });
  sup.lostContactFlagAt = timers.flagAt;
  sup.lostContactEscalateAt = timers.escalateAt;
  if (sup.lostContact) {
    run.audit(actor, 'LOST_CONTACT_CLEARED', { after: { contactOn: date } });
    if (!run.patched(ONLY_NOTIFICATIONS_TO_ACT_ON)) run.notify('INFO', null, 'COMMUNITY', run.state.handover.comUserId, `Contact re-established on ${date}.`);
  }
  sup.lostContact = false;
  sup.lostContactEscalated = false;
}

/** Recall to custody: supervision pauses (its end dates stay where they are), and custody screening and a risk review open. */
export async function recallToCustody(run: PathwayRun, cmd: RecallCommand): Promise<void> {
  const state = run.state;
  const sup = state.supervision;
  if (!sup || state.stage !== 'SUPERVISION') reject('INVALID_STATE', 'Only a person on supervision can be recalled');
  const on = await policy.londonDate({ at: cmd.recalledAt });
  sup.paused = true;
  sup.pausedAt = cmd.recalledAt;
  // Under the law the end dates stay where they were: no days are counted to add back.
  if (!run.patched(SUPERVISION_FROM_THE_LAW) && sup.endsOn) sup.remainingDaysAtPause = Math.max(0, await policy.daysBetween({ from: on, to: sup.endsOn }));
  sup.recalls += 1;
  setStage(run, 'RECALLED', cmd.actor);
  run.audit(cmd.actor, 'RECALLED', { details: { reason: cmd.reason, remainingDays: sup.remainingDaysAtPause } });
  state.scheduled = state.scheduled.filter((s) => s.type !== 'OUTCOME_CHECKPOINT' && s.type !== 'CLOSURE');
  for (const t of run.openTasks()) cancelTask(run, t, cmd.actor, 'Recalled to custody');
  await createTask(run, 'CUSTODY_SCREENING', { kind: 'INSTANT', at: cmd.recalledAt }, { title: 'Custody screening on return to custody (recall)' });
  await createTask(run, 'RISK_REVIEW', { kind: 'WORKING_DAYS', from: on, taskType: 'RISK_REVIEW' }, { title: 'Risk review after recall' });
  if (!run.patched(ONLY_NOTIFICATIONS_TO_ACT_ON)) run.notify('INFO', null, 'MANAGER', null, `Recalled to custody: ${cmd.reason}`);
}

/** Closes the case: open tasks cancelled, nothing more scheduled. */
export function closeNow(run: PathwayRun, actor: Actor, reason: string): void {
  const state = run.state;
  for (const t of run.openTasks()) cancelTask(run, t, actor, reason);
  state.scheduled = [];
  state.closedAt = nowIso();
  setStage(run, 'CLOSED', actor);
  run.audit(actor, 'CASE_CLOSED', { details: { reason, summary: state.closureSummary } });
}

/** Supervision has ended: no lost-contact timer or outcome checkpoint fires after it. */
export function supervisionEnded(run: PathwayRun): void {
  const sup = run.state.supervision;
  if (sup) {
    sup.endReached = true;
    sup.lostContactFlagAt = null;
    sup.lostContactEscalateAt = null;
  }
  run.state.scheduled = run.state.scheduled.filter((s) => s.type !== 'OUTCOME_CHECKPOINT' && s.type !== 'CLOSURE');
}

/** A licence with no fixed end is terminated (recorded by a COM or manager): supervision ends and the case closes. */
export async function terminateLicence(run: PathwayRun, cmd: TerminateLicenceCommand): Promise<void> {
  const sup = run.state.supervision;
  if (!sup || sup.endsOn !== null) reject('INVALID_STATE', 'Only a licence with no fixed end is terminated by a recorded decision');
  supervisionEnded(run);
  sup.licenceTerminatedOn = cmd.terminatedOn;
  run.state.keyDates = { ...run.state.keyDates, supervisionEndDate: cmd.terminatedOn };
  run.audit(cmd.actor, 'LICENCE_TERMINATED', { after: { terminatedOn: cmd.terminatedOn }, details: { reason: cmd.reason } });
  run.audit(SYSTEM_ACTOR, 'SUPERVISION_ENDED', {});
  await createTask(run, 'CLOSURE', { kind: 'WORKING_DAYS', from: cmd.terminatedOn, taskType: 'CLOSURE' }, { assignee: run.state.handover.comUserId });
}

/** Time unlawfully at large (recorded by the COM) moves every known end date later by that many days. */
export async function unlawfullyAtLarge(run: PathwayRun, cmd: UnlawfullyAtLargeCommand): Promise<void> {
  const state = run.state;
  const sup = state.supervision;
  if (!sup) reject('INVALID_STATE', 'Time unlawfully at large is recorded after release');
  const s = state.sentence;
  const before = { sentenceExpiryDate: s.sentenceExpiryDate ?? null, licenceExpiryDate: s.licenceExpiryDate ?? null, topUpSupervisionExpiryDate: s.topUpSupervisionExpiryDate ?? null, supervisionEndDate: sup.endsOn };
  const moved = await policy.moveEndDates({ endDates: before, days: cmd.days });
  const sentence = { ...s };
  for (const key of ['sentenceExpiryDate', 'licenceExpiryDate', 'topUpSupervisionExpiryDate'] as const) if (sentence[key]) sentence[key] = moved[key] ?? null;
  state.sentence = sentence;
  sup.endsOn = moved.supervisionEndDate ?? null;
  sup.unlawfullyAtLargeDays = (sup.unlawfullyAtLargeDays ?? 0) + cmd.days;
  state.keyDates = { ...state.keyDates, supervisionEndDate: sup.endsOn };
  run.audit(cmd.actor, 'UNLAWFULLY_AT_LARGE_RECORDED', { before, after: moved, details: { days: cmd.days, reason: cmd.reason } });
  // On supervision the closure moves with the end date; after a recall, re-release schedules it.
  if (sup.endsOn && state.stage === 'SUPERVISION') await schedule(run, 'CLOSURE', sup.endsOn, 'supervision-end');
}
