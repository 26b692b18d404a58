import {
  can,
  contactSchema,
  isoDateSchema,
  MAX_UNLAWFULLY_AT_LARGE_DAYS,
  describeProblems,
  mayActOnOthersTasks,
  textProblem,
  parseOutcome,
  type Action,
  type Actor,
  type AssignTaskCommand,
  type BreachCommand,
  type ChangeOfCircumstancesCommand,
  type ChangeReleaseDatesCommand,
  type ClaimTaskCommand,
  type CloseCaseCommand,
  type CompleteTaskCommand,
  type EarlierReleaseCommand,
  type ReallocateComCommand,
  type RecallCommand,
  type RecordContactCommand,
  type ReleaseTaskCommand,
  type ReReleaseCommand,
  type TaskOutcome,
  type TaskState,
  PATHWAYS,
  type TerminateLicenceCommand,
  type TransferCommand,
  type UnlawfullyAtLargeCommand,
} from '@ttg/contracts';
import { reject, type PathwayRun } from './context';
import { validateCircumstancePathways } from './needs-handlers';

/**
 * A plan that declines support, or finds no need, where the screening found one says why: the
 * reason is the need's, and the COM reads it. Only new plans are held to it (the validator runs
 * for new Updates only; plans accepted before replay as they were).
 */
function planReasons(run: PathwayRun, o: TaskOutcome<'RESETTLEMENT_PLAN'>): void {
  const needs = run.state.plan?.needs;
  if (!needs) return;
  const problems = PATHWAYS.flatMap((p) => {
    const { status, notes } = o.pathways[p];
    if ((status !== 'SUPPORT_DECLINED' && status !== 'SUPPORT_NOT_REQUIRED') || needs[p].status === status || notes) return [];
    return [{ field: `outcome.pathways.${p}.notes`, reason: `must give the reason ${status === 'SUPPORT_DECLINED' ? 'support is declined' : 'there is no need'}: the screening recorded it differently` }];
  });
  if (problems.length) reject('INVALID_OUTCOME', describeProblems(problems), { problems });
}

/**
 * What each command needs of the case. Run twice: as the Update's validator (a refused command
 * leaves no trace in history) and again inside the handler, on the state it then changes.
 */
export function assertOpenCase(run: PathwayRun): void {
  if (!run.ready) reject('UNAVAILABLE', 'The case is still starting: try again in a moment');
  if (run.state.stage === 'CLOSED') reject('CASE_CLOSED', 'The case is closed');
}

function workableTask(run: PathwayRun, taskId: string): TaskState {
  assertOpenCase(run);
  const task = run.findTask(taskId);
  if (!task) reject('TASK_NOT_FOUND', `Task ${taskId} is not part of this case`);
  if (task.status === 'COMPLETED') reject('TASK_ALREADY_COMPLETED', `Task ${taskId} was completed at ${task.completedAt ?? ''}`, { ...task });
  if (task.status === 'CANCELLED') reject('TASK_CANCELLED', `Task ${taskId} was cancelled`, { ...task });
  return task;
}

/** Free text a person typed: present, and text PostgreSQL and a reader can hold (the API's own rule). */
const notBlank = (value: string | undefined, field: string): void => {
  if (!value?.trim()) reject('VALIDATION_FAILED', `${field}: must not be empty`);
  const problem = textProblem(value, 'multi-line');
  if (problem) reject('VALIDATION_FAILED', `${field}: ${problem}`);
};

export function validateClaim(run: PathwayRun, cmd: ClaimTaskCommand): TaskState {
  const task = workableTask(run, cmd.taskId);
  if (task.assignee !== null && task.assignee !== cmd.actor.userId) {
    reject('TASK_CLAIMED_BY_OTHER', `Task ${task.id} is already claimed by ${task.assignee}`, { ...task });
  }
  return task;
}

export function validateRelease(run: PathwayRun, cmd: ReleaseTaskCommand): TaskState {
  const task = workableTask(run, cmd.taskId);
  if (task.assignee !== cmd.actor.userId && !mayActOnOthersTasks(cmd.actor.role)) {
    reject('NOT_ASSIGNED_TO_YOU', `Task ${task.id} is not assigned to you`, { ...task });
  }
  return task;
}

export function validateAssign(run: PathwayRun, cmd: AssignTaskCommand): TaskState {
  const task = workableTask(run, cmd.taskId);
  if (!cmd.userId) reject('VALIDATION_FAILED', 'userId: must not be empty');
  return task;
}

export function validateComplete(run: PathwayRun, cmd: CompleteTaskCommand, validating = false): { task: TaskState; outcome: unknown } {
  const task = workableTask(run, cmd.taskId);
  if (cmd.doneOn !== undefined && !isoDateSchema.safeParse(cmd.doneOn).success) {
    reject('VALIDATION_FAILED', 'doneOn: must be a date YYYY-MM-DD', { problems: [{ field: 'doneOn', reason: 'must be a date YYYY-MM-DD' }] });
  }
  if (task.assignee !== null && task.assignee !== cmd.actor.userId && !mayActOnOthersTasks(cmd.actor.role)) {
    reject('NOT_ASSIGNED_TO_YOU', `Task ${task.id} is assigned to ${task.assignee}`, { ...task });
  }
  if (!parsedOutcomes.has(cmd)) {
    // Without a validator's parse this is a replay: the outcome is already in history, and is
    // read as it was accepted then (the plan's "done", no longer offered, among them).
    const parsed = parseOutcome(task.type, cmd.outcome, !validating);
    if (!parsed.ok) reject('INVALID_OUTCOME', describeProblems(parsed.problems), { problems: parsed.problems });
    parsedOutcomes.set(cmd, parsed.value);
  }
  if (task.type === 'RELEASE_OUTCOMES' && run.state.stage === 'SUPERVISION') reject('INVALID_STATE', 'The person has already been released');
  const outcome = parsedOutcomes.get(cmd);
  if (validating && task.type === 'RESETTLEMENT_PLAN') planReasons(run, outcome as TaskOutcome<'RESETTLEMENT_PLAN'>);
  if (task.type === 'PRE_RELEASE_REVIEW' && (outcome as { needs?: object }).needs && !run.state.plan) {
    reject('INVALID_OUTCOME', 'outcome.needs: this case has no needs plan to revise', { problems: [{ field: 'outcome.needs', reason: 'cannot be revised: this case has no needs plan' }] });
  }
  return { task, outcome };
}

/**
 * Each completion's outcome parsed once: the Update's validator and its handler receive the same
 * command object, so the handler takes what the validator parsed (on replay, where no validator
 * runs, the handler parses it). Parsing is pure: the same outcome either way.
 */
const parsedOutcomes = new WeakMap<CompleteTaskCommand, unknown>();

export function validateDates(run: PathwayRun, cmd: ChangeReleaseDatesCommand): void {
  assertOpenCase(run);
  if (run.state.stage === 'SUPERVISION') reject('INVALID_STATE', 'The person has been released: record a recall before changing release dates');
  notBlank(cmd.reason, 'reason');
}

export function validateTransfer(run: PathwayRun, cmd: TransferCommand): void {
  assertOpenCase(run);
  if (run.state.stage === 'SUPERVISION') reject('INVALID_STATE', 'The person has been released');
  if (cmd.prisonCode === run.state.prisonCode) reject('VALIDATION_FAILED', `prisonCode: the case is already at ${cmd.prisonCode}`);
  notBlank(cmd.reason, 'reason');
}

export function validateContact(run: PathwayRun, cmd: RecordContactCommand): void {
  assertOpenCase(run);
  const state = run.state;
  if (!state.supervision || state.stage !== 'SUPERVISION') reject('INVALID_STATE', 'Contacts are recorded during community supervision');
  const { contactId: _c, actor: _a, ...contact } = cmd;
  const parsed = contactSchema.safeParse(contact);
  if (!parsed.success) reject('VALIDATION_FAILED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  if (cmd.date < state.supervision.releasedOn) reject('VALIDATION_FAILED', `date: must not be before release on ${state.supervision.releasedOn}`);
}

export function validateCircumstances(run: PathwayRun, cmd: ChangeOfCircumstancesCommand): void {
  assertOpenCase(run);
  notBlank(cmd.description, 'description');
  validateCircumstancePathways(run, cmd);
}

export function validateBreach(run: PathwayRun, cmd: BreachCommand): void {
  assertOpenCase(run);
  if (run.state.stage !== 'SUPERVISION') reject('INVALID_STATE', 'Breach is recorded during supervision');
  if (cmd.action !== 'WARNING' && cmd.action !== 'BREACH_ACTION') reject('VALIDATION_FAILED', 'action: must be WARNING or BREACH_ACTION');
  notBlank(cmd.reason, 'reason');
}

export function validateRecall(run: PathwayRun, cmd: RecallCommand): void {
  assertOpenCase(run);
  if (run.state.stage !== 'SUPERVISION') reject('INVALID_STATE', 'Only a person on supervision can be recalled');
  notBlank(cmd.reason, 'reason');
  if (!/^\d{4}-\d{2}-\d{2}T/.test(cmd.recalledAt)) reject('VALIDATION_FAILED', 'recalledAt: must be an ISO instant');
}

export function validateReRelease(run: PathwayRun, cmd: ReReleaseCommand): void {
  assertOpenCase(run);
  if (run.state.stage !== 'RECALLED') reject('INVALID_STATE', 'Only a recalled person can be re-released');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(cmd.releasedOn)) reject('VALIDATION_FAILED', 'releasedOn: must be a date YYYY-MM-DD');
}

export function validateReallocate(run: PathwayRun, cmd: ReallocateComCommand): void {
  assertOpenCase(run);
  const handover = run.state.handover;
  if (handover.comUserId === null) reject('INVALID_STATE', 'No COM is allocated yet: complete the COM allocation task');
  if (cmd.comUserId === handover.comUserId && cmd.teamCode === handover.comTeamCode) reject('VALIDATION_FAILED', `comUserId: the case is already allocated to ${cmd.comUserId}`);
  notBlank(cmd.reason, 'reason');
}

export function validateClose(run: PathwayRun, cmd: CloseCaseCommand): void {
  assertOpenCase(run);
  notBlank(cmd.reason, 'reason');
}

/** Commands only some roles may give (the permission table; the API checks it too). */
function allowed(actor: Actor, action: Action, what: string): void {
  if (actor.role === 'SYSTEM' || !can(actor.role, action)) reject('FORBIDDEN', `${what} is recorded by a COM or a manager`);
}

export function validateTerminateLicence(run: PathwayRun, cmd: TerminateLicenceCommand): void {
  assertOpenCase(run);
  allowed(cmd.actor, 'case.terminateLicence', 'A licence termination');
  const sup = run.state.supervision;
  if (!sup || run.state.stage !== 'SUPERVISION' || sup.endReached) reject('INVALID_STATE', 'A licence is terminated during community supervision');
  if (sup.endsOn !== null) reject('INVALID_STATE', `This licence has a fixed end (${sup.endsOn}): supervision ends then`);
  if (!isoDateSchema.safeParse(cmd.terminatedOn).success) reject('VALIDATION_FAILED', 'terminatedOn: must be a date YYYY-MM-DD');
  if (cmd.terminatedOn < sup.releasedOn) reject('VALIDATION_FAILED', `terminatedOn: must not be before release on ${sup.releasedOn}`);
  notBlank(cmd.reason, 'reason');
}

export function validateUnlawfullyAtLarge(run: PathwayRun, cmd: UnlawfullyAtLargeCommand): void {
  assertOpenCase(run);
  allowed(cmd.actor, 'case.recordUnlawfullyAtLarge', 'Time unlawfully at large');
  const sup = run.state.supervision;
  if (!sup || sup.endReached || (run.state.stage !== 'SUPERVISION' && run.state.stage !== 'RECALLED')) reject('INVALID_STATE', 'Time unlawfully at large is recorded after release, before supervision ends');
  if (!Number.isInteger(cmd.days) || cmd.days < 1 || cmd.days > MAX_UNLAWFULLY_AT_LARGE_DAYS) reject('VALIDATION_FAILED', `days: must be a whole number from 1 to ${MAX_UNLAWFULLY_AT_LARGE_DAYS}`);
  notBlank(cmd.reason, 'reason');
}

export function validateEarlierRelease(run: PathwayRun, cmd: EarlierReleaseCommand): void {
  assertOpenCase(run);
  allowed(cmd.actor, 'case.requestEarlierRelease', 'A request to release one day earlier');
  const state = run.state;
  if (state.stage === 'SUPERVISION' || state.stage === 'RECALLED' || state.release !== null) reject('INVALID_STATE', 'The person has been released');
  if (state.earlierRelease && state.earlierRelease.to === state.keyDates.releaseDate) {
    reject('INVALID_STATE', `Release was already moved one eligible working day earlier, from ${state.earlierRelease.from} to ${state.earlierRelease.to}`);
  }
  notBlank(cmd.reason, 'reason');
}
