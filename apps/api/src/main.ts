import { ConfigError, loadConfig } from '@ttg/config/config';
import { runMigrations } from '@ttg/persistence/migrate';
import { seedDemoUsers } from '@ttg/persistence/seed';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  // Beyond one machine (docker compose) the API applies migrations itself; `npm start` does it before.
  if (config.migrateOnBoot && config.database.url) {
    await runMigrations(config.database.url);
    if (config.demo.seedUsers) await seedDemoUsers(config.database.url, config.demo.password);
  }
  const app = await createApp(config);
  await app.listen(config.http.port, config.http.host);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
