import { Injectable } from '@nestjs/common';
import { doneOnProblem, isIsoDate } from '@ttg/policy';
import { mayWorkSide, PATHWAY_UPDATES, parseOutcome, rolesFor, WORK_SIDE, type CommandResult, type TaskType } from '@ttg/contracts';
import type { Principal } from '../auth/principal';
import { StaffChecks } from '../auth/staff-checks';
import { actorOf } from '../cases/case.service';
import { Clock } from '../common/clock';
import type { Counting } from '../common/page';
import { DomainError } from '../common/domain-error';
import { PathwayCommands } from '../pathway/pathway.commands';
import { type TaskListFilter, TaskRepository } from './task.repository';
import { presentTask, type TaskRow } from './task.presenter';

/** The outcome field that dates a contact which has happened (so cannot be after today), by task type. */
const HAPPENED_ON: Partial<Record<TaskType, string>> = { FIRST_APPOINTMENT: 'date', HOME_VISIT: 'date' };

@Injectable()
export class TaskService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly commands: PathwayCommands,
    private readonly clock: Clock,
    private readonly staff: StaffChecks,
  ) {}

  /** A page of tasks (see TaskRepository.list): exactly counted for the API, bounded for the pages. */
  async list(user: Principal, f: TaskListFilter, counting: Counting = 'exact') {
    const assignee = f.assignee === 'me' ? user.id : f.assignee;
    const page = await this.tasks.list(user, this.clock.todayInLondon(), { ...f, assignee }, counting);
    return { ...page, items: page.items.map(presentTask) };
  }

  private async load(id: string, user: Principal): Promise<TaskRow> {
    const task = await this.tasks.findInScope(id, user, this.clock.todayInLondon());
    if (!task) throw new DomainError('TASK_NOT_FOUND', `Task ${id} was not found`);
    return task;
  }

  private mayWork(user: Principal, task: TaskRow): void {
    if (!mayWorkSide(user.role, task.side)) throw new DomainError('FORBIDDEN', `${task.title} is worked by ${rolesFor(WORK_SIDE[task.side]).join(', ')}`);
  }

  private async answer(id: string, user: Principal) {
    return presentTask(await this.load(id, user));
  }

  /**
   * The answer to a command on a task, built from the Update's result (the task as the workflow
   * projected it in the same workflow task) over the row read before it: no second read.
   */
  private answerFrom(row: TaskRow, result: CommandResult, user: Principal) {
    const t = result.task;
    if (!t || t.id !== row.id) return this.answer(row.id, user);
    return presentTask({
      ...row,
      status: t.status,
      assignee: t.assignee,
      title: t.title,
      due_date: t.dueDate,
      due_at: new Date(t.dueAt),
      overdue: t.overdue,
      escalated: t.escalated,
      compressed: t.compressed,
      outcome: t.outcome,
      completed_at: t.completedAt ? new Date(t.completedAt) : null,
      completed_by: t.completedBy,
      state_version: result.version,
    });
  }

  async get(id: string, user: Principal) {
    return this.answer(id, user);
  }

  async claim(id: string, user: Principal, key?: string) {
    const task = await this.load(id, user);
    this.mayWork(user, task);
    return this.answerFrom(task, await this.commands.update(task.case_id, PATHWAY_UPDATES.claimTask, { taskId: id, actor: actorOf(user) }, key), user);
  }

  async release(id: string, user: Principal, key?: string) {
    const task = await this.load(id, user);
    this.mayWork(user, task);
    return this.answerFrom(task, await this.commands.update(task.case_id, PATHWAY_UPDATES.releaseTask, { taskId: id, actor: actorOf(user) }, key), user);
  }

  async assign(id: string, user: Principal, userId: string, key?: string) {
    const task = await this.load(id, user);
    await this.staff.assignee(user, userId, task.side);
    return this.answerFrom(task, await this.commands.update(task.case_id, PATHWAY_UPDATES.assignTask, { taskId: id, userId, actor: actorOf(user) }, key), user);
  }

  /** Completes a task with its outcome; `doneOn` is the day the work was done when it is recorded on a later day. */
  async complete(id: string, user: Principal, outcome: unknown, key?: string, doneOn?: string) {
    const task = await this.load(id, user);
    this.mayWork(user, task);
    if (task.status === 'COMPLETED') throw new DomainError('TASK_ALREADY_COMPLETED', `Task ${id} was completed by ${task.completed_by ?? 'someone'}`, { current: presentTask(task) });
    const lateProblem = doneOn === undefined ? null : !isIsoDate(doneOn) ? 'must be a real calendar date' : task.reception_at ? doneOnProblem(doneOn, task.reception_at, this.clock.todayInLondon()) : null;
    if (lateProblem) throw new DomainError('VALIDATION_FAILED', `doneOn: ${lateProblem}`, { problems: [{ field: 'doneOn', reason: lateProblem }] });
    const parsed = parseOutcome(task.type as TaskType, outcome);
    if (!parsed.ok) throw new DomainError('VALIDATION_FAILED', parsed.problems.map((p) => `${p.field}: ${p.reason}`).join('; '), { problems: parsed.problems });
    // A contact has happened: an appointment or visit cannot be dated after today in London.
    const happenedOn = HAPPENED_ON[task.type as TaskType];
    const date = happenedOn ? (parsed.value as Record<string, unknown>)[happenedOn] : undefined;
    if (typeof date === 'string' && date > this.clock.todayInLondon()) {
      const field = `outcome.${happenedOn}`;
      throw new DomainError('VALIDATION_FAILED', `${field}: cannot be in the future`, { problems: [{ field, reason: 'cannot be in the future' }] });
    }
    if (task.type === 'COM_ALLOCATION') {
      const { comUserId, teamCode } = parsed.value as { comUserId: string; teamCode: string };
      await this.staff.comOfTeam(user, comUserId, teamCode, 'outcome.');
    }
    return this.answerFrom(task, await this.commands.update(task.case_id, PATHWAY_UPDATES.completeTask, { taskId: id, outcome: parsed.value, actor: actorOf(user), ...(doneOn ? { doneOn } : {}) }, key), user);
  }

  /** When an officer leaves: every open task they hold, in the manager's scope, moves to another. */
  async bulkReassign(user: Principal, fromUserId: string, toUserId: string, key?: string) {
    const target = await this.staff.colleague(user, toUserId, 'toUserId');
    const held = await this.tasks.openAssignedTo(fromUserId, user, this.clock.todayInLondon());
    const moved: string[] = [];
    const skipped: { taskId: string; reason: string }[] = [];
    for (const t of held) {
      if (!mayWorkSide(target.role, t.side)) {
        skipped.push({ taskId: t.id, reason: `${target.role} cannot work ${t.side.toLowerCase()} tasks` });
        continue;
      }
      try {
        await this.commands.update(t.case_id, PATHWAY_UPDATES.assignTask, { taskId: t.id, userId: toUserId, actor: actorOf(user) }, key ? `${key}:${t.id}` : undefined);
        moved.push(t.id);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        skipped.push({ taskId: t.id, reason: err.message });
      }
    }
    return { moved: moved.length, movedTaskIds: moved, skipped };
  }
}
