import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AdminService } from '../../admin/admin.service';
import { Allow, CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import type { Role } from '@ttg/contracts';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { TaskService } from '../../tasks/task.service';
import { runAction } from '../support/actions';
import { confirmationPage, isConfirmed } from '../support/confirmation';
import { formatDate, plural, policyVersionWords } from '../support/format';
import { StaffDirectory } from '../support/staff-directory';
import { errorSummary, formRefusal, summaryFromDomainError, type ErrorSummary } from '../support/form-errors';
import { ROLE_LABELS } from '../support/labels';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { setFlash, type WebRequest } from '../support/web-session';
import { policyBody, policyErrors, policyForm, policyValues, type Values as PolicyValues } from './admin-policy.view-model';
import { EDIT_USER_TARGETS, editUserBody, editUserView } from './admin-user.view-model';
import { deactivationConfirmation, passwordResetConfirmation, inFormOrder, newUserBody, policiesView, USER_TARGETS, userValues, usersView, type Values } from './admin.view-model';

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
      const moved = moveTo && !active ? await this.tasks.bulkReassign(user, id, moveTo) : null;
      const changed = (await this.admin.changeUser(id, { active }, user.id)) as { displayName: string };
      const movedText = moved ? `${plural(moved.moved, 'open task')} moved to ${staff.find((m) => m.userId === moveTo)?.displayName ?? 'the person chosen'}${moved.skipped.length ? `; ${plural(moved.skipped.length, 'task')} could not be moved` : ''}.` : undefined;
      return active ? `${changed.displayName} can sign in again` : { title: `${changed.displayName} can no longer sign in`, text: movedText };
    });
  }

  /** A temporary password, after a confirmation: shown once here, to give the person by a separate route. */
  @Post('users/:id/password')
  async resetPassword(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    const target = ((await this.admin.listUsers()) as { id: string; displayName: string; active: boolean }[]).find((u) => u.id === id && u.active);
    if (!target) throw new DomainError('USER_NOT_FOUND', 'There is no such active user');
    if (!isConfirmed(body)) return this.renderer.page(req, res, 'confirm', confirmationPage(passwordResetConfirmation(target)));
    const reset = await this.admin.resetPassword(id, user.id);
    setFlash(req, res, {
      kind: 'success',
      title: `Temporary password for ${reset.displayName}: ${reset.temporaryPassword}`,
      text: `Give it to them by a separate route: it is not shown again. When ${reset.username} signs in with it they must choose their own password; until then it does nothing else.`,
    });
    res.redirect(303, '/admin/users');
  }

  @Get('users/:id')
  async editUser(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.renderEdit(req, res, id, null, null, 200);
  }

  /** A new role and scope: the service checks they fit together and names the field when not. */
  @Post('users/:id')
  async changeUser(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    const values = userValues(body);
    try {
      const changed = (await this.admin.changeUser(id, editUserBody(values, await this.reference()), user.id)) as { displayName: string; role: Role };
      setFlash(req, res, { kind: 'success', title: `${changed.displayName} is now: ${ROLE_LABELS[changed.role]}`, text: 'The change applies from their next page.' });
      res.redirect(303, '/admin/users');
    } catch (err) {
      if (!(err instanceof DomainError) || err.code === 'UNAUTHENTICATED' || err.code === 'USER_NOT_FOUND') throw err;
      await this.renderEdit(req, res, id, values, summaryFromDomainError(err, EDIT_USER_TARGETS), 400);
    }
  }

  @Get('policy-versions')
  @Allow('policy.manage')
  async policies(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.renderPolicies(req, res, null, null, 200);
  }

  /** A new version from the page: every figure checked by the service, each problem in words. */
  @Post('policy-versions')
  @Allow('policy.manage')
  async addPolicy(@Req() req: WebRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const values = policyValues(body);
    const parsed = policyBody(values);
    if ('errors' in parsed) return this.renderPolicies(req, res, values, parsed.errors, 400);
    try {
      const added = (await this.admin.addPolicy(parsed.body)) as { id: string; effectiveFrom: string };
      setFlash(req, res, { kind: 'success', title: `Policy version added: ${policyVersionWords(added.id)}`, text: `Cases received from ${formatDate(added.effectiveFrom)} use it; running cases keep theirs.` });
      res.redirect(303, '/admin/policy-versions');
    } catch (err) {
      if (!(err instanceof DomainError) || (err.code !== 'VALIDATION_FAILED' && err.code !== 'INVALID_STATE')) throw err;
      await this.renderPolicies(req, res, values, policyErrors(err), err.code === 'INVALID_STATE' ? 409 : 400);
    }
  }

  private async renderPolicies(req: WebRequest, res: Response, values: PolicyValues | null, errors: ErrorSummary | null, status: number): Promise<void> {
    const versions = this.admin.listPolicies();
    const today = this.clock.todayInLondon();
    const current = [...versions].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom)).find((v) => v.effectiveFrom <= today) ?? versions[0];
    await this.renderer.page(req, res, 'admin-policies', { ...policiesView(versions, today), form: policyForm(values, current, errors), errors }, status);
  }

  private async reference(): Promise<Parameters<typeof editUserView>[1]> {
    return (await this.admin.referenceData()) as Parameters<typeof editUserView>[1];
  }

  private async renderEdit(req: WebRequest, res: Response, id: string, values: Values | null, errors: ErrorSummary | null, status: number): Promise<void> {
    const target = ((await this.admin.listUsers()) as Parameters<typeof editUserView>[0][]).find((u) => u.id === id);
    if (!target) throw new DomainError('USER_NOT_FOUND', 'There is no such user');
    await this.renderer.page(req, res, 'admin-user', editUserView(target, await this.reference(), { values, errors }), status);
  }

  private async renderUsers(user: Principal, req: WebRequest, res: Response, values: Values, errors: ErrorSummary | null, status: number): Promise<void> {
    const [users, ref] = await Promise.all([this.admin.listUsers(), this.admin.referenceData()]);
    await this.renderer.page(req, res, 'admin-users', usersView(users as never, ref as never, { values, errors, currentUserId: user.id }), status);
  }
}
