import { scopeOf } from '@ttg/contracts';
import type { Principal } from './principal';

/**
 * A user's scope as a SQL condition on the cases table (alias `c`). Every read model query
 * that returns cases or their tasks includes it; nothing filters after the fact. By the role's
 * scope (`RoleScope`, in the role catalogue):
 * - PRISON (prison staff): their prison's cases, until 28 days after handover (prison_access_until)
 * - TEAM (COMs): cases allocated to them or their probation team
 * - PRISON_OR_REGION (managers): their prison, or their region
 * - EVERYWHERE (admins): everything
 */
export function caseScope(user: Principal, today: string, firstParam: number): { sql: string; params: unknown[] } {
  const p = (n: number) => `$${firstParam + n}`;
  switch (scopeOf(user.role)) {
    case 'PRISON':
      return { sql: `(c.prison_code = ${p(0)} AND (c.prison_access_until IS NULL OR c.prison_access_until >= ${p(1)}))`, params: [user.prisonCode ?? '', today] };
    case 'TEAM':
      return { sql: `(c.com_user_id = ${p(0)} OR c.com_team_code = ${p(1)})`, params: [user.id, user.teamCode ?? ''] };
    case 'PRISON_OR_REGION':
      return user.prisonCode
        ? { sql: `(c.prison_code = ${p(0)})`, params: [user.prisonCode] }
        : { sql: `(c.region_code = ${p(0)})`, params: [user.regionCode ?? ''] };
    case 'EVERYWHERE':
      return { sql: 'TRUE', params: [] };
  }
}

/**
 * A user's scope as a condition on tasks (alias `t`, joined to its case as `c`). Managers and
 * administrators (PRISON_OR_REGION, EVERYWHERE) are scoped by the task's own columns (`t.prison_code`, `t.region_code`, which
 * the projection keeps equal to the case's), so their lists and counts need not join every task
 * to its case; prison staff (access ends after handover) and COMs (allocation) are scoped
 * through the case (prison staff by the task's prison as well). `needsCase` says whether the condition reads `c`.
 */
export function taskScope(user: Principal, today: string, firstParam: number): { sql: string; params: unknown[]; needsCase: boolean } {
  const p = (n: number) => `$${firstParam + n}`;
  const scope = scopeOf(user.role);
  if (scope === 'PRISON_OR_REGION') {
    return user.prisonCode ? { sql: `(t.prison_code = ${p(0)})`, params: [user.prisonCode], needsCase: false } : { sql: `(t.region_code = ${p(0)})`, params: [user.regionCode ?? ''], needsCase: false };
  }
  if (scope === 'EVERYWHERE') return { sql: 'TRUE', params: [], needsCase: false };
  // Prison staff: by the task's own prison (the projection keeps it equal to its case's) and
  // the case's access, so their lists walk the prison's open-task indexes in due order and stop
  // at the page, instead of reading every task of every case the prison has held (at the
  // nation's size, thousands). The case's prison is not repeated: the planner would take the two
  // as independent and expect almost no rows, then sort them all.
  if (scope === 'PRISON') {
    return { sql: `(t.prison_code = ${p(0)} AND (c.prison_access_until IS NULL OR c.prison_access_until >= ${p(1)}))`, params: [user.prisonCode ?? '', today], needsCase: true };
  }
  return { ...caseScope(user, today, firstParam), needsCase: true };
}

/**
 * The staff a user works with, as a condition on users (alias `u`): the prison officers of the
 * prisons in their scope and the community offender managers of the probation teams in the
 * same region (whom a prison's cases are handed over to). Administrators: everyone.
 */
export function staffScope(user: Principal, firstParam: number): { sql: string; params: unknown[] } {
  const p = (n: number) => `$${firstParam + n}`;
  const teamsOfRegion = (region: string) => `u.team_code IN (SELECT code FROM probation_teams WHERE region_code = ${region})`;
  const scope = scopeOf(user.role);
  if (scope === 'EVERYWHERE') return { sql: 'TRUE', params: [] };
  if (scope === 'TEAM' || (scope === 'PRISON_OR_REGION' && !user.prisonCode)) {
    return { sql: `(u.prison_code IN (SELECT code FROM prisons WHERE region_code = ${p(0)}) OR ${teamsOfRegion(p(0))})`, params: [user.regionCode ?? ''] };
  }
  return { sql: `(u.prison_code = ${p(0)} OR ${teamsOfRegion(`(SELECT region_code FROM prisons WHERE code = ${p(0)})`)})`, params: [user.prisonCode ?? ''] };
}
