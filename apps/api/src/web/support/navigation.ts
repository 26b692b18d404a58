import { roleEntry, type NavPage, type Role } from '@ttg/contracts';

export interface NavItem {
  text: string;
  href: string;
  /** Also current for pages under these paths. */
  matches: string[];
}

/** The pages a role's navigation may list (which ones, and its home, are in the role catalogue). */
export const NAV_ITEMS: Record<NavPage, NavItem> = {
  dashboard: { text: 'Dashboard', href: '/dashboard', matches: ['/dashboard'] },
  tasks: { text: 'Tasks', href: '/tasks', matches: ['/tasks'] },
  handovers: { text: 'Handovers', href: '/handovers', matches: ['/handovers'] },
  cases: { text: 'Cases', href: '/cases', matches: ['/cases'] },
  calculator: { text: 'Key dates calculator', href: '/calculator', matches: ['/calculator'] },
  users: { text: 'Users', href: '/admin/users', matches: ['/admin/users', '/admin/policy-versions'] },
  readModel: { text: 'Read model', href: '/admin/read-model', matches: ['/admin/read-model'] },
};

/** The service navigation a role sees (notifications are added with their unread count). */
export function navigationOf(role: Role): NavItem[] {
  return roleEntry(role).navigation.map((page) => NAV_ITEMS[page]);
}

/** Where `/` takes a role. */
export function homeOf(role: Role): string {
  return NAV_ITEMS[roleEntry(role).home].href;
}

export function isCurrent(item: { href: string; matches: string[] }, path: string): boolean {
  return item.matches.some((m) => path === m || path.startsWith(`${m}/`));
}
