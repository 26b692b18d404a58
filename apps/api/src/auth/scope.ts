import type { Principal } from './principal';

/**
 * A user's scope as a SQL condition on the cases table (alias `c`). Every read model query
 * that returns cases or their tasks includes it; nothing filters after the fact.
 * - prison staff: their prison's cases, until 28 days after handover (prison_access_until)
 * - COMs: cases allocated to them or their probation team
 * - managers: their prison, or their region
 * - admins: everything
 */
export function caseScope(user: Principal, today: string, firstParam: number): { sql: string; params: unknown[] } {
  const p = (n: number) => `$${firstParam + n}`;
  switch (user.role) {
    case 'PRISON_STAFF':
      return { sql: `(c.prison_code = ${p(0)} AND (c.prison_access_until IS NULL OR c.prison_access_until >= ${p(1)}))`, params: [user.prisonCode ?? '', today] };
    case 'COM':
      return { sql: `(c.com_user_id = ${p(0)} OR c.com_team_code = ${p(1)})`, params: [user.id, user.teamCode ?? ''] };
    case 'MANAGER':
      return user.prisonCode
        ? { sql: `(c.prison_code = ${p(0)})`, params: [user.prisonCode] }
        : { sql: `(c.region_code = ${p(0)})`, params: [user.regionCode ?? ''] };
    case 'ADMIN':
      return { sql: 'TRUE', params: [] };
  }
}
