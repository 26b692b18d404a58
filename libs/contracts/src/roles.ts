import type { TaskSide } from './domain';

/** The pages of the service navigation, in the order a navigation lists them. */
export const NAV_PAGES = ['dashboard', 'tasks', 'handovers', 'cases', 'calculator', 'users'] as const;
export type NavPage = (typeof NAV_PAGES)[number];

/** What the service shows a user of a role (what they may do is in PERMISSIONS). */
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
  },
  COM: {
    label: 'Community offender manager',
    plural: 'community offender managers',
    navigation: ['tasks', 'handovers', 'cases', 'calculator'],
    home: 'tasks',
    queueSide: 'COMMUNITY',
  },
  MANAGER: {
    label: 'Manager',
    plural: 'managers',
    navigation: ['dashboard', 'tasks', 'handovers', 'cases', 'calculator'],
    home: 'dashboard',
    queueSide: 'any',
  },
  ADMIN: {
    label: 'Administrator',
    plural: 'administrators',
    navigation: ['dashboard', 'tasks', 'handovers', 'cases', 'calculator', 'users'],
    home: 'dashboard',
    queueSide: 'any',
  },
} as const satisfies Record<string, RoleEntry>;

export type Role = keyof typeof ROLE_CATALOGUE;
export const ROLES = Object.keys(ROLE_CATALOGUE) as readonly Role[] as readonly [Role, ...Role[]];

export function roleEntry(role: Role): RoleEntry {
  return ROLE_CATALOGUE[role];
}
