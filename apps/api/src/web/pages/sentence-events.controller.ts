import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { presentCase } from '../../cases/case.presenter';
import { CaseService } from '../../cases/case.service';
import { DomainError } from '../../common/domain-error';
import { formKey, formKeys } from '../support/actions';
import { confirmationPage, isConfirmed } from '../support/confirmation';
import { summaryFromDomainError, type ErrorSummary } from '../support/form-errors';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { setFlash, type WebRequest } from '../support/web-session';
import { supervisionValues } from './supervision.view-model';
import {
  SENTENCE_EVENT_COMMANDS,
  SENTENCE_EVENT_DONE,
  SENTENCE_EVENT_FORMS,
  SENTENCE_EVENT_TARGETS,
  sentenceEventBody,
  sentenceEventConfirmation,
  sentenceEventsView,
  typedProblems,
  type SentenceEventForm,
  type Values,
} from './sentence-events.view-model';

/** Licence termination, time unlawfully at large and an earlier release: each confirmed before it is recorded. */
@WebPages()
@Controller('cases/:id/sentence-events')
export class SentenceEventsController {
  constructor(
    private readonly cases: CaseService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  show(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    return this.render(user, req, res, id, null, {}, null, 200);
  }

  /** One of the forms (an unknown one is not found): checked, then confirmed on a page of its own, then recorded. */
  @Post(':form')
  async record(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param() params: Record<string, string>, @Body() body: unknown): Promise<void> {
    const { id } = params;
    const form = SENTENCE_EVENT_FORMS.find((f) => f === params.form);
    if (!form) throw new DomainError('NOT_FOUND', 'There is no such form');
    const values = supervisionValues(body);
    const command = sentenceEventBody(form, values);
    const typed = typedProblems(form, values);
    if (typed) return this.render(user, req, res, id, form, values, typed, 400);
    if (!isConfirmed(body)) {
      const confirm = sentenceEventConfirmation(presentCase(await this.cases.load(id, user)), form, values, command);
      if (confirm) return this.renderer.page(req, res, 'confirm', confirmationPage(confirm));
    }
    try {
      await this.cases.lawCommand(SENTENCE_EVENT_COMMANDS[form], id, user, command, formKey(body));
    } catch (err) {
      if (!(err instanceof DomainError) || err.code === 'UNAUTHENTICATED') throw err;
      const status = err.code === 'VALIDATION_FAILED' ? 400 : err.code === 'FORBIDDEN' ? 403 : 409;
      return this.render(user, req, res, id, form, values, summaryFromDomainError(err, SENTENCE_EVENT_TARGETS[form]), status);
    }
    setFlash(req, res, { kind: 'success', title: SENTENCE_EVENT_DONE[form] });
    res.redirect(303, `/cases/${id}`);
  }

  private async render(user: Principal, req: WebRequest, res: Response, id: string, active: SentenceEventForm | null, values: Values, errors: ErrorSummary | null, status: number): Promise<void> {
    const c = presentCase(await this.cases.load(id, user));
    await this.renderer.page(req, res, 'sentence-events', sentenceEventsView(c, { user, active, values, errors, keys: formKeys(SENTENCE_EVENT_FORMS) }), status);
  }
}
