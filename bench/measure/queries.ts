import type { MigrationInterface } from 'typeorm';
import { type DataSource } from 'typeorm';
import type { Principal } from '../../apps/api/src/auth/principal';
import { DashboardRepository } from '../../apps/api/src/dashboard/dashboard.repository';
import { type TaskListFilter, TaskRepository } from '../../apps/api/src/tasks/task.repository';
import { ReportRepository } from '../../apps/api/src/reports/report.repository';
import { createDataSource } from '@ttg/persistence/data-source';
import { runMigrations } from '@ttg/persistence/migrate';
import { MIGRATIONS } from '@ttg/persistence/migrations';
import { BenchIndexes1764000000002 } from '@ttg/persistence/migrations/1764000000002-bench-indexes';
import { DEMO_USERS } from '@ttg/persistence/seed';
import { addCalendarDays, DEFAULT_POLICY } from '@ttg/policy';
import { LatencyHistogram, msSince, type Latency } from '../lib/histogram';
import type { Infra } from '../lib/infra';
import { DATASET_TODAY, generateDataset, type DatasetStats } from './dataset';
import { measurePages, type PagesResult } from './pages';
import { nationalDataset, type NationalDataset } from './national';

export const QUERY_TARGET_MS = 50;
export const QUERY_GROWTH_TARGET = 1.5;
export const DATASET_SIZES = { small: 10_000, large: 100_000 };
/** Per query and size: warm-up calls, then calls until the count or the time bound is reached. */
const WARMUP = 5;
const MAX_CALLS = 200;
const MIN_CALLS = 10;
const TIME_BOUND_MS = 3_000;

interface Repos {
  tasks: TaskRepository;
  dashboard: DashboardRepository;
  reports: ReportRepository;
}
const reposOf = (ds: DataSource): Repos => ({ tasks: new TaskRepository(ds), dashboard: new DashboardRepository(ds), reports: new ReportRepository(ds) });

interface QuerySpec {
  name: string;
  who: string;
  /** One of the rows the issue sets a target for (the others are measured alongside). */
  targeted: boolean;
  run(r: Repos): Promise<unknown>;
}

export interface QueryRow {
  name: string;
  who: string;
  targeted: boolean;
  small: Latency;
  large: Latency;
  rowsLarge: number;
  growth: number;
  met: boolean;
}

export interface Explain {
  query: string;
  when: string;
  statements: string[];
}

export interface QueriesResult {
  small: DatasetStats;
  large: DatasetStats;
  today: string;
  /** Without the indexes of migration 1764000000002 (dropped, or not yet applied). */
  without: QueryRow[];
  /** With them: as migrated once MIGRATIONS includes the migration, else applied by the benchmark. */
  with: QueryRow[];
  proposedMigration: string;
  proposedIncluded: boolean;
  explains: Explain[];
  /** The pages over HTTP on the same datasets, with the indexes (measurement 3b). */
  pages: PagesResult | null;
  /** The same queries at 100k and 1M cases, with the indexes (3c; skipped with --no-1m). */
  national: { stats: DatasetStats; rows: QueryRow[]; pages: PagesResult | null; counterDrift: number; counterCheckSeconds: number } | null;
}

const principal = (username: string): Principal => {
  const u = DEMO_USERS.find((d) => d.username === username);
  if (!u) throw new Error(`no demo user ${username}`);
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, prisonCode: u.prisonCode, teamCode: u.teamCode, regionCode: u.regionCode };
};

const OPEN: TaskListFilter['status'] = ['OPEN', 'IN_PROGRESS'];
const page = { sort: 'dueAt', order: 'asc', page: 1, pageSize: 25 } as const;

function specs(today: string): QuerySpec[] {
  const staff = principal('prison.staff');
  const com = principal('com.officer');
  const manager = principal('manager');
  const windowEnd = addCalendarDays(today, DEFAULT_POLICY.figures.preReleaseReview.opensDaysBeforeRelease);
  const list = (user: Principal, f: Partial<TaskListFilter>) => (r: Repos) => r.tasks.list(user, today, { ...page, ...f });
  return [
    { name: 'my tasks', who: 'prison officer (LEI)', targeted: true, run: list(staff, { assignee: staff.id, status: OPEN }) },
    { name: 'my tasks', who: 'COM (YH-LEEDS-N)', targeted: true, run: list(com, { assignee: com.id, status: OPEN }) },
    { name: 'team queue', who: 'prison officer (LEI)', targeted: true, run: list(staff, { assignee: 'unassigned', side: 'PRISON', status: OPEN }) },
    { name: 'team queue', who: 'COM (YH-LEEDS-N)', targeted: true, run: list(com, { assignee: 'unassigned', side: 'COMMUNITY', status: OPEN }) },
    { name: 'overdue tasks', who: 'prison officer (LEI)', targeted: true, run: list(staff, { overdue: true }) },
    { name: 'overdue tasks', who: 'manager (region YH)', targeted: true, run: list(manager, { overdue: true }) },
    { name: 'overdue releases', who: 'manager (region YH)', targeted: true, run: (r) => r.dashboard.overdueReleases(manager, today, windowEnd) },
    { name: 'overdue tasks by team', who: 'manager (region YH)', targeted: false, run: (r) => r.dashboard.overdueTasksByTeam(manager, today) },
    { name: 'COM allocations due', who: 'manager (region YH)', targeted: false, run: (r) => r.dashboard.handovers(manager, today) },
    // Outcomes, not ticks: the resettlement report of the year's releases (accommodation, work, unmet needs), as the outcomes page reads it.
    { name: 'resettlement outcomes by prison', who: 'manager (region YH)', targeted: true, run: (r) => r.reports.resettlement(manager, today, { groupBy: 'prison', from: addCalendarDays(today, -365), to: today }) },
    { name: "women's outcomes by month", who: 'manager (region YH)', targeted: true, run: (r) => r.reports.resettlement(manager, today, { groupBy: 'month', from: addCalendarDays(today, -365), to: today, sex: 'FEMALE' }) },
  ];
}

const rowCount = (v: unknown): number => {
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object' && 'total' in v && typeof v.total === 'number') return v.total;
  return 0;
};

/**
 * Times one query at both sizes, alternating call by call, so background load on a shared
 * machine falls on both sides of the ratio alike.
 */
async function timePair(spec: QuerySpec, small: Repos, large: Repos): Promise<{ small: Latency; large: Latency; rowsLarge: number }> {
  let rowsLarge = 0;
  for (let i = 0; i < WARMUP; i += 1) {
    await spec.run(small);
    rowsLarge = rowCount(await spec.run(large));
  }
  const a = new LatencyHistogram();
  const b = new LatencyHistogram();
  const started = process.hrtime.bigint();
  for (let i = 0; i < MAX_CALLS && (i < MIN_CALLS || msSince(started) < TIME_BOUND_MS); i += 1) {
    await a.time(() => spec.run(small));
    await b.time(() => spec.run(large));
  }
  return { small: a.summary(), large: b.summary(), rowsLarge };
}

/** A DataSource that records each statement it is asked to run (for EXPLAIN ANALYZE). */
function recording(ds: DataSource, sink: { sql: string; params: unknown[] }[]): DataSource {
  return new Proxy(ds, {
    get(target, prop, receiver) {
      if (prop === 'query') {
        return (sql: string, params?: unknown[]) => {
          sink.push({ sql, params: params ?? [] });
          return target.query(sql, params);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

async function explain(ds: DataSource, spec: QuerySpec): Promise<string[]> {
  const sink: { sql: string; params: unknown[] }[] = [];
  const rec = recording(ds, sink);
  await spec.run(reposOf(rec));
  const out: string[] = [];
  for (const s of sink) {
    const plan: { 'QUERY PLAN': string }[] = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
    const sql = s.sql.replace(/\s+/g, ' ').trim();
    out.push(`-- params: ${JSON.stringify(s.params)}\n-- ${sql}\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`);
  }
  return out;
}

async function measureAll(small: DataSource, large: DataSource, today: string, log: (line: string) => void): Promise<QueryRow[]> {
  const rows: QueryRow[] = [];
  const repos = reposOf;
  for (const spec of specs(today)) {
    const t = await timePair(spec, repos(small), repos(large));
    const growth = t.large.p95 / t.small.p95;
    const met = t.large.p95 <= QUERY_TARGET_MS && growth <= QUERY_GROWTH_TARGET;
    rows.push({ name: spec.name, who: spec.who, targeted: spec.targeted, small: t.small, large: t.large, rowsLarge: t.rowsLarge, growth, met });
    log(`    ${spec.name} — ${spec.who}: p95 ${t.small.p95.toFixed(2)} ms at 10k, ${t.large.p95.toFixed(2)} ms at 100k (×${growth.toFixed(2)})${met ? '' : '  MISS'}`);
  }
  return rows;
}

/** 3c: every query at 100k and at 1M cases (growth = 1M ÷ 100k), the national dataset dropped afterwards. */
async function measureNational(infra: Infra, large: DataSource, largeUrl: string, today: string, log: (line: string) => void): Promise<QueriesResult['national']> {
  let national: NationalDataset | undefined;
  try {
    national = await nationalDataset(infra, log);
    await national.ds.query('CHECKPOINT').catch(() => undefined);
    const repos = reposOf;
    const rows: QueryRow[] = [];
    log('  at 100k and 1M cases:');
    for (const spec of specs(today)) {
      const t = await timePair(spec, repos(large), repos(national.ds));
      const growth = t.large.p95 / t.small.p95;
      const met = t.large.p95 <= QUERY_TARGET_MS && growth <= QUERY_GROWTH_TARGET;
      rows.push({ name: spec.name, who: spec.who, targeted: spec.targeted, small: t.small, large: t.large, rowsLarge: t.rowsLarge, growth, met });
      log(`    ${spec.name} — ${spec.who}: p95 ${t.small.p95.toFixed(2)} ms at 100k, ${t.large.p95.toFixed(2)} ms at 1M (×${growth.toFixed(2)})${met ? '' : '  MISS'}`);
    }
    log('  the pages over HTTP at 100k and 1M cases:');
    const pages = await measurePages(infra, { small: largeUrl, large: national.url }, log, { small: '100k', large: '1M', targetMs: QUERY_TARGET_MS }).catch((err: unknown) => {
      log(`  pages not measured at 1M: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
    return { stats: national.stats, rows, pages, counterDrift: Object.values(national.counters.drifted).reduce((a, b) => a + b, 0), counterCheckSeconds: national.counters.seconds };
  } finally {
    await national?.drop();
  }
}

async function runMigration(ds: DataSource, migration: MigrationInterface, direction: 'up' | 'down'): Promise<void> {
  const qr = ds.createQueryRunner();
  try {
    await migration[direction](qr);
  } finally {
    await qr.release();
  }
}

/**
 * Measurement 3: the task list and dashboard queries, through the API's own repositories with a
 * DataSource and a Principal, at 10k and at 100k cases (datasets generated into two sibling
 * databases), with and without the indexes of migration 1764000000002 (applied by the
 * benchmark until MIGRATIONS includes it, dropped for the comparison once it does). Every
 * miss gets EXPLAIN ANALYZE.
 */
export async function measureQueries(infra: Infra, log: (line: string) => void, opts: { national: boolean } = { national: false }): Promise<QueriesResult> {
  const names = { small: 'ttg_bench_10k', large: 'ttg_bench_100k' };
  const ds: DataSource[] = [];
  try {
    const stats: DatasetStats[] = [];
    const urls = { small: '', large: '' };
    for (const [key, n] of [['small', DATASET_SIZES.small], ['large', DATASET_SIZES.large]] as const) {
      const url = await infra.freshDatabase(names[key]);
      urls[key] = url;
      await runMigrations(url);
      log(`  generating ${n.toLocaleString('en-GB')} cases into ${names[key]} (migrated with the product's migrations)`);
      const s = await generateDataset(url, n);
      log(`    ${s.cases} cases (${s.activeCases} active), ${s.tasks} tasks (${s.openTasks} open, ${s.overdueTasks} overdue), ${s.sizeMiB.toFixed(0)} MiB, ${s.seconds.toFixed(1)} s (counters ${s.counterSeconds.toFixed(1)} s)`);
      stats.push(s);
      const d = createDataSource(url, { poolSize: 4, applicationName: 'ttg-bench-queries' });
      await d.initialize();
      ds.push(d);
    }
    const [small, large] = ds;
    const today = DATASET_TODAY;
    // Write out what the generation left in shared buffers, so the first timings do not share
    // the disk with a checkpoint (needs a superuser; an external database may refuse).
    await small.query('CHECKPOINT').catch(() => undefined);
    const proposedIncluded = MIGRATIONS.some((m) => m === BenchIndexes1764000000002);
    const explains: Explain[] = [];
    const missed = (rows: QueryRow[]) => specs(today).filter((s) => rows.some((r) => r.name === s.name && r.who === s.who && !r.met));
    const analyse = () => Promise.all(ds.map((d) => d.query('ANALYZE cases; ANALYZE tasks')));
    // Both configurations, every run: the indexes' effect stays measured after they are adopted.
    if (proposedIncluded) {
      log('  migration 1764000000002 is in MIGRATIONS: timing with its indexes, then without them');
    } else {
      log('  timing as migrated (without 1764000000002), then with it applied to both datasets');
    }
    const measureWithout = async () => {
      log('  without the indexes of 1764000000002:');
      const rows = await measureAll(small, large, today, log);
      for (const spec of missed(rows)) explains.push({ query: `${spec.name} — ${spec.who}`, when: 'without the indexes of 1764000000002, 100k cases', statements: await explain(large, spec) });
      return rows;
    };
    const measureWith = async () => {
      log('  with the indexes of 1764000000002:');
      const rows = await measureAll(small, large, today, log);
      for (const spec of missed(rows)) explains.push({ query: `${spec.name} — ${spec.who}`, when: 'with the indexes of 1764000000002, 100k cases', statements: await explain(large, spec) });
      return rows;
    };
    // One unrecorded pass over every query at both sizes first: the first configuration timed
    // would otherwise also pay for cold caches (catalog, buffers, the driver's code paths).
    for (const spec of specs(today)) {
      for (let i = 0; i < WARMUP * 2; i += 1) {
        await spec.run(reposOf(small));
        await spec.run(reposOf(large));
      }
    }
    let without: QueryRow[];
    let withIndexes: QueryRow[];
    if (proposedIncluded) {
      withIndexes = await measureWith();
      for (const d of ds) await runMigration(d, new BenchIndexes1764000000002(), 'down');
      await analyse();
      without = await measureWithout();
    } else {
      without = await measureWithout();
      for (const d of ds) await runMigration(d, new BenchIndexes1764000000002(), 'up');
      await analyse();
      withIndexes = await measureWith();
    }
    // The pages are timed as the product runs: with the indexes.
    if (proposedIncluded) {
      for (const d of ds) await runMigration(d, new BenchIndexes1764000000002(), 'up');
      await analyse();
    }
    log('  the pages over HTTP (the app on each dataset, its clock on the dataset\'s day):');
    const pages = await measurePages(infra, urls, log).catch((err: unknown) => {
      log(`  pages not measured: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
    const national = opts.national ? await measureNational(infra, large, urls.large, today, log) : null;
    return { pages, national, small: stats[0], large: stats[1], today, without, with: withIndexes, proposedMigration: 'libs/persistence/src/migrations/1764000000002-bench-indexes.ts', proposedIncluded, explains };
  } finally {
    for (const d of ds) if (d.isInitialized) await d.destroy();
    for (const name of Object.values(names)) await infra.dropDatabase(name).catch(() => undefined);
  }
}
