import { createDataSource } from './data-source';

/** pg_advisory_lock key held while migrating ('ttg-migrate' as a number). */
const MIGRATION_LOCK = 0x7474_676d;

/**
 * Runs the migrations not yet applied, each in its own transaction. Returns their names. Several
 * processes migrating at once (API instances with TTG_MIGRATE_ON_BOOT) take turns on an advisory
 * lock, so the later ones find nothing left to do.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'ttg-migrate' });
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await ds.destroy();
  }
}

if (require.main === module) {
  const url = process.argv[2] ?? process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('usage: migrate DATABASE_URL (or set DATABASE_URL)\n');
    process.exit(2);
  }
  runMigrations(url).then(
    (names) => process.stdout.write(`migrations applied: ${names.length ? names.join(', ') : 'none'}\n`),
    (err: unknown) => {
      process.stderr.write(`migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
