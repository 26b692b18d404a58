import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMigrations } from '../../libs/persistence/src/migrate';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../scripts/lib/embedded-postgres';
import { freePort } from '../../scripts/lib/ports';
import { ensureTool } from '../../scripts/lib/tools';

declare global {
  var __TTG_TEST_DB__: EmbeddedDatabase | undefined;
}

/**
 * Once per test run: a fresh PostgreSQL (real, from embedded-postgres, migrated) and the
 * Temporal tools, handed to the tests through the environment.
 */
export default async function globalSetup(): Promise<void> {
  if (globalThis.__TTG_TEST_DB__) return; // both server tiers name this setup: start once
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ttg-test-'));
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort(), persistent: false, database: 'ttg_test' });
  globalThis.__TTG_TEST_DB__ = db;
  await runMigrations(db.url);
  process.env.TTG_TEST_DATABASE_URL = db.url;
  process.env.TTG_TEST_SERVER_PATH = ensureTool('test-server');
  process.env.TTG_TEMPORAL_CLI = ensureTool('temporal');
}
