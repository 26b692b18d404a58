import { SYSTEM_ACTOR, type Actor, type DeadlineBasis, type ScheduledStep, type TaskState } from '@ttg/contracts';
import { ms, policy, type PathwayRun } from './context';
import { HANDOVER_FOLLOWS_DATES, reconcileHandover } from './handover';
import { openVictimReferral } from './victim';
import { SUPERVISION_FROM_THE_LAW, supervisionEnded } from './supervision';
import { alarmWake, fireReadinessAlarms, planReadinessAlarms } from './needs';
import { createTask, rebaseTask, schedule, setStage } from './tasks';

/** Deadlines and dated steps: when the pathway next wakes, and what happens when a time comes. */

/** The next instant something is due: a reminder, an overdue or escalation, a scheduled step, a lost-contact timer. */
export function nextWake(run: PathwayRun): number | undefined {
  const state = run.state;
  const times: number[] = [];
  for (const t of run.openTasks()) {
    if (t.reminderAt && !t.reminded) times.push(ms(t.reminderAt));
    if (!t.overdue) times.push(ms(t.dueAt));
    if (t.escalateAt && !t.escalated) times.push(ms(t.escalateAt));
  }
  for (const s of state.scheduled) times.push(ms(s.opensAt));
  const sup = state.supervision;
  if (sup && !sup.paused && state.stage === 'SUPERVISION') {
    if (sup.lostContactFlagAt && !sup.lostContact) times.push(ms(sup.lostContactFlagAt));
    if (sup.lostContactEscalateAt && sup.lostContact && !sup.lostContactEscalated) times.push(ms(sup.lostContactEscalateAt));
  }
  const alarm = alarmWake(run);
  if (alarm !== undefined) times.push(alarm);
  return times.length ? Math.min(...times) : undefined;
}

/** Everything whose time has come: reminders, overdue and escalated tasks, scheduled steps, lost contact. True if anything changed. */
export async function fireDue(run: PathwayRun): Promise<boolean> {
  const state = run.state;
  const now = Date.now();
  let changed = false;
  for (const t of run.openTasks()) {
    const who = t.assignee;
    if (t.reminderAt && !t.reminded && ms(t.reminderAt) <= now) {
      t.reminded = true;
      changed = true;
      run.touch(t);
      run.notify('REMINDER', t, t.side, who, `${t.title} is due on ${t.dueDate}.`);
      if (t.type === 'COM_ALLOCATION' && run.patched(HANDOVER_FOLLOWS_DATES)) handoverReminderToBothTeams(run, t);
    }
    if (!t.overdue && ms(t.dueAt) <= now) {
      t.overdue = true;
      t.reminded = true;
      changed = true;
      run.touch(t);
      run.audit(SYSTEM_ACTOR, 'TASK_OVERDUE', { taskId: t.id, after: { dueDate: t.dueDate } });
      run.notify('OVERDUE', t, t.side, who, `${t.title} was due on ${t.dueDate} and is overdue.`);
      if (t.type === 'COM_ALLOCATION') state.handover.allocationOverdue = true;
    }
    if (t.escalateAt && !t.escalated && ms(t.escalateAt) <= now) {
      t.escalated = true;
      t.overdue = true;
      changed = true;
      run.touch(t);
      run.audit(SYSTEM_ACTOR, 'TASK_ESCALATED', { taskId: t.id, after: { dueDate: t.dueDate } });
      run.notify('ESCALATION', t, 'MANAGER', null, `Escalated: ${t.title} was due on ${t.dueDate} and is still not done.`);
      if (t.type === 'COM_ALLOCATION') state.handover.allocationEscalated = true;
    }
  }
  const dueSteps = state.scheduled.filter((s) => ms(s.opensAt) <= now);
  state.scheduled = state.scheduled.filter((s) => ms(s.opensAt) > now);
  for (const s of dueSteps) {
    changed = true;
    await openScheduled(run, s);
  }
  changed = (await fireReadinessAlarms(run, now)) || changed;
  return lostContactDue(run, now) || changed;
}

/** The handover reminder also reaches the prison team and the community team (the COM when one is allocated). */
function handoverReminderToBothTeams(run: PathwayRun, t: TaskState): void {
  const handoverOn = run.state.handover.handoverDate ?? t.dueDate;
  run.notify('REMINDER', t, 'PRISON', null, `${t.title}: the handover to the community is due on ${handoverOn}.`);
  run.notify('REMINDER', t, 'COMMUNITY', run.state.handover.comUserId, `${t.title}: the handover from custody is due on ${handoverOn}.`);
}

function lostContactDue(run: PathwayRun, now: number): boolean {
  const state = run.state;
  const sup = state.supervision;
  let changed = false;
  if (sup && !sup.paused && state.stage === 'SUPERVISION') {
    if (sup.lostContactFlagAt && !sup.lostContact && ms(sup.lostContactFlagAt) <= now) {
      sup.lostContact = true;
      changed = true;
      run.audit(SYSTEM_ACTOR, 'LOST_CONTACT', { details: { lastSuccessfulContactOn: sup.lastSuccessfulContactOn } });
      run.notify('LOST_CONTACT', null, 'COMMUNITY', state.handover.comUserId, `No successful contact since ${sup.lastSuccessfulContactOn}: contact is lost.`);
    }
    if (sup.lostContact && !sup.lostContactEscalated && sup.lostContactEscalateAt && ms(sup.lostContactEscalateAt) <= now) {
      sup.lostContactEscalated = true;
      changed = true;
      run.audit(SYSTEM_ACTOR, 'LOST_CONTACT_ESCALATED', { details: { lastSuccessfulContactOn: sup.lastSuccessfulContactOn } });
      run.notify('LOST_CONTACT_ESCALATION', null, 'MANAGER', null, `Escalated: no successful contact since ${sup.lastSuccessfulContactOn}.`);
    }
  }
  return changed;
}

/** A dated step opens: the pre-release review, release day, an outcome checkpoint, the end of supervision. */
async function openScheduled(run: PathwayRun, s: ScheduledStep): Promise<void> {
  const state = run.state;
  switch (s.type) {
    case 'PRE_RELEASE_REVIEW':
      if (state.stage !== 'SUPERVISION' && state.stage !== 'CLOSED') {
        setStage(run, 'PRE_RELEASE');
        await createTask(run, 'PRE_RELEASE_REVIEW', { kind: 'KEY_DATE', keyDate: 'preReleaseReviewDue' });
      }
      break;
    case 'RELEASE_OUTCOMES':
      if (state.release === null) await createTask(run, 'RELEASE_OUTCOMES', { kind: 'KEY_DATE', keyDate: 'releaseDate' });
      break;
    case 'OUTCOME_CHECKPOINT': {
      const months = s.meta?.months ?? 0;
      const weeks = s.meta?.weeks;
      const on = await policy.londonDate({ at: s.opensAt });
      const when = weeks ? { title: `Record outcomes at ${weeks} weeks after release`, checkpointMonths: 0, checkpointWeeks: weeks } : { title: `Record outcomes at ${months} months after release`, checkpointMonths: months };
      await createTask(run, 'OUTCOME_CHECKPOINT', { kind: 'WORKING_DAYS', from: on, taskType: 'OUTCOME_CHECKPOINT' }, { assignee: state.handover.comUserId, ...when });
      break;
    }
    case 'CLOSURE':
      if (state.supervision) state.supervision.endReached = true;
      run.audit(SYSTEM_ACTOR, 'SUPERVISION_ENDED', {});
      if (run.patched(SUPERVISION_FROM_THE_LAW)) supervisionEnded(run);
      await createTask(run, 'CLOSURE', { kind: 'WORKING_DAYS', from: await policy.londonDate({ at: s.opensAt }), taskType: 'CLOSURE' }, { assignee: state.handover.comUserId });
      break;
    default:
      break;
  }
}

/** After new release dates: deadlines counted from key dates move, the handover follows, and the custody windows are scheduled again. */
export async function rebaseAfterDateChange(run: PathwayRun, actor: Actor, previousHandoverDate: string | null = null): Promise<void> {
  const state = run.state;
  // The handover follows every change: COM allocation and acceptance are reconciled with the new rule.
  const handoverFollows = run.patched(HANDOVER_FOLLOWS_DATES);
  for (const t of run.openTasks()) {
    if (t.basis.kind !== 'KEY_DATE' && t.basis.kind !== 'COM_ALLOCATION') continue;
    if (handoverFollows && t.type === 'COM_ALLOCATION') continue;
    const basis: DeadlineBasis = t.basis.kind === 'COM_ALLOCATION' ? { kind: 'COM_ALLOCATION', handoverDate: state.handover.handoverDate ?? state.keyDates.releaseDate ?? t.basis.handoverDate } : t.basis;
    await rebaseTask(run, t, basis, actor);
  }
  if (handoverFollows) await reconcileHandover(run, actor, previousHandoverDate);
  await scheduleCustodyWindows(run);
  await planReadinessAlarms(run);
}

/** Windows that open on key dates: pre-release review and release day; and, once, the victim contact referral. */
export async function scheduleCustodyWindows(run: PathwayRun): Promise<void> {
  const state = run.state;
  const k = state.keyDates;
  const reviewDone = state.tasks.some((t) => t.type === 'PRE_RELEASE_REVIEW' && t.status === 'COMPLETED');
  const reviewOpen = run.openTasks('PRE_RELEASE_REVIEW').length > 0;
  if (k.preReleaseReviewOpens && !reviewDone && !reviewOpen) await schedule(run, 'PRE_RELEASE_REVIEW', k.preReleaseReviewOpens, 'pre-release-review');
  const released = state.release !== null;
  if (k.releaseDate && !released && run.openTasks('RELEASE_OUTCOMES').length === 0) await schedule(run, 'RELEASE_OUTCOMES', k.releaseDate, 'release-day');
  if (!released) await openVictimReferral(run);
}
