import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Refresh tokens, stored as their SHA-256 only. Each sign-in starts a family; a refresh uses its
 * token once (used_at) and adds the next one to the family; a used token presented again revokes
 * the whole family. token_version is the user's at issue: sign-out, deactivation and a password
 * reset move the user's on, and a token of an older version is refused.
 */
export class RefreshTokens1764000000080 implements MigrationInterface {
  name = 'RefreshTokens1764000000080';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        family_id uuid NOT NULL,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS refresh_tokens`);
  }
}
