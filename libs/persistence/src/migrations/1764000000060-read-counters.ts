import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { OFFICER_COUNTERS, RELEASE_COUNTERS, TASK_COUNTERS, upsertAdding } from '../read-counters';

/**
 * Counters kept by the projection in the transaction that writes the rows they count
 * (`libs/persistence/src/read-counters.ts`): open, overdue and escalated tasks by type, side and
 * team; people in custody by release date with each reason they may not be ready; officers'
 * cases and tasks. Per prison, region and probation team, each key split into slots. Filled
 * here from the rows already written.
 */
export class ReadCounters1764000000060 implements MigrationInterface {
  name = 'ReadCounters1764000000060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE task_counters (
        scope_kind text NOT NULL, scope_code text NOT NULL, dim text NOT NULL CHECK (dim IN ('type','team')),
        side text NOT NULL, value text NOT NULL, slot smallint NOT NULL,
        open_n integer NOT NULL DEFAULT 0, overdue_n integer NOT NULL DEFAULT 0,
        escalated_n integer NOT NULL DEFAULT 0, overdue_escalated_n integer NOT NULL DEFAULT 0,
        PRIMARY KEY (scope_kind, scope_code, dim, side, value, slot)
      );
      CREATE TABLE release_counters (
        scope_kind text NOT NULL, scope_code text NOT NULL, release_date date NOT NULL, slot smallint NOT NULL,
        people_n integer NOT NULL DEFAULT 0, not_ready_n integer NOT NULL DEFAULT 0, unmet_needs_n integer NOT NULL DEFAULT 0,
        no_com_n integer NOT NULL DEFAULT 0, not_accepted_n integer NOT NULL DEFAULT 0, overdue_tasks_n integer NOT NULL DEFAULT 0,
        PRIMARY KEY (scope_kind, scope_code, release_date, slot)
      );
      CREATE TABLE officer_counters (
        scope_kind text NOT NULL, scope_code text NOT NULL, user_id text NOT NULL,
        cases_n integer NOT NULL DEFAULT 0, open_tasks_n integer NOT NULL DEFAULT 0, overdue_tasks_n integer NOT NULL DEFAULT 0,
        PRIMARY KEY (scope_kind, scope_code, user_id)
      );
    `);
    // The three tables this migration creates (later counter tables are filled by their own migrations).
    for (const t of [TASK_COUNTERS, RELEASE_COUNTERS, OFFICER_COUNTERS]) await q.query(upsertAdding(t, t.sql('TRUE')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS task_counters, release_counters, officer_counters`);
  }
}
