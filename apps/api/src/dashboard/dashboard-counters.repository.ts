import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';

/**
 * A dashboard's scope among the counters the projection keeps (`@ttg/persistence/read-counters`):
 * a prison manager's prison, a region manager's region, or every region for an administrator.
 * Other roles are not counted (their scope follows allocations and access dates): null.
 */
export interface CounterScope {
  sql: string;
  params: unknown[];
}

export function counterScope(user: Principal, firstParam: number): CounterScope | null {
  const p = `$${firstParam}`;
  if (user.role === 'ADMIN') return { sql: `scope_kind = 'region'`, params: [] };
  if (user.role !== 'MANAGER') return null;
  return user.prisonCode ? { sql: `scope_kind = 'prison' AND scope_code = ${p}`, params: [user.prisonCode] } : { sql: `scope_kind = 'region' AND scope_code = ${p}`, params: [user.regionCode ?? ''] };
}

/** The dashboard's figures from the counters: a few hundred rows, whatever the size of the scope. */
export class DashboardCountersRepository {
  constructor(private readonly ds: DataSource) {}

  /** How many people are due out by `windowEnd` and not ready: everyone before today, and from today those with a reason. */
  async overdueReleaseTotal(scope: CounterScope, today: string, windowEnd: string): Promise<number> {
    const rows: { n: number }[] = await this.ds.query(
      `SELECT coalesce(sum(CASE WHEN release_date < $1 THEN people_n ELSE not_ready_n END), 0)::int AS n
       FROM release_counters WHERE ${scope.sql} AND release_date <= $2`,
      [today, windowEnd, ...scope.params],
    );
    return rows[0].n;
  }

  /** Overdue tasks, and those of them escalated, by side and the team that works them (most overdue first). */
  overdueByTeam(scope: CounterScope): Promise<{ side: string; team: string; overdue: number; escalated: number }[]> {
    return this.ds.query(
      `SELECT side, value AS team, sum(overdue_n)::int AS overdue, sum(overdue_escalated_n)::int AS escalated
       FROM task_counters WHERE ${scope.sql} AND dim = 'team'
       GROUP BY side, value HAVING sum(overdue_n) > 0 ORDER BY 3 DESC, 1, 2`,
      scope.params,
    );
  }

  /** Open tasks of a type by state: due (neither overdue nor escalated), overdue and not escalated, escalated. */
  async byState(scope: CounterScope, type: string): Promise<{ DUE: number; OVERDUE: number; ESCALATED: number }> {
    const rows: { DUE: number; OVERDUE: number; ESCALATED: number }[] = await this.ds.query(
      `SELECT coalesce(sum(open_n - overdue_n - escalated_n + overdue_escalated_n), 0)::int AS "DUE",
              coalesce(sum(overdue_n - overdue_escalated_n), 0)::int AS "OVERDUE", coalesce(sum(escalated_n), 0)::int AS "ESCALATED"
       FROM task_counters WHERE ${scope.sql} AND dim = 'type' AND value = $${scope.params.length + 1}`,
      [...scope.params, type],
    );
    return rows[0];
  }

  /** How many open tasks (or open and overdue) there are in the scope, of some types and a side if asked: the task list's total. */
  async openTaskTotal(scope: CounterScope, f: { overdue: boolean; types?: string[]; side?: string }): Promise<number> {
    const params = [...scope.params];
    const where = [scope.sql, `dim = 'type'`];
    if (f.types?.length) where.push(`value = ANY($${params.push(f.types)})`);
    if (f.side) where.push(`side = $${params.push(f.side)}`);
    const rows: { n: number }[] = await this.ds.query(`SELECT coalesce(sum(${f.overdue ? 'overdue_n' : 'open_n'}), 0)::int AS n FROM task_counters WHERE ${where.join(' AND ')}`, params);
    return rows[0].n;
  }

  /**
   * The counts of the officers in `people` (a CTE of users) in the scope, as a CTE body (`id`,
   * `cases`, `open`, `overdue`) for the caseload query: looked up officer by officer in the
   * counters' key, not aggregated over every officer the scope's counters hold.
   */
  officerLoadsSql(scope: CounterScope, people: string): string {
    return `SELECT o.user_id AS id, sum(o.cases_n)::int AS cases, sum(o.open_tasks_n)::int AS open, sum(o.overdue_tasks_n)::int AS overdue
            FROM ${people} p JOIN officer_counters o ON o.user_id = p.id WHERE ${scope.sql} GROUP BY o.user_id`;
  }
}
