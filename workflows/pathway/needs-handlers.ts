import { setHandler } from '@temporalio/workflow';
import type { z } from 'zod';
import {
  addNeed,
  addNeedAction,
  addNeedSchema,
  changeNeedStatus,
  circumstancesPathwaysSchema,
  isUnmetNeed,
  needActionSchema,
  needStatusSchema,
  type AddNeedActionCommand,
  type AddNeedCommand,
  type ChangeNeedStatusCommand,
  type ChangeOfCircumstancesCommand,
  type CommandResult,
  type PlanState,
  type SettableNeedStatus,
} from '@ttg/contracts';
import { reject, type PathwayRun } from './context';
import { changeNeed, refreshNeed, reopenNeed, setNeed } from './needs';
import { createTask } from './tasks';
import { assertOpenCase } from './validators';

/** The living plan's Updates: add a need, change a need's status (with a reason), add an action to a need. */

/** A command's fields checked by the API's own schema: a refusal names each bad field. */
function parsed<S extends z.ZodTypeAny>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', reason: i.message }));
    reject('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), { problems });
  }
  return result.data;
}

function openPlan(run: PathwayRun): PlanState {
  assertOpenCase(run);
  const plan = run.state.plan;
  if (!plan) reject('INVALID_STATE', 'This case has no needs plan: it starts when the custody screening is completed');
  return plan;
}

const fields = <C extends { actor: unknown }>(cmd: C): Omit<C, 'actor'> => {
  const { actor: _actor, ...rest } = cmd;
  return rest;
};

export function validateAddNeed(run: PathwayRun, cmd: AddNeedCommand): void {
  const plan = openPlan(run);
  const b = parsed(addNeedSchema, fields(cmd));
  if (isUnmetNeed(plan.needs[b.pathway].status)) reject('VALIDATION_FAILED', `pathway: ${b.pathway} already has an open need`, { problems: [{ field: 'pathway', reason: 'is already open' }] });
}

export function validateNeedStatus(run: PathwayRun, cmd: ChangeNeedStatusCommand): void {
  const plan = openPlan(run);
  const b = parsed(needStatusSchema, fields(cmd));
  if (b.status === 'SUPPORT_REQUIRED' && isUnmetNeed(plan.needs[b.pathway].status)) {
    reject('VALIDATION_FAILED', `status: the ${b.pathway} need is already open`, { problems: [{ field: 'status', reason: 'the need is already open' }] });
  }
}

export function validateNeedAction(run: PathwayRun, cmd: AddNeedActionCommand): void {
  const plan = openPlan(run);
  const b = parsed(needActionSchema, fields(cmd));
  const status = plan.needs[b.pathway].status;
  if (status === 'SUPPORT_DECLINED' || status === 'SUPPORT_NOT_REQUIRED') {
    reject('VALIDATION_FAILED', `pathway: the ${b.pathway} need is ${status}: change its status first`, { problems: [{ field: 'pathway', reason: `is ${status === 'SUPPORT_DECLINED' ? 'declined' : 'not required'}: change its status first` }] });
  }
}

/** A change of circumstances may name needs it reopens (cases with a needs plan). */
export function validateCircumstancePathways(run: PathwayRun, cmd: ChangeOfCircumstancesCommand): void {
  if (cmd.pathways === undefined) return;
  parsed(circumstancesPathwaysSchema, cmd.pathways);
  if (cmd.pathways.length > 0) openPlan(run);
}

export async function reopenForCircumstances(run: PathwayRun, cmd: ChangeOfCircumstancesCommand): Promise<void> {
  for (const p of cmd.pathways ?? []) await reopenNeed(run, p, `Change of circumstances: ${cmd.description}`, cmd.actor);
}

export function registerNeedHandlers(run: PathwayRun): void {
  const command = <A>(validate: (run: PathwayRun, cmd: A) => void, work: (cmd: A) => Promise<CommandResult>) => {
    const handler = (cmd: A) => run.exclusive(async () => {
      validate(run, cmd);
      return work(cmd);
    });
    return [handler, { validator: (cmd: A) => validate(run, cmd) }] as const;
  };

  setHandler(addNeed, ...command(validateAddNeed, async (cmd) => {
    run.audit(cmd.actor, 'NEED_ADDED', { after: { pathway: cmd.pathway }, details: { reason: cmd.reason } });
    await reopenNeed(run, cmd.pathway, cmd.reason, cmd.actor);
    return run.result();
  }));

  setHandler(changeNeedStatus, ...command(validateNeedStatus, async (cmd) => {
    await changeNeed(run, cmd.pathway, cmd.status as SettableNeedStatus, cmd.reason, cmd.actor);
    return run.result();
  }));

  setHandler(addNeedAction, ...command(validateNeedAction, async (cmd) => {
    const state = run.state;
    const task = await createTask(run, cmd.taskType, { kind: 'DATE', on: cmd.dueDate }, {
      pathway: cmd.pathway,
      title: cmd.title,
      side: state.release ? 'COMMUNITY' : undefined,
      assignee: state.release ? state.handover.comUserId : null,
    });
    run.audit(cmd.actor, 'NEED_ACTION_ADDED', { taskId: task.id, after: { pathway: cmd.pathway, type: cmd.taskType, dueDate: task.dueDate } });
    if (!isUnmetNeed(state.plan?.needs[cmd.pathway].status ?? '')) setNeed(run, cmd.pathway, 'SUPPORT_REQUIRED', `Action added: ${task.title}`, cmd.actor);
    await refreshNeed(run, cmd.pathway, cmd.actor);
    return run.result(task);
  }));
}
