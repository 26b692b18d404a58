import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom } from '../common/openapi';
import { z } from 'zod';
import { Allow, CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { pageQuery } from '../common/page';
import { parseInput } from '../common/validation';
import { send } from '../exports/csv-exports';
import { DashboardService } from './dashboard.service';

const caseloadQuery = z.object({ threshold: z.coerce.number().int().min(1).max(1000).default(50) }).strict();
const windowQuery = z
  .object({
    windowDays: z.coerce.number().int().min(1).max(365).optional(),
    ...pageQuery(500, 500),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(500) }).strict();

@ApiTags('dashboard')
@ApiBearerAuth()
@Allow('dashboard.view')
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @ApiQueryFrom(windowQuery)
  @Get('overdue-releases')
  @ApiOperation({ summary: 'People due out within 12 weeks (or past their date) with unmet needs, no COM or no accepted handover: paged, soonest first, with the total; format=csv gives every one' })
  async overdueReleases(@CurrentUser() user: Principal, @Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const q = parseInput(windowQuery, query);
    if (q.format === 'csv') {
      // Every one of them (up to 10,000), as a manager takes the list to a meeting.
      const all = await this.dashboard.overdueReleases(user, { windowDays: q.windowDays, page: 1, pageSize: 10_000 });
      return send(
        res,
        'overdue-releases.csv',
        all.items.map((i) => {
          const r = i as Record<string, unknown> & { unmetPathways: string[]; reasons: string[] };
          return { id: String(r.id), prisonNumber: String(r.prisonNumber), givenName: String(r.givenName), familyName: String(r.familyName), prisonCode: String(r.prisonCode), stage: String(r.stage), releaseDate: (r.releaseDate as string | null) ?? null, reasons: r.reasons.join(' '), unmetPathways: r.unmetPathways.join(' '), overdueTasks: Number(r.overdueTasks ?? 0) };
        }),
      );
    }
    return this.dashboard.overdueReleases(user, q);
  }

  @ApiQueryFrom(caseloadQuery)
  @Get('caseloads')
  @ApiOperation({ summary: 'Caseload per officer in your scope against a threshold' })
  caseloads(@CurrentUser() user: Principal, @Query() query: unknown) {
    return this.dashboard.caseloads(user, parseInput(caseloadQuery, query).threshold);
  }

  @ApiQueryFrom(limitQuery)
  @Get('handovers')
  @ApiOperation({ summary: 'COM allocations due, overdue or escalated: the first `limit` (escalated first), the total and the count in each state' })
  handovers(@CurrentUser() user: Principal, @Query() query: unknown) {
    return this.dashboard.handovers(user, parseInput(limitQuery, query).limit);
  }

  @Get('overdue-tasks')
  @ApiOperation({ summary: 'Overdue and escalated tasks by team' })
  overdueTasks(@CurrentUser() user: Principal) {
    return this.dashboard.overdueTasks(user);
  }
}
