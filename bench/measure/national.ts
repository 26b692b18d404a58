import type { DataSource } from 'typeorm';
import { createDataSource } from '@ttg/persistence/data-source';
import { runMigrations } from '@ttg/persistence/migrate';
import { checkCounters, type CounterCheckReport } from '@ttg/persistence/counter-check';
import type { Infra } from '../lib/infra';
import { generateDataset, type DatasetStats } from './dataset';

/** The national dataset: a million cases (about 10M tasks), generated as the 10k and 100k ones are. */
export const NATIONAL_CASES = 1_000_000;
/**
 * How much longer the queries step may take with the national dataset: generating 100k cases took
 * 400 s on 2 cores under a load of 20 (45.9 s for 10k), so a million takes most of an hour.
 */
export const NATIONAL_STEP_MS = 5_400_000;

export interface NationalDataset {
  stats: DatasetStats;
  ds: DataSource;
  /** Its connection string (the pages' app opens its own pool). */
  url: string;
  /** The counters filled from the generated rows, checked against them. */
  counters: CounterCheckReport;
  drop(): Promise<void>;
}

/**
 * Generates the national dataset into its own database (several GiB: dropped afterwards) and
 * opens it; the queries are then timed at 100k and 1M alike (bench/measure/queries.ts).
 */
export async function nationalDataset(infra: Infra, log: (line: string) => void): Promise<NationalDataset> {
  const name = 'ttg_bench_1m';
  const url = await infra.freshDatabase(name);
  await runMigrations(url);
  log(`  generating ${NATIONAL_CASES.toLocaleString('en-GB')} cases into ${name}`);
  const stats = await generateDataset(url, NATIONAL_CASES);
  log(`    ${stats.cases} cases (${stats.activeCases} active), ${stats.tasks} tasks (${stats.openTasks} open, ${stats.overdueTasks} overdue), ${stats.sizeMiB.toFixed(0)} MiB, ${stats.seconds.toFixed(1)} s (counters ${stats.counterSeconds.toFixed(1)} s)`);
  const ds = createDataSource(url, { poolSize: 4, applicationName: 'ttg-bench-queries' });
  await ds.initialize();
  const counters = await checkCounters(ds, { mend: false });
  log(`    counter check: ${Object.values(counters.drifted).reduce((a, b) => a + b, 0)} rows drifted, ${counters.seconds.toFixed(1)} s`);
  return {
    stats,
    ds,
    url,
    counters,
    drop: async () => {
      if (ds.isInitialized) await ds.destroy();
      await infra.dropDatabase(name).catch(() => undefined);
    },
  };
}
