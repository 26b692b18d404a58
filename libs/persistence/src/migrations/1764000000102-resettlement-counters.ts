import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { RESETTLEMENT_COUNTERS, upsertAdding } from '../read-counters';

/**
 * The resettlement report's figures by scope, prison, release date and sex
 * (`RESETTLEMENT_COUNTERS`), kept by the projection like the other counters, so the outcomes
 * page of a region reads a row per prison, day and sex. Filled here from the rows already written.
 */
export class ResettlementCounters1764000000102 implements MigrationInterface {
  name = 'ResettlementCounters1764000000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resettlement_counters (
        scope_kind text NOT NULL, scope_code text NOT NULL, prison_code text NOT NULL, region_code text NOT NULL,
        release_date date NOT NULL, sex text NOT NULL,
        ${RESETTLEMENT_COUNTERS.values.map((v) => `${v} integer NOT NULL DEFAULT 0`).join(', ')},
        PRIMARY KEY (scope_kind, scope_code, release_date, prison_code, region_code, sex)
      )`);
    await q.query(upsertAdding(RESETTLEMENT_COUNTERS, RESETTLEMENT_COUNTERS.sql('TRUE')));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS resettlement_counters`);
  }
}
