import { ROLES, scopeOf, type Role, type RoleScope } from '@ttg/contracts';
import type { Principal } from '../../auth/principal';
import type { ErrorSummary, ErrorTarget } from '../support/form-errors';
import type { Confirmation } from '../support/confirmation';
import { datesInWords, formatDate, plural, policyVersionWords } from '../support/format';
import { ROLE_LABELS } from '../support/labels';
import type { StaffMember } from '../support/staff-directory';

/** The fields of the add-user form, in the order the form shows them. */
export const USER_TARGETS: ErrorTarget[] = [
  { path: 'displayName', id: 'displayName', label: 'Name' },
  { path: 'username', id: 'username', label: 'Username' },
  { path: 'email', id: 'email', label: 'Email address' },
  { path: 'role', id: 'role', label: 'Role', choice: true },
  { path: 'prisonCode', id: 'prisonCode', label: 'Prison', choice: true },
  { path: 'teamCode', id: 'teamCode', label: 'Probation team', choice: true },
  { path: 'regionCode', id: 'regionCode', label: 'Region', choice: true },
  { path: 'password', id: 'password', label: 'Temporary password' },
];

export type Values = Record<string, string>;

type UserRow = Principal & { email: string | null; active: boolean; mustChangePassword?: boolean };

interface Reference {
  prisons: { code: string; name: string; regionCode: string }[];
  teams: { code: string; name: string; regionCode: string }[];
  regions?: { code: string; name: string }[];
}

export function userValues(body: unknown): Values {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const names = ['username', 'displayName', 'role', 'prisonCode', 'teamCode', 'regionCode', 'email', 'password'];
  return Object.fromEntries(names.filter((n) => typeof raw[n] === 'string').map((n) => [n, n === 'password' ? (raw[n] as string) : (raw[n] as string).trim().slice(0, 200)]));
}

/**
 * The form as the body of `POST /api/v1/admin/users`: blank fields left out (the service says
 * which are required for the role); the scope fields that do not apply to the role are dropped.
 */
export function newUserBody(v: Values): Record<string, unknown> {
  const opt = (s: string | undefined) => (s ? s : undefined);
  const role = opt(v.role);
  const scope: RoleScope | undefined = (ROLES as readonly string[]).includes(role ?? '') ? scopeOf(role as Role) : undefined;
  return {
    username: opt(v.username),
    displayName: opt(v.displayName),
    role,
    prisonCode: scope === 'PRISON' || scope === 'PRISON_OR_REGION' ? opt(v.prisonCode) : undefined,
    teamCode: scope === 'TEAM' ? opt(v.teamCode) : undefined,
    regionCode: scope === 'PRISON_OR_REGION' || scope === 'TEAM' ? opt(v.regionCode) : undefined,
    email: opt(v.email),
    password: opt(v.password),
  };
}

/** The summary in the order of the form (the service names problems in its own order). */
export function inFormOrder(errors: ErrorSummary): ErrorSummary {
  const rank = (href?: string) => {
    const i = USER_TARGETS.findIndex((t) => `#${t.id}` === href);
    return i === -1 ? USER_TARGETS.length : i;
  };
  return { ...errors, list: [...errors.list].sort((a, b) => rank(a.href) - rank(b.href)) };
}

export function usersView(users: UserRow[], ref: Reference, form: { values: Values; errors: ErrorSummary | null; currentUserId: string }) {
  const prisonName = new Map(ref.prisons.map((p) => [p.code, p.name]));
  const teamName = new Map(ref.teams.map((t) => [t.code, t.name]));
  const regionName = new Map((ref.regions ?? []).map((r) => [r.code, r.name]));
  const regions = [...new Set([...ref.prisons, ...ref.teams].map((x) => x.regionCode))].sort();
  const scope = (u: UserRow) => {
    if (scopeOf(u.role) === 'EVERYWHERE') return 'All prisons and regions';
    if (scopeOf(u.role) === 'TEAM') return u.teamCode ? `${teamName.get(u.teamCode) ?? u.teamCode}` : 'No team';
    if (u.prisonCode) return prisonName.get(u.prisonCode) ?? u.prisonCode;
    return u.regionCode ? regionName.get(u.regionCode) ?? `Region ${u.regionCode}` : 'No scope';
  };
  return {
    pageTitle: 'Users',
    users: users.map((u) => ({ ...u, self: u.id === form.currentUserId, roleLabel: ROLE_LABELS[u.role], scope: scope(u), activeTag: !u.active ? { text: 'Deactivated', classes: 'govuk-tag--grey' } : u.mustChangePassword ? { text: 'Password to choose', classes: 'govuk-tag--yellow' } : { text: 'Active', classes: 'govuk-tag--green' } })),
    roles: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: form.values.role === r })),
    prisons: [{ value: '', text: 'None' }, ...ref.prisons.map((p) => ({ value: p.code, text: `${p.name} (${p.code})`, selected: form.values.prisonCode === p.code }))],
    teams: [{ value: '', text: 'None' }, ...ref.teams.map((t) => ({ value: t.code, text: `${t.name} (${t.code})`, selected: form.values.teamCode === t.code }))],
    regions: [{ value: '', text: 'None' }, ...regions.map((r) => ({ value: r, text: regionName.get(r) ?? r, selected: form.values.regionCode === r }))],
    values: form.values,
    errors: form.errors,
  };
}

export function policiesView(versions: { id: string; effectiveFrom: string; description?: string }[], today: string) {
  const sorted = [...versions].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const current = sorted.find((v) => v.effectiveFrom <= today);
  // The earliest version applies to everyone received before the next: from the start, not from its placeholder date.
  const earliest = sorted.at(-1);
  return {
    pageTitle: 'Policy versions',
    versions: sorted.map((v) => ({
      id: v.id,
      name: policyVersionWords(v.id),
      effectiveFrom: v === earliest ? 'From the start' : formatDate(v.effectiveFrom),
      description: datesInWords(v.description ?? ''),
      state: v.id === current?.id ? { text: 'Current', classes: 'govuk-tag--green' } : v.effectiveFrom > today ? { text: 'Future', classes: 'govuk-tag--blue' } : { text: 'Earlier', classes: 'govuk-tag--grey' },
    })),
  };
}

/** Deactivating someone is confirmed first; if they hold open tasks, the page offers to move them to a colleague. */
export function deactivationConfirmation(target: { id: string; displayName: string }, leaving: StaffMember | undefined, staff: StaffMember[]): Confirmation {
  const open = leaving?.openTasks ?? 0;
  const colleagues = staff.filter((m) => m.userId !== target.id && m.role === leaving?.role);
  return {
    pageTitle: `Confirm deactivating ${target.displayName}`,
    heading: `Are you sure you want to deactivate ${target.displayName}?`,
    rows: [{ key: 'Open tasks they hold', value: open === 0 ? 'None' : plural(open, 'open task') }],
    warning: 'They will not be able to sign in. You can reactivate them later.',
    action: `/admin/users/${target.id}/active`,
    fields: { active: 'false' },
    choice: open > 0 ? { name: 'moveTo', label: 'Move their open tasks to', hint: 'Tasks held by someone who cannot sign in are not worked until a manager moves them', items: [{ value: '', text: 'Do not move them now' }, ...colleagues.map((m) => ({ value: m.userId, text: `${m.displayName} (${plural(m.openTasks, 'open task')})` }))] } : undefined,
    confirmText: 'Yes, deactivate',
    cancelHref: '/admin/users',
    destructive: true,
  };
}

/** Resetting a password ends the person's sessions: confirmed first. */
export function passwordResetConfirmation(target: { id: string; displayName: string }): Confirmation {
  return {
    pageTitle: `Confirm resetting the password of ${target.displayName}`,
    heading: `Are you sure you want to reset the password of ${target.displayName}?`,
    rows: [],
    warning: 'They are signed out everywhere at once. The next page shows a temporary password to give them; they must choose their own when they sign in with it.',
    action: `/admin/users/${target.id}/password`,
    fields: {},
    confirmText: 'Yes, reset the password',
    cancelHref: '/admin/users',
    destructive: true,
  };
}
