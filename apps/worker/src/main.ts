import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createTransport } from 'nodemailer';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../libs/config/src/config';
import { createDataSource } from '../../../libs/persistence/src/data-source';
import { PolicyCatalogue } from '../../../libs/persistence/src/policy-catalogue';
import { createPathwayWorker, ensureMailOutbox, installRuntime } from './pathway-worker';

/** The worker process: runs pathway workflows and their activities on the task queue. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url) throw new Error('DATABASE_URL is required by the worker process (npm start sets it)');
  installRuntime(config.temporal.workerMetricsPort, config.logLevel, config.temporal.workerMetricsHost);
  const dataSource = createDataSource(config.database.url, { applicationName: 'ttg-worker' });
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createPathwayWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataSource,
    policies: await PolicyCatalogue.load(dataSource, config.policyFile),
    workflowBundlePath: path.join(__dirname, '../../../workflow-bundle.js'),
    mail: { transport: config.mail.smtpUrl ? createTransport(config.mail.smtpUrl) : null, from: config.mail.from },
  });
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  await ensureMailOutbox(new Client({ connection: clientConnection, namespace: config.temporal.namespace }), config.temporal.taskQueue);
  await clientConnection.close();
  const stop = () => worker.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(JSON.stringify({ level: 30, time: Date.now(), msg: `worker polling ${config.temporal.taskQueue} at ${config.temporal.address}` }) + '\n');
  try {
    await worker.run();
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
