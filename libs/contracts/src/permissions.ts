import type { TaskSide } from './domain';
import { ROLES, scopeOf, type Role } from './roles';

/**
 * Who may do what: the one permission table. Route guards (`@Allow(action)`), the use cases'
 * checks, the task sides each role works and the buttons a page shows all read it.
 */
export const ACTIONS = [
  'case.receive',
  'case.import',
  'case.changeReleaseDates',
  'case.transfer',
  'case.recordContact',
  'case.recall',
  'case.reRelease',
  'case.breach',
  'case.reallocate',
  'case.close',
  'case.terminateLicence',
  'case.recordUnlawfullyAtLarge',
  'case.requestEarlierRelease',
  'case.planNeeds',
  'handover.inbox',
  'task.workSide.PRISON',
  'task.workSide.COMMUNITY',
  'task.workSide.MANAGER',
  'task.assignOthers',
  'task.actOnOthersTasks',
  'dashboard.view',
  'reports.view',
  'admin.users',
  'policy.manage',
  'admin.readModel',
  /** See workflows' payloads decrypted (the Temporal UI through the codec endpoint; its link on case pages). */
  'admin.workflows',
] as const;
export type Action = (typeof ACTIONS)[number];

const CUSTODY: Action[] = ['case.receive', 'case.import', 'case.changeReleaseDates', 'case.transfer', 'task.workSide.PRISON'];
const COMMUNITY: Action[] = [
  'case.recordContact', 'case.recall', 'case.breach', 'handover.inbox', 'task.workSide.COMMUNITY',
  'case.terminateLicence', 'case.recordUnlawfullyAtLarge', 'case.requestEarlierRelease',
];
const OVERSIGHT: Action[] = ['case.reallocate', 'case.close', 'task.workSide.MANAGER', 'task.assignOthers', 'task.actOnOthersTasks', 'dashboard.view', 'reports.view'];

/** Role → the actions it may take. */
export const PERMISSIONS: Record<Role, readonly Action[]> = {
  PRISON_STAFF: [...CUSTODY, 'case.reRelease', 'case.planNeeds'],
  COM: [...COMMUNITY, 'case.reRelease', 'case.planNeeds'],
  MANAGER: [...CUSTODY, ...COMMUNITY, 'case.reRelease', 'case.planNeeds', ...OVERSIGHT],
  ADMIN: [...CUSTODY, ...COMMUNITY, 'case.reRelease', 'case.planNeeds', ...OVERSIGHT, 'admin.users', 'policy.manage', 'admin.readModel', 'admin.workflows'],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

/** The roles that may take an action, in the order of ROLES (as messages name them). */
export function rolesFor(action: Action): Role[] {
  return ROLES.filter((r) => can(r, action));
}

/** The action of working (claiming, releasing, completing) a task of this side. */
export const WORK_SIDE: Record<TaskSide, Action> = {
  PRISON: 'task.workSide.PRISON',
  COMMUNITY: 'task.workSide.COMMUNITY',
  MANAGER: 'task.workSide.MANAGER',
};

/** May this role work tasks of this side (claim, release, complete, or be assigned them)? */
export function mayWorkSide(role: Role, side: TaskSide): boolean {
  return can(role, WORK_SIDE[side]);
}

/** May this role act on a task another officer holds (managers' and administrators' override)? */
export function mayActOnOthersTasks(role: Role | 'SYSTEM'): boolean {
  return role !== 'SYSTEM' && can(role, 'task.actOnOthersTasks');
}

/** The part of a user that decides where they may receive people. */
export interface ReceivingUser {
  role: Role;
  prisonCode: string | null;
  regionCode: string | null;
}

/**
 * May this user receive people into this prison, by their role's scope: prison staff their own
 * prison, a manager their prison (or every prison of their region), an administrator any, a COM
 * (who may not receive anyone) none.
 */
export function mayReceiveInto(user: ReceivingUser, prison: { code: string; regionCode: string }): boolean {
  if (!can(user.role, 'case.receive')) return false;
  switch (scopeOf(user.role)) {
    case 'PRISON':
      return prison.code === user.prisonCode;
    case 'PRISON_OR_REGION':
      return user.prisonCode ? prison.code === user.prisonCode : prison.regionCode === user.regionCode;
    case 'TEAM':
      return false;
    case 'EVERYWHERE':
      return true;
  }
}
