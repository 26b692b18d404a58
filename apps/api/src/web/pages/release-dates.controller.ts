import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Allow, CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { presentCase, type CaseView } from '../../cases/case.presenter';
import { CaseService } from '../../cases/case.service';
import { DomainError } from '../../common/domain-error';
import { formKey } from '../support/actions';
import { formRefusal } from '../support/form-errors';
import { formatDate } from '../support/format';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { setFlash, type WebRequest } from '../support/web-session';
import { currentValues, NOTHING_CHANGED, releaseDateErrors, releaseDatesChange, releaseDatesView, releaseDateValues } from './release-dates.view-model';

/** Changing a person's release dates (with a reason): every open deadline is re-based by the workflow. */
@WebPages()
@Allow('case.changeReleaseDates')
@Controller('cases/:id/release-dates')
export class ReleaseDatesController {
  constructor(
    private readonly cases: CaseService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  async form(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const c = await this.load(id, user);
    await this.renderer.page(req, res, 'release-dates', releaseDatesView(c, currentValues(c.sentence as never), null, randomUUID()));
  }

  @Post()
  async change(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    const c = await this.load(id, user);
    const values = releaseDateValues(body);
    const key = formKey(body) ?? randomUUID();
    const change = releaseDatesChange(values, c.sentence as never);
    if (!change) return this.renderer.page(req, res, 'release-dates', releaseDatesView(c, values, NOTHING_CHANGED, key), 400);
    try {
      const after = await this.cases.changeReleaseDates(id, user, change, key);
      const releaseDate = ((after.keyDates ?? {}) as { releaseDate?: string | null }).releaseDate;
      setFlash(req, res, { kind: 'success', title: 'Release dates changed', text: releaseDate ? `The release date is now ${formatDate(releaseDate)}; open deadlines have moved with it.` : 'Open deadlines have moved with the new dates.' });
      res.redirect(303, `/cases/${id}`);
    } catch (caught) {
      const { error: err, status } = formRefusal(caught, 'CASE_NOT_FOUND');
      await this.renderer.page(req, res, 'release-dates', releaseDatesView(c, values, releaseDateErrors(err), randomUUID()), status);
    }
  }

  private async load(id: string, user: Principal): Promise<CaseView> {
    const c = presentCase(await this.cases.load(id, user));
    if (!c.active) throw new DomainError('CASE_CLOSED', 'This case is closed: its release dates can no longer change');
    return c;
  }
}
