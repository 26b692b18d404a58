import { createDataSource } from './data-source';

/** Runs the migrations not yet applied, each in its own transaction. Returns their names. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'ttg-migrate' });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
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
