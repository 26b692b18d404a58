import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A user's token version: every access token carries the version it was issued at, and a
 * request is refused once the user's version has moved on. Signing out and being deactivated
 * move it, so every session of that user ends at once (not when the token expires).
 */
export class TokenVersion1764000000040 implements MigrationInterface {
  name = 'TokenVersion1764000000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
