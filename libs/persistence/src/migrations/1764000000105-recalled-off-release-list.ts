import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { RELEASE_COUNTERS, upsertAdding } from '../read-counters';

/**
 * People recalled to custody leave the overdue-release list (`RELEASE_LIST_SQL`): they were
 * released on the date the list would show them past. The release counters are counted again
 * from the rows, so the dashboard's figure agrees with the list.
 */
export class RecalledOffReleaseList1764000000105 implements MigrationInterface {
  name = 'RecalledOffReleaseList1764000000105';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE release_counters IN EXCLUSIVE MODE`);
    await q.query(`DELETE FROM release_counters`);
    await q.query(upsertAdding(RELEASE_COUNTERS, RELEASE_COUNTERS.sql('TRUE')));
  }

  async down(): Promise<void> {
    // Nothing to undo: the counters are those of the rows under the definition in the code.
  }
}
