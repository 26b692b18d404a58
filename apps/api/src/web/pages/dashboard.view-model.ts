import { MAX_PAGE } from '../../common/page';
import { z } from 'zod';
import type { OutcomeReportRow } from '../../reports/report.repository';
import { COLOURS, barChart } from '../support/bar-chart';
import { addMonths, daysBetween } from '@ttg/policy';
import { NO_PROBATION_TEAM, type Pathway } from '@ttg/contracts';
import { formatDate } from '../support/format';
import { pagination, queryString } from '../support/pagination';
import { PATHWAY_LABELS, RELEASE_REASON_TAGS, STAGE_LABELS, labelOf } from '../support/labels';

export const dashboardQuery = z.object({ threshold: z.coerce.number().int().min(1).max(1000).catch(50) });
export const releasesQuery = z.object({ page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1) });

/** Rows of each list on the dashboard itself; the rest are a link away. */
export const DASHBOARD_ROWS = 25;
export const RELEASES_PAGE_SIZE = 50;
/** The outcomes pages cover people released in the last year. */
export const OUTCOMES_DAYS = 365;

/**
 * The dashboard's outcomes: people released from the first of the month a year ago to today
 * (twelve whole months and this one so far), so the counters answer it by month.
 */
export function dashboardOutcomesFrom(today: string): string {
  return addMonths(`${today.slice(0, 8)}01`, -12);
}


/** The shapes the dashboard's queries answer (DashboardService, shared with the JSON API). */
const overdueReleases = z.object({
  today: z.string(),
  windowDays: z.number(),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(z.object({ id: z.string(), prisonNumber: z.string(), givenName: z.string(), familyName: z.string(), prisonCode: z.string(), stage: z.string(), releaseDate: z.string().nullable(), overdueTasks: z.number(), reasons: z.array(z.string()), unmetPathways: z.array(z.string()) })),
});
const overdueByTeam = z.object({ items: z.array(z.object({ side: z.string(), team: z.string(), overdue: z.number(), escalated: z.number() })) });
const handovers = z.object({ total: z.number(), byState: z.object({ DUE: z.number(), OVERDUE: z.number(), ESCALATED: z.number() }), items: z.array(z.object({ taskId: z.string(), caseId: z.string(), prisonNumber: z.string(), givenName: z.string(), familyName: z.string(), handoverDate: z.string().nullable(), dueDate: z.string(), state: z.enum(['DUE', 'OVERDUE', 'ESCALATED']) })) });
const caseloads = z.object({ threshold: z.number(), items: z.array(z.object({ userId: z.string(), displayName: z.string(), role: z.string(), casesAllocated: z.number(), openTasks: z.number(), overdueTasks: z.number(), load: z.number(), overThreshold: z.boolean() })) });

export interface DashboardData {
  overdueReleases: unknown;
  overdueTasks: unknown;
  handovers: unknown;
  caseloads: unknown;
  outcomes: OutcomeReportRow[];
  outcomesPeriod: { from: string; to: string };
}

const HANDOVER_STATES = [
  { state: 'DUE', label: 'Allocation due', colour: 'blue' },
  { state: 'OVERDUE', label: 'Allocation overdue', colour: 'red' },
  { state: 'ESCALATED', label: 'Allocation escalated', colour: 'purple' },
] as const;

const count = (value: number, one: string, many: string, href: string) => ({ value, label: value === 1 ? one : many, href });

export function dashboardView(data: DashboardData, ctx: { teamNames: Map<string, string>; prisonNames: Map<string, string>; today: string }) {
  const releases = overdueReleases.parse(data.overdueReleases);
  const byTeam = overdueByTeam.parse(data.overdueTasks);
  const due = handovers.parse(data.handovers);
  const loads = caseloads.parse(data.caseloads);
  const teamLabel = (t: { side: string; team: string }) => (t.side === 'COMMUNITY' ? (t.team === NO_PROBATION_TEAM ? 'No probation team' : ctx.teamNames.get(t.team) ?? t.team) : `${ctx.prisonNames.get(t.team) ?? t.team}${t.side === 'MANAGER' ? ' (managers)' : ''}`);
  const handoverCounts = HANDOVER_STATES.map((s) => ({ ...s, count: due.byState[s.state] }));
  const busiest = loads.items.filter((l) => l.load > 0 || l.overThreshold).slice(0, 15);
  // A region can hold hundreds of prisons and teams: the dashboard shows the most, and the rest are a link away.
  const worstTeams = byTeam.items.slice(0, DASHBOARD_ROWS);
  const mostReleased = [...data.outcomes].sort((a, b) => b.released - a.released || a.group.localeCompare(b.group)).slice(0, DASHBOARD_ROWS);

  return {
    pageTitle: 'Dashboard',
    threshold: loads.threshold,
    windowDays: releases.windowDays,
    summary: [
      count(releases.total, 'person due out soon with a problem', 'people due out soon with a problem', '#overdue-releases'),
      // Each count links to the list it counts (a test compares them).
      count(byTeam.items.reduce((s, t) => s + t.overdue, 0), 'overdue task', 'overdue tasks', '/tasks?tab=all&overdue=true'),
      count(due.byState.OVERDUE + due.byState.ESCALATED, 'COM allocation overdue or escalated', 'COM allocations overdue or escalated', '/tasks?tab=all&type=COM_ALLOCATION&overdue=true'),
      count(loads.items.filter((l) => l.overThreshold).length, 'officer over the caseload threshold', 'officers over the caseload threshold', '#caseloads'),
    ],
    releases: releaseRows(releases.items, ctx.prisonNames, ctx.today),
    releasesMore: releases.total > releases.items.length ? { shown: releases.items.length, total: releases.total, href: '/dashboard/overdue-releases' } : null,
    overdueChart: barChart({
      id: 'overdue-tasks-chart',
      title: 'Overdue tasks by team',
      description: 'Bars show each team’s overdue tasks, split into overdue and escalated to a manager. The table below has the same numbers.',
      rows: worstTeams.map((t) => ({ label: teamLabel(t), segments: [{ value: t.overdue - t.escalated, fill: COLOURS.red.fill, label: 'Overdue' }, { value: t.escalated, fill: COLOURS.purple.fill, label: 'Escalated' }] })),
      legend: [{ label: 'Overdue', colour: 'red' }, { label: 'Escalated to a manager', colour: 'purple' }],
    }),
    overdueMore: byTeam.items.length > worstTeams.length ? { shown: worstTeams.length, total: byTeam.items.length, href: '/tasks?tab=all&overdue=true' } : null,
    overdueRows: worstTeams.map((t) => ({ team: teamLabel(t), side: t.side === 'COMMUNITY' ? 'Community' : t.side === 'MANAGER' ? 'Manager' : 'Prison', overdue: t.overdue, escalated: t.escalated })),
    handoverChart: barChart({
      id: 'handovers-chart',
      title: 'COM allocations by state',
      description: 'Bars show how many community offender manager allocations are due, overdue and escalated. The table below has the same numbers.',
      rows: handoverCounts.map((h) => ({ label: h.label, segments: [{ value: h.count, fill: COLOURS[h.colour].fill, label: h.label }] })),
      legend: [],
    }),
    handoverCounts,
    handoversMore: due.total > due.items.length ? { shown: due.items.length, total: due.total, href: '/tasks?tab=all&type=COM_ALLOCATION' } : null,
    handovers: due.items.map((h) => ({
      name: `${h.givenName} ${h.familyName}`,
      prisonNumber: h.prisonNumber,
      href: `/tasks/${h.taskId}`,
      caseHref: `/cases/${h.caseId}`,
      handoverDate: formatDate(h.handoverDate) || 'None',
      dueDate: formatDate(h.dueDate),
      state: h.state === 'ESCALATED' ? { text: 'Escalated', classes: 'govuk-tag--purple' } : h.state === 'OVERDUE' ? { text: 'Overdue', classes: 'govuk-tag--red' } : { text: 'Due', classes: 'govuk-tag--blue' },
    })),
    caseloadChart: barChart({
      id: 'caseloads-chart',
      title: 'Caseload per officer',
      description: `Bars show each officer’s allocated cases and open tasks; the line is the threshold of ${loads.threshold}. The table below has the same numbers.`,
      rows: busiest.map((l) => ({ label: l.displayName, segments: [{ value: l.casesAllocated, fill: COLOURS.blue.fill, label: 'Cases' }, { value: l.openTasks, fill: l.overThreshold ? COLOURS.orange.fill : COLOURS.green.fill, label: 'Open tasks' }] })),
      legend: [{ label: 'Cases allocated', colour: 'blue' }, { label: 'Open tasks', colour: 'green' }, { label: 'Open tasks, over the threshold', colour: 'orange' }],
      threshold: { value: loads.threshold, label: `Threshold ${loads.threshold}` },
    }),
    caseloads: loads.items.map((l) => ({ name: l.displayName, role: l.role === 'COM' ? 'COM' : 'Prison staff', cases: l.casesAllocated, open: l.openTasks, overdue: l.overdueTasks, load: l.load, over: l.overThreshold })),
    outcomes: mostReleased.map((o) => ({ ...o, group: ctx.prisonNames.get(o.group) ?? o.group })),
    outcomesMore: data.outcomes.length > mostReleased.length ? { shown: mostReleased.length, total: data.outcomes.length } : null,
    outcomesPeriod: { from: formatDate(data.outcomesPeriod.from), to: formatDate(data.outcomesPeriod.to) },
    outcomesCsvHref: `/downloads/outcomes.csv${queryString({ groupBy: 'prison', from: data.outcomesPeriod.from, to: data.outcomesPeriod.to })}`,
  };
}

/** "in 12 days", "today", "3 days ago". */
function daysToRelease(releaseDate: string | null, today: string): string {
  if (!releaseDate) return 'No release date';
  const days = daysBetween(today, releaseDate);
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  return days > 0 ? `In ${days} days` : `${-days} day${days === -1 ? '' : 's'} ago`;
}

function releaseRows(items: z.infer<typeof overdueReleases>['items'], prisonNames: Map<string, string>, today: string) {
  return items.map((r) => ({
    name: `${r.givenName} ${r.familyName}`,
    prisonNumber: r.prisonNumber,
    href: `/cases/${r.id}`,
    prison: prisonNames.get(r.prisonCode) ?? r.prisonCode,
    releaseDate: formatDate(r.releaseDate),
    daysToRelease: daysToRelease(r.releaseDate, today),
    unmet: r.unmetPathways.map((p) => labelOf(PATHWAY_LABELS, p as Pathway)).join(', '),
    stage: labelOf(STAGE_LABELS, r.stage),
    reasons: r.reasons.map((code) => RELEASE_REASON_TAGS[code] ?? { text: code, classes: 'govuk-tag--grey' }),
  }));
}

/** Every overdue release, a page at a time (the dashboard shows the first few). */
export function overdueReleasesView(data: unknown, prisonNames: Map<string, string>, today: string) {
  const r = overdueReleases.parse(data);
  return {
    pageTitle: 'Due out soon with problems',
    windowDays: r.windowDays,
    releases: releaseRows(r.items, prisonNames, today),
    pagination: pagination(r.page, r.pageSize, r.total, (page) => `/dashboard/overdue-releases${page === 1 ? '' : `?page=${page}`}`, 'people'),
  };
}
