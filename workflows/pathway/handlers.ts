import type { UpdateDefinition } from '@temporalio/common';
import { condition, setHandler } from '@temporalio/workflow';
import {
  assignTask,
  changeOfCircumstances,
  changeReleaseDates,
  claimTask,
  closeCase,
  completeTask,
  getState,
  reallocateCom,
  recall,
  recordBreach,
  recordContact,
  recordUnlawfullyAtLarge,
  releaseTask,
  requestEarlierRelease,
  reRelease,
  sync,
  terminateLicence,
  transfer,
  type CommandResult,
} from '@ttg/contracts';
import { nowIso, reject, type PathwayRun } from './context';
import { reallocateCom as reallocate } from './handover';
import { changeReleaseDates as changeDates, releaseOneDayEarlier } from './release-dates';
import { closeNow, recallToCustody, startSupervision, successfulContact, terminateLicence as endLicence, unlawfullyAtLarge } from './supervision';
import { cancelTask, createTask, ONLY_NOTIFICATIONS_TO_ACT_ON, workingDaysFromToday } from './tasks';
import { onCompleted } from './transitions';
import * as check from './validators';
import { registerNeedHandlers, reopenForCircumstances } from './needs-handlers';

/**
 * Registers the pathway's query and Updates. Each Update is validated (a refused command leaves
 * no trace), then changes the case in its turn and ends projected (`run.exclusive`).
 */
export function registerHandlers(run: PathwayRun): void {
  const command = <A>(work: (cmd: A) => Promise<CommandResult>) => (cmd: A) => run.exclusive(() => work(cmd));
  const validator = <A>(validate: (run: PathwayRun, cmd: A) => unknown) => ({ validator: (cmd: A) => void validate(run, cmd) });
  /** An Update that checks its command again in its turn (the case may have changed since it was accepted), then acts. */
  const checkThenAct = <A>(update: UpdateDefinition<CommandResult, [A]>, validate: (run: PathwayRun, cmd: A) => unknown, act: (run: PathwayRun, cmd: A) => Promise<void>) =>
    setHandler(update, command(async (cmd: A) => {
      validate(run, cmd);
      await act(run, cmd);
      return run.result();
    }), validator(validate));

  setHandler(getState, () => run.state);
  setHandler(sync, async () => {
    await condition(() => run.ready && !run.busy);
    run.assertCreated();
    return run.result();
  });

  setHandler(claimTask, command(async (cmd) => {
    const task = check.validateClaim(run, cmd);
    if (task.assignee === cmd.actor.userId && task.status === 'IN_PROGRESS') return run.result(task);
    task.assignee = cmd.actor.userId;
    task.status = 'IN_PROGRESS';
    run.touch(task);
    run.audit(cmd.actor, 'TASK_CLAIMED', { taskId: task.id, after: { assignee: task.assignee } });
    return run.result(task);
  }), validator(check.validateClaim));

  setHandler(releaseTask, command(async (cmd) => {
    const task = check.validateRelease(run, cmd);
    const before = task.assignee;
    task.assignee = null;
    task.status = 'OPEN';
    run.touch(task);
    run.audit(cmd.actor, 'TASK_RELEASED', { taskId: task.id, before: { assignee: before }, after: { assignee: null } });
    return run.result(task);
  }), validator(check.validateRelease));

  setHandler(assignTask, command(async (cmd) => {
    const task = check.validateAssign(run, cmd);
    const before = task.assignee;
    task.assignee = cmd.userId;
    task.status = 'IN_PROGRESS';
    run.touch(task);
    run.audit(cmd.actor, 'TASK_ASSIGNED', { taskId: task.id, before: { assignee: before }, after: { assignee: cmd.userId } });
    if (before !== cmd.userId) run.notify('INFO', task, task.side, cmd.userId, `${task.title} has been assigned to you (due ${task.dueDate}).`);
    return run.result(task);
  }), validator(check.validateAssign));

  setHandler(completeTask, command(async (cmd) => {
    const { task, outcome } = check.validateComplete(run, cmd);
    task.status = 'COMPLETED';
    task.outcome = outcome;
    task.completedAt = nowIso();
    task.completedBy = cmd.actor.userId;
    task.assignee = task.assignee ?? cmd.actor.userId;
    run.touch(task);
    run.audit(cmd.actor, 'TASK_COMPLETED', { taskId: task.id, after: { type: task.type, outcome }, ...(cmd.doneOn ? { details: { doneOn: cmd.doneOn } } : {}) });
    await onCompleted(run, task, cmd.actor);
    return run.result(task);
  }), validator((r, cmd: Parameters<typeof check.validateComplete>[1]) => check.validateComplete(r, cmd, true)));

  setHandler(changeReleaseDates, command(async (cmd) => {
    check.validateDates(run, cmd);
    await changeDates(run, cmd);
    return run.result();
  }), validator(check.validateDates));

  setHandler(transfer, command(async (cmd) => {
    check.assertOpenCase(run);
    const state = run.state;
    const before = { prisonCode: state.prisonCode, regionCode: state.regionCode };
    state.prisonCode = cmd.prisonCode;
    state.regionCode = cmd.regionCode;
    for (const t of run.openTasks()) {
      if (t.side === 'PRISON' && t.assignee !== null) {
        t.assignee = null;
        t.status = 'OPEN';
        run.touch(t);
      }
    }
    run.audit(cmd.actor, 'TRANSFERRED', { before, after: { prisonCode: cmd.prisonCode, regionCode: cmd.regionCode }, details: { reason: cmd.reason } });
    // The prison's name when the command brought it for the prison the case was at (older commands did not: their code).
    const from = cmd.fromPrison?.code === before.prisonCode ? cmd.fromPrison.name : before.prisonCode;
    run.notify('INFO', null, 'PRISON', null, `Case transferred in from ${from}: its open tasks are in your team queue.`);
    return run.result();
  }), validator(check.validateTransfer));

  setHandler(recordContact, command(async (cmd) => {
    check.validateContact(run, cmd);
    run.recordContact({ id: cmd.contactId, caseId: run.state.caseId, date: cmd.date, kind: cmd.kind, outcome: cmd.outcome, notes: cmd.notes ?? null, recordedBy: cmd.actor.userId, recordedAt: nowIso() });
    run.audit(cmd.actor, 'CONTACT_RECORDED', { after: { date: cmd.date, kind: cmd.kind, outcome: cmd.outcome } });
    if (cmd.outcome === 'ATTENDED') {
      await successfulContact(run, cmd.date, cmd.actor);
      for (const t of run.openTasks()) {
        if ((t.type === 'FIRST_APPOINTMENT' || (t.type === 'HOME_VISIT' && cmd.kind === 'HOME_VISIT')) && cmd.date >= t.createdAt.slice(0, 10)) {
          t.status = 'COMPLETED';
          t.completedAt = nowIso();
          t.completedBy = cmd.actor.userId;
          t.outcome = { outcome: cmd.outcome, date: cmd.date };
          run.touch(t);
          run.audit(cmd.actor, 'TASK_COMPLETED', { taskId: t.id, after: { type: t.type, outcome: t.outcome } });
        }
      }
    }
    return run.result();
  }), validator(check.validateContact));

  setHandler(changeOfCircumstances, command(async (cmd) => {
    check.assertOpenCase(run);
    run.audit(cmd.actor, 'CHANGE_OF_CIRCUMSTANCES', { details: { description: cmd.description } });
    const task = run.openTasks('RISK_REVIEW')[0] ?? await createTask(run, 'RISK_REVIEW', await workingDaysFromToday('RISK_REVIEW'), { assignee: run.state.stage === 'SUPERVISION' ? run.state.handover.comUserId : null });
    await reopenForCircumstances(run, cmd);
    return run.result(task);
  }), validator(check.validateCircumstances));

  setHandler(recordBreach, command(async (cmd) => {
    const sup = run.state.supervision;
    if (!sup) reject('INVALID_STATE', 'Breach is recorded during supervision');
    if (cmd.action === 'WARNING') sup.warnings += 1;
    else sup.breachActions += 1;
    run.audit(cmd.actor, cmd.action === 'WARNING' ? 'WARNING_ISSUED' : 'BREACH_ACTION', { details: { reason: cmd.reason } });
    if (cmd.action === 'BREACH_ACTION' && !run.patched(ONLY_NOTIFICATIONS_TO_ACT_ON)) run.notify('INFO', null, 'MANAGER', null, `Breach action taken: ${cmd.reason}`);
    return run.result();
  }), validator(check.validateBreach));

  setHandler(recall, command(async (cmd) => {
    await recallToCustody(run, cmd);
    return run.result();
  }), validator(check.validateRecall));

  setHandler(reRelease, command(async (cmd) => {
    const remaining = run.state.supervision?.remainingDaysAtPause ?? undefined;
    for (const t of run.openTasks()) if (t.side === 'PRISON') cancelTask(run, t, cmd.actor, 'Re-released');
    run.audit(cmd.actor, 'RE_RELEASED', { details: { releasedOn: cmd.releasedOn, remainingDays: remaining } });
    await startSupervision(run, cmd.releasedOn, remaining);
    return run.result();
  }), validator(check.validateReRelease));

  setHandler(reallocateCom, command(async (cmd) => {
    reallocate(run, cmd, cmd.actor);
    return run.result();
  }), validator(check.validateReallocate));

  checkThenAct(terminateLicence, check.validateTerminateLicence, endLicence);
  checkThenAct(recordUnlawfullyAtLarge, check.validateUnlawfullyAtLarge, unlawfullyAtLarge);
  checkThenAct(requestEarlierRelease, check.validateEarlierRelease, releaseOneDayEarlier);

  setHandler(closeCase, command(async (cmd) => {
    run.state.closureSummary = run.state.closureSummary ?? cmd.reason;
    closeNow(run, cmd.actor, cmd.reason);
    return run.result();
  }), validator(check.validateClose));

  registerNeedHandlers(run);
}
