import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DateTime } from 'luxon';
import { createHash, randomUUID } from 'node:crypto';
import { BUSINESS_ZONE } from '@ttg/policy';
import { Allow, CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { CaseService } from '../../cases/case.service';
import { Clock } from '../../common/clock';
import { formKey } from '../support/actions';
import { formRefusal } from '../support/form-errors';
import { ReferenceNames } from '../support/reference-names';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { setFlash, type WebRequest } from '../support/web-session';
import { newCaseBody, receivingPrisons, receptionErrors, receptionValues, receptionView } from './reception.view-model';

/**
 * Receiving a person into custody: the person and their sentence, which starts their pathway
 * (the same use case as `POST /api/v1/cases`). Registered before the case page so `/cases/new`
 * is this form, not a case id.
 */
@WebPages()
@Allow('case.receive')
@Controller('cases/new')
export class ReceptionController {
  constructor(
    private readonly cases: CaseService,
    private readonly reference: ReferenceNames,
    private readonly renderer: WebRenderer,
    private readonly clock: Clock,
  ) {}

  @Get()
  async form(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const now = DateTime.fromJSDate(this.clock.now(), { zone: BUSINESS_ZONE });
    const values = {
      'receptionDate-day': String(now.day),
      'receptionDate-month': String(now.month),
      'receptionDate-year': String(now.year),
      receptionTime: now.toFormat('HH:mm'),
      sentenceType: 'DETERMINATE',
      // No offence category is chosen for the user: the victim contact scheme depends on it.
      flags: [],
    };
    await this.renderer.page(req, res, 'reception', receptionView(values, await this.prisons(user), null, randomUUID()));
  }

  @Post()
  async receive(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const values = receptionValues(body);
    const prisons = await this.prisons(user);
    const prisonCode = prisons.length === 1 ? prisons[0].code : typeof values.prisonCode === 'string' ? values.prisonCode : '';
    // The form's key makes a double submit (or a retry after a time-out) land on the same case.
    const key = formKey(body);
    const startKey = key ? createHash('sha256').update(`web-reception:${user.id}:${key}`).digest('hex') : null;
    try {
      const { case: c } = await this.cases.create(user, newCaseBody(values, prisonCode), startKey);
      setFlash(req, res, { kind: 'success', title: `${c.givenName} ${c.familyName} received into custody`, text: 'Their pathway has started: the custody screening and the other first tasks are in the team queue.' });
      res.redirect(303, `/cases/${c.id}`);
    } catch (caught) {
      const { error: err, status } = formRefusal(caught);
      await this.renderer.page(req, res, 'reception', receptionView(values, prisons, receptionErrors(err), key ?? randomUUID()), status);
    }
  }

  private async prisons(user: Principal) {
    return receivingPrisons(user, await this.reference.prisons());
  }
}
