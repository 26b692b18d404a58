import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from '@ttg/persistence/query-result';
import { UserEntity } from '@ttg/persistence';
import type { Principal } from './principal';
import { staffScope } from './scope';

/** How long a signed-in user's row is reused between requests (another process's sign-out or deactivation is seen within it). */
const CACHE_MS = 5_000;

@Injectable()
export class UserRepository {
  private readonly cache = new Map<string, { user: UserEntity | null; until: number }>();

  constructor(private readonly ds: DataSource) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOne({ where: { username, active: true } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOne({ where: { id, active: true } });
  }

  /** Whether the user is active and among the staff the caller works with. */
  async isColleague(caller: Principal, userId: string): Promise<boolean> {
    const scope = staffScope(caller, 2);
    const rows: { id: string }[] = await this.ds.query(`SELECT u.id FROM users u WHERE u.id = $1 AND u.active AND ${scope.sql}`, [userId, ...scope.params]);
    return rows.length === 1;
  }

  /** Whether the probation team exists and is in the caller's region (administrators: any). */
  async teamInRegion(caller: Principal, teamCode: string): Promise<boolean> {
    const rows: { code: string }[] = await this.ds.query(
      `SELECT t.code FROM probation_teams t
        WHERE t.code = $1 AND ($2 OR t.region_code = COALESCE((SELECT region_code FROM prisons WHERE code = $3), $4))`,
      [teamCode, caller.role === 'ADMIN', caller.prisonCode ?? '', caller.regionCode ?? ''],
    );
    return rows.length > 0;
  }

  /** The active user a request's token names, read at most every few seconds (each request checks the token version). */
  async signedIn(id: string): Promise<UserEntity | null> {
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.user;
    const user = await this.findById(id);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { user, until: Date.now() + CACHE_MS });
    return user;
  }

  /** Ends every session of the user: access tokens issued before are refused from the next request, refresh tokens at once. */
  async revokeSessions(id: string): Promise<void> {
    await this.ds.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [id]);
    await this.ds.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
    this.forget(id);
  }

  /**
   * Sets a password. A temporary one (an administrator's reset) ends every session and only lets
   * its user choose their own; false when there is no such active user.
   */
  async setPassword(id: string, passwordHash: string, temporary: boolean): Promise<boolean> {
    const result: unknown = await this.ds.query(
      `UPDATE users SET password_hash = $2, must_change_password = $3${temporary ? ', token_version = token_version + 1' : ''} WHERE id = $1 AND active RETURNING id`,
      [id, passwordHash, temporary],
    );
    this.forget(id);
    return returnedRows(result).length > 0;
  }

  /** Drops a cached row after a change (deactivation, a new scope). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  static toPrincipal(u: UserEntity): Principal {
    return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, prisonCode: u.prisonCode, teamCode: u.teamCode, regionCode: u.regionCode };
  }
}
