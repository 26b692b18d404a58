import { Injectable } from '@nestjs/common';
import { PATHWAYS } from '@ttg/contracts';
import { addCalendarDays, caseload, overdueReleaseReasons, overdueReleaseWindowDays } from '@ttg/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { PolicyCatalogueService } from '../timeline/policy-catalogue.service';
import { DashboardRepository } from './dashboard.repository';

/** The manager's views, for the JSON API and the dashboard page alike (the rules are the policy module's). */
@Injectable()
export class DashboardService {
  constructor(
    private readonly repo: DashboardRepository,
    private readonly policies: PolicyCatalogueService,
    private readonly clock: Clock,
  ) {}

  /**
   * People due out within the window (by default from when the pre-release review opens) who
   * are not ready, and why: a page of them, soonest release first, and how many there are.
   */
  async overdueReleases(user: Principal, opts: { windowDays?: number; page?: number; pageSize?: number } = {}) {
    const today = this.clock.todayInLondon();
    const days = opts.windowDays ?? overdueReleaseWindowDays(this.policies.current(today));
    const page = opts.page ?? 1;
    const pageSize = opts.pageSize ?? 500;
    const { items: rows, total } = await this.repo.overdueReleases(user, today, addCalendarDays(today, days), { page, pageSize });
    const items = rows.map((r) => {
      const { pathways: raw, unmetNeedList, ...rest } = r;
      const pathways = (raw ?? {}) as Record<string, string | undefined>;
      // Unmet needs from the needs (the read model's list), not from pathway ticks.
      const unmetNeeds = (unmetNeedList ?? []) as string[];
      const facts = { pastReleaseDate: Boolean(r.pastReleaseDate), pathways, unmetNeeds, comUserId: (r.comUserId as string | null) ?? null, handoverStatus: (r.handoverStatus as string | null) ?? null, overdueTasks: Number(r.overdueTasks ?? 0) };
      return { ...rest, unmetPathways: unmetNeeds, reasons: overdueReleaseReasons(facts, PATHWAYS) };
    });
    return { today, windowDays: days, items, total, page, pageSize };
  }

  async caseloads(user: Principal, threshold: number) {
    const rows = await this.repo.caseloads(user, this.clock.todayInLondon());
    const items = rows.map((r) => ({ ...r, ...caseload(r.casesAllocated, r.openTasks, threshold) }));
    return { threshold, items, total: items.length };
  }

  /** COM allocations waiting (the first `limit`), with how many are due, overdue and escalated. */
  handovers(user: Principal, limit = 500) {
    return this.repo.handovers(user, this.clock.todayInLondon(), limit);
  }

  async overdueTasks(user: Principal) {
    return { items: await this.repo.overdueTasksByTeam(user, this.clock.todayInLondon()) };
  }
}
