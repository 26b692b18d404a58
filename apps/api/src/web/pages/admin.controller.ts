import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AdminService } from '../../admin/admin.service';
import { Allow, CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { TaskService } from '../../tasks/task.service';
import { runAction } from '../support/actions';
import { confirmationPage, isConfirmed } from '../support/confirmation';
import { plural } from '../support/format';
import { StaffDirectory } from '../support/staff-directory';
import { errorSummary, formRefusal, summaryFromDomainError, type ErrorSummary } from '../support/form-errors';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { setFlash, type WebRequest } from '../support/web-session';
import { deactivationConfirmation, inFormOrder, newUserBody, policiesView, USER_TARGETS, userValues, usersView, type Values } from './admin.view-model';

/** Administration in the browser: users and their scope, and the policy versions in force. */
@WebPages()
@Allow('admin.users')
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly admin: AdminService,
    private readonly renderer: WebRenderer,
    private readonly clock: Clock,
    private readonly staff: StaffDirectory,
    private readonly tasks: TaskService,
  ) {}

  @Get()
  home(@Res() res: Response): void {
    res.redirect(303, '/admin/users');
  }

  @Get('users')
  async users(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.renderUsers(user, req, res, { role: 'PRISON_STAFF' }, null, 200);
  }

  @Post('users')
  async addUser(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const values = userValues(body);
    try {
      const created = (await this.admin.createUser(newUserBody(values))) as { displayName: string; username: string };
      setFlash(req, res, { kind: 'success', title: `${created.displayName} can now sign in as ${created.username}`, text: 'Give them the temporary password by a separate route.' });
      res.redirect(303, '/admin/users');
    } catch (caught) {
      const { error: err, status } = formRefusal(caught);
      const errors = err.code === 'INVALID_STATE' ? errorSummary([{ field: 'username', text: 'Username is taken: choose another' }]) : summaryFromDomainError(err, USER_TARGETS);
      await this.renderUsers(user, req, res, { ...values, password: '' }, inFormOrder(errors), status);
    }
  }

  @Post('users/:id/active')
  async setActive(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const active = form.active === 'true';
    const staff = await this.staff.list(user);
    const leaving = staff.find((m) => m.userId === id);
    if (!active && id !== user.id && !isConfirmed(body)) {
      const target = ((await this.admin.listUsers()) as { id: string; displayName: string }[]).find((u) => u.id === id);
      if (target) return this.renderer.page(req, res, 'confirm', confirmationPage(deactivationConfirmation(target, leaving, staff)));
    }
    const moveTo = typeof form.moveTo === 'string' && form.moveTo !== '' ? form.moveTo : null;
    await runAction(req, res, '/admin/users', async () => {
      if (id === user.id && !active) throw new DomainError('INVALID_STATE', 'You cannot deactivate your own account');
      const moved = moveTo && !active ? await this.tasks.bulkReassign(user, id, moveTo) : null;
      const changed = (await this.admin.changeUser(id, { active })) as { displayName: string };
      const movedText = moved ? `${plural(moved.moved, 'open task')} moved to ${staff.find((m) => m.userId === moveTo)?.displayName ?? 'the person chosen'}${moved.skipped.length ? `; ${plural(moved.skipped.length, 'task')} could not be moved` : ''}.` : undefined;
      return active ? `${changed.displayName} can sign in again` : { title: `${changed.displayName} can no longer sign in`, text: movedText };
    });
  }

  @Get('policy-versions')
  @Allow('policy.manage')
  async policies(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.renderer.page(req, res, 'admin-policies', policiesView(this.admin.listPolicies(), this.clock.todayInLondon()));
  }

  private async renderUsers(user: Principal, req: WebRequest, res: Response, values: Values, errors: ErrorSummary | null, status: number): Promise<void> {
    const [users, ref] = await Promise.all([this.admin.listUsers(), this.admin.referenceData()]);
    await this.renderer.page(req, res, 'admin-users', usersView(users as never, ref as never, { values, errors, currentUserId: user.id }), status);
  }
}
