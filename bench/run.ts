import { DefaultLogger, Runtime } from '@temporalio/worker';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startInfra, type BenchConfig, type Infra } from './lib/infra';
import { describeMachine } from './lib/machine';
import { REPO_ROOT } from './lib/paths';
import { markdown, summarise, textTable, type Results } from './lib/report';
import { BenchStack } from './lib/stack';
import { withTimeout } from './lib/load';
import { clusterSection, clusterSectionOf, measureCluster, withClusterSection, type ClusterResult } from './measure/cluster';
import { measureCompletions, measureStarts } from './measure/commands';
import { measureHistory } from './measure/history';
import { measureImports } from './measure/imports';
import { measureJest } from './measure/jest-wall';
import { measureMemory } from './measure/memory';
import { measureQueries } from './measure/queries';
import { NATIONAL_STEP_MS } from './measure/national';
import { checkCounters } from '@ttg/persistence/counter-check';

/**
 * `npm run bench`: starts what it needs (embedded PostgreSQL and Temporal dev server, or the
 * services DATABASE_URL / TEMPORAL_ADDRESS name), runs each measurement against a baseline from
 * the same run, prints a table and writes docs/benchmarks.md.
 *
 *   node dist/bench/run.js [--only=starts,completions,imports,queries,memory,history,cluster,jest] [--no-cluster] [--no-1m] [--no-write]
 *     [--sa-cache-refresh=on|off] [--worker-cache=N] [--worker-pool=N]   (configuration measured; never written)
 *
 * A partial run (--only) prints its figures and leaves docs/benchmarks.md alone, except for
 * section 7 (the cluster profile, bench/measure/cluster.ts), which any run that measures it
 * writes in place. --no-cluster skips it (a full run then keeps the section already written).
 * --no-1m skips the national dataset of measurement 3 (a million cases: about 7 GiB of disk and
 * most of an hour to generate on 2 cores).
 */
const STEPS = ['starts', 'completions', 'imports', 'memory', 'queries', 'history', 'cluster', 'jest'] as const;
type Step = (typeof STEPS)[number];
/** Bounds on each step (the whole run is meant to take well under 15 minutes on 2 cores). */
const STEP_TIMEOUT_MS: Record<Step, number> = { queries: 480_000, starts: 240_000, completions: 240_000, imports: 480_000, memory: 300_000, history: 240_000, cluster: 300_000, jest: 360_000 };

const log = (line: string) => process.stdout.write(`${line}\n`);

function parseArgs(argv: string[]): { steps: Set<Step>; write: boolean; national: boolean; config: BenchConfig } {
  let steps = new Set<Step>(STEPS);
  let write = true;
  let national = true;
  const config: BenchConfig = {};
  const whole = (arg: string) => {
    const n = Number(arg.slice(arg.indexOf('=') + 1));
    if (!Number.isInteger(n) || n < 1) throw new Error(`${arg}: must be a whole number of at least 1`);
    return n;
  };
  for (const arg of argv) {
    if (arg.startsWith('--sa-cache-refresh=')) {
      config.searchAttributeCacheRefresh = arg.endsWith('=on');
      continue;
    }
    if (arg.startsWith('--worker-cache=')) {
      config.workerCache = whole(arg);
      continue;
    }
    if (arg.startsWith('--worker-pool=')) {
      config.workerPool = whole(arg);
      continue;
    }
    if (arg.startsWith('--only=')) {
      const wanted = arg.slice('--only='.length).split(',').filter(Boolean);
      const unknown = wanted.filter((w) => !(STEPS as readonly string[]).includes(w));
      if (unknown.length) throw new Error(`unknown step(s) ${unknown.join(', ')}: choose from ${STEPS.join(', ')}`);
      steps = new Set(wanted as Step[]);
    } else if (arg === '--no-write') {
      write = false;
    } else if (arg === '--no-1m') {
      national = false;
    } else if (arg === '--no-cluster') {
      steps.delete('cluster');
    } else {
      throw new Error(`unknown argument ${arg}: use --only=${STEPS.join(',')}, --no-cluster, --no-1m, --no-write, --sa-cache-refresh=on|off, --worker-cache=N, --worker-pool=N`);
    }
  }
  // A run with another configuration measures it; it does not write the document.
  const configured = Object.keys(config).length > 0;
  return { steps, config, national, write: write && !configured && STEPS.every((s) => s === 'cluster' || steps.has(s)) };
}

const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length) await cleanups.pop()!().catch((err: unknown) => log(`cleanup: ${err instanceof Error ? err.message : String(err)}`));
}

async function main(): Promise<void> {
  const { steps, write, config, national } = parseArgs(process.argv.slice(2));
  if (Object.keys(config).length) log(`configuration measured: ${JSON.stringify(config)}`);
  if (national) STEP_TIMEOUT_MS.queries += NATIONAL_STEP_MS;
  const started = Date.now();
  // SDK warnings only; the core's own (e.g. a speculative workflow task superseded by an Update) are noise here.
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { forward: {}, filter: { core: 'ERROR', other: 'ERROR' } } } });
  const machine = describeMachine();
  log(`ttg benchmarks on ${machine.nproc} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.node}`);
  const results: Results = { machine, services: { postgres: '', temporal: '' }, load: [], totalSeconds: 0 };
  const step = async <T>(name: Step, title: string, fn: () => Promise<T>): Promise<T | undefined> => {
    if (!steps.has(name)) return undefined;
    log(`\n${title}`);
    const before = os.loadavg()[0];
    const t0 = Date.now();
    const value = await withTimeout(title, STEP_TIMEOUT_MS[name], fn());
    results.load.push({ step: name, before, after: os.loadavg()[0] });
    log(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    return value;
  };

  const needsServices = ['queries', 'starts', 'completions', 'imports', 'memory', 'history'].some((s) => steps.has(s as Step));
  if (needsServices) {
    log('\nstarting PostgreSQL and Temporal');
    const infra: Infra = await startInfra(log, config);
    cleanups.push(() => infra.stop());
    results.services = infra.description;
    log(`  ${infra.description.postgres}\n  Temporal: ${infra.description.temporal}`);

    if (['starts', 'completions', 'imports', 'memory'].some((s) => steps.has(s as Step))) {
      log('\nstarting the worker and the API');
      const stack = await BenchStack.start(infra, config);
      cleanups.push(() => stack.stop());
      if (steps.has('starts') || steps.has('completions')) {
        // Measurement 2 works on the cases measurement 1 creates.
        const made = await step('starts', '1. pathways started per second', () => measureStarts(stack, log)) ??
          (await withTimeout('creating cases for measurement 2', STEP_TIMEOUT_MS.starts, measureStarts(stack, log)));
        if (steps.has('starts')) results.starts = made.result;
        results.completions = await step('completions', '2. task completion through HTTP', () => measureCompletions(stack, made.cases, made.updatable, log));
        // The counters the projection kept through every command above, recomputed from the rows.
        results.counterDrift = await checkCounters(stack.ds, { mend: false });
        const drifted = Object.values(results.counterDrift.drifted).reduce((a, b) => a + b, 0);
        log(`\ncounter drift after the commands: ${drifted} of ${Object.values(results.counterDrift.rows).reduce((a, b) => a + b, 0)} counter rows (${results.counterDrift.seconds.toFixed(1)} s)`);
      }
      results.imports = await step('imports', '8. /health/live while three 5,000-row imports are checked', () => measureImports(stack, log));
      results.memory = await step('memory', '4. worker memory per cached pathway', () => measureMemory(infra, stack, log));
      await cleanups.pop()!();
    }
    // After the commands: generating a million rows leaves PostgreSQL writing for a while.
    results.queries = await step('queries', `3. task lists and dashboards at 10k and 100k${national ? ' and 1M' : ''} cases`, () => measureQueries(infra, log, { national }));
    results.history = await step('history', '5. one pathway’s history through 12 months of supervision', () => measureHistory(infra.databaseUrl, log));
    await cleanUp();
  }
  // Its own PostgreSQL, Temporal server and worker and API processes.
  const cluster: ClusterResult | undefined = await step('cluster', '7. the cluster profile: pathways started and completed with 1 and 2 worker processes', () => measureCluster(log));
  // Last, with nothing else of ours running: it starts its own PostgreSQL and test server.
  results.jest = await step('jest', '6. wall time of the whole-pathway time-skipping test', () => measureJest(log));

  results.totalSeconds = (Date.now() - started) / 1000;
  log(`\n${textTable(summarise(results))}\n`);
  const file = path.join(REPO_ROOT, 'docs', 'benchmarks.md');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const section = cluster ? clusterSection(cluster, new Date().toISOString()) : clusterSectionOf(before);
  if (write) {
    writeFileSync(file, section ? withClusterSection(markdown(results), section) : markdown(results));
    log(`written ${path.relative(process.cwd(), file) || file}`);
  } else if (cluster && section && !process.argv.includes('--no-write')) {
    writeFileSync(file, withClusterSection(before, section));
    log(`section 7 (the cluster profile) written into ${path.relative(process.cwd(), file) || file}; the rest left as it was`);
  } else {
    log('a partial run (--only) or --no-write: docs/benchmarks.md left as it was');
  }
  log(`total ${(results.totalSeconds / 60).toFixed(1)} min`);
}

process.stdout.on('error', () => undefined);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping what the benchmark started`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main()
  .then(() => process.exit(0))
  .catch(async (err: unknown) => {
    process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    await cleanUp();
    process.exit(1);
  });
