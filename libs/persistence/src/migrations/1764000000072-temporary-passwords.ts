import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** A password an administrator reset is temporary: it only lets its user choose their own. */
export class TemporaryPasswords1764000000072 implements MigrationInterface {
  name = 'TemporaryPasswords1764000000072';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS must_change_password`);
  }
}
