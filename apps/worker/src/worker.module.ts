import { type DynamicModule, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createTransport } from 'nodemailer';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@ttg/config/config';
import { encryptedDataConverter } from '@ttg/codec/data-converter';
import { createDataSource } from '@ttg/persistence/data-source';
import { PolicyCatalogue } from '@ttg/persistence/policy-catalogue';
import { ProjectionRepository } from '@ttg/persistence/projection.repository';
import { reconcile } from '@ttg/persistence/reconciler';
import { archiveClosedCases, archiveCutoff } from '@ttg/persistence/archive';
import { temporalPathwayDirectory } from '../../../activities/pathway-directory';
import { createPathwayWorker, ensureMailOutbox } from './pathway-worker';

/** How often a worker archives the cases closed longer ago than TTG_ARCHIVE_AFTER_DAYS (one worker at a time). */
const ARCHIVE_EVERY_MS = 6 * 3600_000;

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
  /** The start-up reconciliation of the read model (settles, never rejects). */
  reconciled?: Promise<void>;
  private archiving?: Promise<void>;
  private archiveTimer?: NodeJS.Timeout;

  constructor(
    private readonly settings: WorkerSettings,
    private readonly ds: DataSource,
    private readonly policies: PolicyCatalogue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { temporal, mail, http } = this.settings.config;
    const dataConverter = encryptedDataConverter(temporal.payloadKeys);
    this.connection = await NativeConnection.connect({ address: temporal.address });
    this.worker = await createPathwayWorker({
      connection: this.connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      dataSource: this.ds,
      policies: this.policies,
      workflowBundlePath: path.join(__dirname, '../../../workflow-bundle.js'),
      mail: { transport: mail.smtpUrl ? createTransport(mail.smtpUrl) : null, from: mail.from },
      pageUrl: http.publicUrl ?? `http://localhost:${http.port}`,
      dataConverter,
    });
    const clientConnection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection: clientConnection, namespace: temporal.namespace, dataConverter });
    try {
      await ensureMailOutbox(client, temporal.taskQueue);
    } catch (err) {
      await clientConnection.close();
      throw err;
    }
    this.running = this.worker.run();
    this.logger.log(`polling ${temporal.taskQueue} at ${temporal.address}`);
    // Rows without workflows and workflows without rows, repaired once the worker polls (their queries need it).
    this.reconciled = reconcile(this.ds, new ProjectionRepository(this.ds), temporalPathwayDirectory(client))
      .then((r) => this.logger.log(`reconciled the read model: ${r.rowsWithoutWorkflow.length} rows without a workflow removed, ${r.reprojected.length} re-projected, ${r.unrecoverable.length} unrecoverable`))
      .catch((err: unknown) => this.logger.warn(`reconciling the read model failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => void clientConnection.close().catch(() => undefined));
    void this.reconciled.then(() => this.archive());
    this.archiveTimer = setInterval(() => this.archive(), ARCHIVE_EVERY_MS);
    this.archiveTimer.unref();
  }

  /** Archives the cases closed before the retention (skipped while a run is under way here or in another worker). */
  private archive(): void {
    const days = this.settings.config.archiveAfterDays;
    if (days === 0 || this.archiving) return;
    const closedBefore = archiveCutoff(new Date(), days);
    this.archiving = archiveClosedCases(this.ds, { closedBefore })
      .then((r) => {
        if (r.cases > 0) this.logger.log(`archived ${r.cases} cases closed before ${closedBefore.toISOString().slice(0, 10)} (${Object.entries(r.rows).map(([t, n]) => `${n} ${t}`).join(', ')}) in ${r.seconds.toFixed(1)} s`);
      })
      .catch((err: unknown) => this.logger.warn(`archiving closed cases failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.archiving = undefined;
      });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.archiveTimer);
    await this.reconciled;
    await this.archiving;
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
          useFactory: async () => createDataSource(url, { applicationName: 'ttg-worker', queryTimeoutMs: config.database.queryTimeoutMs }).initialize(),
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
