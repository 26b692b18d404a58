import type { Principal } from '../../../apps/api/src/auth/principal';
import type { CaseView } from '../../../apps/api/src/cases/case.presenter';
import type { TaskView } from '../../../apps/api/src/tasks/task.presenter';
import { explainKeyDates } from '@ttg/policy';
import { CALCULATOR_START_VALUES, calculatorView } from '../../../apps/api/src/web/pages/calculator.view-model';
import { caseListQuery, caseListView } from '../../../apps/api/src/web/pages/case-list.view-model';
import { taskRow } from '../../../apps/api/src/web/pages/task-list.view-model';
import { manageView } from '../../../apps/api/src/web/pages/manage.view-model';
import { createNunjucksEnvironment } from '../../../apps/api/src/web/support/nunjucks-environment';
import { policyVersionWords } from '../../../apps/api/src/web/support/format';
import type { StaffMember } from '../../../apps/api/src/web/support/staff-directory';
import { KEY_DATE_LABELS } from '../../../apps/api/src/web/support/labels';
import { CONTRACT_INPUT } from '../policy/fixtures';

const aCase = (over: Partial<Record<string, unknown>> = {}) =>
  ({ id: 'c1', familyName: 'Smith', givenName: 'Ann', prisonNumber: 'A1234BC', prisonCode: 'LEI', stage: 'PRE_RELEASE', active: true, overdueTasks: 0, lostContact: false, unmetNeeds: false, unmetNeedList: [], keyDates: {}, handover: {}, ...over }) as unknown as CaseView;

describe('page text', () => {
  it('counts a community offender manager’s caseload in the singular or the plural', () => {
    const manager = { id: 'm', username: 'm', displayName: 'M', role: 'MANAGER', prisonCode: null, teamCode: null, regionCode: null } as unknown as Principal;
    const com = (userId: string, casesAllocated: number, openTasks: number): StaffMember => ({ userId, displayName: `COM ${userId}`, role: 'COM', prisonCode: null, teamCode: 'T1', teamName: 'Team one', casesAllocated, openTasks, overdueTasks: 0 });
    const view = manageView(aCase({ handover: { comUserId: 'current' } }), {
      user: manager,
      prisons: [],
      coms: [com('current', 3, 3), com('a', 1, 1), com('b', 2, 0)],
      currentCom: 'COM current',
      prisonName: 'Leeds',
      active: null,
      values: {},
      errors: null,
      keys: { transfer: 'k1', reallocate: 'k2', close: 'k3' },
    });
    const texts = view.forms.reallocate?.coms.map((o) => o.text) ?? [];
    expect(texts).toContain('COM a, Team one (1 case, 1 open task)');
    expect(texts).toContain('COM b, Team one (2 cases, 0 open tasks)');
    expect(texts.join(' ')).not.toMatch(/\b1 cases\b|\b1 open tasks\b/);
  });

  it('shows dates in lists with the month in full', () => {
    const row = caseListView(caseListQuery.parse({}), { items: [aCase({ keyDates: { releaseDate: '2026-11-27' } })], total: 1 }, new Map()).rows[0];
    expect(row.release).toBe('27 November 2026');
    const user = { id: 'u', username: 'u', displayName: 'U', role: 'PRISON_STAFF', prisonCode: 'LEI', teamCode: null, regionCode: null } as unknown as Principal;
    const task = { id: 't1', title: 'Custody screening', caseId: 'c1', person: null, pathway: null, dueDate: '2026-11-27', dueAt: '2026-11-27T23:59:59Z', status: 'OPEN', assignee: null, overdue: false, escalated: false, compressed: false } as unknown as TaskView;
    expect(taskRow(task, user, new Map(), '2026-11-20').due).toBe('27 November 2026');
  });

  it('gives a policy version a readable title, not its id', () => {
    expect(policyVersionWords('ew-default-2023-11-30')).toBe('England and Wales default policy of 30 November 2023');
    expect(policyVersionWords('ew-default')).toBe('England and Wales default policy');
    expect(policyVersionWords('ew-april-2027')).toBe('England and Wales april 2027 policy');
    const results = calculatorView({ flags: [] }, explainKeyDates(CONTRACT_INPUT), null).results ?? [];
    const policyRow = results.find((r) => r.label === KEY_DATE_LABELS.policyVersion);
    expect(policyRow?.value).toBe('England and Wales default policy of 30 November 2023');
    expect(policyRow?.rule).toContain('England and Wales default policy of 30 November 2023');
    expect(policyRow?.rule).not.toContain('ew-default');
  });

  it('starts the calculator with no offence category chosen', () => {
    const html = createNunjucksEnvironment({ watch: false }).render('pages/calculator.njk', calculatorView(CALCULATOR_START_VALUES, null, null));
    expect(CALCULATOR_START_VALUES.offenceCategory).toBeUndefined();
    expect(html).toContain('name="offenceCategory"');
    expect(html).not.toMatch(/name="offenceCategory"[^>]*checked/);
  });

  describe('a notification', () => {
    const env = createNunjucksEnvironment({ watch: false });
    const render = (n: Record<string, unknown>) =>
      env.render('pages/notifications.njk', { items: [{ id: 'n1', kind: { text: 'Task', classes: '' }, at: 'now', message: 'Something happened', caseHref: '/cases/c1', ...n }], csrfToken: 't', returnTo: '/notifications' });

    it('links to the case as “Open the case” when it has no person', () => {
      const html = render({ person: null });
      expect(html).toContain('Open the case<');
      expect(html).not.toContain('case’s case');
    });

    it('names the person whose case it links to', () => {
      expect(render({ person: 'Nia Notified' })).toContain('Open Nia Notified’s case');
    });
  });
});
