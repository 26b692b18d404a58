import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { can, mayWorkSide, OPEN_TASK_STATUSES, type TaskSide, type TaskType } from '@ttg/contracts';
import { Allow, CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { CaseService } from '../../cases/case.service';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { TaskService } from '../../tasks/task.service';
import { formKey, runAction } from '../support/actions';
import { confirmationPage, isConfirmed } from '../support/confirmation';
import { formRefusal, summaryFromDomainError, type ErrorSummary } from '../support/form-errors';
import { plural } from '../support/format';
import { ReferenceNames } from '../support/reference-names';
import { StaffDirectory } from '../support/staff-directory';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { safeReturnTo, setFlash, type WebRequest } from '../support/web-session';
import { buildForm, DONE_ON_TARGET, doneOnFrom, errorTargets, formValues, outcomeFrom, type ComOption, type FormValues } from './task-forms';
import { bulkReassignConfirmation, bulkReassignOutcome } from './bulk-reassign';
import { needReviewView, needRevisions, REVIEW_TARGETS, reviewValues } from './need-review';
import { taskListQuery, taskListView, toTaskFilter, type UserOption } from './task-list.view-model';
import { taskView } from './task.view-model';

const selectedForm = z.object({ taskIds: z.union([z.string().max(200), z.array(z.string().max(200)).max(500)]).optional().catch(undefined), userId: z.string().max(100).catch('') });
const reassignForm = z.object({ fromUserId: z.string().max(100).catch(''), toUserId: z.string().max(100).catch('') });

/** My tasks, the team queue, claim and release, bulk reassignment, and a form per task type. */
@WebPages()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TaskService,
    private readonly cases: CaseService,
    private readonly staffDirectory: StaffDirectory,
    private readonly reference: ReferenceNames,
    private readonly renderer: WebRenderer,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Query() query: unknown): Promise<void> {
    const q = taskListQuery.parse(query ?? {});
    const result = await this.tasks.list(user, toTaskFilter(q, user, this.clock.todayInLondon()), 'bounded');
    const names = await this.reference.userNames(result.items.map((t) => t.assignee));
    const reassignUsers = can(user.role, 'task.assignOthers') ? await this.staff(user) : null;
    await this.renderer.page(req, res, 'tasks', taskListView(q, result, { user, names, today: this.clock.todayInLondon(), reassignUsers, reassignKey: randomUUID(), returnTo: req.originalUrl }));
  }

  @Post('bulk-reassign')
  @Allow('task.assignOthers')
  async bulkReassign(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const b = reassignForm.parse(body ?? {});
    const staff = await this.staffDirectory.list(user);
    const from = staff.find((m) => m.userId === b.fromUserId);
    const to = staff.find((m) => m.userId === b.toUserId);
    if (from && to && from !== to && from.openTasks > 0 && !isConfirmed(body)) {
      return this.renderer.page(req, res, 'confirm', confirmationPage(bulkReassignConfirmation(from, to, formKey(body))));
    }
    await runAction(req, res, '/tasks?tab=all', async () => {
      if (!b.fromUserId || !b.toUserId) throw new DomainError('VALIDATION_FAILED', 'Choose whose tasks to move and who to move them to');
      if (b.fromUserId === b.toUserId) throw new DomainError('VALIDATION_FAILED', 'Choose a different person to move the tasks to');
      const result = await this.tasks.bulkReassign(user, b.fromUserId, b.toUserId, formKey(body));
      return bulkReassignOutcome(result, from?.displayName ?? 'That person', to?.displayName ?? 'the person chosen');
    });
  }

  @Post('assign-selected')
  @Allow('task.assignOthers')
  async assignSelected(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const b = selectedForm.parse(body ?? {});
    const ids = (Array.isArray(b.taskIds) ? b.taskIds : b.taskIds ? [b.taskIds] : []).slice(0, 100);
    await runAction(req, res, returnTo(body, '/tasks?tab=all'), async () => {
      if (!ids.length) throw new DomainError('VALIDATION_FAILED', 'Select the tasks to assign');
      if (!b.userId) throw new DomainError('VALIDATION_FAILED', 'Choose who to assign the selected tasks to');
      const name = (await this.reference.userNames([b.userId])).get(b.userId) ?? 'them';
      const refused: string[] = [];
      for (const id of ids) {
        try {
          await this.tasks.assign(id, user, b.userId);
        } catch (err) {
          if (!(err instanceof DomainError) || err.code === 'UNAUTHENTICATED') throw err;
          refused.push(err.message);
        }
      }
      const moved = ids.length - refused.length;
      const why = refused.length ? `${plural(refused.length, 'task')} could not be assigned to ${name}: they cannot work tasks of that side, or the task is no longer open.` : undefined;
      if (moved === 0) throw new DomainError('VALIDATION_FAILED', `No tasks were assigned. ${why ?? ''}`.trim());
      return { title: `Assigned ${plural(moved, 'task')} to ${name}`, text: why };
    });
  }

  @Get(':id')
  async show(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.render(user, req, res, id, {}, null, 200);
  }

  @Post(':id')
  async complete(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    const task = await this.tasks.get(id, user);
    const coms = await this.coms(user, task.type as TaskType);
    const fields = buildForm(task.type as TaskType, coms);
    const review = task.type === 'PRE_RELEASE_REVIEW' ? reviewValues(body) : {};
    const done = doneOnFrom(body);
    const values = { ...formValues(fields, body), ...review, ...done.values };
    try {
      const revised = needRevisions(review);
      await this.tasks.complete(id, user, { ...outcomeFrom(fields, values, coms), ...(revised ? { needs: revised } : {}) }, formKey(body), done.doneOn);
    } catch (caught) {
      const { error: err, status } = formRefusal(caught);
      return this.render(user, req, res, id, values, summaryFromDomainError(err, [...errorTargets(fields), ...(task.type === 'PRE_RELEASE_REVIEW' ? REVIEW_TARGETS : []), DONE_ON_TARGET]), status);
    }
    setFlash(req, res, { kind: 'success', title: `${task.title}: completed`, next: await this.nextTask(user, id) });
    res.redirect(303, task.type === 'HANDOVER_ACCEPTANCE' ? '/handovers' : `/cases/${task.caseId}`);
  }

  @Post(':id/claim')
  async claim(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    await runAction(req, res, returnTo(body, `/tasks/${id}`), async () => `${(await this.tasks.claim(id, user, formKey(body))).title}: claimed by you`);
  }

  @Post(':id/assign')
  @Allow('task.assignOthers')
  async assign(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    const userId = typeof body === 'object' && body !== null && typeof (body as Record<string, unknown>).userId === 'string' ? String((body as Record<string, unknown>).userId) : '';
    await this.tasks.get(id, user); // a task out of the caller's scope is not found, whatever the form says
    await runAction(req, res, `/tasks/${id}`, async () => {
      if (!userId) throw new DomainError('VALIDATION_FAILED', 'Choose who to assign the task to');
      const task = await this.tasks.assign(id, user, userId, formKey(body));
      const names = await this.reference.userNames([userId]);
      return `${task.title}: assigned to ${names.get(userId) ?? 'them'}`;
    });
  }

  @Post(':id/release')
  async release(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    await runAction(req, res, returnTo(body, `/tasks/${id}`), async () => `${(await this.tasks.release(id, user, formKey(body))).title}: released to the team queue`);
  }

  private async render(user: Principal, req: WebRequest, res: Response, id: string, values: FormValues, errors: ErrorSummary | null, status: number): Promise<void> {
    const task = await this.tasks.get(id, user);
    const c = await this.cases.load(task.caseId, user);
    const coms = await this.coms(user, task.type as TaskType);
    const fields = buildForm(task.type as TaskType, coms);
    const names = await this.reference.userNames([task.assignee, task.completedBy, ...comIdsOf(task.outcome)]);
    const assignees = can(user.role, 'task.assignOthers') ? (await this.staffDirectory.list(user)).filter((m) => mayWorkSide(m.role, task.side as TaskSide)).map((m) => ({ value: m.userId, text: `${m.displayName} (${plural(m.openTasks, 'open task')})` })) : undefined;
    const view = taskView(task, c, { user, names, today: this.clock.todayInLondon(), fields, values, errors, idempotencyKey: randomUUID(), assignees });
    // The pre-release review shows every need and revises them.
    const needReview = view.form && task.type === 'PRE_RELEASE_REVIEW' ? needReviewView(await this.cases.needsOf(task.caseId), values as Record<string, string>) : null;
    await this.renderer.page(req, res, 'task', { ...view, needReview }, status);
  }

  /** After completing a task: the user's next one, soonest due first, or the team queue. */
  private async nextTask(user: Principal, done: string): Promise<{ href: string; text: string }> {
    const mine = await this.tasks.list(user, { assignee: 'me', status: [...OPEN_TASK_STATUSES], sort: 'dueAt', order: 'asc', page: 1, pageSize: 2 });
    const next = mine.items.find((t) => t.id !== done);
    if (next) return { href: `/tasks/${next.id}`, text: `Next task: ${next.title}${next.person ? ` for ${next.person.givenName ?? ''} ${next.person.familyName ?? ''}`.trimEnd() : ''}` };
    return { href: '/tasks?tab=queue', text: 'You have no more tasks: pick one up from the team queue' };
  }

  /** Community offender managers to allocate (only the COM allocation form asks). */
  private async coms(user: Principal, type: TaskType): Promise<ComOption[]> {
    if (type !== 'COM_ALLOCATION') return [];
    return (await this.staffDirectory.coms(user)).map((m) => ({ userId: m.userId, displayName: m.displayName, teamCode: m.teamCode, teamName: m.teamName, casesAllocated: m.casesAllocated, openTasks: m.openTasks }));
  }

  /** Prison staff and COMs, for the bulk reassignment form. */
  private async staff(user: Principal): Promise<UserOption[]> {
    return (await this.staffDirectory.list(user)).map((m) => ({ value: m.userId, text: `${m.displayName} (${m.role === 'COM' ? 'COM' : 'prison staff'}, ${plural(m.openTasks, 'open task')})` }));
  }
}

function returnTo(body: unknown, fallback: string): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).returnTo : undefined;
  return value === undefined ? fallback : safeReturnTo(value);
}

function comIdsOf(outcome: unknown): string[] {
  const id = typeof outcome === 'object' && outcome !== null ? (outcome as Record<string, unknown>).comUserId : undefined;
  return typeof id === 'string' ? [id] : [];
}
