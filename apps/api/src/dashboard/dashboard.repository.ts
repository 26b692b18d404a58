import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { caseScope } from '../auth/scope';

/** The manager's views: every query carries the caller's scope. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * People due out within the window (or past their release date and not released) whose needs
   * are unmet, who have no accepted handover, or who have overdue tasks.
   */
  overdueReleases(user: Principal, today: string, windowEnd: string) {
    const scope = caseScope(user, today, 3);
    return this.ds.query(
      `SELECT c.id, c.prison_number AS "prisonNumber", c.given_name AS "givenName", c.family_name AS "familyName",
              c.prison_code AS "prisonCode", c.stage, c.release_date::text AS "releaseDate", c.handover_status AS "handoverStatus",
              c.com_user_id AS "comUserId", c.unmet_needs AS "unmetNeeds", c.overdue_tasks AS "overdueTasks", c.pathways,
              (c.release_date < $1) AS "pastReleaseDate"
       FROM cases c
       WHERE c.active AND c.stage NOT IN ('SUPERVISION','CLOSED') AND c.release_date IS NOT NULL AND c.release_date <= $2
         AND (c.unmet_needs OR c.com_user_id IS NULL OR c.handover_status IS DISTINCT FROM 'ACCEPTED' OR c.overdue_tasks > 0 OR c.release_date < $1)
         AND ${scope.sql}
       ORDER BY c.release_date, c.id
       LIMIT 500`,
      [today, windowEnd, ...scope.params],
    ) as Promise<Record<string, unknown>[]>;
  }

  caseloads(user: Principal, today: string) {
    const scope = caseScope(user, today, 1);
    return this.ds.query(
      `WITH scoped AS (SELECT c.* FROM cases c WHERE c.active AND ${scope.sql})
       SELECT u.id AS "userId", u.username, u.display_name AS "displayName", u.role,
              u.prison_code AS "prisonCode", u.team_code AS "teamCode",
              (SELECT count(*)::int FROM scoped s WHERE s.com_user_id = u.id) AS "casesAllocated",
              (SELECT count(*)::int FROM tasks t JOIN scoped s ON s.id = t.case_id WHERE t.assignee = u.id AND t.status IN ('OPEN','IN_PROGRESS')) AS "openTasks",
              (SELECT count(*)::int FROM tasks t JOIN scoped s ON s.id = t.case_id WHERE t.assignee = u.id AND t.status IN ('OPEN','IN_PROGRESS') AND t.overdue) AS "overdueTasks"
       FROM users u
       WHERE u.active AND u.role IN ('PRISON_STAFF','COM')
       ORDER BY "casesAllocated" DESC, "openTasks" DESC, u.username`,
      scope.params,
    ) as Promise<{ userId: string; casesAllocated: number; openTasks: number; overdueTasks: number }[]>;
  }

  handovers(user: Principal, today: string) {
    const scope = caseScope(user, today, 1);
    return this.ds.query(
      `SELECT t.id AS "taskId", t.case_id AS "caseId", c.prison_number AS "prisonNumber", c.given_name AS "givenName",
              c.family_name AS "familyName", c.prison_code AS "prisonCode", c.handover_date::text AS "handoverDate",
              c.release_date::text AS "releaseDate", t.due_date::text AS "dueDate", t.overdue, t.escalated, t.assignee,
              CASE WHEN t.escalated THEN 'ESCALATED' WHEN t.overdue THEN 'OVERDUE' ELSE 'DUE' END AS "state"
       FROM tasks t JOIN cases c ON c.id = t.case_id
       WHERE t.type = 'COM_ALLOCATION' AND t.status IN ('OPEN','IN_PROGRESS') AND ${scope.sql}
       ORDER BY t.escalated DESC, t.overdue DESC, t.due_date
       LIMIT 500`,
      scope.params,
    ) as Promise<Record<string, unknown>[]>;
  }

  overdueTasksByTeam(user: Principal, today: string) {
    const scope = caseScope(user, today, 1);
    return this.ds.query(
      `SELECT t.side, CASE WHEN t.side = 'COMMUNITY' THEN coalesce(t.com_team_code, 'unallocated') ELSE t.prison_code END AS team,
              count(*)::int AS "overdue", count(*) FILTER (WHERE t.escalated)::int AS "escalated"
       FROM tasks t JOIN cases c ON c.id = t.case_id
       WHERE t.overdue AND t.status IN ('OPEN','IN_PROGRESS') AND ${scope.sql}
       GROUP BY 1, 2 ORDER BY 3 DESC`,
      scope.params,
    ) as Promise<Record<string, unknown>[]>;
  }
}
