import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from '@ttg/persistence/query-result';
import type { Principal } from '../auth/principal';

/** A user as administration lists them: their principal, email and whether they may sign in. */
export type UserListRow = Principal & { email: string | null; active: boolean; mustChangePassword?: boolean };

export type NewUserRow = Omit<UserListRow, 'active'> & { passwordHash: string };

export interface ReferenceRow {
  code: string;
  name: string;
  regionCode: string;
}

/** The columns a user's change may set, by the API's field names. */
const USER_COLUMNS = { active: 'active', role: 'role', teamCode: 'team_code', prisonCode: 'prison_code', regionCode: 'region_code', displayName: 'display_name' } as const;
export type UserChange = Partial<Record<keyof typeof USER_COLUMNS, unknown>>;

/** Administration's reads and writes: users, reference data, policy versions. */
@Injectable()
export class AdminRepository {
  constructor(private readonly ds: DataSource) {}

  users(): Promise<UserListRow[]> {
    return this.ds.query(`SELECT id, username, display_name AS "displayName", role, prison_code AS "prisonCode", team_code AS "teamCode", region_code AS "regionCode", email, active, must_change_password AS "mustChangePassword" FROM users ORDER BY role, username`);
  }

  /** False when the username is taken. */
  async insertUser(u: NewUserRow): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO users (id, username, password_hash, display_name, role, prison_code, team_code, region_code, email)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.id, u.username, u.passwordHash, u.displayName, u.role, u.prisonCode, u.teamCode, u.regionCode, u.email],
    );
    return rows.length > 0;
  }

  /** 'empty' when there is nothing to change, false when there is no such user. */
  async updateUser(id: string, change: UserChange): Promise<boolean | 'empty'> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [k, v] of Object.entries(change)) {
      params.push(v);
      sets.push(`${USER_COLUMNS[k as keyof typeof USER_COLUMNS]} = $${params.length}`);
    }
    if (sets.length === 0) return 'empty';
    // Deactivating a user ends every session they have, at once.
    if (change.active === false) sets.push('token_version = token_version + 1');
    return returnedRows(await this.ds.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING id`, params)).length > 0;
  }

  async referenceData(): Promise<{ prisons: ReferenceRow[]; teams: ReferenceRow[]; regions: { code: string; name: string }[] }> {
    const [prisons, teams, regions] = await Promise.all([
      this.ds.query(`SELECT code, name, region_code AS "regionCode" FROM prisons ORDER BY code`) as Promise<ReferenceRow[]>,
      this.ds.query(`SELECT code, name, region_code AS "regionCode" FROM probation_teams ORDER BY code`) as Promise<ReferenceRow[]>,
      this.ds.query(`SELECT code, name FROM regions ORDER BY name`) as Promise<{ code: string; name: string }[]>,
    ]);
    return { prisons, teams, regions };
  }

  async insertPolicyVersion(id: string, effectiveFrom: string, document: unknown): Promise<void> {
    await this.ds.query(`INSERT INTO policy_versions (id, effective_from, document) VALUES ($1, $2, $3)`, [id, effectiveFrom, JSON.stringify(document)]);
  }
}
