import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { LATE_HANDOVER_COUNTERS, OUTCOME_MONTH_COUNTERS, upsertAdding } from '../read-counters';

/**
 * The outcome report's figures by month of release (`OUTCOME_MONTH_COUNTERS`) and the people
 * handed over after their release date (`LATE_HANDOVER_COUNTERS`), kept by the projection like
 * the other counters: a report or dashboard over a year reads a row per prison and month for the
 * whole months and the day counters only for the days of a month it covers in part. Filled here
 * from the rows already written.
 */
export class OutcomeMonthCounters1764000000101 implements MigrationInterface {
  name = 'OutcomeMonthCounters1764000000101';

  async up(q: QueryRunner): Promise<void> {
    const values = (names: string[]) => names.map((v) => `${v} integer NOT NULL DEFAULT 0`).join(', ');
    await q.query(`
      CREATE TABLE outcome_month_counters (
        scope_kind text NOT NULL, scope_code text NOT NULL, prison_code text NOT NULL, region_code text NOT NULL, release_month date NOT NULL,
        ${values(OUTCOME_MONTH_COUNTERS.values)},
        PRIMARY KEY (scope_kind, scope_code, release_month, prison_code, region_code)
      )`);
    await q.query(`
      CREATE TABLE late_handover_counters (
        scope_kind text NOT NULL, scope_code text NOT NULL, prison_code text NOT NULL, region_code text NOT NULL,
        release_date date NOT NULL, handover_date date NOT NULL, ${values(LATE_HANDOVER_COUNTERS.values)},
        PRIMARY KEY (scope_kind, scope_code, release_date, prison_code, region_code, handover_date)
      )`);
    await q.query(upsertAdding(OUTCOME_MONTH_COUNTERS, OUTCOME_MONTH_COUNTERS.sql('TRUE')));
    await q.query(upsertAdding(LATE_HANDOVER_COUNTERS, LATE_HANDOVER_COUNTERS.sql('TRUE')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS late_handover_counters`);
    await q.query(`DROP TABLE IF EXISTS outcome_month_counters`);
  }
}
