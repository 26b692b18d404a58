import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { returnedRows } from '@ttg/persistence/query-result';
import type { UserEntity } from '@ttg/persistence';
import { Settings } from '../common/settings';
import { TokenService } from './token.service';

/** What a sign-in or a refresh gives: a short access token and the refresh token that gets the next one. */
export interface Session {
  accessToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
  refreshToken: string;
  refreshExpiresIn: number;
}

/** Why a refresh was refused (each is a 401 to the caller). */
export type Refusal = 'unknown' | 'expired' | 'reused' | 'signed-out';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Rotating refresh tokens, kept in PostgreSQL as their SHA-256 only. A sign-in starts a family;
 * each refresh uses its token once and issues the next of the family. A used (or revoked) token
 * presented again is a stolen copy or a replay: the whole family is revoked, so neither the thief
 * nor the user can go on with it. A token issued before the user's current token version (sign-out,
 * deactivation, a password reset) is refused. The pages' session is a family too.
 */
@Injectable()
export class RefreshTokens {
  private readonly logger = new Logger(RefreshTokens.name);

  constructor(
    private readonly ds: DataSource,
    private readonly tokens: TokenService,
    private readonly settings: Settings,
  ) {}

  /** A new session (a new family) for a user who has just signed in. */
  start(user: Pick<UserEntity, 'id' | 'tokenVersion'>): Promise<Session> {
    return this.issue(user, randomUUID());
  }

  /**
   * The next session of the family, or why not. `graceSeconds`: a token used that recently by
   * another request of the same browser (pages load in parallel) is refused without revoking
   * the family; the API gives none.
   */
  async rotate(refreshToken: string, graceSeconds = 0): Promise<Session | { refused: Refusal }> {
    const hash = hashOf(refreshToken);
    const used = returnedRows<{ family_id: string; user_id: string; token_version: number }>(
      await this.ds.query(
      `UPDATE refresh_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          AND NOT EXISTS (SELECT 1 FROM refresh_tokens f WHERE f.family_id = refresh_tokens.family_id AND f.created_at <= now() - make_interval(secs => $2))
        RETURNING family_id, user_id, token_version`,
        [hash, this.settings.config.auth.sessionMaxSeconds],
      ),
    );
    const row = used[0];
    if (!row) return { refused: await this.refusalOf(hash, graceSeconds) };
    const users: { id: string; token_version: number }[] = await this.ds.query(`SELECT id, token_version FROM users WHERE id = $1 AND active`, [row.user_id]);
    const user = users[0];
    if (!user || user.token_version !== row.token_version) {
      await this.revokeFamily(row.family_id);
      return { refused: 'signed-out' };
    }
    return this.issue({ id: user.id, tokenVersion: user.token_version }, row.family_id);
  }

  /** The user a refresh token belongs to (still usable or not): the pages sign them out with it when the access token has gone. */
  async userOf(refreshToken: string): Promise<string | null> {
    const rows: { user_id: string }[] = await this.ds.query(`SELECT user_id FROM refresh_tokens WHERE token_hash = $1`, [hashOf(refreshToken)]);
    return rows[0]?.user_id ?? null;
  }

  /** The family's next token: it lasts the refresh lifetime, but never past the sign-in's own limit (SESSION_MAX_SECONDS after the family began). */
  private async issue(user: Pick<UserEntity, 'id' | 'tokenVersion'>, familyId: string): Promise<Session> {
    const { refreshTtlSeconds, sessionMaxSeconds } = this.settings.config.auth;
    const refreshToken = randomBytes(32).toString('base64url');
    const [issued]: { expires_in: number }[] = await this.ds.query(
      `INSERT INTO refresh_tokens (token_hash, family_id, user_id, token_version, expires_at)
       VALUES ($1, $2, $3, $4, LEAST(now() + make_interval(secs => $5), (SELECT min(created_at) FROM refresh_tokens WHERE family_id = $2) + make_interval(secs => $6)))
       RETURNING ceil(EXTRACT(EPOCH FROM expires_at - now()))::int AS expires_in`,
      [hashOf(refreshToken), familyId, user.id, user.tokenVersion, refreshTtlSeconds, sessionMaxSeconds],
    );
    return { ...(await this.tokens.issue(user)), refreshToken, refreshExpiresIn: issued.expires_in };
  }

  private async refusalOf(hash: string, graceSeconds: number): Promise<Refusal> {
    const rows: { family_id: string; expired: boolean; used: boolean; recent: boolean }[] = await this.ds.query(
      `SELECT family_id, expires_at <= now() AS expired, (used_at IS NOT NULL OR revoked_at IS NOT NULL) AS used,
              (revoked_at IS NULL AND used_at > now() - make_interval(secs => $2)) AS recent
         FROM refresh_tokens WHERE token_hash = $1`,
      [hash, graceSeconds],
    );
    const row = rows[0];
    if (!row) return 'unknown';
    if (row.used && !row.recent) {
      await this.revokeFamily(row.family_id);
      this.logger.warn({ family: row.family_id }, 'a used refresh token was presented again: its family is revoked');
      return 'reused';
    }
    return row.used ? 'reused' : 'expired';
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.ds.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }
}
