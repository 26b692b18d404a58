import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createPathwayActivities } from '../../../activities/pathway.activities';
import { workflowSource } from '../../../apps/worker/src/pathway-worker';
import type { PathwayActivities } from '../../../activities/pathway-activities.types';
import {
  PATHWAY_WORKFLOW_TYPE,
  pathwayWorkflowId,
  type Actor,
  type CommandResult,
  type PathwayStartInput,
  type PathwayState,
  type PathwayUpdates,
  type SentenceFacts,
} from '@ttg/contracts';
import { decodeJsonPayloads, ephemeralPayloadKeys } from '@ttg/codec/data-converter';
import { createDataSource } from '@ttg/persistence/data-source';
import { PolicyCatalogue } from '@ttg/persistence/policy-catalogue';
import { DEFAULT_POLICY, planFirstRun } from '@ttg/policy';
import { ProjectionRepository } from '@ttg/persistence/projection.repository';
import { PRISON } from '../../support/pathway-fixtures';

export const TASK_QUEUE = 'ttg-pathway-test';
/** Payloads sealed as in production, with a key made for this test run. */
export const HARNESS_KEYS = ephemeralPayloadKeys('test');

let runtimeInstalled = false;
/** Worker logs at WARN and above only, so test output shows what matters. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/** Real PostgreSQL (from the jest global setup) and the Temporal time-skipping test server. */
export class PathwayHarness {
  env!: TestWorkflowEnvironment;
  ds!: DataSource;
  activities!: PathwayActivities;
  private worker?: Worker;
  private defaultWorkerOpts: { maxCachedWorkflows?: number } = {};
  private running?: Promise<void>;

  static async start(workerOpts: { maxCachedWorkflows?: number } = {}): Promise<PathwayHarness> {
    const h = new PathwayHarness();
    const serverPath = process.env.TTG_TEST_SERVER_PATH;
    const url = process.env.TTG_TEST_DATABASE_URL;
    if (!serverPath || !url) throw new Error('run through jest: the global setup provides TTG_TEST_SERVER_PATH and TTG_TEST_DATABASE_URL');
    quietRuntime();
    h.env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: serverPath } }, client: { dataConverter: HARNESS_KEYS.dataConverter } });
    h.ds = createDataSource(url, { poolSize: 4, applicationName: 'ttg-test' });
    await h.ds.initialize();
    h.activities = createPathwayActivities({ policies: new PolicyCatalogue(), projection: new ProjectionRepository(h.ds) });
    h.defaultWorkerOpts = workerOpts;
    await h.startWorker();
    return h;
  }

  workerOptions(): WorkerOptions {
    return {
      connection: this.env.nativeConnection,
      taskQueue: TASK_QUEUE,
      ...workflowSource(),
      activities: this.activities,
      dataConverter: HARNESS_KEYS.dataConverter,
    };
  }

  async startWorker(): Promise<void> {
    this.worker = await Worker.create({ ...this.workerOptions(), ...this.defaultWorkerOpts });
    this.running = this.worker.run();
  }

  /** Stops the worker as a deploy or crash would; its cached workflows are gone. */
  async stopWorker(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    this.worker = undefined;
  }

  async stop(): Promise<void> {
    await this.stopWorker();
    await this.ds?.destroy();
    await this.env?.teardown();
  }

  /** Moves the test server's clock forward to an instant (never sleeps in real time). */
  async skipTo(iso: string): Promise<void> {
    const now = await this.env.currentTimeMs();
    const target = new Date(iso).getTime();
    if (target > now) await this.env.sleep(target - now);
  }

  async now(): Promise<string> {
    return new Date(await this.env.currentTimeMs()).toISOString();
  }

  /**
   * Starts the pathway with its person (its projection creates the case's row) and waits for its
   * first projection. Planned at reception, as the API starts it, unless `planned: false` (the
   * starts before the plan, whose first run asks the policy itself).
   */
  async startCase(sentence: SentenceFacts, opts: { prisonCode?: string; regionCode?: string; continueAsNewAfterEvents?: number; prisonNumber?: string; planned?: boolean } = {}): Promise<string> {
    const caseId = randomUUID();
    const prisonCode = opts.prisonCode ?? 'LEI';
    const prisonNumber = opts.prisonNumber ?? `A${Math.floor(1000 + Math.random() * 8999)}${randomUUID().slice(0, 2).toUpperCase().replace(/[^A-Z]/g, 'X')}`;
    const person = { prisonNumber, givenName: 'Test', familyName: 'Person', dateOfBirth: '1990-01-01', importKey: null };
    const input: PathwayStartInput = { caseId, prisonCode, regionCode: opts.regionCode ?? 'YH', sentence, startedBy: PRISON, continueAsNewAfterEvents: opts.continueAsNewAfterEvents, person };
    if (opts.planned !== false) {
      const plan = planFirstRun(sentence, DEFAULT_POLICY, await this.now());
      Object.assign(input, { policyVersionId: plan.policyVersionId, firstRun: plan });
    }
    await this.env.client.workflow.start(PATHWAY_WORKFLOW_TYPE, { taskQueue: TASK_QUEUE, workflowId: pathwayWorkflowId(caseId), args: [input] });
    await this.update(caseId, 'sync', {});
    return caseId;
  }

  update<N extends keyof PathwayUpdates>(caseId: string, name: N, arg: PathwayUpdates[N], updateId?: string): Promise<CommandResult> {
    return this.env.client.workflow.getHandle(pathwayWorkflowId(caseId)).executeUpdate<CommandResult, [PathwayUpdates[N]]>(name, { args: [arg], updateId });
  }

  state(caseId: string): Promise<PathwayState> {
    return this.env.client.workflow.getHandle(pathwayWorkflowId(caseId)).query<PathwayState>('getState');
  }

  /** The open task of a type, from the read model. */
  async task(caseId: string, type: string, status: string[] = ['OPEN', 'IN_PROGRESS']): Promise<TaskRow> {
    const rows: TaskRow[] = await this.ds.query(
      `SELECT id, type, status, assignee, due_date::text AS due_date, due_at, overdue, escalated, compressed, pathway FROM tasks
       WHERE case_id = $1 AND type = $2 AND status = ANY($3) ORDER BY created_at DESC, id DESC LIMIT 1`,
      [caseId, type, status],
    );
    if (!rows[0]) throw new Error(`no ${status.join('/')} ${type} task for case ${caseId}`);
    return rows[0];
  }

  async tasks(caseId: string): Promise<TaskRow[]> {
    return this.ds.query(
      `SELECT id, type, status, assignee, due_date::text AS due_date, due_at, overdue, escalated, compressed, pathway FROM tasks WHERE case_id = $1 ORDER BY created_at, id`,
      [caseId],
    );
  }

  async caseRow(caseId: string): Promise<CaseRowView> {
    const rows: CaseRowView[] = await this.ds.query(
      `SELECT stage, active, release_date::text AS release_date, handover_date::text AS handover_date, handover_status, com_user_id,
              prison_code, prison_access_until::text AS prison_access_until, overdue_tasks, lost_contact, unmet_needs, state_version, key_dates, pathways, handover, risk, detail
       FROM cases WHERE id = $1`,
      [caseId],
    );
    return rows[0];
  }

  async audit(caseId: string): Promise<{ action: string; at: Date; before: unknown; after: unknown; details: unknown }[]> {
    return this.ds.query(`SELECT action, at, before, after, details FROM audit_events WHERE case_id = $1 ORDER BY at, id`, [caseId]);
  }

  async notifications(caseId: string): Promise<{ kind: string; message: string; audience: string; recipient_user_id: string | null; created_at: Date; task_id: string | null }[]> {
    return this.ds.query(`SELECT kind, message, audience, recipient_user_id, created_at, task_id FROM notifications WHERE case_id = $1 ORDER BY created_at, id`, [caseId]);
  }

  /** Waits (bounded) until the read model shows what the workflow has done after a timer fired. */
  async until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: T = await read();
    while (!ok(last)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 25));
      last = await read();
    }
    return last;
  }

  complete(caseId: string, taskId: string, outcome: unknown, actor: Actor = PRISON): Promise<CommandResult> {
    return this.update(caseId, 'completeTask', { taskId, outcome, actor });
  }
}

export interface TaskRow {
  id: string;
  type: string;
  status: string;
  assignee: string | null;
  due_date: string;
  due_at: Date;
  overdue: boolean;
  escalated: boolean;
  compressed: boolean;
  pathway: string | null;
}

export interface CaseRowView {
  stage: string;
  active: boolean;
  release_date: string | null;
  handover_date: string | null;
  handover_status: string | null;
  com_user_id: string | null;
  prison_code: string;
  prison_access_until: string | null;
  overdue_tasks: number;
  lost_contact: boolean;
  unmet_needs: boolean;
  state_version: number;
  key_dates: Record<string, unknown>;
  pathways: Record<string, string>;
  handover: Record<string, unknown>;
  risk: Record<string, unknown>;
  detail: Record<string, unknown>;
}

/**
 * With TTG_RECORD_HISTORIES=1, writes a case's history to test/histories/<name>.json (recorded once
 * per released workflow version and committed; replayed by replay.test.ts). Its payloads are
 * written decoded: the run's key is thrown away, and the codec passes plain payloads through.
 */
export async function recordHistoryIfAsked(h: PathwayHarness, caseId: string, name: string): Promise<void> {
  if (process.env.TTG_RECORD_HISTORIES !== '1') return;
  const { temporal } = await import('@temporalio/proto');
  const { mkdir, writeFile } = await import('node:fs/promises');
  const history = await h.env.client.workflow.getHandle(pathwayWorkflowId(caseId)).fetchHistory();
  const dir = path.join(__dirname, '../../histories');
  await mkdir(dir, { recursive: true });
  const sealed = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String });
  const plain = await decodeJsonPayloads(sealed, HARNESS_KEYS.codec);
  await writeFile(path.join(dir, `${name}.json`), JSON.stringify(plain));
}

/**
 * A harness for the describe block it is called in: started (and the clock skipped to `at`)
 * before its tests, stopped after them. What it returns stands for the started harness.
 */
export function usePathwayHarness(at = '2030-01-07T09:00:00Z'): PathwayHarness {
  let started: PathwayHarness | undefined;
  beforeAll(async () => {
    started = await PathwayHarness.start();
    await started.skipTo(at);
  });
  afterAll(async () => started?.stop());
  return new Proxy({} as PathwayHarness, {
    get(_target, key) {
      if (!started) throw new Error('the pathway harness is used before it has started');
      const value: unknown = Reflect.get(started, key);
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}
