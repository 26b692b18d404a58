import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/create-app';
import { createPathwayWorker } from '../../apps/worker/src/pathway-worker';
import { ephemeralPayloadKeys } from '@ttg/codec/data-converter';
import { loadConfig, type AppConfig } from '@ttg/config/config';
import { createDataSource } from '@ttg/persistence/data-source';
import { PolicyCatalogue } from '@ttg/persistence/policy-catalogue';
import { requestJson } from '../../scripts/lib/cluster-client';
import { freePort } from '../../scripts/lib/ports';
import { BENCH_PASSWORD, type BenchConfig, type Infra } from './infra';
import { WORKFLOW_BUNDLE } from './paths';

export const PATHWAY_QUEUE = 'ttg-bench-pathway';
export const BARE_QUEUE = 'ttg-bench-bare';
/** This benchmark run's payload key: every client and worker seals payloads as production does. */
export const BENCH_KEYS = ephemeralPayloadKeys('bench');

/** The API's configuration as the benchmark runs it: production mode on a loopback port, its own task queue, quiet logs. */
export function benchApiConfig(infra: Infra, opts: { port: number; databaseUrl: string; taskQueue: string }): AppConfig {
  return loadConfig({
    NODE_ENV: 'production',
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    DATABASE_URL: opts.databaseUrl,
    TEMPORAL_ADDRESS: infra.temporalAddress,
    TEMPORAL_NAMESPACE: infra.namespace,
    TEMPORAL_TASK_QUEUE: opts.taskQueue,
    JWT_SECRET: 'bench-secret-at-least-16-chars',
    JWT_TTL_SECONDS: '3600',
    TTG_WORKER_METRICS_PORT: '0',
    LOG_LEVEL: 'warn',
    TTG_PAYLOAD_KEYS: BENCH_KEYS.spec,
  });
}

export interface HttpAnswer<T> {
  status: number;
  body: T;
  ms: number;
}

/**
 * The product as `npm start` runs it, in this process (like test/e2e/stack.ts): the pathway
 * worker on its task queue and the API/web app on a free loopback port. Next to it, on the same
 * Temporal server, a bare client and a worker for the trivial baseline workflows.
 */
export class BenchStack {
  baseUrl = '';
  infra!: Infra;
  ds!: DataSource;
  /** A bare Temporal client: the baselines, and direct reads of histories. */
  client!: Client;
  private clientConnection?: Connection;
  private app?: INestApplication;
  private workers: { worker: Worker; running: Promise<void> }[] = [];
  private nativeConnection?: NativeConnection;

  static async start(infra: Infra, config: BenchConfig = {}): Promise<BenchStack> {
    const s = new BenchStack();
    try {
      await s.init(infra, config);
    } catch (err) {
      await s.stop();
      throw err;
    }
    return s;
  }

  private async init(infra: Infra, config: BenchConfig): Promise<void> {
    this.infra = infra;
    this.ds = createDataSource(infra.databaseUrl, { poolSize: config.workerPool ?? 10, applicationName: 'ttg-bench-worker' });
    await this.ds.initialize();
    this.nativeConnection = await NativeConnection.connect({ address: infra.temporalAddress });
    const pathway = await createPathwayWorker({
      connection: this.nativeConnection,
      namespace: infra.namespace,
      taskQueue: PATHWAY_QUEUE,
      dataSource: this.ds,
      policies: await PolicyCatalogue.load(this.ds),
      workflowBundlePath: WORKFLOW_BUNDLE,
      maxCachedWorkflows: config.workerCache,
      dataConverter: BENCH_KEYS.dataConverter,
    });
    const bare = await Worker.create({
      connection: this.nativeConnection,
      namespace: infra.namespace,
      taskQueue: BARE_QUEUE,
      workflowsPath: require.resolve(path.join(__dirname, '..', 'workflows', 'empty')),
      activities: { noop: (n: number) => Promise.resolve(n) },
      dataConverter: BENCH_KEYS.dataConverter,
    });
    for (const worker of [pathway, bare]) this.workers.push({ worker, running: worker.run() });
    this.clientConnection = await Connection.connect({ address: infra.temporalAddress });
    this.client = new Client({ connection: this.clientConnection, namespace: infra.namespace, dataConverter: BENCH_KEYS.dataConverter });
    const port = await freePort();
    this.app = await createApp(benchApiConfig(infra, { port, databaseUrl: infra.databaseUrl, taskQueue: PATHWAY_QUEUE }), { logger: false });
    await this.app.listen(port, '127.0.0.1');
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    for (const w of this.workers) if (w.worker.getState() === 'RUNNING') w.worker.shutdown();
    await Promise.all(this.workers.map((w) => w.running.catch(() => undefined)));
    await this.nativeConnection?.close();
    await this.clientConnection?.close();
    if (this.ds?.isInitialized) await this.ds.destroy();
  }

  async token(username: string, password = BENCH_PASSWORD): Promise<string> {
    const res = await this.request<{ accessToken: string }>('POST', '/api/v1/auth/token', { body: { username, password } });
    if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }

  /** Commands the API answered 503 (its 10 s bound on a machine this busy) and that were repeated. */
  repeats = 0;

  /**
   * A command as a client sends it: a 503 is repeated with the same Idempotency-Key (up to 5
   * attempts), which the API answers once; `ms` covers every attempt.
   */
  async command<T>(method: string, url: string, opts: { token?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<HttpAnswer<T>> {
    let ms = 0;
    for (let attempt = 1; ; attempt += 1) {
      const res = await this.request<T>(method, url, opts);
      ms += res.ms;
      if (res.status !== 503 || attempt >= 5) return { ...res, ms };
      this.repeats += 1;
    }
  }

  /** One HTTP call over loopback; `ms` is the client-side round trip (request sent to body read). */
  async request<T>(method: string, url: string, opts: { token?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<HttpAnswer<T>> {
    const { status, body, ms } = await requestJson<T>(this.baseUrl, method, url, opts);
    return { status, body, ms };
  }
}
