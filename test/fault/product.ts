import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { ephemeralPayloadKeys } from '@ttg/codec/data-converter';
import { eachLine, isAlive, waitFor } from '../../scripts/lib/process';
import { freePort } from '../../scripts/lib/ports';

/**
 * The product exactly as `npm start` runs it (dist/scripts/start.js, the supervisor) on a
 * throwaway data folder and free ports: embedded PostgreSQL, the Temporal dev server, the worker
 * and the API, each its own process. The fault tests kill those processes by the pids the
 * supervisor records (supervisor.json, temporal.pid, postmaster.pid) and watch it bring them back.
 */
export const PASSWORD = 'fault-password';
export type Part = 'worker' | 'api' | 'temporal' | 'postgres';

const root = path.resolve(__dirname, '..', '..');
/** The payload keys the product is started with, so the tests can read its workflows. */
const KEYS = ephemeralPayloadKeys('fault');

export class Product {
  readonly lines: string[] = [];
  baseUrl = '';
  databaseUrl = '';
  temporalAddress = '';
  readonly dataConverter = KEYS.dataConverter;
  db!: Pool;
  private supervisor?: ChildProcess;
  private exited?: Promise<void>;
  private env: NodeJS.ProcessEnv = {};
  private dir = '';

  static async start(): Promise<Product> {
    const p = new Product();
    p.dir = mkdtempSync(path.join(os.tmpdir(), 'ttg-fault-'));
    const [port, pgPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    p.env = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      TTG_DATA_DIR: p.dir,
      TTG_PG_PORT: String(pgPort),
      TTG_TEMPORAL_PORT: String(temporalPort),
      TTG_TEMPORAL_UI_PORT: String(uiPort),
      TTG_DEMO: '0',
      TTG_DEMO_PASSWORD: PASSWORD,
      // One signing key across API restarts: a token stays good.
      JWT_SECRET: 'fault-tier-secret-at-least-16-chars',
      TTG_WORKER_METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      TTG_PAYLOAD_KEYS: KEYS.spec,
    };
    delete p.env.DATABASE_URL;
    delete p.env.TEMPORAL_ADDRESS;
    p.baseUrl = `http://127.0.0.1:${port}`;
    p.databaseUrl = `postgres://postgres:ttg-embedded@127.0.0.1:${pgPort}/ttg`;
    p.temporalAddress = `127.0.0.1:${temporalPort}`;
    await p.runSupervisor();
    p.db = new Pool({ connectionString: p.databaseUrl, max: 3 });
    p.db.on('error', () => undefined); // PostgreSQL killed on purpose: the pool reconnects
    return p;
  }

  /** Starts dist/scripts/start.js and waits until it says the product is running. */
  async runSupervisor(): Promise<void> {
    const from = this.lines.length;
    const child = spawn(process.execPath, [path.join(root, 'dist', 'scripts', 'start.js')], { cwd: root, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.supervisor = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    eachLine(child.stdout, (line) => this.lines.push(line));
    eachLine(child.stderr, (line) => this.lines.push(line));
    await waitFor('the product to be ready', async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${this.lines.slice(-30).join('\n')}`);
      return this.lines.slice(from).some((l) => l.includes('ttg is running')) && this.ready();
    }, 180_000).catch((err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n${this.lines.slice(-30).join('\n')}`);
    });
  }

  async ready(): Promise<boolean> {
    return (await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) })).ok;
  }

  /** The current pid of a part of the product, as the supervisor and the servers record it. */
  pid(part: Part): number {
    const read = (file: string) => Number(readFileSync(path.join(this.dir, file), 'utf8').split('\n')[0].trim());
    if (part === 'temporal') return read('temporal.pid');
    if (part === 'postgres') return read(path.join('postgres', 'postmaster.pid'));
    const state = JSON.parse(readFileSync(path.join(this.dir, 'supervisor.json'), 'utf8')) as { children: Record<string, { pid: number }> };
    return state.children[part].pid;
  }

  supervisorPid(): number {
    return this.supervisor?.pid ?? 0;
  }

  /** Sends `signal` to a part; resolves with its pid at the time. */
  signal(part: Part, signal: NodeJS.Signals): number {
    const pid = this.pid(part);
    process.kill(pid, signal);
    return pid;
  }

  /** Kills the supervisor outright (its children carry on without it). */
  async killSupervisor(): Promise<void> {
    this.supervisor?.kill('SIGKILL');
    await this.exited;
  }

  /** Resolves once the part runs under a new pid (the supervisor started it again). */
  async restarted(part: Part, oldPid: number, timeoutMs = 60_000): Promise<number> {
    await waitFor(`the ${part} to be started again`, async () => existsSync(this.dir) && this.pid(part) !== oldPid && isAlive(this.pid(part)), timeoutMs);
    return this.pid(part);
  }

  /** Stops the product as Ctrl-C does, and removes its data. */
  async stop(): Promise<void> {
    await this.db?.end().catch(() => undefined);
    if (this.supervisor && this.supervisor.exitCode === null) {
      this.supervisor.kill('SIGTERM');
      await this.exited;
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
