import { type DynamicModule, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createTransport } from 'nodemailer';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/src/config';
import { createDataSource } from '../../../libs/persistence/src/data-source';
import { PolicyCatalogue } from '../../../libs/persistence/src/policy-catalogue';
import { createPathwayWorker, ensureMailOutbox } from './pathway-worker';

/** The validated configuration, as a class-based DI token. */
export class WorkerSettings {
  constructor(readonly config: AppConfig) {}
}

/** Hosts the Temporal worker: starts it once the context is up, drains it on shutdown. */
@Injectable()
export class PathwayWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('worker');
  private worker?: Worker;
  private connection?: NativeConnection;
  /** Settles when the worker stops; rejects if it fails (the process then exits non-zero). */
  running?: Promise<void>;

  constructor(
    private readonly settings: WorkerSettings,
    private readonly ds: DataSource,
    private readonly policies: PolicyCatalogue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { temporal, mail } = this.settings.config;
    this.connection = await NativeConnection.connect({ address: temporal.address });
    this.worker = await createPathwayWorker({
      connection: this.connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      dataSource: this.ds,
      policies: this.policies,
      workflowBundlePath: path.join(__dirname, '../../../workflow-bundle.js'),
      mail: { transport: mail.smtpUrl ? createTransport(mail.smtpUrl) : null, from: mail.from },
    });
    const clientConnection = await Connection.connect({ address: temporal.address });
    try {
      await ensureMailOutbox(new Client({ connection: clientConnection, namespace: temporal.namespace }), temporal.taskQueue);
    } finally {
      await clientConnection.close();
    }
    this.running = this.worker.run();
    this.logger.log(`polling ${temporal.taskQueue} at ${temporal.address}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.database.url) throw new Error('DATABASE_URL is required by the worker process (npm start sets it)');
    const url = config.database.url;
    return {
      module: WorkerModule,
      providers: [
        { provide: WorkerSettings, useValue: new WorkerSettings(config) },
        {
          provide: DataSource,
          useFactory: async () => createDataSource(url, { applicationName: 'ttg-worker' }).initialize(),
        },
        {
          provide: PolicyCatalogue,
          inject: [DataSource],
          useFactory: (ds: DataSource) => PolicyCatalogue.load(ds, config.policyFile),
        },
        PathwayWorkerService,
      ],
    };
  }
}
