import { z } from 'zod';
import { COLOURS, barChart } from '../support/bar-chart';
import { formatDate } from '../support/format';
import { queryString } from '../support/pagination';
import { DASHBOARD_ROWS } from './dashboard.view-model';

/**
 * The resettlement outcomes dashboard: accommodation on the night of release and at 3, 6 and 12
 * months, work or training on release, at 6 weeks and at 6 months, and the people released with
 * unmet needs, by prison, region or month of release; for everyone, women or men. Its numbers
 * are the resettlement report's (the same query as the JSON and CSV), so they cannot disagree.
 */
export const outcomesDashboardQuery = z.object({
  groupBy: z.enum(['prison', 'region', 'month']).catch('prison'),
  sex: z.enum(['', 'FEMALE', 'MALE']).catch(''),
});
export type OutcomesDashboardQuery = z.infer<typeof outcomesDashboardQuery>;

/** One group's row of the resettlement report. */
export type ResettlementRow = Record<string, string | number>;

const GROUP_WORDS: Record<OutcomesDashboardQuery['groupBy'], string> = { prison: 'Prison', region: 'Region', month: 'Month of release' };
const SEX_WORDS: Record<OutcomesDashboardQuery['sex'], string> = { '': 'everyone', FEMALE: 'women', MALE: 'men' };

const ACCOMMODATION = [
  { key: 'Settled', label: 'Settled', colour: 'green' },
  { key: 'Temporary', label: 'Temporary', colour: 'orange' },
  { key: 'None', label: 'None or rough sleeping', colour: 'red' },
] as const;
const ACCOMMODATION_WHEN = [
  { prefix: 'releaseNight', label: 'Night of release' },
  { prefix: 'accommodation3Months', label: '3 months after' },
  { prefix: 'accommodation6Months', label: '6 months after' },
  { prefix: 'accommodation12Months', label: '12 months after' },
] as const;
const WORK_WHEN = [
  { key: 'workOrTrainingOnRelease', label: 'On release' },
  { key: 'workOrTraining6Weeks', label: '6 weeks after' },
  { key: 'workOrTraining6Months', label: '6 months after' },
] as const;

const num = (row: ResettlementRow, key: string): number => Number(row[key] ?? 0);

/** "2031-01" → "January 2031"; a prison or region code → its name. */
function groupLabel(groupBy: OutcomesDashboardQuery['groupBy'], group: string, names: Map<string, string>): string {
  if (groupBy === 'month') return formatDate(`${group}-01`).replace(/^1 /, '');
  return names.get(group) ?? group;
}

export function outcomesDashboardView(q: OutcomesDashboardQuery, rows: ResettlementRow[], ctx: { names: Map<string, string>; from: string; to: string }) {
  const total = (key: string) => rows.reduce((s, r) => s + num(r, key), 0);
  const released = total('released');
  const who = SEX_WORDS[q.sex];
  const everyoneReleased = { value: released, label: `People released: ${released}` };

  const accommodation = ACCOMMODATION_WHEN.map((w) => {
    const counts = ACCOMMODATION.map((a) => total(`${w.prefix}${a.key}`));
    return { label: w.label, counts, recorded: counts.reduce((s, n) => s + n, 0) };
  });
  const work = WORK_WHEN.map((w) => ({ label: w.label, count: total(w.key) }));
  const all = rows.map((r) => {
    const unmet = num(r, 'releasedWithUnmetNeeds');
    const unmetAccommodation = num(r, 'releasedWithUnmetAccommodation');
    return {
      label: groupLabel(q.groupBy, String(r.group), ctx.names),
      released: num(r, 'released'),
      unmet,
      unmetAccommodation,
      otherUnmet: unmet - unmetAccommodation,
      allMet: num(r, 'released') - unmet,
      // The accommodation and work figures of this group, beside the totals the charts show.
      housedOnRelease: num(r, 'releaseNightSettled') + num(r, 'releaseNightTemporary'),
      noneOnRelease: num(r, 'releaseNightNone'),
      settled12Months: num(r, 'accommodation12MonthsSettled'),
      work6Weeks: num(r, 'workOrTraining6Weeks'),
      work6Months: num(r, 'workOrTraining6Months'),
    };
  });
  // A region can hold hundreds of prisons: the page shows those that released the most, in their
  // order; the download has every one. Months stay in date order.
  const groups = q.groupBy === 'month' ? all : [...all].sort((a, b) => b.released - a.released || a.label.localeCompare(b.label)).slice(0, DASHBOARD_ROWS);

  return {
    pageTitle: 'Resettlement outcomes',
    period: { from: formatDate(ctx.from), to: formatDate(ctx.to) },
    who,
    released,
    groupWords: GROUP_WORDS[q.groupBy],
    filters: {
      groupBy: (['prison', 'region', 'month'] as const).map((g) => ({ value: g, text: GROUP_WORDS[g], selected: q.groupBy === g })),
      sex: (['', 'FEMALE', 'MALE'] as const).map((s) => ({ value: s, text: s === '' ? 'Everyone' : s === 'FEMALE' ? 'Women' : 'Men', selected: q.sex === s })),
    },
    accommodationChart: barChart({
      id: 'accommodation-chart',
      title: 'Accommodation on the night of release and after',
      description: `Bars show how many of the ${released} people released had settled, temporary or no accommodation on the night of release and at 3, 6 and 12 months; the dashed line is everyone released. The table below has the same numbers.`,
      rows: accommodation.map((a) => ({ label: a.label, segments: ACCOMMODATION.map((k, i) => ({ value: a.counts[i], fill: COLOURS[k.colour].fill, label: k.label })) })),
      legend: ACCOMMODATION.map((k) => ({ label: k.label, colour: k.colour })),
      threshold: everyoneReleased,
    }),
    accommodation: accommodation.map((a) => ({ label: a.label, counts: a.counts, notRecorded: released - a.recorded })),
    workChart: barChart({
      id: 'work-chart',
      title: 'Work or training on release, at 6 weeks and at 6 months',
      description: `Bars show how many of the ${released} people released were in work, training or education on release, 6 weeks and 6 months after; the dashed line is everyone released. The table below has the same numbers.`,
      rows: work.map((w) => ({ label: w.label, segments: [{ value: w.count, fill: COLOURS.blue.fill, label: 'In work or training' }] })),
      legend: [{ label: 'In work, training or education', colour: 'blue' }],
      threshold: everyoneReleased,
    }),
    work,
    unmetChart: barChart({
      id: 'unmet-chart',
      title: `Released with unmet needs, by ${GROUP_WORDS[q.groupBy].toLowerCase()}`,
      description: 'Bars show the people released in each group: with an unmet accommodation need, with other unmet needs only, and with every need met. The table below has the same numbers.',
      rows: groups.map((g) => ({
        label: g.label,
        segments: [
          { value: g.unmetAccommodation, fill: COLOURS.red.fill, label: 'Unmet accommodation need' },
          { value: g.otherUnmet, fill: COLOURS.orange.fill, label: 'Other unmet needs only' },
          { value: g.allMet, fill: COLOURS.green.fill, label: 'No unmet need' },
        ],
      })),
      legend: [
        { label: 'Unmet accommodation need', colour: 'red' },
        { label: 'Other unmet needs only', colour: 'orange' },
        { label: 'No unmet need', colour: 'green' },
      ],
    }),
    groups,
    groupsMore: groups.length < all.length ? { shown: groups.length, total: all.length, words: `${GROUP_WORDS[q.groupBy].toLowerCase()}s` } : null,
    csvHref: `/downloads/resettlement.csv${queryString({ groupBy: q.groupBy, from: ctx.from, to: ctx.to, sex: q.sex })}`,
  };
}
