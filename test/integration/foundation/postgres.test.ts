import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../../scripts/lib/embedded-postgres';
import { freePort } from '../../../scripts/lib/ports';
import { testDatabaseUrl, truncateAllTables, withClient } from '../../support/database';
import { useTempDir } from '../../support/temp-dir';

describe('the test run database (embedded PostgreSQL from the global setup)', () => {
  it('answers select 1', async () => {
    const rows = await withClient(async (c) => (await c.query<{ one: number }>('select 1 as one')).rows);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('is migrated: the migrations table lists the applied migrations', async () => {
    const { rows } = await withClient((c) => c.query<{ name: string }>('SELECT name FROM migrations ORDER BY id'));
    expect(rows.length).toBeGreaterThan(0);
  });

  it('truncateAllTables empties the tables but keeps the reference data the migrations insert', async () => {
    const emptied = await truncateAllTables();
    expect(emptied).not.toContain('migrations');
    expect(emptied).not.toContain('prisons');
    await withClient(async (c) => {
      expect((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM prisons')).rows[0].n).toBeGreaterThan(0);
      expect((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM migrations')).rows[0].n).toBeGreaterThan(0);
    });
    expect(testDatabaseUrl()).toMatch(/^postgres:\/\/.+@127\.0\.0\.1:\d+\/ttg_test$/);
  });
});

describe('startEmbeddedPostgres with a persistent data folder', () => {
  const dir = useTempDir('ttg-pg-persist-');

  const query = async (url: string, sql: string): Promise<unknown[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('finds the first start\'s data on a second start, after a stale pid file and after an orphaned server', async () => {
    const dataDir = path.join(dir(), 'postgres');
    const first = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true, detached: false });
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('from the first start')");
    await first.stop();

    // A killed run leaves postmaster.pid naming a process that is gone.
    const gone = spawnSync('true').pid;
    writeFileSync(path.join(dataDir, 'postmaster.pid'), `${gone}\n${dataDir}\n`);
    const second = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true, detached: false });
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'from the first start' }]);

    // A killed supervisor leaves its server running: the next start stops it and starts afresh.
    const third = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true, detached: false });
    expect(await query(third.url, 'SELECT v FROM kept')).toEqual([{ v: 'from the first start' }]);
    await expect(query(second.url, 'SELECT 1')).rejects.toThrow();
    await third.stop();
    await second.stop(); // already gone: a no-op
  }, 120_000);
});
