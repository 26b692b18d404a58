/** Stops the test run's PostgreSQL and removes its data. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__TTG_TEST_DB__?.stop();
}
