import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PATHWAY_WORKFLOW_TYPE, pathwayWorkflowId, type CommandResult, type PathwayStartInput, type PathwayState, type PathwayUpdates } from '@ttg/contracts';
import { parseTimelineInput } from '@ttg/policy';
import { PRISON } from '../../test/support/pathway-fixtures';
import { runBounded, seededRandom, withTimeout } from '../lib/load';
import { newCaseBodies, screeningOutcome } from '../lib/people';
import type { Infra } from '../lib/infra';
import { BENCH_KEYS, type BenchStack } from '../lib/stack';
import type { ChildMessage, WorkerMemory } from '../worker-process';

export const MEMORY_QUEUE = 'ttg-bench-memory';
/** N pathways (bounded also in time: each half stops starting new ones after fillHalfMs). */
export const MEMORY_SIZES = { workflows: 500, maxCachedWorkflows: 600, concurrency: 8, fillHalfMs: 70_000 };
export const MEMORY_TARGET_BYTES = 1024 * 1024;

export interface MemoryResult {
  workflows: number;
  maxCachedWorkflows: number;
  empty: WorkerMemory;
  half: WorkerMemory;
  full: WorkerMemory;
  /** (RSS with N cached − RSS with an empty cache) / N. */
  rssPerWorkflow: number;
  /** The same between N/2 and N cached: without what the first workflows load once. */
  rssPerWorkflowMarginal: number;
  heapPerWorkflow: number;
  fillSeconds: number;
}


class WorkerChild {
  private readonly waiting: ((m: ChildMessage) => void)[] = [];
  private exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    child.on('message', (m: ChildMessage) => {
      const next = this.waiting.shift();
      if (next) next(m);
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  next(): Promise<ChildMessage> {
    return withTimeout('the worker process', 120_000, new Promise<ChildMessage>((resolve) => this.waiting.push(resolve)));
  }

  async measure(): Promise<WorkerMemory> {
    const reply = this.next();
    this.child.send({ type: 'measure' });
    const m = await reply;
    if (m.type !== 'memory') throw new Error(`the worker process answered ${JSON.stringify(m)}`);
    const { type: _t, ...mem } = m;
    return mem;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    if (this.child.connected) this.child.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * Measurement 4: a pathway worker alone in a child process (maxCachedWorkflows ≥ N), its memory
 * with an empty cache, then with N/2 and N pathways cached. Each pathway is started as the API
 * starts one (read-model row, workflow, first projection) and its custody screening is
 * completed, so the cached state is a case at risk screening and resettlement planning.
 */
export async function measureMemory(infra: Infra, stack: BenchStack, log: (line: string) => void): Promise<MemoryResult> {
  const external = infra.description.temporal.startsWith('external');
  const S = MEMORY_SIZES;
  const child = new WorkerChild(
    fork(path.join(__dirname, '..', 'worker-process.js'), [], {
      execArgv: ['--expose-gc'],
      env: {
        ...process.env,
        BENCH_TEMPORAL_ADDRESS: infra.temporalAddress,
        BENCH_NAMESPACE: infra.namespace,
        BENCH_DATABASE_URL: infra.databaseUrl,
        BENCH_TASK_QUEUE: MEMORY_QUEUE,
        BENCH_MAX_CACHED: String(S.maxCachedWorkflows),
        BENCH_PAYLOAD_KEYS: BENCH_KEYS.spec,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const caseIds: string[] = [];
  try {
    const ready = await child.next();
    if (ready.type !== 'ready') throw new Error(`the worker process failed to start: ${JSON.stringify(ready)}`);
    const taken = new Set((await stack.ds.query<{ prison_number: string }[]>(`SELECT prison_number FROM cases WHERE active`)).map((r) => r.prison_number));
    const r = seededRandom(11);
    const bodies = newCaseBodies(S.workflows, r, 'LEI', taken);
    await new Promise((res) => setTimeout(res, 2000));
    const empty = await child.measure();
    log(`  worker process with an empty cache: RSS ${(empty.rss / 2 ** 20).toFixed(1)} MiB, heap ${(empty.heapUsed / 2 ** 20).toFixed(1)} MiB`);

    const start = async (i: number) => {
      const b = bodies[i];
      const caseId = randomUUID();
      caseIds[i] = caseId;
      const { prisonNumber, givenName, familyName, dateOfBirth, prisonCode, ...sentenceRaw } = b;
      const sentence = parseTimelineInput(sentenceRaw);
      await stack.ds.query(
        `INSERT INTO cases (id, prison_number, given_name, family_name, date_of_birth, prison_code, region_code, stage, active, sentence, workflow_id)
         VALUES ($1, $2, $3, $4, $5, $6, 'YH', 'CUSTODY_SCREENING', true, $7, $8)`,
        [caseId, prisonNumber, givenName, familyName, dateOfBirth, prisonCode, JSON.stringify(sentence), pathwayWorkflowId(caseId)],
      );
      const input: PathwayStartInput = { caseId, prisonCode, regionCode: 'YH', sentence, startedBy: PRISON, searchAttributes: true };
      const handle = await stack.client.workflow.start(PATHWAY_WORKFLOW_TYPE, { taskQueue: MEMORY_QUEUE, workflowId: pathwayWorkflowId(caseId), args: [input] });
      const update = <N extends keyof PathwayUpdates>(name: N, arg: PathwayUpdates[N]) => handle.executeUpdate<CommandResult, [PathwayUpdates[N]]>(name, { args: [arg] });
      await update('sync', {});
      const state = await handle.query<PathwayState>('getState');
      const screening = state.tasks.find((t) => t.type === 'CUSTODY_SCREENING');
      if (!screening) throw new Error(`case ${caseId} has no custody screening task`);
      await update('completeTask', { taskId: screening.id, outcome: screeningOutcome(r), actor: PRISON });
    };
    const half = S.workflows / 2;
    const started = Date.now();
    log(`  starting up to ${half} pathways (or for ${S.fillHalfMs / 1000} s) on the worker process's task queue (start, sync, complete the screening)`);
    await runBounded(half, S.concurrency, start, Date.now() + S.fillHalfMs);
    const halfMem = await child.measure();
    log(`  with ${halfMem.cached} cached: RSS ${(halfMem.rss / 2 ** 20).toFixed(1)} MiB`);
    log(`  starting up to ${S.workflows - half} more`);
    await runBounded(S.workflows - half, S.concurrency, (i) => start(i + half), Date.now() + S.fillHalfMs);
    const fillSeconds = (Date.now() - started) / 1000;
    const full = await child.measure();
    log(`  with ${full.cached} cached: RSS ${(full.rss / 2 ** 20).toFixed(1)} MiB`);
    if (full.cached < S.workflows) log(`  note: only ${full.cached} of ${S.workflows} workflows were in the worker's cache`);
    const n = Math.max(1, full.cached);
    return {
      workflows: S.workflows,
      maxCachedWorkflows: S.maxCachedWorkflows,
      empty,
      half: halfMem,
      full,
      rssPerWorkflow: (full.rss - empty.rss) / n,
      rssPerWorkflowMarginal: (full.rss - halfMem.rss) / Math.max(1, full.cached - halfMem.cached),
      heapPerWorkflow: (full.heapUsed - empty.heapUsed) / n,
      fillSeconds,
    };
  } finally {
    await child.stop();
    // Nothing polls this task queue any more: on a server that outlives the run, end the pathways.
    if (external) {
      await runBounded(caseIds.length, S.concurrency, async (i) => {
        if (caseIds[i]) await stack.client.workflow.getHandle(pathwayWorkflowId(caseIds[i])).terminate('benchmark finished').catch(() => undefined);
      });
    }
  }
}
