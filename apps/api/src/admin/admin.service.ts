import { Injectable } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { loadPolicyVersion, PolicyValidationError } from '@ttg/policy';
import { hashPassword } from '@ttg/persistence/password';
import { roleEntry, ROLES, lineText, type Role } from '@ttg/contracts';
import { DomainError, policyRefusal } from '../common/domain-error';
import { parseInput } from '../common/validation';
import { PolicyCatalogueService } from '../timeline/policy-catalogue.service';
import { AdminRepository } from './admin.repository';
import { UserRepository } from '../auth/user.repository';

const code = z.string().regex(/^[A-Z0-9-]{2,20}$/, 'must be an upper-case code');

/** The scope each role needs (its `scope` in the role catalogue): the same rules for a new user and a changed one. */
function scopeRules(u: { role: Role; prisonCode?: string | null; teamCode?: string | null; regionCode?: string | null }, ctx: z.RefinementCtx): void {
  const { scope, label } = roleEntry(u.role);
  if (scope === 'PRISON' && !u.prisonCode) ctx.addIssue({ code: 'custom', path: ['prisonCode'], message: 'is required for prison staff' });
  if (scope === 'TEAM' && !u.teamCode) ctx.addIssue({ code: 'custom', path: ['teamCode'], message: `is required for a ${label.toLowerCase()}` });
  if (scope === 'PRISON_OR_REGION' && !u.prisonCode && !u.regionCode) ctx.addIssue({ code: 'custom', path: ['regionCode'], message: `a ${label.toLowerCase()} needs a prison or a region` });
}
const scopeSchema = z.object({ role: z.enum(ROLES), prisonCode: code.nullable(), teamCode: code.nullable(), regionCode: code.nullable() }).superRefine(scopeRules);

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
  .superRefine(scopeRules);
export const userChangeSchema = z
  .object({ active: z.boolean().optional(), role: z.enum(ROLES).optional(), teamCode: code.nullable().optional(), prisonCode: code.nullable().optional(), regionCode: code.nullable().optional(), displayName: lineText(100).optional() })
  .strict();

/** Sixteen letters and digits no one misreads (no 0/o, 1/l/i), in fours: about 80 bits. */
function temporaryPasswordText(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Administration: users and their scope, teams and prisons, and policy versions. */
@Injectable()
export class AdminService {
  constructor(
    private readonly repo: AdminRepository,
    private readonly policies: PolicyCatalogueService,
    private readonly users: UserRepository,
  ) {}

  listUsers() {
    return this.repo.users();
  }

  async createUser(body: unknown) {
    const u = parseInput(newUserSchema, body);
    const id = `u-${randomUUID()}`;
    const inserted = await this.repo.insertUser({
      id,
      username: u.username,
      passwordHash: await hashPassword(u.password),
      displayName: u.displayName,
      role: u.role,
      prisonCode: u.prisonCode ?? null,
      teamCode: u.teamCode ?? null,
      regionCode: u.regionCode ?? null,
      email: u.email ?? null,
    });
    if (!inserted) throw new DomainError('INVALID_STATE', `username ${u.username} is taken`);
    return (await this.listUsers()).find((x) => x.id === id);
  }

  /**
   * A change of role or scope must leave the user a scope their role can work in (a 400 names the
   * field). Administrators cannot deactivate themselves or give up their own role (409): another
   * administrator does that, so ttg is never left without one by a slip.
   */
  async changeUser(id: string, body: unknown, callerId: string) {
    const change = parseInput(userChangeSchema, body);
    if (id === callerId && (change.active === false || (change.role !== undefined && change.role !== 'ADMIN'))) {
      throw new DomainError('INVALID_STATE', 'You cannot deactivate your own account or change your own role: ask another administrator');
    }
    if (change.role !== undefined || change.prisonCode !== undefined || change.teamCode !== undefined || change.regionCode !== undefined) {
      const current = (await this.listUsers()).find((x) => x.id === id);
      if (!current) throw new DomainError('USER_NOT_FOUND', `User ${id} was not found`);
      const { role, prisonCode, teamCode, regionCode } = { ...current, ...change };
      parseInput(scopeSchema, { role, prisonCode, teamCode, regionCode });
    }
    const changed = await this.repo.updateUser(id, change);
    if (changed === 'empty') throw new DomainError('VALIDATION_FAILED', '(body): nothing to change');
    if (!changed) throw new DomainError('USER_NOT_FOUND', `User ${id} was not found`);
    this.users.forget(id);
    return (await this.listUsers()).find((x) => x.id === id);
  }

  /** A new temporary password, shown once to the administrator: every session ends and the user must choose their own at sign-in. */
  async resetPassword(id: string, callerId: string): Promise<{ displayName: string; username: string; temporaryPassword: string }> {
    if (id === callerId) throw new DomainError('INVALID_STATE', 'You cannot reset your own password here: change it from your account, or ask another administrator');
    const user = (await this.listUsers()).find((x) => x.id === id && x.active);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'There is no such active user');
    const temporaryPassword = temporaryPasswordText();
    await this.users.setPassword(id, await hashPassword(temporaryPassword), true);
    return { displayName: user.displayName, username: user.username, temporaryPassword };
  }

  referenceData() {
    return this.repo.referenceData();
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
    await this.repo.insertPolicyVersion(version.id, version.effectiveFrom, version);
    this.policies.add(version);
    return version;
  }
}
