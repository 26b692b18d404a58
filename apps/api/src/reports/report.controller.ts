import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom } from '../common/openapi';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { CsvExports, send } from '../exports/csv-exports';
import { outcomesQuery, ReportService } from './report.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportController {
  constructor(
    private readonly reports: ReportService,
    private readonly exports: CsvExports,
  ) {}

  @Get('outcomes')
  @Allow('reports.view')
  @ApiQueryFrom(outcomesQuery)
  @ApiOperation({ summary: 'Outcomes by prison or region: shares released with settled accommodation, work or training, bank account, ID; handovers on time; lost contacts. format=csv' })
  async outcomes(@CurrentUser() user: Principal, @Query() raw: unknown, @Res({ passthrough: true }) res: Response) {
    const q = this.reports.parse(raw);
    if (q.format === 'csv') return this.exports.outcomesCsv(user, raw, res);
    return { groupBy: q.groupBy, items: await this.reports.outcomes(user, q) };
  }

  @Get('resettlement')
  @Allow('reports.view')
  @ApiOperation({ summary: 'Resettlement outcomes by prison, region or month: accommodation on release night and at 3/6/12 months, work or training on release, at 6 weeks and at 6 months, released with unmet needs; sex=FEMALE for women; format=csv' })
  async resettlement(@CurrentUser() user: Principal, @Query() raw: unknown, @Res({ passthrough: true }) res: Response) {
    const q = this.reports.parseResettlement(raw);
    const items = await this.reports.resettlement(user, q);
    if (q.format === 'csv') return send(res, `resettlement-by-${q.groupBy}.csv`, items);
    return { groupBy: q.groupBy, sex: q.sex ?? null, items };
  }
}
