import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Archiving closed cases (libs/persistence/src/archive.ts): a case closed longer ago than
 * TTG_ARCHIVE_AFTER_DAYS keeps its row in `cases` (searchable, counted in the outcome reports)
 * while its tasks, audit events, contacts and notifications move to `<table>_archive`, so the
 * tables every list and inbox reads hold the working caseload. Each archive table has its live
 * table's columns in the same order (a migration that adds a column to one adds it to the other;
 * test/integration/foundation/archive.test.ts fails otherwise) and only the index the case page
 * reads by.
 */
const TABLES: [table: string, index: string][] = [
  ['tasks', '(case_id)'],
  ['audit_events', '(case_id, at DESC, id DESC)'],
  ['contacts', '(case_id, date DESC)'],
  ['notifications', '(case_id)'],
];

export class Archive1764000000100 implements MigrationInterface {
  name = 'Archive1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN archived_at timestamptz`);
    await q.query(`CREATE INDEX cases_to_archive ON cases (closed_at) WHERE closed_at IS NOT NULL AND archived_at IS NULL`);
    for (const [table, index] of TABLES) {
      await q.query(`CREATE TABLE ${table}_archive (LIKE ${table} INCLUDING DEFAULTS)`);
      await q.query(`ALTER TABLE ${table}_archive ADD PRIMARY KEY (id)`);
      await q.query(`CREATE INDEX ${table}_archive_case ON ${table}_archive ${index}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of TABLES) await q.query(`DROP TABLE ${table}_archive`);
    await q.query(`DROP INDEX cases_to_archive`);
    await q.query(`ALTER TABLE cases DROP COLUMN archived_at`);
  }
}
