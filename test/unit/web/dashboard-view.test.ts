import { dashboardOutcomesFrom, dashboardView, DASHBOARD_ROWS } from '../../../apps/api/src/web/pages/dashboard.view-model';

/** A region of many prisons and teams: the dashboard shows the most of each, counts them all and links to the rest. */
const teams = Array.from({ length: 40 }, (_, i) => ({ side: 'PRISON', team: `P${String(i).padStart(2, '0')}`, overdue: 100 - i, escalated: 1 }));
const outcome = (group: string, released: number) => ({ group, released, settledAccommodation: 0, noAccommodation: 0, workOrTraining: 0, bankAccount: 0, id: 0, handoversDue: 0, handoversOnTime: 0, lostContact: 0 });
const data = {
  overdueReleases: { today: '2026-12-07', windowDays: 84, total: 0, page: 1, pageSize: 25, items: [] },
  overdueTasks: { items: teams },
  handovers: { total: 0, byState: { DUE: 0, OVERDUE: 0, ESCALATED: 0 }, items: [] },
  caseloads: { threshold: 40, items: [] },
  outcomes: Array.from({ length: 30 }, (_, i) => outcome(`P${String(i).padStart(2, '0')}`, i)),
  outcomesPeriod: { from: dashboardOutcomesFrom('2026-12-07'), to: '2026-12-07' },
};

it('shows the teams with the most overdue tasks and the prisons that released the most, counting every one', () => {
  const view = dashboardView(data, { teamNames: new Map(), prisonNames: new Map(), today: '2026-12-07' });
  expect(view.overdueRows).toHaveLength(DASHBOARD_ROWS);
  expect(view.overdueRows[0]).toMatchObject({ team: 'P00', overdue: 100 });
  expect(view.overdueMore).toEqual({ shown: DASHBOARD_ROWS, total: 40, href: '/tasks?tab=all&overdue=true' });
  expect(view.summary[1].value).toBe(teams.reduce((n, t) => n + t.overdue, 0)); // the count is of every team's
  expect(view.outcomes.map((o) => o.released)).toEqual(Array.from({ length: DASHBOARD_ROWS }, (_, i) => 29 - i));
  expect(view.outcomesMore).toEqual({ shown: DASHBOARD_ROWS, total: 30 });
  expect(view.outcomesPeriod).toEqual({ from: '1 December 2025', to: '7 December 2026' });
});

it('names community tasks of cases with no probation team as such, and teams by their names', () => {
  const view = dashboardView(
    { ...data, overdueTasks: { items: [{ side: 'COMMUNITY', team: 'unallocated', overdue: 3, escalated: 1 }, { side: 'COMMUNITY', team: 'YH-LEEDS-N', overdue: 2, escalated: 0 }, { side: 'MANAGER', team: 'LEI', overdue: 1, escalated: 0 }] } },
    { teamNames: new Map([['YH-LEEDS-N', 'Leeds North']]), prisonNames: new Map([['LEI', 'HMP Leeds']]), today: '2026-12-07' },
  );
  expect(view.overdueRows.map((r) => r.team)).toEqual(['No probation team', 'Leeds North', 'HMP Leeds (managers)']);
});
