import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { isoDateSchema } from '../../../../libs/contracts/src';
import { Allow, CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { toCsv } from '../common/csv';
import { parseInput } from '../common/validation';
import { ReportRepository } from './report.repository';
import { resettlementQuery } from './resettlement-report';

const isoDate = isoDateSchema;
const query = z.object({ groupBy: z.enum(['prison', 'region']).default('prison'), from: isoDate.optional(), to: isoDate.optional(), format: z.enum(['json', 'csv']).default('json') }).strict();
const share = (n: number, of: number) => (of === 0 ? null : Math.round((1000 * n) / of) / 10);

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportController {
  constructor(
    private readonly reports: ReportRepository,
    private readonly clock: Clock,
  ) {}

  @Get('outcomes')
  @Allow('reports.view')
  @ApiOperation({ summary: 'Outcomes by prison or region: shares released with settled accommodation, work or training, bank account, ID; handovers on time; lost contacts. format=csv' })
  async outcomes(@CurrentUser() user: Principal, @Query() raw: unknown, @Res({ passthrough: true }) res: Response) {
    const q = parseInput(query, raw);
    const rows = await this.reports.outcomes(user, this.clock.todayInLondon(), q.groupBy, q.from, q.to);
    const items = rows.map((r) => ({
      ...r,
      settledAccommodationPct: share(r.settledAccommodation, r.released),
      workOrTrainingPct: share(r.workOrTraining, r.released),
      bankAccountPct: share(r.bankAccount, r.released),
      idPct: share(r.id, r.released),
      handoversOnTimePct: share(r.handoversOnTime, r.handoversDue),
    }));
    if (q.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="outcomes-by-${q.groupBy}.csv"`);
      return toCsv(items);
    }
    return { groupBy: q.groupBy, items };
  }

  @Get('resettlement')
  @Allow('reports.view')
  @ApiOperation({ summary: 'Resettlement outcomes by prison, region or month: accommodation on release night and at 3/6/12 months, work or training on release and at 6 months, released with unmet needs; sex=FEMALE for women; format=csv' })
  async resettlement(@CurrentUser() user: Principal, @Query() raw: unknown, @Res({ passthrough: true }) res: Response) {
    const q = parseInput(resettlementQuery, raw);
    const items = await this.reports.resettlement(user, this.clock.todayInLondon(), q);
    if (q.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="resettlement-by-${q.groupBy}.csv"`);
      return toCsv(items);
    }
    return { groupBy: q.groupBy, sex: q.sex ?? null, items };
  }
}
