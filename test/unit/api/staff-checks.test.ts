import type { UserEntity } from '@ttg/persistence';
import type { Principal } from '../../../apps/api/src/auth/principal';
import { StaffChecks } from '../../../apps/api/src/auth/staff-checks';
import type { UserRepository } from '../../../apps/api/src/auth/user.repository';
import { DomainError } from '../../../apps/api/src/common/domain-error';

/**
 * The staff checks against an in-memory user repository: who a command may name, without
 * PostgreSQL (the scope SQL itself is covered by the e2e security tests).
 */
const user = (id: string, role: UserEntity['role'], teamCode: string | null = null): UserEntity =>
  ({ id, username: id, displayName: id, role, prisonCode: role === 'PRISON_STAFF' ? 'LEI' : null, teamCode, regionCode: 'YH', active: true }) as UserEntity;

const people = [user('u-staff', 'PRISON_STAFF'), user('u-com', 'COM', 'YH-LEEDS-N'), user('u-com-south', 'COM', 'YH-LEEDS-S'), user('u-manager', 'MANAGER')];
const colleagues = new Set(['u-staff', 'u-com', 'u-com-south']);
const teams = new Set(['YH-LEEDS-N', 'YH-LEEDS-S']);

const users = {
  findById: async (id: string) => people.find((p) => p.id === id) ?? null,
  isColleague: async (_caller: Principal, id: string) => colleagues.has(id),
  teamInRegion: async (_caller: Principal, code: string) => teams.has(code),
} as unknown as UserRepository;

const manager: Principal = { id: 'u-manager', username: 'manager', displayName: 'Manager', role: 'MANAGER', prisonCode: null, teamCode: null, regionCode: 'YH' };
const checks = new StaffChecks(users);

async function refusal(p: Promise<unknown>): Promise<{ code: string; problems: unknown }> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof DomainError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return { code: err.code, problems: err.details?.problems };
}

describe('StaffChecks', () => {
  it('accepts a colleague who may work the side', async () => {
    await expect(checks.assignee(manager, 'u-staff', 'PRISON')).resolves.toMatchObject({ id: 'u-staff' });
    await expect(checks.assignee(manager, 'u-com', 'COMMUNITY')).resolves.toMatchObject({ id: 'u-com' });
  });

  it('refuses someone outside the caller’s staff, naming the field', async () => {
    expect(await refusal(checks.assignee(manager, 'u-stranger', 'PRISON', 'toUserId'))).toEqual({
      code: 'VALIDATION_FAILED',
      problems: [{ field: 'toUserId', reason: 'is not an active officer you work with' }],
    });
  });

  it('refuses a colleague who cannot work the task’s side', async () => {
    expect(await refusal(checks.assignee(manager, 'u-com', 'PRISON'))).toEqual({ code: 'VALIDATION_FAILED', problems: [{ field: 'userId', reason: '(COM) cannot work prison tasks' }] });
  });

  it('takes a COM only of a team in the region, and only a COM of that team', async () => {
    await expect(checks.comOfTeam(manager, 'u-com', 'YH-LEEDS-N')).resolves.toBeUndefined();
    expect(await refusal(checks.comOfTeam(manager, 'u-com', 'NE-DURHAM', 'outcome.'))).toEqual({ code: 'VALIDATION_FAILED', problems: [{ field: 'outcome.teamCode', reason: 'is not a probation team in your region' }] });
    expect(await refusal(checks.comOfTeam(manager, 'u-com-south', 'YH-LEEDS-N'))).toEqual({ code: 'VALIDATION_FAILED', problems: [{ field: 'comUserId', reason: 'must be a community offender manager of YH-LEEDS-N' }] });
    expect(await refusal(checks.comOfTeam(manager, 'u-staff', 'YH-LEEDS-N'))).toEqual({ code: 'VALIDATION_FAILED', problems: [{ field: 'comUserId', reason: 'must be a community offender manager of YH-LEEDS-N' }] });
  });
});
