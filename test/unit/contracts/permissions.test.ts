import 'reflect-metadata';
import { ACTIONS, can, mayActOnOthersTasks, mayReceiveInto, mayWorkSide, PERMISSIONS, ROLES, rolesFor, type Action, type Role } from '@ttg/contracts';
import { AdminController } from '../../../apps/api/src/admin/admin.controller';
import { ReadModelController } from '../../../apps/api/src/pathway/read-model.controller';
import { ALLOW_KEY } from '../../../apps/api/src/auth/decorators';
import { DashboardController } from '../../../apps/api/src/dashboard/dashboard.controller';
import { HandoverController } from '../../../apps/api/src/handover/handover.controller';
import { ImportController } from '../../../apps/api/src/imports/import.controller';
import { ReportController } from '../../../apps/api/src/reports/report.controller';
import { TaskController } from '../../../apps/api/src/tasks/task.controller';
import { AdminPagesController } from '../../../apps/api/src/web/pages/admin.controller';
import { DashboardPageController } from '../../../apps/api/src/web/pages/dashboard.controller';
import { HandoversController } from '../../../apps/api/src/web/pages/handovers.controller';
import { ImportsController } from '../../../apps/api/src/web/pages/imports.controller';
import { ReceptionController } from '../../../apps/api/src/web/pages/reception.controller';
import { ReleaseDatesController } from '../../../apps/api/src/web/pages/release-dates.controller';
import { TasksController } from '../../../apps/api/src/web/pages/tasks.controller';

const STAFF_MANAGER_ADMIN: Role[] = ['PRISON_STAFF', 'MANAGER', 'ADMIN'];
const COM_MANAGER_ADMIN: Role[] = ['COM', 'MANAGER', 'ADMIN'];
const MANAGER_ADMIN: Role[] = ['MANAGER', 'ADMIN'];

/**
 * Every guarded route and every role check in a use case, with the roles each allowed before the
 * permission table (as the `@Roles(...)` decorators, `requireRole` calls and WORKERS table wrote them).
 */
const BEFORE: [string, object, string | null, Role[]][] = [
  ['admin API (class)', AdminController, null, ['ADMIN']],
  ['admin API policy versions', AdminController, 'policies', ['ADMIN']],
  ['admin API add policy version', AdminController, 'addPolicy', ['ADMIN']],
  ['admin read-model repairs (class)', ReadModelController, null, ['ADMIN']],
  ['GET /api/v1/handovers', HandoverController, 'inbox', COM_MANAGER_ADMIN],
  ['POST /api/v1/tasks/bulk-reassign', TaskController, 'bulkReassign', MANAGER_ADMIN],
  ['POST /api/v1/tasks/:id/assign', TaskController, 'assign', MANAGER_ADMIN],
  ['GET /api/v1/reports/outcomes', ReportController, 'outcomes', MANAGER_ADMIN],
  ['POST /api/v1/imports', ImportController, 'start', STAFF_MANAGER_ADMIN],
  ['/admin pages (class)', AdminPagesController, null, ['ADMIN']],
  ['/admin/policy-versions page', AdminPagesController, 'policies', ['ADMIN']],
  ['POST /admin/policy-versions page', AdminPagesController, 'addPolicy', ['ADMIN']],
  ['/dashboard page', DashboardPageController, 'show', MANAGER_ADMIN],
  ['dashboard API (class), as its pages', DashboardController, null, MANAGER_ADMIN],
  ['/dashboard/overdue-releases page', DashboardPageController, 'overdueReleases', MANAGER_ADMIN],
  ['/handovers page', HandoversController, 'inbox', COM_MANAGER_ADMIN],
  ['/imports pages (class)', ImportsController, null, STAFF_MANAGER_ADMIN],
  ['/cases/new pages (class)', ReceptionController, null, STAFF_MANAGER_ADMIN],
  ['/cases/:id/release-dates pages (class)', ReleaseDatesController, null, STAFF_MANAGER_ADMIN],
  ['POST /tasks/bulk-reassign page', TasksController, 'bulkReassign', MANAGER_ADMIN],
];

const SERVICE_CHECKS_BEFORE: [Action, Role[]][] = [
  ['case.changeReleaseDates', STAFF_MANAGER_ADMIN],
  ['case.transfer', STAFF_MANAGER_ADMIN],
  ['case.recordContact', COM_MANAGER_ADMIN],
  ['case.recall', COM_MANAGER_ADMIN],
  ['case.reRelease', ['PRISON_STAFF', 'COM', 'MANAGER', 'ADMIN']],
  ['case.breach', COM_MANAGER_ADMIN],
  ['case.reallocate', MANAGER_ADMIN],
  ['case.close', MANAGER_ADMIN],
  ['case.receive', STAFF_MANAGER_ADMIN],
  ['task.workSide.PRISON', STAFF_MANAGER_ADMIN],
  ['task.workSide.COMMUNITY', COM_MANAGER_ADMIN],
  ['task.workSide.MANAGER', MANAGER_ADMIN],
];

function allowOf(target: object, method: string | null): Action | undefined {
  const cls = target as { prototype: Record<string, object> };
  const onMethod = method ? (Reflect.getMetadata(ALLOW_KEY, cls.prototype[method]) as Action | undefined) : undefined;
  return onMethod ?? (Reflect.getMetadata(ALLOW_KEY, target) as Action | undefined);
}

describe('the permission table', () => {
  it.each(BEFORE)('%s allows exactly the roles it allowed before', (_name, target, method, roles) => {
    const action = allowOf(target, method);
    expect(action).toBeDefined();
    expect(rolesFor(action as Action)).toEqual(roles);
  });

  it.each(SERVICE_CHECKS_BEFORE)('%s is allowed to exactly the roles the use case allowed before', (action, roles) => {
    expect(rolesFor(action)).toEqual(roles);
  });

  it('names only known actions, each once per role', () => {
    for (const role of ROLES) {
      expect(PERMISSIONS[role].every((a) => ACTIONS.includes(a))).toBe(true);
      expect(new Set(PERMISSIONS[role]).size).toBe(PERMISSIONS[role].length);
    }
  });

  it('leaves administration to administrators and another officer\'s tasks to managers and administrators', () => {
    expect(rolesFor('admin.users')).toEqual(['ADMIN']);
    expect(rolesFor('policy.manage')).toEqual(['ADMIN']);
    expect(ROLES.filter((r) => mayActOnOthersTasks(r))).toEqual(MANAGER_ADMIN);
    expect(mayActOnOthersTasks('SYSTEM')).toBe(false);
    expect(can('COM', 'case.transfer')).toBe(false);
    expect(mayWorkSide('COM', 'COMMUNITY')).toBe(true);
    expect(mayWorkSide('PRISON_STAFF', 'COMMUNITY')).toBe(false);
  });

  it('lets each role receive into the prisons it did before', () => {
    const leeds = { code: 'LEI', regionCode: 'YH' };
    const wakefield = { code: 'WDI', regionCode: 'YH' };
    const durham = { code: 'DHI', regionCode: 'NE' };
    const user = (role: Role, prisonCode: string | null, regionCode: string | null) => ({ role, prisonCode, regionCode });
    const into = (u: ReturnType<typeof user>) => [leeds, wakefield, durham].filter((p) => mayReceiveInto(u, p)).map((p) => p.code);
    expect(into(user('PRISON_STAFF', 'LEI', 'YH'))).toEqual(['LEI']);
    expect(into(user('MANAGER', null, 'YH'))).toEqual(['LEI', 'WDI']);
    expect(into(user('MANAGER', 'WDI', 'YH'))).toEqual(['WDI']);
    expect(into(user('ADMIN', null, null))).toEqual(['LEI', 'WDI', 'DHI']);
    expect(into(user('COM', null, 'YH'))).toEqual([]);
  });
});
