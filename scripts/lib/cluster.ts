import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { stopProcess, waitFor } from './process';
import { spawnNode } from './supervisor';

/**
 * The ttg processes of the cluster profile: N workers polling the one task queue and M API
 * instances each on its own port, all on the same PostgreSQL and Temporal server. Shared by
 * `npm run start:cluster` (which restarts a process that dies) and the cluster tests (which kill
 * and restart them on purpose).
 */
export type AppKind = 'worker' | 'api';

const SCRIPT = { worker: 'apps/worker/src/main.js', api: 'apps/api/src/main.js' } as const satisfies Record<AppKind, string>;

export interface AppSpec {
  name: string;
  kind: AppKind;
  /** The API's HTTP port, or the worker's metrics port (0: none). */
  port: number;
}

export interface FleetOptions {
  /** The repository; the processes run dist/<script> (npm run build). */
  root: string;
  /** The environment every process shares (DATABASE_URL, TEMPORAL_ADDRESS, …). */
  env: NodeJS.ProcessEnv;
  workers: number;
  /** One HTTP port per API instance. */
  apiPorts: number[];
  /** The first worker's metrics port (the next ones count up), 0 for none. */
  workerMetricsPort: number;
  /** A process that exits without stop()/kill() through the fleet asking it to. */
  onExit?: (name: string, how: string) => void;
  /** The child's pid once it runs (a state file for leftovers). */
  onSpawn?: (name: string, pid: number | undefined, script: string) => void;
}

export class AppFleet {
  readonly specs: AppSpec[];
  private readonly children = new Map<string, ChildProcess>();
  private readonly expected = new Set<string>();

  constructor(private readonly opts: FleetOptions) {
    const workers = Array.from({ length: opts.workers }, (_, i) => ({ name: `worker-${i + 1}`, kind: 'worker' as const, port: opts.workerMetricsPort ? opts.workerMetricsPort + i : 0 }));
    const apis = opts.apiPorts.map((port, i) => ({ name: `api-${i + 1}`, kind: 'api' as const, port }));
    this.specs = [...workers, ...apis];
  }

  spec(name: string): AppSpec {
    const found = this.specs.find((s) => s.name === name);
    if (!found) throw new Error(`no process ${name} in this cluster`);
    return found;
  }

  apiUrls(): string[] {
    return this.specs.filter((s) => s.kind === 'api').map((s) => `http://127.0.0.1:${s.port}`);
  }

  pid(name: string): number | undefined {
    return this.children.get(name)?.pid;
  }

  private envOf(spec: AppSpec): NodeJS.ProcessEnv {
    const firstWorkerMetrics = this.opts.workerMetricsPort ? `http://127.0.0.1:${this.opts.workerMetricsPort}/metrics` : undefined;
    if (spec.kind === 'worker') return { ...this.opts.env, TTG_WORKER_METRICS_PORT: String(spec.port) };
    const env: NodeJS.ProcessEnv = { ...this.opts.env, PORT: String(spec.port), TTG_WORKER_METRICS_PORT: '0' };
    if (firstWorkerMetrics) env.TTG_WORKER_METRICS_URL = firstWorkerMetrics;
    return env;
  }

  /** Starts one process (not waiting for it to be ready). */
  start(name: string): void {
    const spec = this.spec(name);
    const file = path.join(this.opts.root, 'dist', SCRIPT[spec.kind]);
    const child = spawnNode(name, file, this.envOf(spec), this.opts.root);
    this.children.set(name, child);
    this.expected.delete(name);
    this.opts.onSpawn?.(name, child.pid, file);
    child.once('exit', (code, signal) => {
      if (this.children.get(name) === child) this.children.delete(name);
      if (!this.expected.delete(name)) this.opts.onExit?.(name, signal ?? `exit ${code}`);
    });
  }

  startAll(): void {
    for (const spec of this.specs) this.start(spec.name);
  }

  /** Resolves when the API answers ready, or the worker polls the task queue. */
  async waitReady(name: string, temporalAddress: string, taskQueue: string, timeoutMs = 120_000): Promise<void> {
    const spec = this.spec(name);
    if (spec.kind === 'api') {
      await waitFor(`${name} to be ready`, async () => (await fetch(`http://127.0.0.1:${spec.port}/health/ready`)).ok, timeoutMs);
      return;
    }
    const identity = () => `${this.pid(name)}@${os.hostname()}`;
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      await waitFor(`${name} to poll the task queue`, async () => (await pollers(connection, taskQueue)).includes(identity()), timeoutMs);
    } finally {
      await connection.close();
    }
  }

  /** Sends a signal without the exit counting as unexpected when `expected` (default: it counts). */
  kill(name: string, signal: NodeJS.Signals, expected = false): Promise<void> {
    const child = this.children.get(name);
    if (!child) return Promise.resolve();
    if (expected) this.expected.add(name);
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    return gone;
  }

  /** Stops one process (SIGTERM, SIGKILL after 15 s). */
  async stop(name: string): Promise<void> {
    const child = this.children.get(name);
    if (!child) return;
    this.expected.add(name);
    await stopProcess(child, 15_000);
  }

  /** APIs first (no new commands), then the workers (in-flight tasks finish). */
  async stopAll(): Promise<void> {
    for (const kind of ['api', 'worker'] as const) {
      await Promise.all(this.specs.filter((s) => s.kind === kind).map((s) => this.stop(s.name)));
    }
  }
}

/** The identities polling the task queue for workflow tasks. */
export async function pollers(connection: Connection, taskQueue: string, namespace = 'default'): Promise<string[]> {
  const res = await connection.workflowService.describeTaskQueue({
    namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (res.pollers ?? []).map((p) => p.identity ?? '');
}
