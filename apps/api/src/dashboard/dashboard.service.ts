import { Injectable } from '@nestjs/common';
import { PATHWAYS } from '../../../../libs/contracts/src';
import { addCalendarDays, caseload, overdueReleaseReasons, overdueReleaseWindowDays, unmetPathways } from '../../../../libs/policy/src';
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

  /** People due out within the window (by default from when the pre-release review opens) who are not ready, and why. */
  async overdueReleases(user: Principal, windowDays?: number) {
    const today = this.clock.todayInLondon();
    const days = windowDays ?? overdueReleaseWindowDays(this.policies.current(today));
    const rows = await this.repo.overdueReleases(user, today, addCalendarDays(today, days));
    const items = rows.map((r) => {
      const { pathways: raw, ...rest } = r;
      const pathways = (raw ?? {}) as Record<string, string | undefined>;
      const facts = { pastReleaseDate: Boolean(r.pastReleaseDate), pathways, comUserId: (r.comUserId as string | null) ?? null, handoverStatus: (r.handoverStatus as string | null) ?? null, overdueTasks: Number(r.overdueTasks ?? 0) };
      return { ...rest, unmetPathways: unmetPathways(pathways, PATHWAYS), reasons: overdueReleaseReasons(facts, PATHWAYS) };
    });
    return { today, windowDays: days, items, total: items.length };
  }

  async caseloads(user: Principal, threshold: number) {
    const rows = await this.repo.caseloads(user, this.clock.todayInLondon());
    const items = rows.map((r) => ({ ...r, ...caseload(r.casesAllocated, r.openTasks, threshold) }));
    return { threshold, items, total: items.length };
  }

  async handovers(user: Principal) {
    const items = await this.repo.handovers(user, this.clock.todayInLondon());
    return { items, total: items.length };
  }

  async overdueTasks(user: Principal) {
    return { items: await this.repo.overdueTasksByTeam(user, this.clock.todayInLondon()) };
  }
}
