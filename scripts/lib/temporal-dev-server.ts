import { Connection, isGrpcServiceError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { portInUse } from './ports';
import { commandLine, eachLine, isAlive, stopPid, stopProcess } from './process';
import { type SearchAttributeType } from './search-attributes';

export interface DevServer {
  /** host:port of the frontend gRPC service. */
  address: string;
  /** The Temporal UI, or null when there is none (headless, or the Java test server stands in). */
  uiUrl: string | null;
  /** True when the in-memory Java test server stands in for the dev server (tools.sh fallback). */
  inMemory: boolean;
  pid: number | undefined;
  /** SIGTERM, then SIGKILL when it has not gone after the grace period. */
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** The `temporal` CLI, or the `temporal-test-server` wrapper that tools.sh falls back to. */
  binary: string;
  /** SQLite file that keeps workflows across restarts. */
  dbFile: string;
  port: number;
  /** Port of the Temporal UI; null (or `headless`) for none. */
  uiPort: number | null;
  searchAttributes: Record<string, SearchAttributeType>;
  headless?: boolean;
  /** Receives the server's own log lines (default: dropped). */
  log?: (line: string) => void;
  /** `temporal server start-dev --log-level` (default `warn`). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Own process group: a terminal's Ctrl-C reaches only the supervisor (default false). */
  detached?: boolean;
  /**
   * Records the server's pid; on the next start a server still running from a killed run (same
   * pid file, same database file) is stopped before a new one opens the database.
   */
  pidFile?: string;
  /** The Temporal UI's remote codec endpoint (ttg's /codec), so it shows payloads decrypted to administrators. */
  uiCodecEndpoint?: string;
  /** Bound on the wait for the server to answer (default 90 s). */
  startTimeoutMs?: number;
  /** `--dynamic-config-value KEY=VALUE` for each entry (values as JSON), e.g. the search-attribute cache refresh. */
  dynamicConfig?: Record<string, string | number | boolean>;
  /** Grace period between SIGTERM and SIGKILL on stop (default 10 s). */
  stopGraceMs?: number;
  /** Told when the server, once serving, exits without stop() asking it to (a supervisor restarts it). */
  onExit?: (how: string) => void;
}

// gRPC status codes (grpc.io/docs/guides/status-codes).
const GRPC_ALREADY_EXISTS = 6;
const GRPC_UNIMPLEMENTED = 12;

const INDEXED_VALUE_TYPE: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Text: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Bool: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
};

async function stopLeftover(pidFile: string, marker: string, log: (line: string) => void): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  // Not the server (or cannot tell what it is): leave it alone.
  if (!commandLine(pid).includes(marker)) return;
  log(`stopping the Temporal server left running by an earlier run (pid ${pid})`);
  if (!(await stopPid(pid, { timeoutMs: 20_000 }))) throw new Error(`the Temporal server left by an earlier run (pid ${pid}) does not stop`);
}

/** Connects with backoff until the frontend answers (and serves `namespace`), bounded; fails fast if the server exits. */
export async function waitUntilServing(address: string, exited: () => string | null, timeoutMs: number, namespace: string | null = 'default'): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  let delay = 100;
  let lastError = '';
  for (;;) {
    const gone = exited();
    if (gone) throw new Error(gone);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await connection.workflowService.getSystemInfo({});
        if (namespace) await connection.workflowService.describeNamespace({ namespace });
        return connection;
      } catch (err) {
        await connection.close();
        throw err;
      }
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) throw new Error(`the Temporal server at ${address} did not answer within ${timeoutMs / 1000} s (${lastError})`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 1000);
  }
}

/**
 * Registers the search attributes that are missing. The dev server already did it from its flags
 * (this then only checks); the Java test server has no ListSearchAttributes, so all are added.
 */
export async function ensureSearchAttributes(connection: Connection, wanted: Record<string, SearchAttributeType>): Promise<void> {
  let missing = Object.entries(wanted);
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    missing = missing.filter(([name]) => !customAttributes || !(name in customAttributes));
  } catch (err) {
    if (!isGrpcServiceError(err) || err.code !== GRPC_UNIMPLEMENTED) throw err;
  }
  if (missing.length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace: 'default',
      searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, INDEXED_VALUE_TYPE[type]])),
    });
  } catch (err) {
    if (!isGrpcServiceError(err) || err.code !== GRPC_ALREADY_EXISTS) throw err;
  }
}

/**
 * Starts `temporal server start-dev` with its state in a SQLite file (workflows survive a
 * restart), the Temporal UI, and the search attributes the workflows need; resolves once a
 * client can reach it. When tools.sh fell back to the Java test server, starts that instead
 * (in memory, no UI).
 */
export async function startTemporalDevServer(opts: DevServerOptions): Promise<DevServer> {
  const log = opts.log ?? (() => undefined);
  const inMemory = path.basename(opts.binary) === 'temporal-test-server';
  const headless = inMemory || opts.headless === true || opts.uiPort === null;
  const dbFile = path.resolve(opts.dbFile);
  if (opts.pidFile) await stopLeftover(opts.pidFile, inMemory ? 'io.temporal.testserver.TestServer' : dbFile, log);

  for (const port of headless ? [opts.port] : [opts.port, opts.uiPort]) {
    if (port !== null && (await portInUse(port))) throw new Error(`cannot start the Temporal server: port ${port} is already in use`);
  }
  let args: string[];
  if (inMemory) {
    log('the in-memory Java test server stands in for the Temporal dev server: workflows do not survive a restart');
    args = [String(opts.port)];
  } else {
    args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--db-filename', dbFile, '--log-level', opts.logLevel ?? 'warn'];
    if (headless) args.push('--headless');
    else args.push('--ui-port', String(opts.uiPort), ...(opts.uiCodecEndpoint ? ['--ui-codec-endpoint', opts.uiCodecEndpoint] : []));
    for (const [name, type] of Object.entries(opts.searchAttributes)) args.push('--search-attribute', `${name}=${type}`);
    for (const [key, value] of Object.entries(opts.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  const child = spawn(opts.binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached ?? false });
  const recent: string[] = [];
  // A Go panic's message comes before a stack longer than the lines kept: kept on its own.
  let cause: string | undefined;
  const forward = (line: string) => {
    if (cause === undefined && /^(panic|fatal error|Error)\b/.test(line)) cause = line;
    recent.push(line);
    if (recent.length > 20) recent.shift();
    log(line);
  };
  eachLine(child.stdout, forward);
  eachLine(child.stderr, forward);
  let exited: string | null = null;
  child.once('error', (err) => (exited = `the Temporal server could not be started (${opts.binary}): ${err.message}`));
  child.once('exit', (code, signal) => (exited ??= `the Temporal server exited while starting (${signal ?? `exit ${code}`})${cause ? `: ${cause}` : ''}${recent.length ? `:\n${recent.join('\n')}` : ''}`));
  if (opts.pidFile && child.pid) writeFileSync(opts.pidFile, `${child.pid}\n`);

  const address = `127.0.0.1:${opts.port}`;
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await stopProcess(child, opts.stopGraceMs ?? 10_000);
    if (opts.pidFile) rmSync(opts.pidFile, { force: true });
  };
  try {
    const connection = await waitUntilServing(address, () => exited, opts.startTimeoutMs ?? 90_000);
    try {
      await ensureSearchAttributes(connection, opts.searchAttributes);
    } finally {
      await connection.close();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  child.once('exit', (code, signal) => stopping || opts.onExit?.(signal ?? `exit ${code}`));
  let stopped: Promise<void> | undefined;
  return {
    address,
    uiUrl: headless ? null : `http://localhost:${opts.uiPort}`,
    inMemory,
    pid: child.pid,
    stop: () => (stopped ??= stop()),
  };
}
