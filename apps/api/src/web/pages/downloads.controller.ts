import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { CsvExports, send } from '../../exports/csv-exports';
import { ReportService } from '../../reports/report.service';
import { WebPages } from '../support/web-pages.decorator';

/**
 * The pages' CSV download links. The API takes bearer tokens only, so a page (signed in by its
 * cookie) downloads through these, which take the same query as the API's `?format=csv`.
 */
@WebPages()
@Controller('downloads')
export class DownloadsController {
  constructor(
    private readonly exports: CsvExports,
    private readonly reports: ReportService,
  ) {}

  @Get('cases.csv')
  cases(@CurrentUser() user: Principal, @Query() query: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.exports.casesCsv(user, query, res);
  }

  @Get('tasks.csv')
  tasks(@CurrentUser() user: Principal, @Query() query: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.exports.tasksCsv(user, query, res);
  }

  @Get('resettlement.csv')
  @Allow('reports.view')
  async resettlement(@CurrentUser() user: Principal, @Query() query: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const q = this.reports.parseResettlement(query);
    return send(res, `resettlement-by-${q.groupBy}.csv`, await this.reports.resettlement(user, q));
  }

  @Get('outcomes.csv')
  @Allow('reports.view')
  outcomes(@CurrentUser() user: Principal, @Query() query: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.exports.outcomesCsv(user, query, res);
  }
}
