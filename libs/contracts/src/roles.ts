import type { TaskSide } from './domain';

/** The pages of the service navigation, in the order a navigation lists them. */
export const NAV_PAGES = ['dashboard', 'tasks', 'handovers', 'cases', 'calculator', 'users', 'readModel'] as const;
export type NavPage = (typeof NAV_PAGES)[number];

/**
 * Where a role's users work. It decides the cases, tasks and staff they see (`caseScope`,
 * `taskScope`, `staffScope` in apps/api/src/auth/scope.ts), the scope fields their user needs, the
 * scope pages name, and where they may receive people (`mayReceiveInto`).
 * - PRISON: one prison (`prisonCode`): its cases, until 28 days after handover
 * - TEAM: a probation team (`teamCode`, and its region): the cases allocated to them or their team
 * - PRISON_OR_REGION: a prison, or with none every prison and team of a region (`regionCode`)
 * - EVERYWHERE: every prison and region
 */
export const ROLE_SCOPES = ['PRISON', 'TEAM', 'PRISON_OR_REGION', 'EVERYWHERE'] as const;
export type RoleScope = (typeof ROLE_SCOPES)[number];

/** What the service shows a user of a role and where they work (what they may do is in PERMISSIONS). */
export interface RoleEntry {
  /** The role as a page names it: "Community offender manager". */
  label: string;
  /** As "Only … can do this" names the role's users. */
  plural: string;
  /** The service navigation's pages, in NAV_PAGES order (notifications are added to every role's). */
  navigation: readonly NavPage[];
  /** Where `/` and signing in take them: one of its navigation's pages. */
  home: NavPage;
  /** Whose work the team queue shows them unless they choose a side. */
  queueSide: TaskSide | 'any';
  scope: RoleScope;
  /** Besides notifications addressed to them, those to everyone of this audience in their scope (none: only their own). */
  audience: TaskSide | null;
}

/**
 * The roles, one entry each: the place a new role starts. Its keys are the roles (`Role`,
 * `ROLES` in this order); `satisfies` makes the compiler refuse an entry with a field missing,
 * and every table keyed by role (`Record<Role, …>`, as PERMISSIONS) then asks for the new one.
 */
export const ROLE_CATALOGUE = {
  PRISON_STAFF: {
    label: 'Prison resettlement staff',
    plural: 'prison resettlement staff',
    navigation: ['tasks', 'cases', 'calculator'],
    home: 'tasks',
    queueSide: 'PRISON',
    scope: 'PRISON',
    audience: 'PRISON',
  },
  COM: {
    label: 'Community offender manager',
    plural: 'community offender managers',
    navigation: ['tasks', 'handovers', 'cases', 'calculator'],
    // Handovers waiting to be accepted are the COM's first work: their inbox is where they land.
    home: 'handovers',
    queueSide: 'COMMUNITY',
    scope: 'TEAM',
    audience: 'COMMUNITY',
  },
  MANAGER: {
    label: 'Manager',
    plural: 'managers',
    navigation: ['dashboard', 'tasks', 'handovers', 'cases', 'calculator'],
    home: 'dashboard',
    queueSide: 'any',
    scope: 'PRISON_OR_REGION',
    audience: 'MANAGER',
  },
  ADMIN: {
    label: 'Administrator',
    plural: 'administrators',
    navigation: ['dashboard', 'tasks', 'handovers', 'cases', 'calculator', 'users', 'readModel'],
    home: 'dashboard',
    queueSide: 'any',
    scope: 'EVERYWHERE',
    audience: null,
  },
} as const satisfies Record<string, RoleEntry>;

export type Role = keyof typeof ROLE_CATALOGUE;
export const ROLES = Object.keys(ROLE_CATALOGUE) as readonly Role[] as readonly [Role, ...Role[]];

/** A role's entry, as the interface (not the literal types `as const` gives each role's). */
export function roleEntry(role: Role): RoleEntry {
  return ROLE_CATALOGUE[role];
}

export function scopeOf(role: Role): RoleScope {
  return roleEntry(role).scope;
}
