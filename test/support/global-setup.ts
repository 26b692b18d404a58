import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Jest runs the global set-up outside its module map: this first import resolves the path aliases.
import './source-aliases';
import { runMigrations } from '../../libs/persistence/src/migrate';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../scripts/lib/embedded-postgres';
import { freePort } from '../../scripts/lib/ports';
import { ensureTool } from '../../scripts/lib/tools';

/** What global-teardown.ts needs; kept on globalThis (setup and teardown share the jest process). */
export interface TestRunState {
  db: EmbeddedDatabase;
  dir: string;
}

declare global {
  var __TTG_TEST_RUN__: TestRunState | undefined;
}

/**
 * Once per jest run (the integration and e2e tiers name the same module, which jest runs once):
 * a fresh real PostgreSQL from embedded-postgres on a free loopback port, migrated, and the
 * Temporal tools (built or fetched once per machine by scripts/tools.sh). Published to the tests
 * through the environment, which jest's workers inherit:
 *   TTG_TEST_DATABASE_URL  postgres://… of the migrated test database
 *   TTG_TEST_SERVER_PATH   the time-skipping test server wrapper (test/support/time-skipping.ts)
 *   TTG_TEMPORAL_CLI       the temporal CLI (dev server) for tests that need a real server
 */
export default async function globalSetup(): Promise<void> {
  if (globalThis.__TTG_TEST_RUN__) return;
  const since = Date.now();
  // The tools first: a missing prerequisite stops the run before anything is started.
  process.env.TTG_TEST_SERVER_PATH = ensureTool('test-server');
  process.env.TTG_TEMPORAL_CLI = ensureTool('temporal');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ttg-test-'));
  let db: EmbeddedDatabase;
  try {
    db = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort(), persistent: false, database: 'ttg_test' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  globalThis.__TTG_TEST_RUN__ = { db, dir };
  try {
    await runMigrations(db.url);
  } catch (err) {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
    globalThis.__TTG_TEST_RUN__ = undefined;
    throw err;
  }
  process.env.TTG_TEST_DATABASE_URL = db.url;
  if (process.env.TTG_TEST_VERBOSE) process.stderr.write(`\nttg test setup: PostgreSQL ${db.url} ready in ${Date.now() - since} ms\n`);
}
