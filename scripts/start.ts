import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from '../libs/config/src/config';
import { createDataSource } from '../libs/persistence/src/data-source';
import { runMigrations } from '../libs/persistence/src/migrate';
import { seedDemoUsers } from '../libs/persistence/src/seed';
import { createDemoCaseload } from './lib/demo-caseload';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './lib/embedded-postgres';
import { portInUse } from './lib/ports';
import { stopProcess, waitFor } from './lib/process';
import { SEARCH_ATTRIBUTES } from './lib/search-attributes';
import { startTemporalDevServer, type DevServer } from './lib/temporal-dev-server';
import { ensureTool } from './lib/tools';

/**
 * `npm start`: starts what this machine needs (embedded PostgreSQL and a Temporal dev server
 * unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere), runs the migrations, then the worker
 * and the API as child processes; stops them all on Ctrl-C.
 */
const root = path.join(__dirname, '..', '..');
const started = Date.now();
const children: ChildProcess[] = [];
let db: EmbeddedDatabase | undefined;
let temporal: DevServer | undefined;
let stopping = false;

const say = (line: string) => process.stdout.write(`ttg: ${line}\n`);

function prefixed(name: string, child: ChildProcess): void {
  const pipe = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
    let buffer = '';
    stream?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) out.write(`[${name}] ${line}\n`);
    });
  };
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
}

function runChild(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [path.join(root, 'dist', script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  prefixed(name, child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`ttg: ${name} stopped unexpectedly (${signal ?? code}); stopping everything\n`);
    void shutdown(1);
  });
  children.push(child);
  return child;
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const child of [...children].reverse()) await stopProcess(child);
  await temporal?.stop().catch(() => undefined);
  await db?.stop().catch(() => undefined);
  say('stopped');
  process.exit(code);
}

async function countCases(url: string): Promise<number> {
  const ds = createDataSource(url, { poolSize: 1, applicationName: 'ttg-start' });
  await ds.initialize();
  try {
    const rows: { n: number }[] = await ds.query('SELECT count(*)::int AS n FROM cases');
    return rows[0].n;
  } finally {
    await ds.destroy();
  }
}

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
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  const dataDir = path.resolve(root, config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const ports: [number, string][] = [[config.http.port, 'PORT']];
  if (config.database.embedded) ports.push([config.database.embeddedPort, 'TTG_PG_PORT']);
  if (config.temporal.embedded) ports.push([config.temporal.embeddedPort, 'TTG_TEMPORAL_PORT'], [config.temporal.embeddedUiPort, 'TTG_TEMPORAL_UI_PORT']);
  for (const [port, variable] of ports) {
    if (await portInUse(port)) throw new Error(`port ${port} is already in use (is ttg already running?): stop what uses it or set ${variable}`);
  }

  let databaseUrl = config.database.url;
  if (config.database.embedded) {
    say(`starting embedded PostgreSQL on port ${config.database.embeddedPort} (data in ${path.relative(process.cwd(), dataDir) || '.'}/postgres)`);
    db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: config.database.embeddedPort, persistent: true });
    databaseUrl = db.url;
  }
  if (!databaseUrl) throw new Error('no database');

  let temporalAddress = config.temporal.address;
  let temporalUi: string | null = config.temporal.uiUrl;
  if (config.temporal.embedded) {
    const binary = ensureTool('temporal');
    say(`starting the Temporal dev server on port ${config.temporal.embeddedPort} (history in ${path.join(config.dataDir, 'temporal.db')})`);
    temporal = await startTemporalDevServer({
      binary,
      dbFile: path.join(dataDir, 'temporal.db'),
      port: config.temporal.embeddedPort,
      uiPort: config.temporal.embeddedUiPort,
      searchAttributes: SEARCH_ATTRIBUTES,
    });
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
  }

  const applied = await runMigrations(databaseUrl);
  if (applied.length) say(`migrations applied: ${applied.join(', ')}`);
  if (config.demo.seedUsers) await seedDemoUsers(databaseUrl, config.demo.password);
  const firstStart = (await countCases(databaseUrl)) === 0;

  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_UI_URL: temporalUi ?? undefined };
  runChild('worker', 'apps/worker/src/main.js', env);
  runChild('api', 'apps/api/src/main.js', env);
  const baseUrl = `http://localhost:${config.http.port}`;
  await waitFor('the API to be ready', async () => (await fetch(`${baseUrl}/health/ready`)).ok, 120_000);

  if (firstStart && config.demo.caseload && config.demo.seedUsers) {
    say('creating the demo caseload through the API (first start only; TTG_DEMO=0 turns it off)…');
    const n = await createDemoCaseload(baseUrl, config.demo.password);
    say(`demo caseload: ${n} people`);
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    [
      '',
      `  ttg is running (started in ${seconds} s)`,
      `  web:          ${baseUrl}/`,
      `  API docs:     ${baseUrl}/api/docs`,
      `  Temporal UI:  ${temporalUi ?? '(external cluster)'}`,
      ...(config.demo.seedUsers
        ? [`  sign in as:   prison.staff (prison LEI), com.officer, manager, admin — password: ${config.demo.password}`]
        : []),
      '  Ctrl-C stops everything.',
      '',
    ].join('\n') + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`ttg: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  void shutdown(1);
});
