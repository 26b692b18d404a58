import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { parseInput } from '../common/validation';
import { DashboardService } from './dashboard.service';

const caseloadQuery = z.object({ threshold: z.coerce.number().int().min(1).max(1000).default(50) }).strict();
const windowQuery = z
  .object({
    windowDays: z.coerce.number().int().min(1).max(365).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(500),
  })
  .strict();
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(500) }).strict();

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('overdue-releases')
  @ApiOperation({ summary: 'People due out within 12 weeks (or past their date) with unmet needs, no COM or no accepted handover: paged, soonest first, with the total' })
  overdueReleases(@CurrentUser() user: Principal, @Query() query: unknown) {
    return this.dashboard.overdueReleases(user, parseInput(windowQuery, query));
  }

  @Get('caseloads')
  @ApiOperation({ summary: 'Caseload per officer in your scope against a threshold' })
  caseloads(@CurrentUser() user: Principal, @Query() query: unknown) {
    return this.dashboard.caseloads(user, parseInput(caseloadQuery, query).threshold);
  }

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
