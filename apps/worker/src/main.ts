import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '@ttg/config/config';
import { createLogger } from '@ttg/config/logging';
import { installRuntime } from './pathway-worker';
import { PathwayWorkerService, WorkerModule } from './worker.module';

/** The worker process: a NestJS application context hosting the Temporal worker. */
async function main(): Promise<void> {
  const config = loadConfig();
  installRuntime(config.temporal.workerMetricsPort, config.logLevel, config.temporal.workerMetricsHost);
  const log = createLogger(config.logLevel).child({ component: 'worker' });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: { log: (m: unknown) => log.info(String(m)), error: (m: unknown) => log.error(String(m)), warn: (m: unknown) => log.warn(String(m)) },
  });
  const service = app.get(PathwayWorkerService);
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await app.get(DataSource).destroy().catch(() => undefined);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  // The worker's run() settles when it stops: after a signal, or on a fatal error.
  await service.running;
  await close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
