import { can, NAV_PAGES, ROLE_CATALOGUE, ROLES, type Action, type NavPage } from '@ttg/contracts';
import { effectiveSide, taskListQuery } from '../../../apps/api/src/web/pages/task-list.view-model';
import type { Principal } from '../../../apps/api/src/auth/principal';
import { homeOf, navigationOf } from '../../../apps/api/src/web/support/navigation';

/** The pages whose routes are guarded: a role's navigation lists one exactly when it may open it. */
const GUARDED: Partial<Record<NavPage, Action>> = { dashboard: 'dashboard.view', handovers: 'handover.inbox', users: 'admin.users', readModel: 'admin.readModel' };

describe('each role’s pages, from the role catalogue', () => {
  it('gives each role its navigation and home', () => {
    const hrefs = Object.fromEntries(ROLES.map((r) => [r, navigationOf(r).map((n) => n.href)]));
    expect(hrefs).toEqual({
      PRISON_STAFF: ['/tasks', '/cases', '/calculator'],
      COM: ['/tasks', '/handovers', '/cases', '/calculator'],
      MANAGER: ['/dashboard', '/tasks', '/handovers', '/cases', '/calculator'],
      ADMIN: ['/dashboard', '/tasks', '/handovers', '/cases', '/calculator', '/admin/users', '/admin/read-model'],
    });
    expect(Object.fromEntries(ROLES.map((r) => [r, homeOf(r)]))).toEqual({ PRISON_STAFF: '/tasks', COM: '/handovers', MANAGER: '/dashboard', ADMIN: '/dashboard' });
  });

  it.each(ROLES)('%s: home is in its navigation, listed in page order, and only pages it may open', (role) => {
    const { navigation, home } = ROLE_CATALOGUE[role];
    expect(navigation).toContain(home);
    expect([...navigation]).toEqual(NAV_PAGES.filter((p) => (navigation as readonly NavPage[]).includes(p)));
    for (const [page, action] of Object.entries(GUARDED) as [NavPage, Action][]) expect([page, (navigation as readonly NavPage[]).includes(page)]).toEqual([page, can(role, action)]);
  });

  it('opens the team queue on the role’s side, any side on other tabs or when one is chosen', () => {
    const user = (role: Principal['role']) => ({ role }) as Principal;
    const queue = taskListQuery.parse({ tab: 'queue' });
    expect(ROLES.map((r) => effectiveSide(queue, user(r)))).toEqual(['PRISON', 'COMMUNITY', 'any', 'any']);
    expect(effectiveSide(taskListQuery.parse({ tab: 'mine' }), user('PRISON_STAFF'))).toBe('any');
    expect(effectiveSide(taskListQuery.parse({ tab: 'queue', side: 'MANAGER' }), user('COM'))).toBe('MANAGER');
  });
});
