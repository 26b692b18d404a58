import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { createLogger } from '@ttg/config/logging';
import type { DestinationStream } from 'pino';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { createMailActivities, type MailTransport } from '../../../activities/mail.activities';
import { createPathwayActivities } from '../../../activities/pathway.activities';
import { MAIL_OUTBOX_WORKFLOW_ID } from '../../../workflows/mail-outbox.workflow';
import { PolicyCatalogue } from '@ttg/persistence/policy-catalogue';
import { ProjectionRepository } from '@ttg/persistence/projection.repository';

export interface PathwayWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  policies: PolicyCatalogue;
  /** A prebuilt workflow bundle; when absent the workflows are bundled at start. */
  workflowBundlePath?: string;
  maxCachedWorkflows?: number;
  mail?: { transport: MailTransport | null; from: string };
  /** Where the pages are served, for the link in each email (default: this machine's default port). */
  pageUrl?: string;
  /** Seals payloads (`encryptedDataConverter` from @ttg/codec): the same as every client's. */
  dataConverter: DataConverter;
}

/**
 * The path aliases of tsconfig.json (`@ttg/policy` → `libs/policy/src`, …) for webpack, when the
 * workflows are bundled from the TypeScript sources (tests). Compiled code needs none: the build
 * rewrites the aliases (tsc-alias), and there is no tsconfig.json beside it.
 */
function sourceAliases(root: string): Record<string, string> {
  const file = path.join(root, 'tsconfig.json');
  if (!existsSync(file)) return {};
  const paths = (JSON.parse(readFileSync(file, 'utf8')) as { compilerOptions?: { paths?: Record<string, string[]> } }).compilerOptions?.paths ?? {};
  return Object.fromEntries(Object.entries(paths).filter(([alias]) => !alias.endsWith('/*')).map(([alias, [target]]) => [alias, path.join(root, target ?? '')]));
}

/** The workflow code: the prebuilt bundle in production, else bundled from source at start. */
export function workflowSource(bundlePath?: string): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  if (bundlePath && existsSync(bundlePath)) return { workflowBundle: { codePath: bundlePath } };
  const root = path.resolve(__dirname, '../../..');
  const alias = sourceAliases(root);
  return {
    workflowsPath: require.resolve(path.join(root, 'workflows')),
    bundlerOptions: { webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string> | undefined), ...alias } } }) },
  };
}

/** Builds the worker that runs pathway workflows with activities wired to real dependencies. */
export function createPathwayWorker(opts: PathwayWorkerOptions): Promise<Worker> {
  const activities = {
    ...createPathwayActivities({ policies: opts.policies, projection: new ProjectionRepository(opts.dataSource, opts.pageUrl) }),
    ...createMailActivities({ ds: opts.dataSource, transport: opts.mail?.transport ?? null, from: opts.mail?.from ?? 'ttg@localhost' }),
  };
  const options: WorkerOptions & SandboxBound = {
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities,
    ...workflowSource(opts.workflowBundlePath),
    maxCachedWorkflows: opts.maxCachedWorkflows,
    dataConverter: opts.dataConverter,
    isolateExecutionTimeout: ISOLATE_EXECUTION_TIMEOUT,
  };
  return Worker.create(options);
}

/**
 * How long one call into the workflow sandbox may run before the SDK gives up on it. The SDK's
 * default (5 s of wall-clock time) is also the SDK's fatal path: a call cut off while a cached
 * workflow is being evicted shuts the whole worker down. A worker process that is paused for
 * longer than that (SIGSTOP, a frozen container or VM, a long stop-the-world pause) would then die
 * on waking with nothing wrong in any workflow. A minute still stops a workflow stuck in a loop.
 */
const ISOLATE_EXECUTION_TIMEOUT = '60s';
/** The SDK reads this option (worker-options.js) but does not declare it in WorkerOptions yet. */
interface SandboxBound {
  isolateExecutionTimeout: string;
}

/**
 * Exposes the SDK's worker metrics for Prometheus (must run before any connection), and sends the
 * SDK's, the workflows' and the activities' log lines to pino (standard output, or `stream`).
 */
export function installRuntime(metricsPort: number, logLevel: string, metricsHost = '127.0.0.1', stream?: DestinationStream): void {
  const level = (['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const).find((l) => l === logLevel.toUpperCase()) ?? 'INFO';
  // The SDK's own lines (worker state, activity and workflow task failures) as pino JSON too.
  const log = createLogger(logLevel, stream).child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => log[entry.level === 'TRACE' ? 'trace' : entry.level === 'DEBUG' ? 'debug' : entry.level === 'WARN' ? 'warn' : entry.level === 'ERROR' ? 'error' : 'info'](entry.meta ?? {}, entry.message)),
    telemetryOptions: {
      logging: { forward: {}, filter: { core: level === 'TRACE' || level === 'DEBUG' ? level : 'WARN', other: 'WARN' } },
      ...(metricsPort > 0 ? { metrics: { prometheus: { bindAddress: `${metricsHost}:${metricsPort}` } } } : {}),
    },
  });
}

/** Starts the deployment's one mail-outbox workflow unless it already runs. */
export async function ensureMailOutbox(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.workflow.start('mailOutboxWorkflow', { workflowId: MAIL_OUTBOX_WORKFLOW_ID, taskQueue });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
