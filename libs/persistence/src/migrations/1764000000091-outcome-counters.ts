import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { OUTCOME_COUNTERS, upsertAdding } from '../read-counters';

/**
 * The outcome report's counters (`OUTCOME_COUNTERS` in read-counters.ts), kept by the projection
 * like the others, so a manager's dashboard and report read a row per prison and day of release
 * instead of every released person's case. Filled here from the rows already written.
 */
export class OutcomeCounters1764000000091 implements MigrationInterface {
  name = 'OutcomeCounters1764000000091';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outcome_counters (
        scope_kind text NOT NULL, scope_code text NOT NULL, prison_code text NOT NULL, region_code text NOT NULL,
        release_date date NOT NULL, handover_date date NOT NULL,
        cases_n integer NOT NULL DEFAULT 0, released_n integer NOT NULL DEFAULT 0, settled_n integer NOT NULL DEFAULT 0,
        no_accommodation_n integer NOT NULL DEFAULT 0, work_n integer NOT NULL DEFAULT 0, bank_n integer NOT NULL DEFAULT 0,
        id_n integer NOT NULL DEFAULT 0, on_time_n integer NOT NULL DEFAULT 0, lost_contact_n integer NOT NULL DEFAULT 0,
        PRIMARY KEY (scope_kind, scope_code, release_date, prison_code, region_code, handover_date)
      )
    `);
    await q.query(upsertAdding(OUTCOME_COUNTERS, OUTCOME_COUNTERS.sql('TRUE')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS outcome_counters`);
  }
}
