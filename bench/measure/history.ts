import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createPathwayActivities } from '../../activities/pathway.activities';
import { getState, PATHWAY_WORKFLOW_TYPE, pathwayWorkflowId, type Actor, type CommandResult, type PathwayStartInput, type PathwayState, type PathwayUpdates } from '@ttg/contracts';
import { createDataSource } from '@ttg/persistence/data-source';
import { PolicyCatalogue } from '@ttg/persistence/policy-catalogue';
import { ProjectionRepository } from '@ttg/persistence/projection.repository';
import { ensureTool } from '../../scripts/lib/tools';
import { ALL_NEEDS, COM, MANAGER, planOutcome, PRISON, WHOLE_PATHWAY_SENTENCE } from '../../test/support/pathway-fixtures';
import { WORKFLOW_BUNDLE } from '../lib/paths';
import { BENCH_KEYS } from '../lib/stack';

/** Temporal's hard limits on one run's history, and where a server suggests continue-as-new. */
export const HISTORY_LIMITS = { events: 51_200, bytes: 50 * 1024 * 1024, suggestContinueAsNewEvents: 4_096 };
const TASK_QUEUE = 'ttg-bench-history';

export interface HistoryRun {
  scenario: string;
  runs: number;
  events: number;
  maxEventsPerRun: number;
  bytes: number;
  maxBytesPerRun: number;
  updates: number;
  wallSeconds: number;
  /** How long the time-skipping test server took to start and answer. */
  serverStartSeconds: number;
}

export interface HistoryResult {
  scenarios: HistoryRun[];
}

/** Support required on every pathway custody screening found a need on. */
const PLAN = planOutcome(Object.entries(ALL_NEEDS).filter(([, needed]) => needed).map(([p]) => p));

interface TaskRow {
  id: string;
  type: string;
  overdue: boolean;
  escalated: boolean;
}

/** One person's pathway driven as whole-pathway.test.ts drives it (no assertions, bounded waits). */
class Pathway {
  updates = 0;
  caseId = randomUUID();
  firstRunId = '';

  constructor(
    private readonly env: TestWorkflowEnvironment,
    private readonly ds: DataSource,
  ) {}

  get workflowId(): string {
    return pathwayWorkflowId(this.caseId);
  }

  async skipTo(iso: string): Promise<void> {
    const now = await this.env.currentTimeMs();
    const target = new Date(iso).getTime();
    if (target > now) await this.env.sleep(target - now);
  }

  async start(): Promise<void> {
    await this.ds.query(
      `INSERT INTO cases (id, prison_number, given_name, family_name, date_of_birth, prison_code, region_code, stage, active, sentence, workflow_id)
       VALUES ($1, $2, 'Bench', 'Person', '1990-01-01', 'LEI', 'YH', 'CUSTODY_SCREENING', false, $3, $4)`,
      [this.caseId, `Z${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}ZZ`, JSON.stringify(WHOLE_PATHWAY_SENTENCE), this.workflowId],
    );
    const input: PathwayStartInput = { caseId: this.caseId, prisonCode: 'LEI', regionCode: 'YH', sentence: WHOLE_PATHWAY_SENTENCE, startedBy: PRISON };
    const handle = await this.env.client.workflow.start(PATHWAY_WORKFLOW_TYPE, { taskQueue: TASK_QUEUE, workflowId: this.workflowId, args: [input] });
    this.firstRunId = handle.firstExecutionRunId;
    await this.update('sync', {});
  }

  async update<N extends keyof PathwayUpdates>(name: N, arg: PathwayUpdates[N]): Promise<CommandResult> {
    this.updates += 1;
    return this.env.client.workflow.getHandle(this.workflowId).executeUpdate<CommandResult, [PathwayUpdates[N]]>(name, { args: [arg] });
  }

  async tasks(): Promise<TaskRow[]> {
    return this.ds.query(`SELECT id, type, overdue, escalated FROM tasks WHERE case_id = $1 AND status IN ('OPEN','IN_PROGRESS') ORDER BY created_at, id`, [this.caseId]);
  }

  /** Waits (bounded, real time) until the read model shows what a fired timer did. */
  async until(what: string, ok: (open: TaskRow[]) => boolean): Promise<TaskRow[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const open = await this.tasks();
      if (ok(open)) return open;
      if (Date.now() > deadline) throw new Error(`history benchmark: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async open(type: string): Promise<TaskRow> {
    const t = (await this.until(`an open ${type} task`, (ts) => ts.some((x) => x.type === type))).find((x) => x.type === type);
    return t!;
  }

  async complete(type: string, outcome: unknown, actor: Actor = PRISON): Promise<void> {
    const t = await this.open(type);
    await this.update('completeTask', { taskId: t.id, outcome, actor });
  }

  /** Waits for the workflow to finish (time skips while the client waits). */
  async result(): Promise<void> {
    await this.env.client.workflow.getHandle(this.workflowId).result();
  }

  /** The workflow's own state (its query), for instants only the policy knows. */
  async state(): Promise<PathwayState> {
    return this.env.client.workflow.getHandle(this.workflowId).query(getState);
  }

  async notificationKinds(): Promise<string[]> {
    const rows: { kind: string }[] = await this.ds.query(`SELECT kind FROM notifications WHERE case_id = $1`, [this.caseId]);
    return rows.map((r) => r.kind);
  }
}

/**
 * Reception to closure after 12 months of supervision, as whole-pathway.test.ts runs it; with
 * `weeklyContacts` the COM also records a contact every week of supervision (a busy case).
 */
async function drive(p: Pathway, weeklyContacts: boolean): Promise<void> {
  await p.skipTo('2030-01-07T09:00:00Z');
  await p.start();
  const screening = await p.open('CUSTODY_SCREENING');
  await p.update('claimTask', { taskId: screening.id, actor: PRISON });
  await p.update('completeTask', { taskId: screening.id, outcome: { immediateNeeds: ['prescription medication'], riskFlags: [], needs: ALL_NEEDS }, actor: PRISON });
  await p.complete('RISK_SCREENING', { roshLevel: 'MEDIUM' });
  await p.complete('DOMESTIC_ABUSE_CHECK', { result: 'NO_CONCERNS' });
  await p.complete('SAFEGUARDING_CHECK', { result: 'NO_CONCERNS' });
  await p.complete('RESETTLEMENT_PLAN', PLAN);
  await p.complete('RISK_MANAGEMENT_PLAN', { summary: 'Managed at MAPPA level 1', fullAssessmentCompleted: true });

  await p.skipTo('2030-03-01T06:00:00Z');
  await p.skipTo('2030-04-27T23:00:01Z');
  await p.until('allocation overdue', (ts) => ts.some((t) => t.type === 'COM_ALLOCATION' && t.overdue));
  await p.skipTo('2030-05-09T23:00:01Z');
  await p.until('allocation escalated', (ts) => ts.some((t) => t.type === 'COM_ALLOCATION' && t.escalated));
  await p.complete('COM_ALLOCATION', { comUserId: COM.userId, teamCode: 'YH-LEEDS-N' }, MANAGER);
  await p.complete('HANDOVER_ACCEPTANCE', { decision: 'ACCEPTED' }, COM);

  await p.complete('DUTY_TO_REFER', { localAuthority: 'Leeds City Council', referredOn: '2030-05-10' });
  await p.complete('SECURE_ADDRESS', { accommodation: 'SETTLED', address: '1 Example Street, Leeds' });
  await p.complete('ETE_REFERRAL', { arranged: 'WORK' });
  await p.complete('BANK_ACCOUNT', { opened: true });
  await p.complete('ID_DOCUMENTS', { documents: ['BIRTH_CERTIFICATE'] });
  await p.complete('DEBT_ADVICE', { referred: true, debtsResolved: 'PARTLY' });

  await p.skipTo('2030-10-16T23:00:01Z');
  await p.complete('PRE_RELEASE_REVIEW', {
    needsReviewed: true,
    releaseAddress: '1 Example Street, Leeds',
    licenceConditions: ['Reside at the approved address'],
    provisionalFirstAppointment: { date: '2031-01-10', location: 'Leeds probation office' },
  });
  await p.complete('VICTIM_CONTACT', { informedOn: '2030-10-20' }, COM);

  await p.skipTo('2031-01-09T08:00:00Z');
  await p.complete('RELEASE_OUTCOMES', { releasedOn: '2031-01-09', accommodation: 'SETTLED', workOrTraining: 'WORK', bankAccount: true, id: true, debts: 'IN_HAND' });
  await p.skipTo('2031-01-10T10:00:00Z');
  await p.complete('FIRST_APPOINTMENT', { outcome: 'ATTENDED', date: '2031-01-10' }, COM);
  await p.complete('HOME_VISIT', { outcome: 'ATTENDED', date: '2031-01-10' }, COM);

  const checkpoints = async () => {
    for (const t of await p.tasks()) {
      if (t.type === 'OUTCOME_CHECKPOINT') await p.update('completeTask', { taskId: t.id, outcome: { accommodation: 'SETTLED', workOrTraining: 'WORK' }, actor: COM });
    }
  };
  if (weeklyContacts) {
    // A contact every week of supervision; checkpoints completed as they open.
    for (let day = Date.parse('2031-01-17T10:00:00Z'); day < Date.parse('2032-01-08T00:00:00Z'); day += 7 * 86_400_000) {
      const iso = new Date(day).toISOString();
      await p.skipTo(iso);
      await p.update('recordContact', { contactId: `${p.caseId}-w${day}`, date: iso.slice(0, 10), kind: 'OFFICE', outcome: 'ATTENDED', actor: COM });
      await checkpoints();
    }
  } else {
    // Lost contact, flagged and escalated, cleared by a contact; outcomes at 6 weeks, 3 and 6 months.
    // Flagged and escalated at the instants the policy gave the workflow (a copy of the dates here
    // once fell a day out of step with the policy and the run stopped).
    const { lostContactFlagAt, lostContactEscalateAt } = (await p.state()).supervision ?? {};
    if (!lostContactFlagAt || !lostContactEscalateAt) throw new Error('history benchmark: supervision has no lost-contact instants');
    await p.skipTo(new Date(Date.parse(lostContactFlagAt) + 1_000).toISOString());
    await p.skipTo(new Date(Date.parse(lostContactEscalateAt) + 1_000).toISOString());
    const deadline = Date.now() + 15_000;
    while (!(await p.notificationKinds()).includes('LOST_CONTACT_ESCALATION')) {
      if (Date.now() > deadline) throw new Error('history benchmark: timed out waiting for the lost-contact escalation');
      await new Promise((r) => setTimeout(r, 25));
    }
    await p.update('recordContact', { contactId: `${p.caseId}-c1`, date: '2031-01-31', kind: 'OFFICE', outcome: 'ATTENDED', actor: COM });
    for (const [opens, count] of [['2031-02-20T00:00:01Z', 1], ['2031-04-08T23:00:01Z', 1], ['2031-07-08T23:00:01Z', 1]] as const) {
      await p.skipTo(opens);
      await p.until('an outcome checkpoint', (ts) => ts.filter((t) => t.type === 'OUTCOME_CHECKPOINT').length >= count);
      await checkpoints();
    }
  }
  await p.skipTo('2032-01-09T00:00:01Z');
  await p.open('CLOSURE');
  await checkpoints();
  await p.complete('CLOSURE', { summary: 'Settled accommodation and in work throughout supervision' }, COM);
  await p.result();
}

/** Every run of the workflow, first to last (following continue-as-new), with its events and encoded size. */
async function histories(env: TestWorkflowEnvironment, workflowId: string, firstRunId: string): Promise<{ events: number; bytes: number }[]> {
  const runs: { events: number; bytes: number }[] = [];
  let runId: string | null | undefined = firstRunId;
  while (runId) {
    const events: temporal.api.history.v1.IHistoryEvent[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page: temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse = await env.client.workflowService.getWorkflowExecutionHistory({
        namespace: env.client.options.namespace,
        execution: { workflowId, runId },
        nextPageToken,
      });
      events.push(...(page.history?.events ?? []));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    runs.push({ events: events.length, bytes: temporal.api.history.v1.History.encode({ events }).finish().length });
    const last = events[events.length - 1];
    runId = last?.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW ? last.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId : null;
  }
  return runs;
}

/**
 * Measurement 5: one pathway, reception to closure after 12 months of supervision, on Temporal's
 * time-skipping test server with the product's worker code and PostgreSQL: its history (every
 * run, following continue-as-new) against Temporal's limits. Twice: as whole-pathway.test.ts
 * drives it, and a busy case with a contact recorded every week of supervision.
 */
export async function measureHistory(databaseUrl: string, log: (line: string) => void): Promise<HistoryResult> {
  const ds = createDataSource(databaseUrl, { poolSize: 4, applicationName: 'ttg-bench-history' });
  await ds.initialize();
  try {
    const scenarios: HistoryRun[] = [];
    for (const [scenario, weekly] of [['as whole-pathway.test.ts runs it', false], ['busy: a contact every week of supervision', true]] as const) {
      // A fresh test server per scenario: each starts its clock in 2030, as the test does.
      const serverStarted = Date.now();
      const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: ensureTool('test-server') } }, client: { dataConverter: BENCH_KEYS.dataConverter } });
      const serverStartSeconds = (Date.now() - serverStarted) / 1000;
      let worker: Worker | undefined;
      let running: Promise<void> | undefined;
      try {
        worker = await Worker.create({
          connection: env.nativeConnection,
          taskQueue: TASK_QUEUE,
          workflowBundle: { codePath: WORKFLOW_BUNDLE },
          activities: createPathwayActivities({ policies: new PolicyCatalogue(), projection: new ProjectionRepository(ds) }),
          dataConverter: BENCH_KEYS.dataConverter,
        });
        running = worker.run();
        const started = Date.now();
        const p = new Pathway(env, ds);
        await drive(p, weekly);
        const runs = await histories(env, p.workflowId, p.firstRunId);
        const r: HistoryRun = {
          scenario,
          runs: runs.length,
          events: runs.reduce((a, b) => a + b.events, 0),
          maxEventsPerRun: Math.max(...runs.map((x) => x.events)),
          bytes: runs.reduce((a, b) => a + b.bytes, 0),
          maxBytesPerRun: Math.max(...runs.map((x) => x.bytes)),
          updates: p.updates,
          wallSeconds: (Date.now() - started) / 1000,
          serverStartSeconds,
        };
        log(`  ${scenario}: ${r.events} events in ${r.runs} run(s), ${(r.bytes / 1024).toFixed(0)} KiB, ${r.updates} Updates, ${r.wallSeconds.toFixed(1)} s`);
        scenarios.push(r);
      } finally {
        if (worker && worker.getState() === 'RUNNING') worker.shutdown();
        await running?.catch(() => undefined);
        await env.teardown();
      }
    }
    return { scenarios };
  } finally {
    await ds.destroy();
  }
}
