import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A region manager's overdue tasks, counted and listed from the task's own scope column
 * (`tasks.region_code`, kept equal to its case's by the projection) instead of joining every
 * overdue task in the country to its case (docs/benchmarks.md, 3 and 3b: 140 ms for the count
 * alone at 100k cases). A prison manager's are served by `tasks_overdue` (prison_code, due_at).
 * Built CONCURRENTLY outside a transaction, as migration 1764000000002.
 */
const NAME = 'tasks_overdue_region';

export class RegionOverdueIndex1764000000003 implements MigrationInterface {
  name = 'RegionOverdueIndex1764000000003';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const invalid: unknown[] = await q.query(`SELECT 1 FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid WHERE c.relname = $1 AND NOT i.indisvalid`, [NAME]);
    if (invalid.length) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${NAME}`);
    await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${NAME} ON tasks (region_code, due_at, id) WHERE overdue AND status IN ('OPEN','IN_PROGRESS')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${NAME}`);
  }
}
