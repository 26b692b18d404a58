import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { createIndexesConcurrently, dropIndexesConcurrently, type IndexDefinition } from './concurrent-indexes';

/**
 * Indexes for the task lists and dashboards at 100k cases / 1M tasks, from `npm run bench`
 * (docs/benchmarks.md has the EXPLAIN ANALYZE before and after). The list and dashboard queries
 * scope through the case (`c.prison_code`, `c.region_code`, `c.com_team_code`), so the
 * migration's per-prison, per-region and per-team task indexes cannot serve them:
 *
 * - tasks_open_case: from the cases in a scope to their open tasks, instead of reading every open
 *   task in the country (team queues, a prison's overdue tasks);
 * - tasks_overdue_due: a manager's overdue tasks in due order, stopping at the page;
 * - cases_overdue_releases_region: the overdue-releases dashboard reads people still in custody
 *   in release-date order, without stepping over everyone already on supervision;
 * - tasks_com_allocation_open: COM allocations due, in the dashboard's order.
 *
 * Built CONCURRENTLY outside a transaction, so a running deployment keeps projecting while they
 * build; an index left invalid by an interrupted build is dropped and built again.
 */
const INDEXES: IndexDefinition[] = [
  ['tasks_open_case', `ON tasks (case_id, due_at) WHERE status IN ('OPEN','IN_PROGRESS')`],
  ['tasks_overdue_due', `ON tasks (due_at, id) WHERE overdue AND status IN ('OPEN','IN_PROGRESS')`],
  ['cases_overdue_releases_region', `ON cases (region_code, release_date, id) WHERE active AND stage NOT IN ('SUPERVISION','CLOSED')`],
  ['tasks_com_allocation_open', `ON tasks (escalated DESC, overdue DESC, due_date) WHERE type = 'COM_ALLOCATION' AND status IN ('OPEN','IN_PROGRESS')`],
];

export class BenchIndexes1764000000002 implements MigrationInterface {
  name = 'BenchIndexes1764000000002';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await createIndexesConcurrently(q, INDEXES);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropIndexesConcurrently(q, INDEXES);
  }
}
