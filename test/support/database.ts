import { Client } from 'pg';

/**
 * Tables whose rows the migrations themselves insert (reference data every test relies on):
 * truncating them would leave the schema unusable. `migrations` is TypeORM's own record.
 */
export const KEPT_TABLES = ['migrations', 'prisons', 'probation_teams'] as const;

/** The test run's migrated database (from test/support/global-setup.ts). */
export function testDatabaseUrl(): string {
  const url = process.env.TTG_TEST_DATABASE_URL;
  if (!url) throw new Error('TTG_TEST_DATABASE_URL is not set: run through jest (the integration/e2e global setup starts PostgreSQL)');
  return url;
}

/** Runs `work` with a connected client, closed afterwards. */
export async function withClient<T>(work: (client: Client) => Promise<T>, url = testDatabaseUrl()): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'ttg-test-support' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Empties every table of the public schema except KEPT_TABLES (and `keep`), in one statement,
 * resetting sequences: call it in beforeEach/afterEach so tests do not see each other's rows.
 * Returns the names of the tables emptied.
 */
export async function truncateAllTables(opts: { url?: string; keep?: readonly string[] } = {}): Promise<string[]> {
  const keep = new Set<string>([...KEPT_TABLES, ...(opts.keep ?? [])]);
  return withClient(async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const tables = rows.map((r) => r.name).filter((name) => !keep.has(name));
    if (tables.length > 0) {
      await client.query(`TRUNCATE TABLE ${tables.map((t) => client.escapeIdentifier(t)).join(', ')} RESTART IDENTITY CASCADE`);
    }
    return tables;
  }, opts.url);
}
