import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { createPathwayWorker } from '../apps/worker/src/pathway-worker';
import { encryptedDataConverter } from '@ttg/codec/data-converter';
import { parsePayloadKeys } from '@ttg/codec/payload-codec';
import { createDataSource } from '@ttg/persistence/data-source';
import { PolicyCatalogue } from '@ttg/persistence/policy-catalogue';
import { WORKFLOW_BUNDLE } from './lib/paths';

/**
 * A pathway worker alone in its own process, for measurement 4: the parent forks it with an IPC
 * channel (`node --expose-gc dist/bench/worker-process.js`) and asks for its memory.
 *   env BENCH_TEMPORAL_ADDRESS, BENCH_NAMESPACE, BENCH_DATABASE_URL, BENCH_TASK_QUEUE, BENCH_MAX_CACHED
 */
export type ParentMessage = { type: 'measure' } | { type: 'stop' };
export type WorkerMemory = { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; cached: number };
export type ChildMessage = { type: 'ready' } | ({ type: 'memory' } & WorkerMemory) | { type: 'error'; message: string };

const send = (m: ChildMessage) => process.send?.(m);
const need = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

/** Memory after a full collection of the main isolate: the median of five samples. */
async function memory(worker: Worker): Promise<WorkerMemory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  await new Promise((r) => setTimeout(r, 300));
  const samples: NodeJS.MemoryUsage[] = [];
  for (let i = 0; i < 5; i += 1) {
    samples.push(process.memoryUsage());
    await new Promise((r) => setTimeout(r, 100));
  }
  const median = (f: (m: NodeJS.MemoryUsage) => number) => samples.map(f).sort((a, b) => a - b)[2];
  return {
    rss: median((m) => m.rss),
    heapUsed: median((m) => m.heapUsed),
    heapTotal: median((m) => m.heapTotal),
    external: median((m) => m.external),
    arrayBuffers: median((m) => m.arrayBuffers),
    cached: worker.getStatus().numCachedWorkflows,
  };
}

async function main(): Promise<void> {
  // SDK warnings only; the core's own (e.g. a speculative workflow task superseded by an Update) are noise here.
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { forward: {}, filter: { core: 'ERROR', other: 'ERROR' } } } });
  const ds = createDataSource(need('BENCH_DATABASE_URL'), { poolSize: 10, applicationName: 'ttg-bench-memory' });
  await ds.initialize();
  const connection = await NativeConnection.connect({ address: need('BENCH_TEMPORAL_ADDRESS') });
  const worker = await createPathwayWorker({
    connection,
    namespace: need('BENCH_NAMESPACE'),
    taskQueue: need('BENCH_TASK_QUEUE'),
    dataSource: ds,
    policies: await PolicyCatalogue.load(ds),
    workflowBundlePath: WORKFLOW_BUNDLE,
    maxCachedWorkflows: Number(need('BENCH_MAX_CACHED')),
    dataConverter: encryptedDataConverter(parsePayloadKeys(need('BENCH_PAYLOAD_KEYS'))),
  });
  const running = worker.run();
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'measure') {
      memory(worker).then(
        (mem) => send({ type: 'memory', ...mem }),
        (err: unknown) => send({ type: 'error', message: String(err) }),
      );
    } else if (m.type === 'stop') {
      worker.shutdown();
    }
  });
  // The parent going away (or failing) stops this process too.
  process.on('disconnect', () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  });
  send({ type: 'ready' });
  await running;
  await connection.close();
  await ds.destroy();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    send({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) });
    process.exit(1);
  },
);
