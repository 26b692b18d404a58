import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { RESETTLEMENT_MONTH_COUNTERS, upsertAdding } from '../read-counters';

/**
 * The resettlement report's figures by scope, prison, month of release and sex
 * (`RESETTLEMENT_MONTH_COUNTERS`), kept by the projection beside the day counters: a region's
 * report reads the whole months of its window from here (docs/benchmarks.md: the report by
 * prison grew ×7 from 100k to 1M cases reading a row per prison and day). Filled from the rows.
 */
export class ResettlementMonthCounters1764000000107 implements MigrationInterface {
  name = 'ResettlementMonthCounters1764000000107';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resettlement_month_counters (
        scope_kind text NOT NULL, scope_code text NOT NULL, prison_code text NOT NULL, region_code text NOT NULL,
        release_month date NOT NULL, sex text NOT NULL,
        ${RESETTLEMENT_MONTH_COUNTERS.values.map((v) => `${v} integer NOT NULL DEFAULT 0`).join(', ')},
        PRIMARY KEY (scope_kind, scope_code, release_month, prison_code, region_code, sex)
      )`);
    await q.query(`LOCK TABLE resettlement_counters IN SHARE MODE`);
    await q.query(upsertAdding(RESETTLEMENT_MONTH_COUNTERS, RESETTLEMENT_MONTH_COUNTERS.sql('TRUE')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS resettlement_month_counters`);
  }
}
