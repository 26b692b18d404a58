import { rmSync } from 'node:fs';

/** Stops the test run's PostgreSQL and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const run = globalThis.__TTG_TEST_RUN__;
  if (!run) return;
  globalThis.__TTG_TEST_RUN__ = undefined;
  try {
    await run.db.stop();
  } finally {
    rmSync(run.dir, { recursive: true, force: true });
  }
}
