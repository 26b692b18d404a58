import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { pathwayWorkflowId, type CommandResult, type PathwayUpdates } from '@ttg/contracts';
import { PRISON } from '../../test/support/pathway-fixtures';
import { CpuMeter } from '../lib/cpu';
import { MainThreadProfiler, type ProfileSummary } from '../lib/profile';
import { LatencyHistogram, msSince, type Latency } from '../lib/histogram';
import { runBounded, seededRandom, splitFrontBack } from '../lib/load';
import { newCaseBodies, screeningOutcome } from '../lib/people';
import { BARE_QUEUE, type BenchStack } from '../lib/stack';

/**
 * Sizes of measurements 1 and 2: bounded in count and in time (on a busy machine a block stops
 * starting new calls at its time bound, and the figures are over what completed).
 */
export const COMMAND_SIZES = {
  concurrency: 8,
  /** Measurement 1 alternates the baseline and the product in this many rounds. */
  rounds: 4,
  bareStarts: 800,
  bareStartsWarmup: 40,
  httpCases: 320,
  httpCasesWarmup: 16,
  bareStartAndUpdate: 320,
  /** Time bounds of one round's blocks (ms). */
  bareBlockMs: 8_000,
  httpBlockMs: 20_000,
  shapeBlockMs: 8_000,
  /** Measurement 2 interleaves, call by call, the product and each comparison. */
  httpCompletions: 200,
  httpCompletionsWarmup: 16,
  barePingsWithActivity: 100,
  directCompletions: 100,
  directCompletionsWarmup: 10,
  completionsMs: 120_000,
};

export interface Rate {
  count: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  latency: Latency;
}

export interface StartResult {
  http: Rate;
  bare: Rate;
  /** The product's start shape without the product: one Update-with-Start on a trivial workflow (start and an Update round trip). */
  bareStartAndUpdate: Rate;
  ratio: number;
  /** The ratio in each round (the spread shows how much the shared machine moved). */
  roundRatios: number[];
  /** CPU ms per start in each part, and how busy the machine's CPUs were meanwhile (0..1). */
  cpu: { http: CpuPer; bare: CpuPer; shape: CpuPer };
  /** A new case's first run as its history records it (read back from Temporal). */
  firstRun: FirstRun;
  /** Where the main thread's CPU went during the HTTP blocks, per start (inspector samples). */
  profile?: ProfileSummary;
}

/** A command's run as its history records it: events, workflow tasks, and whether any activity task was scheduled. */
export interface FirstRun {
  events: number;
  workflowTasks: number;
  activityTasksScheduled: number;
  localActivities: number;
  /** Patch markers recorded (none for a start planned at reception). */
  patchMarkers: number;
  /** Search-attribute upserts (none while they stay as the start set them). */
  searchAttributeUpserts: number;
}
export type CommandRun = FirstRun;

const E = temporal.api.enums.v1.EventType;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

function countRun(events: HistoryEvent[]): CommandRun {
  const count = (type: temporal.api.enums.v1.EventType) => events.filter((e) => e.eventType === type).length;
  return {
    events: events.length,
    workflowTasks: count(E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
    activityTasksScheduled: count(E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    localActivities: events.filter((e) => e.eventType === E.EVENT_TYPE_MARKER_RECORDED && e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length,
    patchMarkers: events.filter((e) => e.eventType === E.EVENT_TYPE_MARKER_RECORDED && e.markerRecordedEventAttributes?.markerName === 'core_patch').length,
    searchAttributeUpserts: count(E.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES),
  };
}

/** Anything with a Temporal client (the benchmark's stack, a test's environment). */
type HasClient = Pick<BenchStack, 'client'>;

async function historyOf(stack: HasClient, caseId: string): Promise<HistoryEvent[]> {
  return (await stack.client.workflow.getHandle(pathwayWorkflowId(caseId)).fetchHistory()).events ?? [];
}

/** Reads a case's history and counts its first run (everything up to the first Update's completion). */
export async function firstRunOf(stack: HasClient, caseId: string): Promise<FirstRun> {
  const events = await historyOf(stack, caseId);
  const end = events.findIndex((e) => e.eventType === E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
  return countRun(end < 0 ? events : events.slice(0, end + 1));
}

/**
 * Reads a case's history and counts the last Update named `name`: from the workflow task that
 * accepted it to its completion (one workflow task when the handler finished in it).
 */
export async function commandRunOf(stack: HasClient, caseId: string, name: string): Promise<CommandRun | undefined> {
  const events = await historyOf(stack, caseId);
  let accepted = -1;
  events.forEach((e, i) => {
    if (e.eventType === E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED && e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === name) accepted = i;
  });
  if (accepted < 0) return undefined;
  const updateId = events[accepted].workflowExecutionUpdateAcceptedEventAttributes?.protocolInstanceId;
  const completed = events.findIndex((e, i) => i > accepted && e.eventType === E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED && e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === updateId);
  let start = accepted;
  while (start > 0 && events[start].eventType !== E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) start -= 1;
  return countRun(events.slice(start, completed < 0 ? undefined : completed + 1));
}

export interface CpuPer {
  bench: number;
  temporal: number;
  postgres: number;
  machineBusy: number;
}

export interface CompletionResult {
  bareUpdate: Latency;
  bareUpdateWithActivity: Latency;
  httpClaim: Latency;
  httpComplete: Latency;
  httpClaimAndComplete: Latency;
  httpGetTask: Latency;
  directClaim: Latency;
  directComplete: Latency;
  ratioP99: number;
  ratioP50: number;
  ratioP95: number;
  /** A completion through HTTP as its case's history records it (read back from Temporal). */
  completionRun?: CommandRun;
  /** Commands the API answered 503 on a busy machine and the benchmark repeated (same Idempotency-Key). */
  repeats: number;
}

interface CreatedCase {
  id: string;
  screeningTaskId: string;
}

/** Every trivial baseline workflow ends by itself, even if a run is interrupted. */
const BARE_TIMEOUT = '30 minutes';

/** A throughput run accumulated over several blocks (rounds), with one latency histogram. */
export class RateMeter {
  private count = 0;
  private ns = 0n;
  private readonly h = new LatencyHistogram();

  constructor(private readonly concurrency: number) {}

  /** Runs one block of up to `count` jobs (no new one after `maxMs`); returns the block's rate. */
  async block(count: number, job: (i: number, h: LatencyHistogram) => Promise<void>, from = 0, maxMs = Number.POSITIVE_INFINITY): Promise<number> {
    const started = process.hrtime.bigint();
    const done = await runBounded(count, this.concurrency, (i) => job(from + i, this.h), Date.now() + maxMs);
    const ns = process.hrtime.bigint() - started;
    this.count += done;
    this.ns += ns;
    return done / (Number(ns) / 1e9);
  }

  rate(): Rate {
    const seconds = Number(this.ns) / 1e9;
    return { count: this.count, concurrency: this.concurrency, seconds, perSecond: this.count / seconds, latency: this.h.summary() };
  }
}

/**
 * Measurement 1: pathways started per second through `POST /api/v1/cases` (workflow started,
 * first projection written, case read back, 201) against empty workflows started per second by
 * a bare client on the same server. The two alternate in rounds, so drift on a shared machine
 * falls on both; a bare start followed by one trivial Update (the product's shape) runs alongside.
 */
export async function measureStarts(stack: BenchStack, log: (line: string) => void): Promise<{ result: StartResult; cases: CreatedCase[]; updatable: string[] }> {
  const S = COMMAND_SIZES;
  const run = Date.now().toString(36);
  const startEmpty = async (i: number, h: LatencyHistogram) => {
    await h.time(() => stack.client.workflow.start('emptyWorkflow', { taskQueue: BARE_QUEUE, workflowId: `bench-empty-${run}-${i}`, workflowExecutionTimeout: BARE_TIMEOUT }));
  };
  const updatable: string[] = [];
  const startAndUpdate = (keep: boolean) => async (i: number, h: LatencyHistogram) => {
    const workflowId = `bench-updatable-${run}-${keep ? '' : 'warm-'}${i}`;
    // The product's create without the product: one Update-with-Start on a trivial workflow.
    await h.time(() =>
      stack.client.workflow.executeUpdateWithStart('ping', {
        args: [0],
        startWorkflowOperation: new WithStartWorkflowOperation('updatableWorkflow', { taskQueue: BARE_QUEUE, workflowId, workflowExecutionTimeout: BARE_TIMEOUT, workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL }),
      }),
    );
    if (keep) updatable[i] = workflowId;
  };
  const token = await stack.token('prison.staff');
  const taken = new Set((await stack.ds.query<{ prison_number: string }[]>(`SELECT prison_number FROM cases WHERE active`)).map((r) => r.prison_number));
  const bodies = newCaseBodies(S.httpCases + S.httpCasesWarmup, seededRandom(), 'LEI', taken);
  const made: CreatedCase[] = [];
  const create = async (i: number, h: LatencyHistogram) => {
    const res = await h.time(() =>
      stack.command<{ id: string; tasks: { id: string; type: string }[] }>('POST', '/api/v1/cases', { token, body: bodies[i], idempotencyKey: `bench-${run}-case-${i}` }),
    );
    if (res.status !== 201) throw new Error(`POST /api/v1/cases answered ${res.status}: ${JSON.stringify(res.body)}`);
    const screening = res.body.tasks.find((t) => t.type === 'CUSTODY_SCREENING');
    if (!screening) throw new Error(`case ${res.body.id} has no CUSTODY_SCREENING task`);
    made[i] = { id: res.body.id, screeningTaskId: screening.id };
  };

  log(`  warm-up: ${S.bareStartsWarmup} bare starts, ${S.httpCasesWarmup} cases through HTTP`);
  const warm = new RateMeter(S.concurrency);
  await warm.block(S.bareStartsWarmup, startEmpty, 1_000_000, S.bareBlockMs);
  await warm.block(S.httpCasesWarmup, create, 0, S.httpBlockMs);
  await warm.block(S.httpCasesWarmup, startAndUpdate(false), 0, S.shapeBlockMs);

  const bare = new RateMeter(S.concurrency);
  const http = new RateMeter(S.concurrency);
  const shape = new RateMeter(S.concurrency);
  const cpu = { bare: new CpuMeter(stack.infra.cpu), http: new CpuMeter(stack.infra.cpu), shape: new CpuMeter(stack.infra.cpu) };
  const roundRatios: number[] = [];
  const profiler = new MainThreadProfiler();
  const per = { bare: S.bareStarts / S.rounds, http: S.httpCases / S.rounds, shape: S.bareStartAndUpdate / S.rounds };
  log(`  ${S.rounds} rounds at concurrency ${S.concurrency}, each: ${per.bare} empty workflows started by a bare client, ${per.http} pathways through POST /api/v1/cases, ${per.shape} bare Updates-with-Start`);
  for (let round = 0; round < S.rounds; round += 1) {
    const b = await cpu.bare.around(() => bare.block(per.bare, startEmpty, round * per.bare, S.bareBlockMs));
    const h = await profiler.around(() => cpu.http.around(() => http.block(per.http, create, S.httpCasesWarmup + round * per.http, S.httpBlockMs)));
    await cpu.shape.around(() => shape.block(per.shape, startAndUpdate(true), round * per.shape, S.shapeBlockMs));
    roundRatios.push(h / b);
    log(`    round ${round + 1}: ${h.toFixed(1)}/s through HTTP, ${b.toFixed(1)}/s bare starts (×${(h / b).toFixed(2)})`);
  }
  const rates = { http: http.rate(), bare: bare.rate(), shape: shape.rate() };
  const profile = profiler.summary(rates.http.count);
  await profiler.stop();
  log(`    main thread per start (sampled ${profile.sampledMs.toFixed(1)} ms): ${profile.parts.slice(0, 8).map((x) => `${x.part} ${x.ms.toFixed(1)}`).join('; ')}`);
  log(`    the Node.js runtime's share by caller: ${profile.runtimeCallers.slice(0, 6).map((x) => `${x.part} ${x.ms.toFixed(1)}`).join('; ')}`);
  log(`    most self time: ${profile.top.slice(0, 10).map((x) => `${x.fn} (${x.where}) ${x.ms.toFixed(2)}`).join('; ')}`);
  const firstRun = await firstRunOf(stack, made.filter(Boolean)[0].id);
  log(`    a new case's first run: ${firstRun.events} events, ${firstRun.workflowTasks} workflow tasks, ${firstRun.localActivities} local activities, ${firstRun.activityTasksScheduled} activity tasks scheduled, ${firstRun.patchMarkers} patch markers, ${firstRun.searchAttributeUpserts} search-attribute upserts`);
  const result: StartResult = {
    http: rates.http,
    bare: rates.bare,
    bareStartAndUpdate: rates.shape,
    ratio: rates.http.perSecond / rates.bare.perSecond,
    roundRatios,
    cpu: { http: cpu.http.per(rates.http.count), bare: cpu.bare.per(rates.bare.count), shape: cpu.shape.per(rates.shape.count) },
    firstRun,
    profile,
  };
  const c = (x: CpuPer) => `${x.bench.toFixed(1)} ms here, ${x.temporal.toFixed(1)} ms Temporal, ${x.postgres.toFixed(1)} ms PostgreSQL (machine ${(x.machineBusy * 100).toFixed(0)}% busy)`;
  log(`    CPU per start: HTTP ${c(result.cpu.http)}; bare ${c(result.cpu.bare)}`);
  log(`    overall: ${result.http.perSecond.toFixed(1)}/s through HTTP, ${result.bare.perSecond.toFixed(1)}/s bare starts, ratio ${result.ratio.toFixed(2)}; bare Update-with-Start ${result.bareStartAndUpdate.perSecond.toFixed(1)}/s, p50 ${result.bareStartAndUpdate.latency.p50.toFixed(0)} ms (HTTP p50 ${result.http.latency.p50.toFixed(0)} ms, bare start p50 ${result.bare.latency.p50.toFixed(0)} ms; the product at ×${(result.http.perSecond / result.bareStartAndUpdate.perSecond).toFixed(2)} of it); its CPU ${c(result.cpu.shape)}`);
  // Every case and trivial workflow that completed, for measurement 2 (blocks may stop early).
  return { result, cases: made.filter(Boolean), updatable: updatable.filter(Boolean) };
}

/**
 * Measurement 2: claim and complete a CUSTODY_SCREENING through HTTP (Update, projection, 200),
 * one at a time, against a bare Update round trip on a trivial workflow, interleaved call by call
 * so both see the same machine. Also, to show where the time goes: the same Update with a no-op
 * activity, the task read over HTTP (no Temporal), and the claim and complete Updates sent
 * straight to the pathway workflow (no HTTP).
 */
export async function measureCompletions(stack: BenchStack, cases: CreatedCase[], updatable: string[], log: (line: string) => void): Promise<CompletionResult> {
  const S = COMMAND_SIZES;
  const r = seededRandom(7);
  const run = Date.now().toString(36);
  const handle = (id: string): WorkflowHandle => stack.client.workflow.getHandle(id);
  const token = await stack.token('prison.staff');
  // HTTP takes cases from the front, the direct Updates from the back: each case is used once.
  const { front: httpCases, back: directCases } = splitFrontBack(cases, S.httpCompletionsWarmup + S.httpCompletions, S.directCompletionsWarmup + S.directCompletions);
  if (httpCases.length <= S.httpCompletionsWarmup || directCases.length <= S.directCompletionsWarmup || updatable.length === 0) {
    throw new Error('measurement 2 needs the cases and workflows measurement 1 creates');
  }
  const h = {
    bare: new LatencyHistogram(),
    bareAct: new LatencyHistogram(),
    claim: new LatencyHistogram(),
    complete: new LatencyHistogram(),
    both: new LatencyHistogram(),
    getTask: new LatencyHistogram(),
    directClaim: new LatencyHistogram(),
    directComplete: new LatencyHistogram(),
  };
  const ping = (i: number, name: 'ping' | 'pingWithActivity') => handle(updatable[i % updatable.length]).executeUpdate<number, [number]>(name, { args: [i] });
  const viaHttp = async (i: number, record: boolean) => {
    const c = httpCases[i];
    const a = await stack.command('POST', `/api/v1/tasks/${c.screeningTaskId}/claim`, { token, idempotencyKey: `bench-${run}-claim-${i}` });
    if (a.status !== 200) throw new Error(`claim answered ${a.status}: ${JSON.stringify(a.body)}`);
    const b = await stack.command('POST', `/api/v1/tasks/${c.screeningTaskId}/complete`, { token, body: { outcome: screeningOutcome(r) }, idempotencyKey: `bench-${run}-complete-${i}` });
    if (b.status !== 200) throw new Error(`complete answered ${b.status}: ${JSON.stringify(b.body)}`);
    const g = await stack.request('GET', `/api/v1/tasks/${c.screeningTaskId}`, { token });
    if (g.status !== 200) throw new Error(`get task answered ${g.status}`);
    if (record) {
      h.claim.recordMs(a.ms);
      h.complete.recordMs(b.ms);
      h.both.recordMs(a.ms + b.ms);
      h.getTask.recordMs(g.ms);
    }
  };
  const update = <N extends 'claimTask' | 'completeTask'>(caseId: string, name: N, arg: PathwayUpdates[N]) =>
    handle(pathwayWorkflowId(caseId)).executeUpdate<CommandResult, [PathwayUpdates[N]]>(name, { args: [arg] });
  const direct = async (i: number, record: boolean) => {
    const c = directCases[i];
    const a = process.hrtime.bigint();
    await update(c.id, 'claimTask', { taskId: c.screeningTaskId, actor: PRISON });
    const b = process.hrtime.bigint();
    await update(c.id, 'completeTask', { taskId: c.screeningTaskId, outcome: screeningOutcome(r), actor: PRISON });
    if (record) {
      h.directClaim.recordMs(Number(b - a) / 1e6);
      h.directComplete.recordMs(msSince(b));
    }
  };

  log(`  warm-up: ${S.httpCompletionsWarmup} claim + complete through HTTP, ${S.directCompletionsWarmup} straight to the workflow, trivial Updates`);
  for (let i = 0; i < S.httpCompletionsWarmup; i += 1) {
    await ping(i, 'ping');
    await ping(i, 'pingWithActivity');
    await viaHttp(i, false);
    if (i < S.directCompletionsWarmup) await direct(i, false);
  }
  log(`  up to ${S.httpCompletions} rounds (or ${S.completionsMs / 1000} s), one call at a time: a trivial Update, claim + complete + read through HTTP; in the first ${S.directCompletions} also an Update awaiting a no-op activity and claim + complete straight to a pathway workflow`);
  const deadline = Date.now() + S.completionsMs;
  for (let i = 0; i < S.httpCompletions && Date.now() < deadline; i += 1) {
    const httpCase = S.httpCompletionsWarmup + i;
    const directCase = S.directCompletionsWarmup + i;
    if (httpCase >= httpCases.length) break;
    await h.bare.time(() => ping(i, 'ping'));
    await viaHttp(httpCase, true);
    if (i < S.barePingsWithActivity) await h.bareAct.time(() => ping(i, 'pingWithActivity'));
    if (i < S.directCompletions && directCase < directCases.length) await direct(directCase, true);
  }
  for (const id of updatable) await handle(id).signal('finish');
  const completionRun = await commandRunOf(stack, httpCases[S.httpCompletionsWarmup].id, 'completeTask');
  if (completionRun) log(`    a completion through HTTP: ${completionRun.workflowTasks} workflow task(s), ${completionRun.events} events, ${completionRun.localActivities} local activities, ${completionRun.activityTasksScheduled} activity tasks scheduled, ${completionRun.patchMarkers} patch markers`);

  const base = h.bare.summary();
  const done = h.complete.summary();
  const p = (l: Latency) => `${l.p50.toFixed(1)} / ${l.p95.toFixed(1)} / ${l.p99.toFixed(1)} ms`;
  log(`    HTTP complete ${p(done)}; bare Update ${p(base)}; with activity ${p(h.bareAct.summary())}; direct complete ${p(h.directComplete.summary())}; GET task ${p(h.getTask.summary())}`);
  return {
    bareUpdate: base,
    bareUpdateWithActivity: h.bareAct.summary(),
    httpClaim: h.claim.summary(),
    httpComplete: done,
    httpClaimAndComplete: h.both.summary(),
    httpGetTask: h.getTask.summary(),
    directClaim: h.directClaim.summary(),
    directComplete: h.directComplete.summary(),
    ratioP50: done.p50 / base.p50,
    ratioP95: done.p95 / base.p95,
    ratioP99: done.p99 / base.p99,
    completionRun,
    repeats: stack.repeats,
  };
}
