import { type Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, portInUse } from './ports';
import { stopProcess } from './process';
import { type SearchAttributeType } from './search-attributes';
import { ensureSearchAttributes, waitUntilServing } from './temporal-dev-server';

/**
 * The Temporal server itself (not the dev server) on PostgreSQL, from the binaries scripts/tools.sh
 * builds (`scripts/tools.sh temporal-server`) and the configuration config/temporal/
 * development-postgres.yaml: the schema set up and upgraded by temporal-sql-tool, the default
 * namespace registered, the search attributes added. All four services in one process, or each
 * in its own (`separate`), as a production deployment would run them on several machines.
 */
export type TemporalService = 'frontend' | 'history' | 'matching' | 'worker';
export const TEMPORAL_SERVICES: readonly TemporalService[] = ['frontend', 'history', 'matching', 'worker'];

/** Each service's gRPC and membership (ringpop) port, the frontend's HTTP port and a metrics port per process. */
export type ServerPorts = Record<TemporalService | `${TemporalService}Membership` | 'frontendHttp' | 'metrics', number>;

export interface PostgresEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface TemporalServerOptions {
  /** The folder `scripts/tools.sh temporal-server` prints (temporal-server, temporal-sql-tool, schema/). */
  toolDir: string;
  /** The repository: holds config/temporal/ (the server runs with it as its working folder). */
  root: string;
  db: PostgresEndpoint;
  /** Ports to use; missing ones are free loopback ports (the frontend's default 7233). */
  ports?: Partial<ServerPorts>;
  /** `all`: one process runs the four services (default); `separate`: one process per service. */
  layout?: 'all' | 'separate';
  searchAttributes: Record<string, SearchAttributeType>;
  /** Days a closed workflow's history is kept when the namespace is first registered (default 7). */
  retentionDays?: number;
  /** Receives progress and the server's own log lines, prefixed with the process name. */
  log?: (line: string) => void;
  /** Own process groups: a terminal's Ctrl-C reaches only the supervisor (default false). */
  detached?: boolean;
  /** Called when a server process exits without being asked to (after start-up). */
  onExit?: (name: string, how: string) => void;
  startTimeoutMs?: number;
}

export interface TemporalServer {
  address: string;
  ports: ServerPorts;
  processes: { name: string; pid: number | undefined }[];
  /** Stops every process (SIGTERM, then SIGKILL after 20 s); safe to call twice. */
  stop(): Promise<void>;
}

const DATABASES = { temporal: 'temporal', visibility: 'temporal_visibility' } as const;
const GRPC_ALREADY_EXISTS = 6;

function runTool(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(file)} ${args.slice(-3).join(' ')} failed: ${(stderr || stdout || err.message).trim().split('\n').slice(-5).join('\n')}`));
      else resolve(stdout + stderr);
    });
  });
}

/**
 * Creates the `temporal` and `temporal_visibility` databases and their version tables on first use
 * (create-database, setup-schema -v 0.0: both do nothing when already done) and upgrades both to
 * the versions the server ships (update-schema: a no-op when up to date), with temporal-sql-tool
 * and the schema files of the server's own version. docker-compose.yml runs the same commands.
 */
export async function setupTemporalSchema(toolDir: string, db: PostgresEndpoint, log: (line: string) => void = () => undefined): Promise<void> {
  const tool = path.join(toolDir, 'temporal-sql-tool');
  const connection = ['--plugin', 'postgres12', '--ep', db.host, '-p', String(db.port), '-u', db.user, '--pw', db.password];
  for (const [kind, name] of Object.entries(DATABASES)) {
    const versioned = path.join(toolDir, 'schema', 'postgresql', 'v12', kind, 'versioned');
    if (!existsSync(versioned)) throw new Error(`${versioned} is missing: rebuild with scripts/tools.sh temporal-server`);
    await runTool(tool, [...connection, '--db', name, 'create-database']);
    await runTool(tool, [...connection, '--db', name, 'setup-schema', '-v', '0.0']);
    await runTool(tool, [...connection, '--db', name, 'update-schema', '-d', versioned]);
    log(`database ${name}: Temporal schema up to date (${path.relative(toolDir, versioned)})`);
  }
}

/** A free loopback port below 32768: the cluster_membership table keeps ports as smallint. */
async function freeMembershipPort(taken: Set<number>): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.has(port) && !(await portInUse(port)) && (await canListen(port))) return port;
  }
  throw new Error('no free port between 20000 and 32000 for the Temporal membership (ringpop) listeners');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePorts(given: Partial<ServerPorts>): Promise<ServerPorts> {
  const ports = { frontend: 7233, ...given } as Partial<ServerPorts>;
  const taken = new Set(Object.values(ports));
  for (const service of TEMPORAL_SERVICES) {
    ports[service] ??= await freePort();
    const membership = `${service}Membership` as const;
    ports[membership] ??= await freeMembershipPort(taken);
    taken.add(ports[membership]);
  }
  ports.frontendHttp ??= await freePort();
  ports.metrics ??= await freePort();
  return ports as ServerPorts;
}

/** The environment config/temporal/development-postgres.yaml is rendered with. */
function serverEnv(db: PostgresEndpoint, ports: ServerPorts, metricsPort: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    TEMPORAL_DB_HOST: db.host,
    TEMPORAL_DB_PORT: String(db.port),
    TEMPORAL_DB_USER: db.user,
    TEMPORAL_DB_PASSWORD: db.password,
    TEMPORAL_FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    TEMPORAL_METRICS_PORT: String(metricsPort),
  };
  for (const service of TEMPORAL_SERVICES) {
    env[`TEMPORAL_${service.toUpperCase()}_PORT`] = String(ports[service]);
    env[`TEMPORAL_${service.toUpperCase()}_MEMBERSHIP_PORT`] = String(ports[`${service}Membership`]);
  }
  return env;
}

/** Registers the namespace unless it exists, then waits until the frontend serves it. */
async function ensureNamespace(connection: Connection, namespace: string, retentionDays: number, deadline: number): Promise<void> {
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`) });
  } catch (err) {
    if (!isGrpcServiceError(err) || err.code !== GRPC_ALREADY_EXISTS) throw err;
  }
  for (;;) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Starts the server on an already set-up schema (see setupTemporalSchema) and resolves once it serves `default`. */
export async function startTemporalServer(opts: TemporalServerOptions): Promise<TemporalServer> {
  const log = opts.log ?? (() => undefined);
  const binary = path.join(opts.toolDir, 'temporal-server');
  const ports = await choosePorts(opts.ports ?? {});
  if (await portInUse(ports.frontend)) throw new Error(`cannot start the Temporal server: port ${ports.frontend} is already in use`);
  const groups: (TemporalService[] | null)[] = opts.layout === 'separate' ? TEMPORAL_SERVICES.map((s) => [s]) : [null];
  const children: { name: string; child: ChildProcess }[] = [];
  const recent: string[] = [];
  let failure: string | null = null;
  let stopping = false;
  for (const [i, services] of groups.entries()) {
    const name = services ? `temporal-${services[0]}` : 'temporal';
    const args = ['--root', opts.root, '--config', 'config/temporal', '--env', 'development-postgres', '--allow-no-auth', 'start', ...(services ?? []).flatMap((s) => ['--service', s])];
    // One metrics listener per process: the first takes the configured port, the others free ones.
    const metrics = i === 0 ? ports.metrics : await freePort();
    const child = spawn(binary, args, { cwd: opts.root, env: serverEnv(opts.db, ports, metrics), stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached ?? false });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (!line.trim()) return;
        recent.push(`[${name}] ${line}`);
        if (recent.length > 20) recent.shift();
        log(`[${name}] ${line}`);
      });
    }
    child.once('error', (err) => (failure ??= `${name} could not be started (${binary}): ${err.message}`));
    child.once('exit', (code, signal) => {
      const how = signal ?? `exit ${code}`;
      failure ??= `${name} exited while starting (${how})`;
      if (!stopping) opts.onExit?.(name, how);
    });
    children.push({ name, child });
  }
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      await Promise.all(children.map(({ child }) => stopProcess(child, 20_000)));
    })());
  const address = `127.0.0.1:${ports.frontend}`;
  const timeoutMs = opts.startTimeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  const gone = () => (failure ? `${failure}${recent.length ? `:\n${recent.join('\n')}` : ''}` : null);
  // The default namespace and the search attributes, once the frontend answers; on failure, stop.
  const prepare = async () => {
    const connection = await waitUntilServing(address, gone, timeoutMs, null);
    await ensureNamespace(connection, 'default', opts.retentionDays ?? 7, deadline)
      .then(() => ensureSearchAttributes(connection, opts.searchAttributes))
      .finally(() => void connection.close().catch(() => undefined));
  };
  await prepare().catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  failure = null;
  return { address, ports, processes: children.map(({ name, child }) => ({ name, pid: child.pid })), stop };
}
