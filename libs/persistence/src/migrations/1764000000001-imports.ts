import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Imports1764000000001 implements MigrationInterface {
  name = 'Imports1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY,
        created_by text NOT NULL,
        file_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('RUNNING','DONE','INTERRUPTED')),
        total integer NOT NULL,
        processed integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX imports_created_by ON imports (created_by, created_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE imports`);
  }
}
