import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import os from 'node:os';
import path from 'node:path';
import { ClusterClient } from '../../scripts/lib/cluster-client';
import { LocalCluster } from '../../scripts/lib/local-cluster';
import { ensureTool } from '../../scripts/lib/tools';
import { postgresMs, processMs } from '../lib/cpu';
import { LatencyHistogram, type Latency } from '../lib/histogram';
import { seededRandom } from '../lib/load';
import { REPO_ROOT } from '../lib/paths';
import { newCaseBodies, screeningOutcome } from '../lib/people';
import { RateMeter, type Rate } from './commands';

/**
 * Measurement 7, the cluster profile: the real Temporal server on PostgreSQL (one process, all
 * services), the API as two processes behind a round-robin client, and the pathway worker as one
 * process and then two. Rounds alternate 1 worker / 2 workers so that drift on a shared machine
 * falls on both; bare starts by a client in this process on the same server are the baseline.
 * CPU time is read per process (/proc) to show where each start's time goes.
 */
export const CLUSTER_SIZES = { rounds: 2, concurrency: 8, startsPerBlock: 120, blockMs: 12_000, completions: 30, bareStarts: 200, bareBlockMs: 6_000, warmup: 12 };
const PASSWORD = 'bench-cluster-password';
const BARE_QUEUE = 'ttg-bench-cluster-bare';

/** CPU ms per start, by part, and the machine's busy share meanwhile. */
export type CpuSplit = Record<'api' | 'worker' | 'temporal' | 'postgres' | 'client', number> & { total: number; machineBusy: number };

export interface ClusterShape {
  workers: number;
  starts: Rate;
  /** Claim + complete through HTTP, one at a time, on cases started in the same round. */
  complete: Latency;
  cpu: CpuSplit;
}

export interface ClusterResult {
  oneWorker: ClusterShape;
  twoWorkers: ClusterShape;
  bare: Rate;
  /** starts/s with 2 workers over starts/s with 1. */
  scaling: number;
  roundRatios: number[];
  nproc: number;
  temporalServices: string;
  /** 1-minute load average before and after (the machine is shared with other work). */
  load: [number, number];
}

type Sample = Record<'api' | 'worker' | 'temporal' | 'postgres' | 'client' | 'busy' | 'total', number>;

function machine(): { busy: number; total: number } {
  const t = os.cpus().reduce((a, c) => ({ busy: a.busy + c.times.user + c.times.nice + c.times.sys + c.times.irq, total: a.total + c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle }), { busy: 0, total: 0 });
  return t;
}

/** CPU by part of the cluster, from /proc (ms). */
function sample(cluster: LocalCluster): Sample {
  const pidsOf = (kind: 'api' | 'worker') => cluster.fleet.specs.filter((s) => s.kind === kind).map((s) => cluster.fleet.pid(s.name) ?? 0).filter((p) => p > 0);
  const sum = (pids: number[]) => pids.reduce((a, pid) => a + processMs(pid, true), 0);
  const self = process.cpuUsage();
  const m = machine();
  return {
    api: sum(pidsOf('api')),
    worker: sum(pidsOf('worker')),
    temporal: sum(cluster.temporal.processes.map((p) => p.pid ?? 0).filter((p) => p > 0)),
    postgres: postgresMs(cluster.postgresDataDir),
    client: (self.user + self.system) / 1000,
    busy: m.busy,
    total: m.total,
  };
}

/** Accumulates CPU per part over blocks; a worker stopped between blocks is read per block. */
class SplitMeter {
  private acc: Sample = { api: 0, worker: 0, temporal: 0, postgres: 0, client: 0, busy: 0, total: 0 };
  constructor(private readonly cluster: LocalCluster) {}
  async around<T>(fn: () => Promise<T>): Promise<T> {
    const a = sample(this.cluster);
    try {
      return await fn();
    } finally {
      const b = sample(this.cluster);
      for (const k of Object.keys(this.acc) as (keyof Sample)[]) this.acc[k] += Math.max(0, b[k] - a[k]);
    }
  }
  per(ops: number): CpuSplit {
    const n = Math.max(1, ops);
    const parts = { api: this.acc.api / n, worker: this.acc.worker / n, temporal: this.acc.temporal / n, postgres: this.acc.postgres / n, client: this.acc.client / n };
    return { ...parts, total: Object.values(parts).reduce((a, b) => a + b, 0), machineBusy: this.acc.total ? this.acc.busy / this.acc.total : 0 };
  }
}

export async function measureCluster(log: (line: string) => void): Promise<ClusterResult> {
  const S = CLUSTER_SIZES;
  const toolDir = ensureTool('temporal-server');
  const loadBefore = os.loadavg()[0];
  log('  starting the cluster profile: Temporal server on PostgreSQL, 2 workers, 2 API instances (processes from dist/)');
  const cluster = await LocalCluster.start({ root: REPO_ROOT, toolDir, workers: 2, apiInstances: 2, password: PASSWORD, taskQueue: 'ttg-bench-cluster' });
  const native = await NativeConnection.connect({ address: cluster.temporalAddress });
  const bareWorker = await Worker.create({ connection: native, taskQueue: BARE_QUEUE, workflowsPath: require.resolve(path.join(__dirname, '..', 'workflows', 'empty')), activities: { noop: (n: number) => Promise.resolve(n) }, dataConverter: cluster.dataConverter });
  const bareRunning = bareWorker.run();
  const connection = await Connection.connect({ address: cluster.temporalAddress });
  try {
    const client = new Client({ connection, dataConverter: cluster.dataConverter });
    const http = new ClusterClient(cluster.fleet.apiUrls());
    const token = await http.token('prison.staff', PASSWORD);
    const bodies = newCaseBodies(S.warmup + S.rounds * 2 * S.startsPerBlock, seededRandom(11), 'LEI', new Set());
    const r = seededRandom(5);
    const run = Date.now().toString(36);
    let next = 0;
    const created: { caseId: string; taskId: string }[] = [];
    const create = async () => {
      const i = next++;
      const res = await http.call<{ id: string; tasks: { id: string; type: string }[] }>('POST', '/api/v1/cases', { token, body: bodies[i], idempotencyKey: `${run}-case-${i}` });
      if (res.status !== 201) throw new Error(`POST /api/v1/cases answered ${res.status}: ${JSON.stringify(res.body)}`);
      created.push({ caseId: res.body.id, taskId: res.body.tasks.find((t) => t.type === 'CUSTODY_SCREENING')?.id ?? '' });
    };
    const completeOne = async (h: LatencyHistogram) => {
      const c = created.shift();
      if (!c) return;
      const claim = await http.call('POST', `/api/v1/tasks/${c.taskId}/claim`, { token });
      if (claim.status !== 200) throw new Error(`claim answered ${claim.status}`);
      const done = await http.call('POST', `/api/v1/tasks/${c.taskId}/complete`, { token, body: { outcome: screeningOutcome(r) } });
      if (done.status !== 200) throw new Error(`complete answered ${done.status}`);
      h.recordMs(done.ms);
    };
    const startEmpty = (i: number) => client.workflow.start('emptyWorkflow', { taskQueue: BARE_QUEUE, workflowId: `bench-cluster-empty-${run}-${i}`, workflowExecutionTimeout: '30 minutes' }).then(() => undefined);

    log(`  warm-up: ${S.warmup} cases, ${S.warmup} bare starts`);
    const warm = new RateMeter(S.concurrency);
    await warm.block(S.warmup, (_i, h) => h.time(create), 0, S.blockMs);
    await warm.block(S.warmup, (i, h) => h.time(() => startEmpty(i)), 1_000_000, S.bareBlockMs);
    const warmH = new LatencyHistogram();
    for (let i = 0; i < S.warmup / 2; i++) await completeOne(warmH);
    created.length = 0;

    const shapes = [1, 2].map((workers) => ({ workers, starts: new RateMeter(S.concurrency), complete: new LatencyHistogram(), cpu: new SplitMeter(cluster) }));
    const bare = new RateMeter(S.concurrency);
    const roundRatios: number[] = [];
    let bareIndex = 0;
    for (let round = 0; round < S.rounds; round++) {
      const perShape: number[] = [];
      for (const shape of shapes) {
        if (shape.workers === 1) await cluster.fleet.stop('worker-2');
        else await cluster.restart('worker-2');
        const rate = await shape.cpu.around(() => shape.starts.block(S.startsPerBlock, (_i, h) => h.time(create), 0, S.blockMs));
        for (let i = 0; i < S.completions && created.length; i++) await completeOne(shape.complete);
        created.length = 0;
        perShape.push(rate);
        log(`    round ${round + 1}, ${shape.workers} worker${shape.workers > 1 ? 's' : ''}: ${rate.toFixed(1)}/s pathways started through HTTP`);
      }
      const b = await bare.block(S.bareStarts, (i, h) => h.time(() => startEmpty(bareIndex + i)), 0, S.bareBlockMs);
      bareIndex += S.bareStarts;
      roundRatios.push(perShape[1] / perShape[0]);
      log(`    round ${round + 1}: bare starts ${b.toFixed(1)}/s; 2 workers / 1 worker ×${(perShape[1] / perShape[0]).toFixed(2)}`);
    }
    const [one, two] = shapes.map((s) => {
      const starts = s.starts.rate();
      return { workers: s.workers, starts, complete: s.complete.summary(), cpu: s.cpu.per(starts.count) };
    });
    return { oneWorker: one, twoWorkers: two, bare: bare.rate(), scaling: two.starts.perSecond / one.starts.perSecond, roundRatios, nproc: os.cpus().length, temporalServices: 'one process, all four services', load: [loadBefore, os.loadavg()[0]] };
  } finally {
    await connection.close();
    bareWorker.shutdown();
    await bareRunning.catch(() => undefined);
    await native.close();
    await cluster.stop();
  }
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const lat = (l: Latency) => `${f1(l.p50)} / ${f1(l.p95)} / ${f1(l.p99)} ms`;
export const CLUSTER_SECTION_START = '<!-- cluster profile: bench/measure/cluster.ts -->';
export const CLUSTER_SECTION_END = '<!-- end of the cluster profile -->';

/** Section 7 of docs/benchmarks.md, between its markers. */
export function clusterSection(c: ClusterResult, date: string): string {
  const S = CLUSTER_SIZES;
  const split = (x: CpuSplit) => `${f1(x.api)} API + ${f1(x.worker)} worker + ${f1(x.temporal)} Temporal + ${f1(x.postgres)} PostgreSQL + ${f1(x.client)} load = ${f1(x.total)} ms`;
  const rows = [c.oneWorker, c.twoWorkers].map((s) => `| ${s.workers} | ${f1(s.starts.perSecond)}/s (${s.starts.count} in ${f1(s.starts.seconds)} s) | ${f2(s.starts.perSecond / c.bare.perSecond)}× | ${lat(s.starts.latency)} | ${lat(s.complete)} | ${split(s.cpu)} | ${(s.cpu.machineBusy * 100).toFixed(0)}% |`);
  const two = c.twoWorkers.cpu;
  const ceiling = (cores: number) => (cores * 1000) / two.total;
  const workerShare = two.worker / two.total;
  // A worker runs the workflows' JavaScript on one thread: about one core at most.
  const perWorker = 1000 / two.worker;
  const at = (cores: number, workers: number) => Math.round(Math.min(ceiling(cores), perWorker * workers));
  return [
    CLUSTER_SECTION_START,
    '## 7. The cluster profile: 1 worker and 2 workers',
    '',
    `Measured on ${date.slice(0, 10)} by \`node dist/bench/run.js --only=cluster\` (section 7 alone; \`--no-cluster\` leaves it out of a full run). The topology of \`npm run start:cluster\` as processes on this ${c.nproc}-core machine: the Temporal server built from \`go.temporal.io/server\` (${c.temporalServices}) on an embedded PostgreSQL (fsync off, a throwaway cluster), two API processes used round-robin, and the pathway worker as one process, then two, in ${S.rounds} alternating rounds. Each block starts up to ${S.startsPerBlock} pathways through \`POST /api/v1/cases\` at concurrency ${S.concurrency} (at most ${S.blockMs / 1000} s), then claims and completes ${S.completions} of them one at a time. The baseline: empty workflows started by a bare client in the benchmark process on the same server, ${f1(c.bare.perSecond)}/s (p50 / p95 / p99 ${lat(c.bare.latency)}).`,
    '',
    '| workers | pathways started | vs bare starts | start latency p50 / p95 / p99 | complete (HTTP) p50 / p95 / p99 | CPU per start (ms) | all CPUs busy |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `**Scaling 1 → 2 workers: ×${f2(c.scaling)}** (per round: ${c.roundRatios.map((x) => `×${f2(x)}`).join(', ')}).`,
    '',
    `The machine is shared: its 1-minute load average was ${f1(c.load[0])} before and ${f1(c.load[1])} after (2 cores), and "all CPUs busy" counts other work too, so the absolute rates are low and move between rounds; the ratios within a round are the figure to read.`,
    '',
    `Where the time goes: one pathway start (create the case: the workflow started, its first Update, the projection written, the case read back) costs ${f1(two.total)} ms of CPU across the processes: the workers ${(workerShare * 100).toFixed(0)}%, the Temporal server ${((two.temporal / two.total) * 100).toFixed(0)}%, PostgreSQL ${((two.postgres / two.total) * 100).toFixed(0)}%, the API instances ${((two.api / two.total) * 100).toFixed(0)}%. With ${c.nproc} cores every part competes for the same CPUs, so a second worker process adds no capacity; it only overlaps the first one's waits (polls, activity round trips). ${c.scaling < 1.3 ? 'Hence a ratio near 1 here: this machine is CPU-bound before it is worker-bound.' : `Yet the ratio here is ×${f2(c.scaling)}: on a machine this overloaded by other work (load average ${f1(c.load[0])} on ${c.nproc} cores) the scheduler shares CPU time between runnable processes, so a second worker process also wins a larger share of the CPUs from the other work; the start latency with one worker (p50 above) is mostly waiting for that one process. On an idle ${c.nproc}-core machine the second worker could only overlap the first one's waits, and the ratio would be much nearer 1.`}`,
    '',
    `On a larger machine: the whole cluster's CPU ceiling is about cores × 1000 / ${f1(two.total)} ms (~${Math.round(ceiling(c.nproc))}/s on ${c.nproc} cores, ~${Math.round(ceiling(8))}/s on 8, ~${Math.round(ceiling(16))}/s on 16), and a worker process, whose workflow code runs on one thread, tops out near 1000 / ${f1(two.worker)} ms ≈ ${Math.round(perWorker)}/s. So on 8 cores 1 worker would give ~${at(8, 1)}/s and 2 workers ~${at(8, 2)}/s (×${f2(at(8, 2) / at(8, 1))}); on 16 cores ~${at(16, 1)}/s and ~${at(16, 2)}/s. Workers and API instances are stateless: add processes (\`TTG_WORKERS\`, \`TTG_API_INSTANCES\`, \`--scale\`) until the Temporal server and PostgreSQL are the limit. Those do not scale by adding ttg processes: the history service's shards (4 here, \`numHistoryShards\` in config/temporal/development-postgres.yaml, fixed when the database is created; each shard serialises its writes) and PostgreSQL's commits (here without fsync; with fsync on, commit latency bounds each shard). A production deployment sizes shards in the hundreds or more and gives history, matching and PostgreSQL machines of their own (\`TTG_TEMPORAL_SERVICES=separate\` runs the four services as separate processes, as they would run there).`,
    CLUSTER_SECTION_END,
  ].join('\n');
}

/** The document with its cluster section replaced (or added at the end) by `section`. */
export function withClusterSection(doc: string, section: string): string {
  const a = doc.indexOf(CLUSTER_SECTION_START);
  const b = doc.indexOf(CLUSTER_SECTION_END);
  if (a >= 0 && b > a) return `${doc.slice(0, a)}${section}${doc.slice(b + CLUSTER_SECTION_END.length)}`;
  return `${doc.trimEnd()}\n\n${section}\n`;
}

/** The cluster section a document holds, if any (kept when a run does not measure it). */
export function clusterSectionOf(doc: string): string | undefined {
  const a = doc.indexOf(CLUSTER_SECTION_START);
  const b = doc.indexOf(CLUSTER_SECTION_END);
  return a >= 0 && b > a ? doc.slice(a, b + CLUSTER_SECTION_END.length) : undefined;
}
