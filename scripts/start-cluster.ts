import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from '@ttg/config/config';
import { runMigrations } from '@ttg/persistence/migrate';
import { seedDemoUsers } from '@ttg/persistence/seed';
import { AppFleet } from './lib/cluster';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import { payloadKeysFor } from './lib/payload-keys';
import { portInUse } from './lib/ports';
import { SEARCH_ATTRIBUTES } from './lib/search-attributes';
import { Restarts, seconds, Supervisor } from './lib/supervisor';
import { setupTemporalSchema, startTemporalServer, type PostgresEndpoint } from './lib/temporal-server';
import { ensureTool, ToolError } from './lib/tools';

/**
 * `npm run start:cluster`: the topology of several machines, as processes on this one. The real
 * Temporal server on PostgreSQL (not the dev server), TTG_WORKERS workers on the one task queue
 * and TTG_API_INSTANCES API instances on PORT, PORT+1, …, all on the same PostgreSQL (embedded,
 * in <TTG_DATA_DIR>/cluster, unless DATABASE_URL is set). A worker or API that dies is reported
 * and started again after a short back-off (more than 3 deaths of one process in a minute stop
 * everything; the same Restarts as `npm start`); the
 * Temporal server or PostgreSQL dying stops everything (exit 1). SIGINT/SIGTERM stop the APIs,
 * the workers, Temporal and PostgreSQL in that order.
 */
const root = path.resolve(__dirname, '..', '..'); // dist/scripts → the repository
const started = Date.now();
/** A process of the fleet restarted at once, then after 1 and 2 s; a fourth death within a minute stops everything. */
const FLEET_RESTARTS = { limit: 3, windowMs: 60_000, firstDelayMs: 500, maxDelayMs: 2_000 };

function endpointOf(url: string): PostgresEndpoint {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

async function main(config: AppConfig, sup: Supervisor): Promise<void> {
  const dataDir = path.resolve(root, config.dataDir, 'cluster');
  mkdirSync(dataDir, { recursive: true });
  await sup.begin(__filename);
  const apiPorts = Array.from({ length: config.cluster.apiInstances }, (_, i) => config.http.port + i);
  for (const port of apiPorts) if (await portInUse(port)) throw new Error(`port ${port} is already in use (is ttg already running?): set PORT`);

  let databaseUrl = config.database.url;
  if (config.database.embedded) {
    const since = Date.now();
    const pgDir = path.join(dataDir, 'postgres');
    sup.say(`starting embedded PostgreSQL on 127.0.0.1:${config.database.embeddedPort} (data in ${path.relative(process.cwd(), pgDir)})`);
    const db = await sup.step(startEmbeddedPostgres({ dataDir: pgDir, port: config.database.embeddedPort, persistent: true, detached: true, log: (l) => sup.say(l) }));
    sup.add('PostgreSQL', () => db.stop());
    databaseUrl = db.url;
    sup.say(`PostgreSQL ready (${seconds(since)})`);
  }
  if (!databaseUrl) throw new Error('no database: set DATABASE_URL');

  let temporalAddress = config.temporal.address;
  let temporalProcesses = '(external cluster)';
  if (config.temporal.embedded) {
    let toolDir: string;
    try {
      toolDir = ensureTool('temporal-server');
    } catch (err) {
      if (err instanceof ToolError) throw new Error('no Temporal server to start (see above); or set TEMPORAL_ADDRESS to use an external Temporal cluster');
      throw err;
    }
    const since = Date.now();
    const db = endpointOf(databaseUrl);
    await sup.step(setupTemporalSchema(toolDir, db, (l) => sup.say(l)));
    sup.say(`starting the Temporal server on 127.0.0.1:${config.temporal.embeddedPort} (${config.cluster.temporalServices === 'all' ? 'one process' : 'one process per service'}; schema up to date in databases temporal, temporal_visibility)`);
    const server = await sup.step(
      startTemporalServer({
        toolDir,
        root,
        db,
        ports: { frontend: config.temporal.embeddedPort },
        layout: config.cluster.temporalServices,
        searchAttributes: SEARCH_ATTRIBUTES,
        detached: true,
        log: (line) => void (sup.stopping || process.stderr.write(`${line}\n`)),
        onExit: (name, how) => void sup.shutdown(1, `the Temporal server (${name}) stopped unexpectedly (${how})`),
      }),
    );
    for (const p of server.processes) sup.track(p.name, p.pid, path.join(toolDir, 'temporal-server'));
    sup.add('Temporal', () => server.stop());
    temporalAddress = server.address;
    temporalProcesses = server.processes.map((p) => `${p.name} (pid ${p.pid})`).join(', ');
    sup.say(`Temporal ready (${seconds(since)})`);
  }
  if (sup.stopping) return;

  const applied = await sup.step(runMigrations(databaseUrl));
  sup.say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema up to date');
  if (config.demo.seedUsers) await sup.step(seedDemoUsers(databaseUrl, config.demo.password));
  if (sup.stopping) return;

  // One signing key for every API instance (a token or form from one is good at the others):
  // JWT_SECRET, or a random one for this run (restarted instances get the same).
  const jwtSecret = config.auth.jwtSecret ?? randomBytes(32).toString('hex');
  const env: NodeJS.ProcessEnv = { ...process.env, ...payloadKeysFor(config, dataDir).env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, HOST: '127.0.0.1', JWT_SECRET: jwtSecret };
  delete env.TEMPORAL_UI_URL; // no Temporal UI in this profile (docker compose runs one)
  const restarts = new Restarts(sup, FLEET_RESTARTS);
  const fleet: AppFleet = new AppFleet({
    root,
    env,
    workers: config.cluster.workers,
    apiPorts,
    workerMetricsPort: config.temporal.workerMetricsPort,
    onSpawn: (name, pid, script) => sup.track(name, pid, script),
    onExit: (name, how) => restarts.died(name, how, () => fleet.start(name)),
  });
  sup.add(`${config.cluster.workers} workers and ${apiPorts.length} API instances`, () => fleet.stopAll());
  fleet.startAll();
  await sup.step(Promise.all(fleet.specs.map((s) => fleet.waitReady(s.name, temporalAddress, config.temporal.taskQueue))));
  if (sup.stopping) return;

  process.stdout.write(
    [
      '',
      `  ttg cluster profile is running (started in ${seconds(started)})`,
      ...fleet.apiUrls().map((url, i) => `  ${i === 0 ? 'web / API:' : '          '}    ${url}/   (api-${i + 1}, pid ${fleet.pid(`api-${i + 1}`)})`),
      `  workers:      ${fleet.specs.filter((s) => s.kind === 'worker').map((s) => `${s.name} (pid ${fleet.pid(s.name)})`).join(', ')} on task queue ${config.temporal.taskQueue}`,
      `  Temporal:     ${temporalAddress}: ${temporalProcesses}`,
      '  Temporal UI:  none in this profile (docker compose runs one)',
      ...(config.demo.seedUsers ? [`  demo users:   prison.staff, com.officer, manager, admin (password ${config.demo.password})`] : []),
      '  Ctrl-C stops everything.',
      '',
      '',
    ].join('\n'),
  );
}

let config: AppConfig;
try {
  config = loadConfig();
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
}
const supervisor = new Supervisor(path.resolve(root, config.dataDir, 'cluster', 'supervisor.json'));
supervisor.handleSignals();
main(config, supervisor).catch((err: unknown) => {
  supervisor.warn(`could not start: ${err instanceof Error ? err.message : String(err)}`);
  void supervisor.shutdown(1, 'start-up failed');
});
