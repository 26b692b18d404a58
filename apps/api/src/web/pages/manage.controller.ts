import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { can } from '@ttg/contracts';
import type { Response } from 'express';
import { CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { presentCase } from '../../cases/case.presenter';
import { CaseService } from '../../cases/case.service';
import { closeSchema } from '../../cases/case.schemas';
import { formKey, formKeys, formParam } from '../support/actions';
import { confirmationPage, isConfirmed } from '../support/confirmation';
import { formRefusal, summaryFromDomainError, type ErrorSummary } from '../support/form-errors';
import { ReferenceNames } from '../support/reference-names';
import { StaffDirectory } from '../support/staff-directory';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { setFlash, type WebRequest } from '../support/web-session';
import { MANAGE_FORMS, MANAGE_TARGETS, manageBody, manageValues, manageView, type ManageForm, type Values } from './manage.view-model';

/** Transfer to another prison, reallocation to another COM, and closing a case. */
@WebPages()
@Controller('cases/:id/manage')
export class ManageController {
  constructor(
    private readonly cases: CaseService,
    private readonly reference: ReferenceNames,
    private readonly staff: StaffDirectory,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  async show(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.render(user, req, res, id, null, {}, null, 200);
  }

  @Post(':form')
  async act(
    @CurrentUser() user: Principal,
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Param('form', formParam(MANAGE_FORMS)) form: ManageForm,
    @Body() body: unknown,
  ): Promise<void> {
    const values = manageValues(body);
    const key = formKey(body);
    const coms = form === 'reallocate' ? await this.coms(user) : [];
    const command = manageBody(form, values, coms);
    if (form === 'close' && !isConfirmed(body) && closeSchema.safeParse(command).success) {
      const c = presentCase(await this.cases.load(id, user));
      const person = `${c.givenName} ${c.familyName}`;
      return this.renderer.page(req, res, 'confirm', confirmationPage({
        pageTitle: `Confirm closing the case of ${person}`,
        caption: `${person} (${c.prisonNumber})`,
        heading: `Are you sure you want to close the case of ${person}?`,
        rows: [{ key: 'Reason for closing the case', value: String(command.reason) }],
        warning: 'Every open task is cancelled and no more reminders are sent. A closed case cannot be reopened: the person would be received again.',
        action: `/cases/${id}/manage/close`,
        fields: values,
        confirmText: 'Yes, close the case',
        cancelHref: `/cases/${id}/manage`,
        destructive: true,
      }));
    }
    try {
      if (form === 'transfer') {
        const moved = await this.cases.transfer(id, user, command, key);
        setFlash(req, res, { kind: 'success', title: `Transferred to ${await this.reference.describe(moved.prisonCode)}`, text: 'Its open prison tasks are in that prison’s team queue.' });
        // Prison staff no longer see a case that has left their prison.
        return res.redirect(303, moved.inScope ? `/cases/${id}` : '/cases');
      }
      if (form === 'reallocate') await this.cases.reallocateCom(id, user, command, key);
      else await this.cases.close(id, user, command, key);
    } catch (caught) {
      const { error: err, status } = formRefusal(caught, 'CASE_NOT_FOUND');
      return this.render(user, req, res, id, form, values, summaryFromDomainError(err, MANAGE_TARGETS[form]), status);
    }
    setFlash(req, res, { kind: 'success', title: form === 'reallocate' ? 'Case reallocated: the new community offender manager has been told' : 'Case closed' });
    res.redirect(303, `/cases/${id}`);
  }

  private async coms(user: Principal) {
    return this.staff.coms(user);
  }

  private async render(user: Principal, req: WebRequest, res: Response, id: string, active: ManageForm | null, values: Values, errors: ErrorSummary | null, status: number): Promise<void> {
    const c = presentCase(await this.cases.load(id, user));
    const handover = (c.handover ?? {}) as { comUserId?: string | null };
    const names = await this.reference.userNames([handover.comUserId]);
    await this.renderer.page(
      req,
      res,
      'manage',
      manageView(c, {
        user,
        prisons: await this.reference.prisons(),
        coms: can(user.role, 'case.reallocate') ? await this.coms(user) : [],
        currentCom: handover.comUserId ? (names.get(handover.comUserId) ?? handover.comUserId) : null,
        prisonName: await this.reference.describe(c.prisonCode),
        active,
        values,
        errors,
        keys: formKeys(MANAGE_FORMS),
      }),
      status,
    );
  }
}
