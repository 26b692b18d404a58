import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@ttg/persistence/migrate';
import { seedDemoUsers } from '@ttg/persistence/seed';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';
import { freePort } from '../../scripts/lib/ports';
import { SEARCH_ATTRIBUTES } from '../../scripts/lib/search-attributes';
import { startTemporalDevServer } from '../../scripts/lib/temporal-dev-server';
import { ensureTool } from '../../scripts/lib/tools';
import type { CpuSources } from './cpu';

/**
 * Configuration a run measures (`bench/run.ts` flags): unset means as `npm start` runs it.
 * `searchAttributeCacheRefresh`: the dev server's `system.forceSearchAttributesCacheRefreshOnRead`
 * (the CLI forces it on); `workerCache`: the pathway worker's `maxCachedWorkflows`; `workerPool`:
 * the worker's PostgreSQL pool (the projection's local activities each hold a connection).
 */
export interface BenchConfig {
  searchAttributeCacheRefresh?: boolean;
  workerCache?: number;
  workerPool?: number;
}

/** The demo users' password in the benchmark's database (the product's seed sets it). */
export const BENCH_PASSWORD = 'bench-password';

/** PostgreSQL and Temporal for one benchmark run: embedded on this machine, or the configured ones. */
export interface Infra {
  /** The product database: migrated, demo users seeded. */
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  description: { postgres: string; temporal: string };
  /** Where to read the embedded servers' CPU time (nothing for external services). */
  cpu: CpuSources;
  /** A sibling database on the same PostgreSQL server, created empty (dropped first if present). */
  freshDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

function siblingUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Starts what the benchmarks need. With DATABASE_URL / TEMPORAL_ADDRESS set, those are used and
 * nothing is embedded for them (the database must be one the benchmark may write to: it is
 * migrated, the demo users' password is set, cases are created and sibling databases
 * `ttg_bench_*` are created and dropped).
 */
export async function startInfra(log: (line: string) => void, config: BenchConfig = {}): Promise<Infra> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ttg-bench-'));
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err: unknown) => log(`cleanup: ${err instanceof Error ? err.message : String(err)}`));
    rmSync(dir, { recursive: true, force: true });
  };
  const cpu: CpuSources = {};
  try {
    let databaseUrl = process.env.DATABASE_URL;
    let postgres: string;
    if (databaseUrl) {
      postgres = 'external (DATABASE_URL)';
    } else {
      const db = await startEmbeddedPostgres({
        dataDir: path.join(dir, 'postgres'),
        port: await freePort(),
        // As `npm start` runs it (fsync on); the folder is a temporary one, removed at the end.
        persistent: true,
        detached: false,
        database: 'ttg_bench',
        logFile: path.join(dir, 'postgres.log'),
      });
      stops.push(() => db.stop());
      databaseUrl = db.url;
      cpu.postgresDataDir = db.dataDir;
      postgres = 'embedded (embedded-postgres, fsync on)';
    }
    const version = await withClient(databaseUrl, async (c) => (await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v);
    postgres = `PostgreSQL ${version}, ${postgres}`;
    await runMigrations(databaseUrl);
    await seedDemoUsers(databaseUrl, BENCH_PASSWORD);

    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    let temporal: string;
    if (temporalAddress) {
      temporal = `external (TEMPORAL_ADDRESS ${temporalAddress})`;
    } else {
      const binary = ensureTool('temporal');
      const server = await startTemporalDevServer({
        binary,
        dbFile: path.join(dir, 'temporal.db'),
        port: await freePort(),
        uiPort: null,
        headless: true,
        searchAttributes: SEARCH_ATTRIBUTES,
        // The CLI turns the refresh on for a dev server; the option measures the server without it.
        dynamicConfig: config.searchAttributeCacheRefresh === undefined ? {} : { 'system.forceSearchAttributesCacheRefreshOnRead': config.searchAttributeCacheRefresh },
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      cpu.temporalPid = server.pid;
      let cli = path.basename(binary);
      try {
        cli = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
      } catch {
        // the Java test server wrapper has no --version
      }
      temporal = server.inMemory ? 'the in-memory Java test server (no temporal CLI on this machine)' : `dev server, ${cli}, SQLite file`;
    }
    const url = databaseUrl;
    return {
      databaseUrl: url,
      temporalAddress,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
      description: { postgres, temporal },
      cpu,
      async freshDatabase(name) {
        await withClient(url, async (c) => {
          await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
          await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
        });
        return siblingUrl(url, name);
      },
      async dropDatabase(name) {
        await withClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
