import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow } from '../../auth/decorators';
import { ReadModelRepair } from '../../pathway/read-model.repair';
import { runAction } from '../support/actions';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import type { WebRequest } from '../support/web-session';
import { alertRows, archiveWords, counterWords, reconcileWords } from './read-model.view-model';

const PAGE = '/admin/read-model';

/**
 * The read model's health for administrators: projections the database refused (each re-projected
 * from its workflow, the source of truth, with one button), the check of rows against workflows,
 * and the check of the dashboard counters against the rows they count.
 */
@WebPages()
@Allow('admin.readModel')
@Controller('admin/read-model')
export class ReadModelPagesController {
  constructor(
    private readonly repair: ReadModelRepair,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  async show(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const alerts = alertRows(await this.repair.openAlerts());
    await this.renderer.page(req, res, 'admin-read-model', { alerts, archiveAfterDays: this.repair.archiveAfterDays });
  }

  @Post('cases/:id/reproject')
  async reproject(@Req() req: WebRequest, @Res() res: Response, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await runAction(req, res, PAGE, async () => {
      const done = await this.repair.reproject(id);
      return { title: 'Case re-projected from its workflow', text: `The read model now holds version ${done.version} of the case${done.applied ? '' : ' (it already did)'}.` };
    });
  }

  @Post('reconcile')
  async reconcile(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await runAction(req, res, PAGE, async () => reconcileWords(await this.repair.reconcile()));
  }

  @Post('archive')
  async archive(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await runAction(req, res, PAGE, async () => archiveWords(await this.repair.archive()));
  }

  @Post('counters')
  async counters(@Req() req: WebRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const mend = typeof body === 'object' && body !== null && (body as Record<string, unknown>).mend === 'true';
    await runAction(req, res, PAGE, async () => counterWords(await this.repair.checkCounters(mend)));
  }
}
