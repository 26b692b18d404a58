import { NO_PROBATION_TEAM, openTaskSql, overdueReleaseSql, RELEASE_LIST_SQL } from '@ttg/contracts';
import type { OverdueReleaseReason } from '@ttg/policy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { caseScope, staffScope, taskScope } from '../auth/scope';
import { limitOffset, type Page, type PageRequest, queryPage } from '../common/page';
import { counterScope, DashboardCountersRepository } from './dashboard-counters.repository';

/**
 * The manager's views: every query carries the caller's scope. Managers' and administrators'
 * figures come from the counters the projection keeps; the rows listed, from the rows.
 */
@Injectable()
export class DashboardRepository {
  private readonly counters: DashboardCountersRepository;

  constructor(private readonly ds: DataSource) {
    this.counters = new DashboardCountersRepository(ds);
  }

  /**
   * People due out within the window (or past their release date and not released) whose needs
   * are unmet, who have no accepted handover, or who have overdue tasks: a page of them, soonest
   * release first, and how many there are.
   */
  async overdueReleases(user: Principal, today: string, windowEnd: string, page: PageRequest = { page: 1, pageSize: 500 }): Promise<Page<Record<string, unknown>>> {
    const scope = caseScope(user, today, 3);
    const notReady = Object.values(overdueReleaseSql('$1') satisfies Record<OverdueReleaseReason, string>).join(' OR ');
    const where = `${RELEASE_LIST_SQL} AND c.release_date <= $2
         AND (${notReady})
         AND ${scope.sql}`;
    const params = [today, windowEnd, ...scope.params];
    const select = `SELECT c.id, c.prison_number AS "prisonNumber", c.given_name AS "givenName", c.family_name AS "familyName",
                c.prison_code AS "prisonCode", c.stage, c.release_date::text AS "releaseDate", c.handover_status AS "handoverStatus",
                c.com_user_id AS "comUserId", c.unmet_needs AS "unmetNeeds", c.overdue_tasks AS "overdueTasks", c.pathways,
                c.unmet_need_list AS "unmetNeedList", (c.release_date < $1) AS "pastReleaseDate"
         FROM cases c WHERE ${where}
         ORDER BY c.release_date, c.id`;
    const counted = counterScope(user, 3);
    if (!counted) return queryPage<Record<string, unknown>>(this.ds, select, `SELECT count(*)::int AS n FROM cases c WHERE ${where}`, params, page);
    const [items, total] = await Promise.all([this.ds.query(`${select} ${limitOffset(page)}`, params) as Promise<Record<string, unknown>[]>, this.counters.overdueReleaseTotal(counted, today, windowEnd)]);
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  /**
   * Each officer's load within the caller's scope: the staff the caller works with (staffScope),
   * their cases allocated and their open and overdue tasks on cases in scope: the officers'
   * counters in the scope, or (a role without counters) aggregates that start from the officers
   * (their cases and tasks by index), not from every case in the scope nor a subquery per officer.
   */
  caseloads(user: Principal, today: string) {
    const staff = staffScope(user, 1);
    const counted = counterScope(user, staff.params.length + 1);
    const scope = caseScope(user, today, staff.params.length + 1);
    const loads = counted
      ? `loads AS (${this.counters.officerLoadsSql(counted, 'people')})`
      : `allocated AS (SELECT c.com_user_id AS id, count(*)::int AS n FROM cases c JOIN people p ON p.id = c.com_user_id
                       WHERE c.active AND ${scope.sql} GROUP BY 1),
         work AS (SELECT t.assignee AS id, count(*)::int AS n, count(*) FILTER (WHERE t.overdue)::int AS overdue
                  FROM tasks t JOIN people p ON p.id = t.assignee JOIN cases c ON c.id = t.case_id
                  WHERE ${openTaskSql()} AND c.active AND ${scope.sql} GROUP BY 1),
         loads AS (SELECT p.id, coalesce(a.n, 0) AS cases, coalesce(w.n, 0) AS open, coalesce(w.overdue, 0) AS overdue
                   FROM people p LEFT JOIN allocated a ON a.id = p.id LEFT JOIN work w ON w.id = p.id)`;
    return this.ds.query(
      `WITH people AS (SELECT u.* FROM users u WHERE u.active AND u.role IN ('PRISON_STAFF','COM') AND ${staff.sql}),
            ${loads}
       SELECT p.id AS "userId", p.username, p.display_name AS "displayName", p.role,
              p.prison_code AS "prisonCode", p.team_code AS "teamCode",
              coalesce(l.cases, 0) AS "casesAllocated", coalesce(l.open, 0) AS "openTasks", coalesce(l.overdue, 0) AS "overdueTasks"
       FROM people p LEFT JOIN loads l ON l.id = p.id
       ORDER BY "casesAllocated" DESC, "openTasks" DESC, p.username`,
      [...staff.params, ...(counted ? counted.params : scope.params)],
    ) as Promise<{ userId: string; casesAllocated: number; openTasks: number; overdueTasks: number }[]>;
  }

  /** COM allocations waiting: the first `limit` (escalated, then overdue, then by due date), and how many in each state. */
  async handovers(user: Principal, today: string, limit = 500) {
    const scope = taskScope(user, today, 1);
    const where = `t.type = 'COM_ALLOCATION' AND ${openTaskSql()} AND ${scope.sql}`;
    const counted = counterScope(user, 1);
    const [items, byState] = await Promise.all([
      this.ds.query(
        `SELECT t.id AS "taskId", t.case_id AS "caseId", c.prison_number AS "prisonNumber", c.given_name AS "givenName",
                c.family_name AS "familyName", c.prison_code AS "prisonCode", c.handover_date::text AS "handoverDate",
                c.release_date::text AS "releaseDate", t.due_date::text AS "dueDate", t.overdue, t.escalated, t.assignee,
                CASE WHEN t.escalated THEN 'ESCALATED' WHEN t.overdue THEN 'OVERDUE' ELSE 'DUE' END AS "state"
         FROM tasks t JOIN cases c ON c.id = t.case_id WHERE ${where}
         ORDER BY t.escalated DESC, t.overdue DESC, t.due_date, t.id
         LIMIT ${Math.trunc(limit)}`,
        scope.params,
      ) as Promise<Record<string, unknown>[]>,
      counted ? this.counters.byState(counted, 'COM_ALLOCATION') : (this.ds.query(
        `SELECT count(*) FILTER (WHERE NOT t.overdue AND NOT t.escalated)::int AS "DUE", count(*) FILTER (WHERE t.overdue AND NOT t.escalated)::int AS "OVERDUE",
                count(*) FILTER (WHERE t.escalated)::int AS "ESCALATED"
         FROM tasks t${scope.needsCase ? ' JOIN cases c ON c.id = t.case_id' : ''} WHERE ${where}`,
        scope.params,
      ) as Promise<{ DUE: number; OVERDUE: number; ESCALATED: number }[]>).then((rows) => rows[0]),
    ]);
    return { items, total: byState.DUE + byState.OVERDUE + byState.ESCALATED, byState };
  }

  overdueTasksByTeam(user: Principal, today: string): Promise<Record<string, unknown>[]> {
    const counted = counterScope(user, 1);
    if (counted) return this.counters.overdueByTeam(counted);
    const scope = taskScope(user, today, 1);
    return this.ds.query(
      `SELECT t.side, CASE WHEN t.side = 'COMMUNITY' THEN coalesce(t.com_team_code, '${NO_PROBATION_TEAM}') ELSE t.prison_code END AS team,
              count(*)::int AS "overdue", count(*) FILTER (WHERE t.escalated)::int AS "escalated"
       FROM tasks t${scope.needsCase ? ' JOIN cases c ON c.id = t.case_id' : ''}
       WHERE t.overdue AND ${openTaskSql()} AND ${scope.sql}
       GROUP BY 1, 2 ORDER BY 3 DESC`,
      scope.params,
    ) as Promise<Record<string, unknown>[]>;
  }
}
