import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { ephemeralPayloadKeys } from '@ttg/codec/data-converter';
import { runMigrations } from '@ttg/persistence/migrate';
import { seedDemoUsers } from '@ttg/persistence/seed';
import { AppFleet } from './cluster';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import { freePort } from './ports';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { setupTemporalSchema, startTemporalServer, type PostgresEndpoint, type TemporalServer } from './temporal-server';

/**
 * A throwaway cluster profile for the cluster tests and the cluster benchmark: a fresh embedded
 * PostgreSQL (no fsync, removed on stop), the real Temporal server on it, and the worker and API
 * processes of dist/ (npm run build). Unlike `npm run start:cluster` nothing here restarts on
 * its own: the caller kills and restarts processes on purpose.
 */
export interface LocalClusterOptions {
  /** The repository (its dist/ and config/temporal/). */
  root: string;
  /** The folder `scripts/tools.sh temporal-server` prints. */
  toolDir: string;
  workers: number;
  apiInstances: number;
  /** The demo users' password. */
  password: string;
  taskQueue?: string;
  /** More environment for the worker and API processes. */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export class LocalCluster {
  fleet!: AppFleet;
  temporal!: TemporalServer;
  databaseUrl = '';
  taskQueue = '';
  /** This cluster's payload key (made for it, gone with it), and a data converter with it for clients. */
  private readonly keys = ephemeralPayloadKeys('cluster');
  readonly dataConverter: DataConverter = this.keys.dataConverter;
  /** Unexpected exits of worker and API processes, in order. */
  readonly exits: { name: string; how: string }[] = [];
  private db?: EmbeddedDatabase;
  private dir = '';
  private endpoint!: PostgresEndpoint;

  private constructor(private readonly opts: LocalClusterOptions) {}

  static async start(opts: LocalClusterOptions): Promise<LocalCluster> {
    const c = new LocalCluster(opts);
    try {
      await c.init();
    } catch (err) {
      await c.stop();
      throw err;
    }
    return c;
  }

  get temporalAddress(): string {
    return this.temporal.address;
  }

  /** The PostgreSQL data folder (its postmaster.pid names the server, for CPU accounting). */
  get postgresDataDir(): string | undefined {
    return this.db?.dataDir;
  }

  private async init(): Promise<void> {
    const log = this.opts.log ?? (() => undefined);
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'ttg-cluster-'));
    this.db = await startEmbeddedPostgres({ dataDir: path.join(this.dir, 'postgres'), port: await freePort(), persistent: false, database: 'ttg' });
    this.databaseUrl = this.db.url;
    const u = new URL(this.db.url);
    this.endpoint = { host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
    await Promise.all([
      (async () => {
        await runMigrations(this.databaseUrl);
        await seedDemoUsers(this.databaseUrl, this.opts.password);
      })(),
      setupTemporalSchema(this.opts.toolDir, this.endpoint, log),
    ]);
    await this.startTemporal();
    this.taskQueue = this.opts.taskQueue ?? 'ttg-cluster';
    const apiPorts: number[] = [];
    for (let i = 0; i < this.opts.apiInstances; i++) apiPorts.push(await freePort());
    this.fleet = new AppFleet({
      root: this.opts.root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        DATABASE_URL: this.databaseUrl,
        TEMPORAL_ADDRESS: this.temporal.address,
        TEMPORAL_TASK_QUEUE: this.taskQueue,
        JWT_SECRET: 'cluster-secret-at-least-16-chars',
        JWT_TTL_SECONDS: '3600',
        TTG_SEED_DEMO_USERS: '0',
        LOG_LEVEL: 'warn',
        TTG_PAYLOAD_KEYS: this.keys.spec,
        ...this.opts.env,
      },
      workers: this.opts.workers,
      apiPorts,
      workerMetricsPort: 0,
      onExit: (name, how) => this.exits.push({ name, how }),
    });
    this.fleet.startAll();
    await Promise.all(this.fleet.specs.map((s) => this.ready(s.name)));
  }

  /** Starts the Temporal server (again, on the same ports after stopTemporal). */
  async startTemporal(): Promise<void> {
    this.temporal = await startTemporalServer({
      toolDir: this.opts.toolDir,
      root: this.opts.root,
      db: this.endpoint,
      ports: this.temporal?.ports ?? { frontend: await freePort() },
      searchAttributes: SEARCH_ATTRIBUTES,
      log: this.opts.log,
    });
  }

  /** Resolves when the process serves (API ready, worker polling). */
  ready(name: string): Promise<void> {
    return this.fleet.waitReady(name, this.temporal.address, this.taskQueue);
  }

  /** Starts a stopped or killed process again and waits until it serves. */
  async restart(name: string): Promise<void> {
    this.fleet.start(name);
    await this.ready(name);
  }

  async stop(): Promise<void> {
    await this.fleet?.stopAll();
    await this.temporal?.stop();
    await this.db?.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
