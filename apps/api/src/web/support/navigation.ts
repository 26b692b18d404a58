import type { Role } from '@ttg/contracts';

export interface NavItem {
  text: string;
  href: string;
  /** Also current for pages under these paths. */
  matches: string[];
}

const TASKS: NavItem = { text: 'Tasks', href: '/tasks', matches: ['/tasks'] };
const CASES: NavItem = { text: 'Cases', href: '/cases', matches: ['/cases'] };
const HANDOVERS: NavItem = { text: 'Handovers', href: '/handovers', matches: ['/handovers'] };
const DASHBOARD: NavItem = { text: 'Dashboard', href: '/dashboard', matches: ['/dashboard'] };
const ADMIN: NavItem = { text: 'Users', href: '/admin/users', matches: ['/admin'] };
const CALCULATOR: NavItem = { text: 'Key dates calculator', href: '/calculator', matches: ['/calculator'] };

/** The service navigation each role sees (notifications are added with their unread count). */
export const NAVIGATION: Record<Role, NavItem[]> = {
  PRISON_STAFF: [TASKS, CASES, CALCULATOR],
  COM: [TASKS, HANDOVERS, CASES, CALCULATOR],
  MANAGER: [DASHBOARD, TASKS, HANDOVERS, CASES, CALCULATOR],
  ADMIN: [DASHBOARD, TASKS, HANDOVERS, CASES, CALCULATOR, ADMIN],
};

/** Where `/` takes each role. */
export const HOME: Record<Role, string> = { PRISON_STAFF: '/tasks', COM: '/tasks', MANAGER: '/dashboard', ADMIN: '/dashboard' };

export function isCurrent(item: { href: string; matches: string[] }, path: string): boolean {
  return item.matches.some((m) => path === m || path.startsWith(`${m}/`));
}
