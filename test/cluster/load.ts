import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { QueryResult, QueryResultRow } from 'pg';
import { pathwayWorkflowId, type PathwayState } from '@ttg/contracts';
import type { ClusterClient } from '../../scripts/lib/cluster-client';
import { runBounded, seededRandom } from '../../bench/lib/load';
import { newCaseBodies, screeningOutcome } from '../../bench/lib/people';

/** A PostgreSQL client or pool. */
export interface Sql {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** What happened to one person's commands: create the case, claim and complete its screening. */
export interface Journey {
  prisonNumber: string;
  caseId: string;
  screeningTaskId: string;
  /** Final answers (after retries on the other instance), e.g. create 201 or 409 CASE_ALREADY_ACTIVE. */
  answers: { create: string; claim: string; complete: string };
  /** Instances that gave the final answers. */
  urls: string[];
  finishedAt: number;
}

const answer = (res: { status: number; body: unknown }) => {
  const code = (res.body as { code?: string } | null)?.code;
  return code && res.status >= 400 ? `${res.status} ${code}` : String(res.status);
};

/**
 * `count` people through the cluster's API instances, `concurrency` at a time: create the case,
 * claim and complete its custody screening, each command with its own Idempotency-Key. A command
 * done by an attempt whose answer was lost (the instance died, Temporal restarted) and then
 * answered 409 on a retry is looked up in the read model. `progress` is told as each finishes.
 */
export async function runJourneys(http: ClusterClient, db: Sql, token: string, run: string, count: number, concurrency: number, progress: (done: number) => void): Promise<Journey[]> {
  const taken = new Set((await db.query<{ prison_number: string }>('SELECT prison_number FROM cases')).rows.map((r) => r.prison_number));
  const bodies = newCaseBodies(count, seededRandom(count + run.length), 'LEI', taken);
  const r = seededRandom(3);
  const journeys: Journey[] = [];
  await runBounded(count, concurrency, async (i) => {
    const body = bodies[i];
    const created = await http.call<{ id: string; tasks: { id: string; type: string }[] }>('POST', '/api/v1/cases', { token, body, idempotencyKey: `${run}-case-${i}` });
    let caseId = created.body?.id;
    let screeningTaskId = created.body?.tasks?.find((t) => t.type === 'CUSTODY_SCREENING')?.id;
    if (created.status !== 201) {
      const row = (await db.query<{ id: string; task: string }>(`SELECT c.id, t.id AS task FROM cases c JOIN tasks t ON t.case_id = c.id AND t.type = 'CUSTODY_SCREENING' WHERE c.prison_number = $1`, [body.prisonNumber])).rows[0];
      caseId = row?.id;
      screeningTaskId = row?.task;
    }
    if (!caseId || !screeningTaskId) throw new Error(`case for ${body.prisonNumber}: ${answer(created)} and not in the read model`);
    const claim = await http.call('POST', `/api/v1/tasks/${screeningTaskId}/claim`, { token, idempotencyKey: `${run}-claim-${i}` });
    const complete = await http.call('POST', `/api/v1/tasks/${screeningTaskId}/complete`, { token, body: { outcome: screeningOutcome(r) }, idempotencyKey: `${run}-complete-${i}` });
    journeys.push({
      prisonNumber: body.prisonNumber,
      caseId,
      screeningTaskId,
      answers: { create: answer(created), claim: answer(claim), complete: answer(complete) },
      urls: [created.url, claim.url, complete.url],
      finishedAt: Date.now(),
    });
    progress(journeys.length);
  });
  return journeys;
}

export interface Census {
  /** Cases per prison number of the journeys (1 each when none is lost or doubled). */
  casesPerPerson: number[];
  /** Per case: its tasks' types with how many of each, sorted (the victim contact referral aside). */
  taskTypes: string[];
  /** The most victim contact referrals any one case has (1 where the scheme applies: never doubled). */
  mostVictimReferrals: number;
  /** Screening tasks COMPLETED by u-prison-staff, and TASK_COMPLETED audit events, per case. */
  screeningsCompleted: number;
  completionEvents: number[];
  /** Cases whose read model is at the workflow's version with the same stage and task statuses. */
  matchingWorkflow: number;
  stages: string[];
}

/** Where the workflows are, and the data converter that reads their payloads. */
export interface TemporalAccess {
  temporalAddress: string;
  dataConverter: DataConverter;
}

/** What the read model (SQL) and the workflows (queries) hold for the journeys. */
export async function census(db: Sql, temporal: TemporalAccess, journeys: Journey[]): Promise<Census> {
  const numbers = journeys.map((j) => j.prisonNumber);
  const ids = journeys.map((j) => j.caseId);
  const perPerson = await db.query<{ n: number }>(`SELECT count(c.id)::int AS n FROM unnest($1::text[]) p(num) LEFT JOIN cases c ON c.prison_number = p.num GROUP BY p.num`, [numbers]);
  const types = await db.query<{ types: string }>(
    // The victim contact referral depends on the person's offence (a quarter of them are violent), not on
    // the faults: it is left out of the comparison here and counted on its own (victimReferrals).
    `SELECT string_agg(type || '×' || n, ',' ORDER BY type) AS types FROM (SELECT case_id, type, count(*) AS n FROM tasks WHERE case_id = ANY($1::uuid[]) AND type <> 'VICTIM_CONTACT' GROUP BY case_id, type) x GROUP BY case_id`,
    [ids],
  );
  const victim = await db.query<{ n: number }>(`SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM tasks WHERE case_id = ANY($1::uuid[]) AND type = 'VICTIM_CONTACT' GROUP BY case_id) x`, [ids]);
  const screenings = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE case_id = ANY($1::uuid[]) AND type = 'CUSTODY_SCREENING' AND status = 'COMPLETED' AND completed_by = 'u-prison-staff'`, [ids]);
  const events = await db.query<{ n: number }>(
    `SELECT count(a.id)::int AS n FROM unnest($1::uuid[]) c(id) LEFT JOIN audit_events a ON a.case_id = c.id AND a.action = 'TASK_COMPLETED' GROUP BY c.id`,
    [ids],
  );
  const rows = await db.query<{ id: string; stage: string; state_version: number; tasks: Record<string, string> }>(
    `SELECT c.id, c.stage, c.state_version, (SELECT jsonb_object_agg(t.id, t.status) FROM tasks t WHERE t.case_id = c.id) AS tasks FROM cases c WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  const connection = await Connection.connect({ address: temporal.temporalAddress });
  let matchingWorkflow = 0;
  try {
    const client = new Client({ connection, dataConverter: temporal.dataConverter });
    for (const row of rows.rows) {
      const state = await client.workflow.getHandle(pathwayWorkflowId(row.id)).query<PathwayState>('getState');
      const same = state.version === row.state_version && state.stage === row.stage && state.tasks.every((t) => row.tasks[t.id] === t.status) && state.tasks.length === Object.keys(row.tasks).length;
      if (same) matchingWorkflow += 1;
    }
  } finally {
    await connection.close();
  }
  return {
    casesPerPerson: perPerson.rows.map((r) => r.n),
    taskTypes: types.rows.map((r) => r.types),
    mostVictimReferrals: victim.rows[0].n,
    screeningsCompleted: screenings.rows[0].n,
    completionEvents: events.rows.map((r) => r.n),
    matchingWorkflow,
    stages: rows.rows.map((r) => r.stage),
  };
}

/** Every journey's commands were done exactly once; the read model and the workflows agree. */
export async function expectConsistent(db: Sql, temporal: TemporalAccess, journeys: Journey[], people: number): Promise<void> {
  expect(journeys).toHaveLength(people);
  for (const j of journeys) {
    // A 409 is the retry of a command an earlier attempt did (its answer lost with the instance).
    expect(['201', '409 CASE_ALREADY_ACTIVE']).toContain(j.answers.create);
    expect(j.answers.claim).toBe('200');
    expect(['200', '409 TASK_ALREADY_COMPLETED']).toContain(j.answers.complete);
  }
  const c = await census(db, temporal, journeys);
  expect(c.casesPerPerson).toEqual(Array(people).fill(1));
  expect(new Set(journeys.map((j) => j.caseId)).size).toBe(people);
  expect(c.screeningsCompleted).toBe(people);
  expect(c.completionEvents).toEqual(Array(people).fill(1));
  expect(c.stages).toEqual(Array(people).fill('RISK_SCREENING'));
  // Same inputs, same tasks: one of each type per case, none lost, none doubled.
  expect(c.taskTypes).toHaveLength(people);
  expect(c.taskTypes).toEqual(Array(people).fill(c.taskTypes[0]));
  expect(c.taskTypes[0]).toMatch(/^(?:[A-Z_]+×1,)*[A-Z_]+×1$/);
  expect(c.taskTypes[0].split(',')).toEqual(expect.arrayContaining(['CUSTODY_SCREENING×1', 'RISK_SCREENING×1', 'RESETTLEMENT_PLAN×1']));
  expect(c.mostVictimReferrals).toBeLessThanOrEqual(1);
  expect(c.matchingWorkflow).toBe(people);
}
