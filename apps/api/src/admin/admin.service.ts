import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { loadPolicyVersion, PolicyValidationError } from '../../../../libs/policy/src';
import { hashPassword } from '../../../../libs/persistence/src/password';
import { ROLES, lineText } from '../../../../libs/contracts/src';
import { DomainError, policyRefusal } from '../common/domain-error';
import { parseInput } from '../common/validation';
import { PolicyCatalogueService } from '../timeline/policy-catalogue.service';

const code = z.string().regex(/^[A-Z0-9-]{2,20}$/, 'must be an upper-case code');
export const newUserSchema = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{3,50}$/, 'must be 3 to 50 lower-case letters, digits, dots, dashes or underscores'),
    displayName: lineText(100),
    role: z.enum(ROLES),
    prisonCode: code.nullable().optional(),
    teamCode: code.nullable().optional(),
    regionCode: code.nullable().optional(),
    email: z.string().email().nullable().optional(),
    password: z.string().min(12, 'must be at least 12 characters').max(200),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.role === 'PRISON_STAFF' && !u.prisonCode) ctx.addIssue({ code: 'custom', path: ['prisonCode'], message: 'is required for prison staff' });
    if (u.role === 'COM' && !u.teamCode) ctx.addIssue({ code: 'custom', path: ['teamCode'], message: 'is required for a community offender manager' });
    if (u.role === 'MANAGER' && !u.prisonCode && !u.regionCode) ctx.addIssue({ code: 'custom', path: ['regionCode'], message: 'a manager needs a prison or a region' });
  });
export const userChangeSchema = z.object({ active: z.boolean().optional(), teamCode: code.nullable().optional(), prisonCode: code.nullable().optional(), regionCode: code.nullable().optional(), displayName: lineText(100).optional() }).strict();

/** Administration: users and their scope, teams and prisons, and policy versions. */
@Injectable()
export class AdminService {
  constructor(
    private readonly ds: DataSource,
    private readonly policies: PolicyCatalogueService,
  ) {}

  listUsers() {
    return this.ds.query(`SELECT id, username, display_name AS "displayName", role, prison_code AS "prisonCode", team_code AS "teamCode", region_code AS "regionCode", email, active FROM users ORDER BY role, username`) as Promise<unknown[]>;
  }

  async createUser(body: unknown) {
    const u = parseInput(newUserSchema, body);
    const id = `u-${randomUUID()}`;
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO users (id, username, password_hash, display_name, role, prison_code, team_code, region_code, email)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [id, u.username, await hashPassword(u.password), u.displayName, u.role, u.prisonCode ?? null, u.teamCode ?? null, u.regionCode ?? null, u.email ?? null],
    );
    if (rows.length === 0) throw new DomainError('INVALID_STATE', `username ${u.username} is taken`);
    return (await this.listUsers()).find((x) => (x as { id: string }).id === id);
  }

  async changeUser(id: string, body: unknown) {
    const c = parseInput(userChangeSchema, body);
    const sets: string[] = [];
    const params: unknown[] = [id];
    const columns: Record<string, string> = { active: 'active', teamCode: 'team_code', prisonCode: 'prison_code', regionCode: 'region_code', displayName: 'display_name' };
    for (const [k, v] of Object.entries(c)) {
      params.push(v);
      sets.push(`${columns[k]} = $${params.length}`);
    }
    if (sets.length === 0) throw new DomainError('VALIDATION_FAILED', '(body): nothing to change');
    const rows: unknown[] = await this.ds.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING id`, params);
    if (rows.length === 0) throw new DomainError('USER_NOT_FOUND', `User ${id} was not found`);
    return (await this.listUsers()).find((x) => (x as { id: string }).id === id);
  }

  async referenceData() {
    const [prisons, teams] = await Promise.all([
      this.ds.query(`SELECT code, name, region_code AS "regionCode" FROM prisons ORDER BY code`),
      this.ds.query(`SELECT code, name, region_code AS "regionCode" FROM probation_teams ORDER BY code`),
    ]);
    return { prisons, teams };
  }

  listPolicies() {
    return this.policies.all().map((p) => ({ id: p.id, effectiveFrom: p.effectiveFrom, description: p.description, figures: p.figures }));
  }

  /** A new policy version applies to cases received from its effective date; running cases keep theirs. */
  async addPolicy(body: unknown) {
    let version;
    try {
      version = loadPolicyVersion(body);
    } catch (err) {
      if (err instanceof PolicyValidationError) throw policyRefusal(err, err.message);
      throw err;
    }
    try {
      this.policies.byId(version.id);
      throw new DomainError('INVALID_STATE', `policy version ${version.id} exists already: versions are never changed, add a new one`);
    } catch (err) {
      if (err instanceof DomainError) throw err;
    }
    await this.ds.query(`INSERT INTO policy_versions (id, effective_from, document) VALUES ($1, $2, $3)`, [version.id, version.effectiveFrom, JSON.stringify(version)]);
    this.policies.add(version);
    return version;
  }
}
