import { ROLES, scopeOf, type Role } from '@ttg/contracts';
import type { Principal } from '../../auth/principal';
import type { ErrorTarget } from '../support/form-errors';
import type { ErrorSummary } from '../support/form-errors';
import { ROLE_LABELS } from '../support/labels';
import type { Values } from './admin.view-model';

/** The fields of the change-role-and-scope form, in the order the form shows them. */
export const EDIT_USER_TARGETS: ErrorTarget[] = [
  { path: 'role', id: 'role', label: 'Role', choice: true },
  { path: 'prisonCode', id: 'prisonCode', label: 'Prison', choice: true },
  { path: 'teamCode', id: 'teamCode', label: 'Probation team', choice: true },
  { path: 'regionCode', id: 'regionCode', label: 'Region', choice: true },
];

interface Reference {
  prisons: { code: string; name: string; regionCode: string }[];
  teams: { code: string; name: string; regionCode: string }[];
  regions: { code: string; name: string }[];
}

type UserRow = Principal & { active: boolean };

/**
 * The form as the body of `PATCH /api/v1/admin/users/:id`: the scope the role works in (its
 * `scope` in the role catalogue), the rest cleared. Prison staff and a COM take their region from
 * their prison or team.
 */
export function editUserBody(v: Values, ref: Reference): Record<string, unknown> {
  const role = (ROLES as readonly string[]).includes(v.role ?? '') ? (v.role as Role) : undefined;
  const prison = ref.prisons.find((p) => p.code === v.prisonCode);
  const team = ref.teams.find((t) => t.code === v.teamCode);
  if (!role) return { role: v.role || undefined };
  switch (scopeOf(role)) {
    case 'PRISON':
      return { role, prisonCode: prison?.code ?? null, teamCode: null, regionCode: prison?.regionCode ?? null };
    case 'TEAM':
      return { role, teamCode: team?.code ?? null, prisonCode: null, regionCode: team?.regionCode ?? null };
    case 'PRISON_OR_REGION':
      return { role, prisonCode: prison?.code ?? null, teamCode: null, regionCode: prison?.regionCode ?? (v.regionCode || null) };
    case 'EVERYWHERE':
      return { role, prisonCode: null, teamCode: null, regionCode: null };
  }
}

/** The page to change someone's role and scope, filled in with what they have now (or what was sent). */
export function editUserView(u: UserRow, ref: Reference, form: { values: Values | null; errors: ErrorSummary | null }) {
  const v: Values = form.values ?? { role: u.role, prisonCode: u.prisonCode ?? '', teamCode: u.teamCode ?? '', regionCode: u.regionCode ?? '' };
  return {
    pageTitle: `Change the role and scope of ${u.displayName}`,
    target: { id: u.id, displayName: u.displayName, username: u.username, roleLabel: ROLE_LABELS[u.role] },
    action: `/admin/users/${u.id}`,
    roles: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: v.role === r })),
    prisons: [{ value: '', text: 'None' }, ...ref.prisons.map((p) => ({ value: p.code, text: p.name, selected: v.prisonCode === p.code }))],
    teams: [{ value: '', text: 'None' }, ...ref.teams.map((t) => ({ value: t.code, text: t.name, selected: v.teamCode === t.code }))],
    regions: [{ value: '', text: 'None' }, ...ref.regions.map((r) => ({ value: r.code, text: r.name, selected: v.regionCode === r.code }))],
    errors: form.errors,
  };
}
