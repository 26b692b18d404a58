import { SYSTEM_ACTOR, type Actor, type RecallCommand } from '../../libs/contracts/src';
import { nowIso, policy, reject, type PathwayRun } from './context';
import { addTask, cancelTask, createTask, setStage } from './tasks';

/** Community supervision: release (or re-release), contact and lost contact, recall, and closing the case. */

/** Supervision starts (or resumes after a recall): its end, outcome checkpoints, first appointment and, when the risk needs it, a home visit. */
export async function startSupervision(run: PathwayRun, releasedOn: string, remainingDays: number | undefined): Promise<void> {
  const state = run.state;
  const plan = await policy.planSupervision({
    policyVersionId: state.policyVersionId,
    releasedOn,
    remainingDays,
    monthsAlreadyRecorded: state.outcomes.map((o) => o.months),
    now: nowIso(),
  });
  const previous = state.supervision;
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
  };
  setStage(run, 'SUPERVISION');
  run.audit(SYSTEM_ACTOR, previous ? 'SUPERVISION_RESUMED' : 'SUPERVISION_STARTED', { after: { releasedOn, endsOn: plan.endsOn } });
  state.scheduled = state.scheduled.filter((s) => s.type !== 'OUTCOME_CHECKPOINT' && s.key !== 'supervision-end');
  for (const c of plan.checkpoints) {
    state.scheduled.push({ key: `checkpoint-${c.months}`, type: 'OUTCOME_CHECKPOINT', opensAt: c.opensAt, pathway: null, meta: { months: c.months } });
  }
  state.scheduled.push({ key: 'supervision-end', type: 'CLOSURE', opensAt: plan.endsAt, pathway: null });
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
  const timers = await policy.lostContactTimers({ policyVersionId: run.state.policyVersionId, lastSuccessfulContactOn: date });
  sup.lostContactFlagAt = timers.flagAt;
  sup.lostContactEscalateAt = timers.escalateAt;
  if (sup.lostContact) {
    run.audit(actor, 'LOST_CONTACT_CLEARED', { after: { contactOn: date } });
    run.notify('INFO', null, 'COMMUNITY', run.state.handover.comUserId, `Contact re-established on ${date}.`);
  }
  sup.lostContact = false;
  sup.lostContactEscalated = false;
}

/** Recall to custody: supervision pauses with the days it has left, and custody screening and a risk review open. */
export async function recallToCustody(run: PathwayRun, cmd: RecallCommand): Promise<void> {
  const state = run.state;
  const sup = state.supervision;
  if (!sup || state.stage !== 'SUPERVISION') reject('INVALID_STATE', 'Only a person on supervision can be recalled');
  const on = await policy.londonDate({ at: cmd.recalledAt });
  sup.paused = true;
  sup.pausedAt = cmd.recalledAt;
  sup.remainingDaysAtPause = Math.max(0, await policy.daysBetween({ from: on, to: sup.endsOn }));
  sup.recalls += 1;
  setStage(run, 'RECALLED', cmd.actor);
  run.audit(cmd.actor, 'RECALLED', { details: { reason: cmd.reason, remainingDays: sup.remainingDaysAtPause } });
  state.scheduled = state.scheduled.filter((s) => s.type !== 'OUTCOME_CHECKPOINT' && s.type !== 'CLOSURE');
  for (const t of run.openTasks()) cancelTask(run, t, cmd.actor, 'Recalled to custody');
  await createTask(run, 'CUSTODY_SCREENING', { kind: 'INSTANT', at: cmd.recalledAt }, { title: 'Custody screening on return to custody (recall)' });
  await createTask(run, 'RISK_REVIEW', { kind: 'WORKING_DAYS', from: on, taskType: 'RISK_REVIEW' }, { title: 'Risk review after recall' });
  run.notify('INFO', null, 'MANAGER', null, `Recalled to custody: ${cmd.reason}`);
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
