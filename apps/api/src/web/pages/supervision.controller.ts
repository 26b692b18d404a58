import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { presentCase } from '../../cases/case.presenter';
import { CaseService } from '../../cases/case.service';
import { formKey, formKeys, formParam } from '../support/actions';
import { confirmationPage, isConfirmed } from '../support/confirmation';
import { formRefusal, summaryFromDomainError, type ErrorSummary } from '../support/form-errors';
import { ReferenceNames } from '../support/reference-names';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { setFlash, type WebRequest } from '../support/web-session';
import { SUPERVISION_FORMS, SUPERVISION_TARGETS, supervisionBody, supervisionConfirmation, supervisionValues, supervisionView, type SupervisionForm, type Values } from './supervision.view-model';

const DONE: Record<SupervisionForm, string> = { contact: 'Contact recorded', circumstances: 'Change of circumstances recorded: a risk review is due', breach: 'Breach recorded', recall: 'Recall recorded: supervision is paused', 're-release': 'Re-release recorded: supervision resumes' };

/** Community supervision: contacts, lost-contact alerts, breach, recall and re-release. */
@WebPages()
@Controller('cases/:id/supervision')
export class SupervisionController {
  constructor(
    private readonly cases: CaseService,
    private readonly reference: ReferenceNames,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  async show(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.render(user, req, res, id, null, {}, null, 200);
  }

  @Post(':form')
  async record(
    @CurrentUser() user: Principal,
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Param('form', formParam(SUPERVISION_FORMS)) form: SupervisionForm,
    @Body() body: unknown,
  ): Promise<void> {
    const values = supervisionValues(body);
    const command = supervisionBody(form, values);
    const key = formKey(body);
    if ((form === 'recall' || form === 'breach') && !isConfirmed(body)) {
      const confirm = supervisionConfirmation(presentCase(await this.cases.load(id, user)), form, values, command);
      if (confirm) return this.renderer.page(req, res, 'confirm', confirmationPage(confirm));
    }
    try {
      if (form === 'contact') await this.cases.recordContact(id, user, command, key);
      else if (form === 'circumstances') await this.cases.changeOfCircumstances(id, user, command, key);
      else if (form === 'breach') await this.cases.recordBreach(id, user, command, key);
      else if (form === 'recall') await this.cases.recall(id, user, command, key);
      else await this.cases.reRelease(id, user, command, key);
    } catch (caught) {
      const { error: err, status } = formRefusal(caught);
      return this.render(user, req, res, id, form, values, summaryFromDomainError(err, SUPERVISION_TARGETS[form]), status);
    }
    setFlash(req, res, { kind: 'success', title: DONE[form] });
    res.redirect(303, `/cases/${id}/supervision`);
  }

  private async render(user: Principal, req: WebRequest, res: Response, id: string, active: SupervisionForm | null, values: Values, errors: ErrorSummary | null, status: number): Promise<void> {
    const c = presentCase(await this.cases.load(id, user));
    const [{ items }, needs] = await Promise.all([this.cases.contacts(id, user), this.cases.needsOf(id)]);
    const names = await this.reference.userNames(items.map((x) => (typeof x === 'object' && x !== null ? String((x as { recordedBy?: unknown }).recordedBy) : null)));
    await this.renderer.page(req, res, 'supervision', supervisionView(c, items, { user, names, active, values, errors, keys: formKeys(SUPERVISION_FORMS), needs }), status);
  }
}
