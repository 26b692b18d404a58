import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ConfigError, loadConfig, type AppConfig } from '../libs/config/src/config';
import { runMigrations } from '../libs/persistence/src/migrate';
import { seedDemoUsers } from '../libs/persistence/src/seed';
import * as demoCaseload from './lib/demo-caseload';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './lib/embedded-postgres';
import { portInUse } from './lib/ports';
import { commandLine, eachLine, isAlive, stopPid, stopProcess, waitFor } from './lib/process';
import { SEARCH_ATTRIBUTES } from './lib/search-attributes';
import { startTemporalDevServer, type DevServer } from './lib/temporal-dev-server';
import { ensureTool, ToolError } from './lib/tools';

/**
 * `npm start`: the supervisor for one machine. Starts embedded PostgreSQL and a Temporal dev
 * server unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere, runs the migrations (and seeds
 * the demo users), then runs the worker and the API as child processes. On SIGINT/SIGTERM it
 * stops the API, the worker, Temporal and PostgreSQL, in that order, and exits 0; when a child
 * dies on its own it stops everything and exits 1.
 *
 * Every child runs in its own process group, so a Ctrl-C in the terminal reaches only this
 * process and the order holds. A run killed outright (SIGKILL) leaves its children behind: their
 * pids are kept in <dataDir>/supervisor.json and the next start stops them first.
 */
const root = path.resolve(__dirname, '..', '..'); // dist/scripts → the repository
const started = Date.now();

type Stopper = { name: string; stop: () => Promise<void> };
const running: Stopper[] = []; // in start order; stopped in reverse
let inFlight: Promise<unknown> | undefined; // the start step under way (awaited before stopping)
let stopping = false;
let stateFile: string | undefined;

const say = (line: string) => process.stdout.write(`ttg: ${line}\n`);
const warn = (line: string) => process.stderr.write(`ttg: ${line}\n`);
/** A path as the user would type it: relative when under the current folder. */
const shown = (p: string) => (path.relative(process.cwd(), p).startsWith('..') ? p : path.relative(process.cwd(), p) || '.');
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs one start step so that a signal arriving meanwhile waits for it, then undoes it. */
async function step<T>(work: Promise<T>): Promise<T> {
  inFlight = work.catch(() => undefined);
  try {
    return await work;
  } finally {
    inFlight = undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// What a killed run left behind
// ---------------------------------------------------------------------------------------------
interface State {
  supervisor: number;
  children: Record<string, { pid: number; script: string }>;
}

function writeState(state: State): void {
  if (stateFile) writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

async function clearLeftovers(file: string): Promise<void> {
  if (!existsSync(file)) return;
  let state: State;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as State;
  } catch {
    rmSync(file, { force: true });
    return;
  }
  if (state.supervisor !== process.pid && isAlive(state.supervisor) && commandLine(state.supervisor).includes(__filename)) {
    throw new Error(`ttg is already running from this folder (pid ${state.supervisor}): stop it first, or set TTG_DATA_DIR to run another copy`);
  }
  for (const [name, child] of Object.entries(state.children)) {
    if (!isAlive(child.pid) || !commandLine(child.pid).includes(child.script)) continue;
    warn(`stopping the ${name} left running by an earlier run (pid ${child.pid})`);
    await stopPid(child.pid);
  }
  rmSync(file, { force: true });
}

// ---------------------------------------------------------------------------------------------
// Stopping
// ---------------------------------------------------------------------------------------------
async function shutdown(code: number, why: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`${why}; stopping…`);
  const watchdog = setTimeout(() => {
    warn('stopping took longer than 60 s; exiting anyway');
    process.exit(code || 1);
  }, 60_000);
  watchdog.unref();
  await inFlight;
  for (const item of [...running].reverse()) {
    const since = Date.now();
    try {
      await item.stop();
      say(`stopped ${item.name} (${seconds(since)})`);
    } catch (err) {
      warn(`stopping ${item.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (stateFile) rmSync(stateFile, { force: true });
  say('stopped');
  process.exit(code);
}

function runChild(name: string, script: string, env: NodeJS.ProcessEnv, state: State): ChildProcess {
  const file = path.join(root, 'dist', script);
  if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run npm run build (npm start does it first)`);
  const child = spawn(process.execPath, [file], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  eachLine(child.stdout, (line) => process.stdout.write(`[${name}] ${line}\n`));
  eachLine(child.stderr, (line) => process.stderr.write(`[${name}] ${line}\n`));
  child.once('exit', (code, signal) => {
    if (!stopping) void shutdown(1, `the ${name} stopped unexpectedly (${signal ?? `exit ${code}`})`);
  });
  if (child.pid) state.children[name] = { pid: child.pid, script: file };
  writeState(state);
  running.push({ name, stop: () => stopProcess(child, 15_000) });
  return child;
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
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(0, `${sig} received`));

  const dataDir = path.resolve(root, config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  stateFile = path.join(dataDir, 'supervisor.json');
  await clearLeftovers(stateFile);
  const state: State = { supervisor: process.pid, children: {} };
  writeState(state);

  if (await portInUse(config.http.port)) {
    throw new Error(`port ${config.http.port} is already in use (is ttg already running?): stop what uses it or set PORT`);
  }

  let databaseUrl = config.database.url;
  if (config.database.embedded) {
    const since = Date.now();
    const pgDir = path.join(dataDir, 'postgres');
    say(`starting embedded PostgreSQL on 127.0.0.1:${config.database.embeddedPort} (data in ${shown(pgDir)}, log in ${shown(`${pgDir}.log`)})`);
    let db: EmbeddedDatabase;
    try {
      db = await step(startEmbeddedPostgres({ dataDir: pgDir, port: config.database.embeddedPort, persistent: true, detached: true, log: say }));
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n(set TTG_PG_PORT for another port, or DATABASE_URL to use an external PostgreSQL)`);
    }
    running.push({ name: 'PostgreSQL', stop: () => db.stop() });
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
    try {
      temporal = await step(
        startTemporalDevServer({
          binary,
          dbFile,
          port: config.temporal.embeddedPort,
          uiPort: config.temporal.embeddedUiPort,
          searchAttributes: SEARCH_ATTRIBUTES,
          detached: true,
          pidFile: path.join(dataDir, 'temporal.pid'),
          // Its complaints while everything shuts down (peers gone) are noise.
          log: (line) => void (stopping || process.stderr.write(`[temporal] ${line}\n`)),
        }),
      );
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n(set TTG_TEMPORAL_PORT / TTG_TEMPORAL_UI_PORT for other ports, or TEMPORAL_ADDRESS to use an external Temporal cluster)`);
    }
    running.push({ name: 'Temporal', stop: () => temporal.stop() });
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
    say(`Temporal ready (${seconds(since)})`);
  }
  if (stopping) return;

  const since = Date.now();
  const applied = await step(runMigrations(databaseUrl));
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema up to date');
  if (config.demo.seedUsers) await step(seedDemoUsers(databaseUrl, config.demo.password));
  const firstStart = (await step(countCases(databaseUrl))) === 0;
  say(`database ready (${seconds(since)})`);
  if (stopping) return;

  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress };
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
  runChild('worker', 'apps/worker/src/main.js', env, state);
  runChild('api', 'apps/api/src/main.js', env, state);

  const host = ['0.0.0.0', '::', ''].includes(config.http.host) ? '127.0.0.1' : config.http.host;
  const readyUrl = `http://${host.includes(':') ? `[${host}]` : host}:${config.http.port}/health/ready`;
  // A child that dies meanwhile starts the shutdown, which ends this wait at once.
  // Ready but for the demo caseload (which is made through the API): PostgreSQL and Temporal both answer.
  await waitFor(`the API to be ready (${readyUrl})`, async () => stopping || servicesUp(await fetch(readyUrl)), 120_000);
  if (stopping) return;
  const baseUrl = `http://localhost:${config.http.port}`;

  if (makeDemo && create) {
    const t = Date.now();
    say('creating the demo caseload through the API (first start only; TTG_DEMO=0 turns it off)…');
    try {
      // Not a step: Ctrl-C meanwhile stops the api under it rather than waiting for it.
      const made = await create(`http://127.0.0.1:${config.http.port}`, config.demo.password);
      say(`demo caseload created${typeof made === 'number' ? `: ${made} people` : ''} (${seconds(t)})`);
    } catch (err) {
      if (!stopping) warn(`the demo caseload could not be created: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      rmSync(startingFlag, { force: true });
    }
  }
  if (stopping) return;

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
            'Sign in as:   prison.staff  (prison resettlement staff, HMP Leeds)',
            '              com.officer   (community offender manager)',
            '              manager       (manager, Yorkshire and the Humber)',
            '              admin         (administrator)',
            `Password:     ${config.demo.password}`,
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
  warn(`could not start: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1, 'start-up failed');
});
