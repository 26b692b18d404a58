import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { createIndexesConcurrently, dropIndexesConcurrently, type IndexDefinition } from './concurrent-indexes';

/**
 * Indexes for a manager's views scoped by the task's own columns (`tasks.region_code`, kept
 * equal to its case's by the projection) instead of joining every task in the country to its
 * case (docs/benchmarks.md, 3 and 3b, at 100k cases):
 *
 * - tasks_overdue_region: a region's overdue tasks, counted and listed in due order (the count
 *   alone took 140 ms through the case join), and grouped by team from the index alone. A
 *   prison's are served by `tasks_overdue`.
 * - tasks_com_allocation_region: a region's COM allocations waiting, most urgent first, and
 *   counted by state from the index alone (250 ms cold through the national index).
 * - cases_region_released: the dashboard's outcomes for people released in the last 12 months
 *   (a sequential scan of the region's cases otherwise).
 *
 * Built CONCURRENTLY outside a transaction, as migration 1764000000002; an index left invalid
 * by an interrupted build is dropped and built again.
 */
const INDEXES: IndexDefinition[] = [
  ['tasks_overdue_region', `ON tasks (region_code, due_at, id) INCLUDE (side, prison_code, com_team_code, escalated) WHERE overdue AND status IN ('OPEN','IN_PROGRESS')`],
  ['tasks_com_allocation_region', `ON tasks (region_code, escalated DESC, overdue DESC, due_date, id) WHERE type = 'COM_ALLOCATION' AND status IN ('OPEN','IN_PROGRESS')`],
  ['cases_region_released', `ON cases (region_code, release_date)`],
];

export class ManagerScopeIndexes1764000000003 implements MigrationInterface {
  name = 'ManagerScopeIndexes1764000000003';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await createIndexesConcurrently(q, INDEXES);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropIndexesConcurrently(q, INDEXES);
  }
}
