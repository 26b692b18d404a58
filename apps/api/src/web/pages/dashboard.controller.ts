import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { DashboardService } from '../../dashboard/dashboard.service';
import { ReportService } from '../../reports/report.service';
import { ReferenceNames } from '../support/reference-names';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import type { WebRequest } from '../support/web-session';
import { addCalendarDays } from '@ttg/policy';
import { outcomesDashboardQuery, outcomesDashboardView } from './outcomes-dashboard.view-model';
import { DASHBOARD_ROWS, dashboardOutcomesFrom, OUTCOMES_DAYS, dashboardQuery, dashboardView, overdueReleasesView, releasesQuery, RELEASES_PAGE_SIZE } from './dashboard.view-model';

/**
 * The manager's dashboard. Its numbers come from the same DashboardService as the JSON
 * dashboard (the reasons and caseload rules are the policy module's), so the page and the API
 * can never disagree.
 */
@WebPages()
@Controller('dashboard')
export class DashboardPageController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly reports: ReportService,
    private readonly reference: ReferenceNames,
    private readonly renderer: WebRenderer,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow('dashboard.view')
  async show(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Query() query: unknown): Promise<void> {
    const { threshold } = dashboardQuery.parse(query ?? {});
    const today = this.clock.todayInLondon();
    const outcomesFrom = dashboardOutcomesFrom(today);
    const [overdueReleases, overdueTasks, handovers, caseloads, outcomes] = await Promise.all([
      this.dashboard.overdueReleases(user, { pageSize: DASHBOARD_ROWS }),
      this.dashboard.overdueTasks(user),
      this.dashboard.handovers(user, DASHBOARD_ROWS),
      this.dashboard.caseloads(user, threshold),
      // Outcomes of the people released since the first of the month a year ago (up to today).
      this.reports.outcomes(user, { groupBy: 'prison', from: outcomesFrom, to: today, format: 'json' }),
    ]);
    const codes = new Set<string>([...outcomes.map((o) => o.group), ...overdueTasks.items.map((t) => String(t.team)), ...overdueReleases.items.map((r) => String((r as Record<string, unknown>).prisonCode))]);
    const names = await this.reference.namesOf(codes);
    await this.renderer.page(req, res, 'dashboard', dashboardView({ overdueReleases, overdueTasks, handovers, caseloads, outcomes, outcomesPeriod: { from: outcomesFrom, to: today } }, { teamNames: names, prisonNames: names, today }));
  }

  /** Resettlement outcomes over the last year: charts and tables by prison, region or month, for everyone, women or men. */
  @Get('outcomes')
  @Allow('reports.view')
  async outcomes(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Query() query: unknown): Promise<void> {
    const q = outcomesDashboardQuery.parse(query ?? {});
    const to = this.clock.todayInLondon();
    const from = addCalendarDays(to, -OUTCOMES_DAYS);
    const rows = await this.reports.resettlement(user, { format: 'json', groupBy: q.groupBy, from, to, sex: q.sex || undefined });
    const names = q.groupBy === 'month' ? new Map<string, string>() : await this.reference.namesOf(rows.map((r) => String(r.group)));
    await this.renderer.page(req, res, 'outcomes-dashboard', outcomesDashboardView(q, rows, { names, from, to }));
  }

  @Get('overdue-releases')
  @Allow('dashboard.view')
  async overdueReleases(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Query() query: unknown): Promise<void> {
    const { page } = releasesQuery.parse(query ?? {});
    const data = await this.dashboard.overdueReleases(user, { page, pageSize: RELEASES_PAGE_SIZE });
    const names = await this.reference.namesOf(data.items.map((r) => String((r as Record<string, unknown>).prisonCode)));
    await this.renderer.page(req, res, 'overdue-releases', overdueReleasesView(data, names, this.clock.todayInLondon()));
  }
}
