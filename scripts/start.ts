import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ConfigError, loadConfig, type AppConfig } from '@ttg/config/config';
import { runMigrations } from '@ttg/persistence/migrate';
import { seedDemoUsers } from '@ttg/persistence/seed';
import * as demoCaseload from './lib/demo-caseload';
import { startEmbeddedPostgres, type EmbeddedDatabase, type EmbeddedPostgresOptions } from './lib/embedded-postgres';
import { payloadKeysFor } from './lib/payload-keys';
import { portInUse } from './lib/ports';
import { stopProcess, waitFor } from './lib/process';
import { Restarts, seconds, spawnNode, Supervisor } from './lib/supervisor';
import { SEARCH_ATTRIBUTES } from './lib/search-attributes';
import { startTemporalDevServer, type DevServer, type DevServerOptions } from './lib/temporal-dev-server';
import { ensureTool, ToolError } from './lib/tools';
import { signInLines } from './lib/sign-ins';

/**
 * `npm start`: the supervisor for one machine. Starts embedded PostgreSQL and a Temporal dev
 * server unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere, runs the migrations (and seeds
 * the demo users), then runs the worker and the API as child processes. On SIGINT/SIGTERM it
 * stops the API, the worker, Temporal and PostgreSQL, in that order, and exits 0. A worker, API,
 * Temporal server or PostgreSQL that dies on its own is started again after a back-off, with a
 * log line each time; more than 5 deaths of one within 10 minutes stop everything (exit 1).
 *
 * Every child runs in its own process group, so a Ctrl-C in the terminal reaches only this
 * process and the order holds. A run killed outright (SIGKILL) leaves its children behind: their
 * pids are kept in <dataDir>/supervisor.json and the next start stops them first.
 */
const root = path.resolve(__dirname, '..', '..'); // dist/scripts → the repository
const started = Date.now();
let sup: Supervisor;
let restarts: Restarts;
const children = new Map<string, ChildProcess>();
const say = (line: string) => sup.say(line);
const warn = (line: string) => sup.warn(line);
/** A path as the user would type it: relative when under the current folder. */
const shown = (p: string) => (path.relative(process.cwd(), p).startsWith('..') ? p : path.relative(process.cwd(), p) || '.');
const step = <T>(work: Promise<T>) => sup.step(work);

/** Runs a Node child; one that dies on its own is started again (Restarts: back-off, a limit). */
function runChild(name: string, script: string, env: NodeJS.ProcessEnv): void {
  const file = path.join(root, 'dist', script);
  if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run npm run build (npm start does it first)`);
  const start = () => {
    const child = spawnNode(name, file, env, root);
    children.set(name, child);
    child.once('exit', (code, signal) => {
      if (children.get(name) === child) children.delete(name);
      restarts.died(name, signal ?? `exit ${code}`, start);
    });
    sup.track(name, child.pid, file);
  };
  start();
  sup.add(name, async () => {
    const child = children.get(name);
    if (child) await stopProcess(child, 15_000);
  });
}

/** Starts a server again after it died; stopped at once if a shutdown began meanwhile. */
async function restarted<T extends { stop(): Promise<void> }>(start: Promise<T>, keep: (server: T) => void): Promise<void> {
  const server = await start;
  keep(server);
  if (sup.stopping) await server.stop();
}

async function countCases(url: string): Promise<number> {
  const client = new Client({ connectionString: url, application_name: 'ttg-start' });
  await client.connect();
  try {
    const rows = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    return rows.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** The demo caseload module is optional: call it only if it exports the function. */
function demoCaseloadCreator(): ((baseUrl: string, password: string) => Promise<unknown>) | undefined {
  const candidate: unknown = (demoCaseload as Record<string, unknown>).createDemoCaseload;
  return typeof candidate === 'function' ? (candidate as (baseUrl: string, password: string) => Promise<unknown>) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Starting
// ---------------------------------------------------------------------------------------------
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const dataDir = path.resolve(root, config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  sup = new Supervisor(path.join(dataDir, 'supervisor.json'));
  restarts = new Restarts(sup);
  sup.handleSignals();
  await sup.begin(__filename);

  if (await portInUse(config.http.port)) {
    throw new Error(`port ${config.http.port} is already in use (is ttg already running?): stop what uses it or set PORT`);
  }

  let databaseUrl = config.database.url;
  if (config.database.embedded) {
    const since = Date.now();
    const pgDir = path.join(dataDir, 'postgres');
    say(`starting embedded PostgreSQL on 127.0.0.1:${config.database.embeddedPort} (data in ${shown(pgDir)}, log in ${shown(`${pgDir}.log`)})`);
    let db: EmbeddedDatabase;
    const options: EmbeddedPostgresOptions = {
      dataDir: pgDir,
      port: config.database.embeddedPort,
      persistent: true,
      detached: true,
      log: say,
      onExit: (how) => restarts.died('PostgreSQL server', how, () => restarted(startEmbeddedPostgres(options), (again) => (db = again))),
    };
    try {
      db = await step(startEmbeddedPostgres(options));
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n(set TTG_PG_PORT for another port, or DATABASE_URL to use an external PostgreSQL)`);
    }
    sup.add('PostgreSQL', () => db.stop());
    databaseUrl = db.url;
    say(`PostgreSQL ready (${seconds(since)})`);
  }
  if (!databaseUrl) throw new Error('no database: set DATABASE_URL');

  let temporalAddress = config.temporal.address;
  let temporalUi: string | null = config.temporal.embedded ? null : config.temporal.uiUrl;
  if (config.temporal.embedded) {
    let binary: string;
    try {
      say('looking for the Temporal CLI (a first run downloads or builds it into ~/.cache/ttg: this can take some minutes)…');
      binary = ensureTool('temporal');
    } catch (err) {
      if (err instanceof ToolError) throw new Error('no Temporal server to start (see above); or set TEMPORAL_ADDRESS to use an external Temporal cluster');
      throw err;
    }
    const since = Date.now();
    const dbFile = path.join(dataDir, 'temporal.db');
    say(`starting the Temporal dev server on 127.0.0.1:${config.temporal.embeddedPort} (workflows kept in ${shown(dbFile)})`);
    let temporal: DevServer;
    const options: DevServerOptions = {
      binary,
      dbFile,
      port: config.temporal.embeddedPort,
      uiPort: config.temporal.embeddedUiPort,
      uiCodecEndpoint: `http://localhost:${config.http.port}/codec`,
      searchAttributes: SEARCH_ATTRIBUTES,
      detached: true,
      pidFile: path.join(dataDir, 'temporal.pid'),
      // Its complaints while everything shuts down (peers gone) are noise.
      log: (line) => void (sup.stopping || process.stderr.write(`[temporal] ${line}\n`)),
      onExit: (how) => restarts.died('Temporal server', how, () => restarted(startTemporalDevServer(options), (again) => (temporal = again))),
    };
    try {
      temporal = await step(startTemporalDevServer(options));
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n(set TTG_TEMPORAL_PORT / TTG_TEMPORAL_UI_PORT for other ports, or TEMPORAL_ADDRESS to use an external Temporal cluster)`);
    }
    sup.add('Temporal', () => temporal.stop());
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
    say(`Temporal ready (${seconds(since)})`);
  }
  if (sup.stopping) return;

  const since = Date.now();
  const applied = await step(runMigrations(databaseUrl));
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema up to date');
  if (config.demo.seedUsers) await step(seedDemoUsers(databaseUrl, config.demo.password));
  const firstStart = (await step(countCases(databaseUrl))) === 0;
  say(`database ready (${seconds(since)})`);
  if (sup.stopping) return;

  const keys = payloadKeysFor(config, dataDir);
  if (keys.generated) say(`made a development key for workflow payloads in ${shown(keys.generated)} (set TTG_PAYLOAD_KEYS beyond this machine)`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...keys.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress };
  const create = demoCaseloadCreator();
  // Only into an empty embedded database (contract: never behind an external database's back).
  const makeDemo = firstStart && config.database.embedded && config.demo.caseload && config.demo.seedUsers && create !== undefined;
  // While this file exists, /health/ready answers 503: the demo caseload is still being created.
  const startingFlag = path.join(dataDir, 'demo-pending');
  if (makeDemo) writeFileSync(startingFlag, `${process.pid}\n`);
  else rmSync(startingFlag, { force: true });
  env.TTG_STARTING_FLAG = startingFlag;
  if (temporalUi) env.TEMPORAL_UI_URL = temporalUi;
  else delete env.TEMPORAL_UI_URL;
  runChild('worker', 'apps/worker/src/main.js', env);
  runChild('api', 'apps/api/src/main.js', env);

  const host = ['0.0.0.0', '::', ''].includes(config.http.host) ? '127.0.0.1' : config.http.host;
  const readyUrl = `http://${host.includes(':') ? `[${host}]` : host}:${config.http.port}/health/ready`;
  // A child that dies meanwhile starts the shutdown, which ends this wait at once.
  // Ready but for the demo caseload (which is made through the API): PostgreSQL and Temporal both answer.
  await waitFor(`the API to be ready (${readyUrl})`, async () => sup.stopping || servicesUp(await fetch(readyUrl)), 120_000);
  if (sup.stopping) return;
  const baseUrl = `http://localhost:${config.http.port}`;

  if (makeDemo && create) {
    const t = Date.now();
    say('creating the demo caseload through the API (first start only; TTG_DEMO=0 turns it off)…');
    try {
      // Not a step: Ctrl-C meanwhile stops the api under it rather than waiting for it.
      const made = await create(`http://127.0.0.1:${config.http.port}`, config.demo.password);
      say(`demo caseload created${typeof made === 'number' ? `: ${made} people` : ''} (${seconds(t)})`);
    } catch (err) {
      if (!sup.stopping) warn(`the demo caseload could not be created: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      rmSync(startingFlag, { force: true });
    }
  }
  if (sup.stopping) return;

  process.stdout.write(
    banner([
      `ttg is running (started in ${seconds(started)})`,
      '',
      `Open:         ${baseUrl}/`,
      `API docs:     ${baseUrl}/api/docs`,
      `Temporal UI:  ${temporalUi ?? (config.temporal.embedded ? '(none: the in-memory test server stands in)' : '(external cluster)')}`,
      ...(config.demo.seedUsers
        ? [
            '',
            ...signInLines(config.demo.password),
          ]
        : []),
      '',
      'Ctrl-C stops everything.',
    ]),
  );
}

/** A box that stands out from the children's log lines (bold when the terminal shows colour). */
function banner(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bold = process.stdout.isTTY ? (s: string) => `\u001b[1m${s}\u001b[22m` : (s: string) => s;
  const rule = `+${'-'.repeat(width)}+`;
  return ['', rule, ...lines.map((l) => `|  ${bold(l.padEnd(width - 4))}  |`), rule, '', ''].join('\n');
}

/** /health/ready's answer says PostgreSQL and Temporal are up (the demo caseload may still be pending). */
async function servicesUp(res: Response): Promise<boolean> {
  if (res.ok) return true;
  const body = (await res.json().catch(() => null)) as { checks?: Record<string, { status?: string }> } | null;
  return body?.checks?.postgres?.status === 'UP' && body.checks.temporal?.status === 'UP';
}

main().catch((err: unknown) => {
  process.stderr.write(`ttg: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  if (sup) void sup.shutdown(1, 'start-up failed');
  else process.exit(1);
});
