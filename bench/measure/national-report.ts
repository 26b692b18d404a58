import { mdTable, ms } from '../lib/report';
import { QUERY_TARGET_MS } from './queries';
import { PAGE_GROWTH_TARGET } from './pages';
import type { QueriesResult } from './queries';

/** Section 3c of docs/benchmarks.md: the queries at 100k and 1M cases, and the counters of the national dataset. */
export function nationalSection(n: NonNullable<QueriesResult['national']>): string {
  const s = n.stats;
  return [
    `A million cases generated as the 10k and 100k datasets are (${s.cases.toLocaleString('en-GB')} cases, ${s.tasks.toLocaleString('en-GB')} tasks, ${s.openTasks.toLocaleString('en-GB')} open; ${s.prisons} prisons, ${s.teams} probation teams; ${(s.sizeMiB / 1024).toFixed(1)} GiB of cases and tasks), in ${s.seconds.toFixed(0)} s, of which ${s.counterSeconds.toFixed(0)} s filling the dashboard counters from the rows. The counter check then found ${n.counterDrift} rows drifted (${n.counterCheckSeconds.toFixed(0)} s). The 100k and 1M calls alternate; p50 / p95 / p99 in ms, with the indexes.`,
    '',
    mdTable(
      ['query', 'principal', 'rows at 1M', 'at 100k', 'at 1M', 'p95 growth', 'target met'],
      n.rows.map((x) => [
        x.name + (x.targeted ? '' : ' (no target)'),
        x.who,
        x.rowsLarge.toLocaleString('en-GB'),
        `${ms(x.small.p50)} / ${ms(x.small.p95)} / ${ms(x.small.p99)}`,
        `${ms(x.large.p50)} / ${ms(x.large.p95)} / ${ms(x.large.p99)}`,
        `${x.growth.toFixed(2)}×`,
        x.targeted ? (x.met ? 'yes' : '**no**') : x.met ? '(yes)' : '(no)',
      ]),
    ),
    ...(n.pages
      ? [
          '',
          `The same pages as 3b, served by the real app on the 100k and the 1M datasets alternately (p95 in ms, target ≤ ${QUERY_TARGET_MS} ms at 1M and ≤ ${PAGE_GROWTH_TARGET}× the 100k figure):`,
          '',
          mdTable(
            ['page', 'who', 'p95 at 100k', 'p50 at 1M', 'p95 at 1M', 'p99 at 1M', 'growth', 'met'],
            n.pages.rows.map((x) => [x.page, x.who, ms(x.small.p95), ms(x.large.p50), ms(x.large.p95), ms(x.large.p99), `${x.growth.toFixed(2)}×`, x.met ? 'yes' : '**no**']),
          ),
        ]
      : []),
  ].join('\n');
}
