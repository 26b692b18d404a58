import { outcomesDashboardQuery, outcomesDashboardView } from '../../../apps/api/src/web/pages/outcomes-dashboard.view-model';

const row = (group: string, values: Record<string, number>) => ({ group, ...values });

describe('the resettlement outcomes dashboard', () => {
  const rows = [
    row('LEI', { released: 5, releaseNightSettled: 2, releaseNightTemporary: 2, releaseNightNone: 1, accommodation3MonthsSettled: 3, workOrTrainingOnRelease: 1, workOrTraining6Weeks: 2, workOrTraining6Months: 3, releasedWithUnmetNeeds: 2, releasedWithUnmetAccommodation: 1 }),
    row('MDI', { released: 2, releaseNightSettled: 1, releaseNightNone: 1, workOrTraining6Weeks: 1, releasedWithUnmetNeeds: 1, releasedWithUnmetAccommodation: 1 }),
  ];
  const v = outcomesDashboardView(outcomesDashboardQuery.parse({}), rows, { names: new Map([['LEI', 'HMP Leeds'], ['MDI', 'HMP Moorland']]), from: '2025-11-25', to: '2026-11-25' });

  it('adds up the groups: accommodation at each checkpoint, work or training at 6 weeks and 6 months', () => {
    expect(v.released).toBe(7);
    expect(v.accommodation.map((a) => [a.label, ...a.counts, a.notRecorded])).toEqual([
      ['Night of release', 3, 2, 2, 0],
      ['3 months after', 3, 0, 0, 4],
      ['6 months after', 0, 0, 0, 7],
      ['12 months after', 0, 0, 0, 7],
    ]);
    expect(v.work).toEqual([
      { label: 'On release', count: 1 },
      { label: '6 weeks after', count: 3 },
      { label: '6 months after', count: 3 },
    ]);
    expect(v.groups).toEqual([
      { label: 'HMP Leeds', released: 5, unmet: 2, unmetAccommodation: 1, otherUnmet: 1, allMet: 3, housedOnRelease: 4, noneOnRelease: 1, settled12Months: 0, work6Weeks: 2, work6Months: 3 },
      { label: 'HMP Moorland', released: 2, unmet: 1, unmetAccommodation: 1, otherUnmet: 0, allMet: 1, housedOnRelease: 1, noneOnRelease: 1, settled12Months: 0, work6Weeks: 1, work6Months: 0 },
    ]);
    expect(v.period).toEqual({ from: '25 November 2025', to: '25 November 2026' });
    expect(v.csvHref).toBe('/downloads/resettlement.csv?groupBy=prison&from=2025-11-25&to=2026-11-25');
  });

  it('draws each chart on a scale that holds everyone released, with whole-number ticks', () => {
    // 7 released: ticks 0, 2, 4, 6, 8 over 600 pixels; the dashed line at 7.
    expect(v.workChart.axis.map((a) => a.label)).toEqual(['0', '2', '4', '6', '8']);
    expect(v.workChart.threshold).toEqual({ x: 260 + (7 / 8) * 600, label: 'People released: 7' });
    expect(v.workChart.bars.map((b) => [b.label, b.total, b.segments[0]?.width ?? 0])).toEqual([
      ['On release', 1, 75],
      ['6 weeks after', 3, 225],
      ['6 months after', 3, 225],
    ]);
    expect(v.accommodationChart.bars[0].segments.map((s) => [s.label, s.value, s.width])).toEqual([
      ['Settled', 3, 225],
      ['Temporary', 2, 150],
      ['None or rough sleeping', 2, 150],
    ]);
    // Each group's bar is everyone it released.
    expect(v.unmetChart.bars.map((b) => [b.label, b.total])).toEqual([['HMP Leeds', 5], ['HMP Moorland', 2]]);
    expect(v.unmetChart.axis.at(-1)?.label).toBe('5');
  });

  it('names months and the women-only filter in words', () => {
    const byMonth = outcomesDashboardView(outcomesDashboardQuery.parse({ groupBy: 'month', sex: 'FEMALE' }), [row('2031-01', { released: 1 })], { names: new Map(), from: '2030-07-09', to: '2031-07-09' });
    expect(byMonth.groups[0].label).toBe('January 2031');
    expect(byMonth.who).toBe('women');
    expect(byMonth.csvHref).toBe('/downloads/resettlement.csv?groupBy=month&from=2030-07-09&to=2031-07-09&sex=FEMALE');
    expect(outcomesDashboardQuery.parse({ groupBy: 'team', sex: 'X' })).toEqual({ groupBy: 'prison', sex: '' });
  });

  it('shows the 25 prisons that released the most, busiest first, and says how many there are; months stay in order, all of them', () => {
    const many = Array.from({ length: 30 }, (_, i) => row(`P${String(i).padStart(2, '0')}`, { released: i + 1 }));
    const byPrison = outcomesDashboardView(outcomesDashboardQuery.parse({}), many, { names: new Map(), from: '2025-11-25', to: '2026-11-25' });
    expect(byPrison.groups.map((g) => g.label)).toEqual(Array.from({ length: 25 }, (_, i) => `P${String(29 - i).padStart(2, '0')}`));
    expect(byPrison.unmetChart.bars).toHaveLength(25);
    expect(byPrison.groupsMore).toEqual({ shown: 25, total: 30, words: 'prisons' });
    expect(byPrison.released).toBe((30 * 31) / 2);
    const months = Array.from({ length: 13 }, (_, i) => row(`2025-${String(i + 1).padStart(2, '0')}`, { released: 13 - i }));
    const byMonth = outcomesDashboardView(outcomesDashboardQuery.parse({ groupBy: 'month' }), months.slice(0, 12), { names: new Map(), from: '2025-01-01', to: '2025-12-31' });
    expect([byMonth.groups.length, byMonth.groupsMore]).toEqual([12, null]);
    expect(v.groupsMore).toBeNull();
  });
});
