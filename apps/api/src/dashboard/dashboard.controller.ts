import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { addCalendarDays, DEFAULT_POLICY } from '../../../../libs/policy/src';
import { PATHWAYS, type PathwayStatus } from '../../../../libs/contracts/src';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { parseInput } from '../common/validation';
import { DashboardRepository } from './dashboard.repository';

const MET: PathwayStatus[] = ['DONE', 'SUPPORT_NOT_REQUIRED', 'SUPPORT_DECLINED'];
const caseloadQuery = z.object({ threshold: z.coerce.number().int().min(1).max(1000).default(50) }).strict();
const windowQuery = z.object({ windowDays: z.coerce.number().int().min(1).max(365).optional() }).strict();

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(
    private readonly repo: DashboardRepository,
    private readonly clock: Clock,
  ) {}

  @Get('overdue-releases')
  @ApiOperation({ summary: 'People due out within 12 weeks (or past their date) with unmet needs, no COM or no accepted handover' })
  async overdueReleases(@CurrentUser() user: Principal, @Query() query: unknown) {
    const q = parseInput(windowQuery, query);
    const today = this.clock.todayInLondon();
    const windowDays = q.windowDays ?? DEFAULT_POLICY.figures.preReleaseReview.opensDaysBeforeRelease;
    const rows = await this.repo.overdueReleases(user, today, addCalendarDays(today, windowDays));
    const items = rows.map((r) => {
      const pathways = (r.pathways ?? {}) as Record<string, PathwayStatus>;
      const unmet = PATHWAYS.filter((p) => !MET.includes(pathways[p] ?? 'NOT_STARTED'));
      const reasons: string[] = [];
      if (r.pastReleaseDate) reasons.push('PAST_RELEASE_DATE_NOT_RELEASED');
      if (unmet.length) reasons.push('UNMET_NEEDS');
      if (!r.comUserId) reasons.push('NO_COM_ALLOCATED');
      else if (r.handoverStatus !== 'ACCEPTED') reasons.push('HANDOVER_NOT_ACCEPTED');
      if ((r.overdueTasks as number) > 0) reasons.push('OVERDUE_TASKS');
      const { pathways: _p, ...rest } = r;
      return { ...rest, unmetPathways: unmet, reasons };
    });
    return { today, windowDays, items, total: items.length };
  }

  @Get('caseloads')
  @ApiOperation({ summary: 'Caseload per officer in your scope against a threshold' })
  async caseloads(@CurrentUser() user: Principal, @Query() query: unknown) {
    const { threshold } = parseInput(caseloadQuery, query);
    const rows = await this.repo.caseloads(user, this.clock.todayInLondon());
    const items = rows.map((r) => ({ ...r, load: r.casesAllocated + r.openTasks, overThreshold: r.casesAllocated + r.openTasks > threshold }));
    return { threshold, items, total: items.length };
  }

  @Get('handovers')
  @ApiOperation({ summary: 'COM allocations due, overdue or escalated' })
  async handovers(@CurrentUser() user: Principal) {
    const items = await this.repo.handovers(user, this.clock.todayInLondon());
    return { items, total: items.length };
  }

  @Get('overdue-tasks')
  @ApiOperation({ summary: 'Overdue and escalated tasks by team' })
  async overdueTasks(@CurrentUser() user: Principal) {
    const items = await this.repo.overdueTasksByTeam(user, this.clock.todayInLondon());
    return { items };
  }
}
