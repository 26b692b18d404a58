import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathwayWorkflowId, PROJECTION_DATA_ERROR, type ProjectionBatch, type PathwayState, type TaskState } from '@ttg/contracts';
import { ProjectionRepository } from '@ttg/persistence/projection.repository';
import { createMailActivities } from '../../../activities/mail.activities';
import { PathwayHarness } from './harness';
import { ALL_NEEDS, PRISON, TWO_YEAR_SENTENCE_STATED } from '../../support/pathway-fixtures';

/**
 * The projection inside the workflow task: fenced writes (a newer (version, fence) wins, an
 * older fence's rows of that version or later are taken back), creation of the row from the
 * workflow, data errors, and the crash window between the projection's commit and its task's.
 */
jest.setTimeout(120_000);

const RECEPTION = '2030-01-07T09:00:00Z';
const sentence = TWO_YEAR_SENTENCE_STATED;

describe('the fenced projection', () => {
  let h: PathwayHarness;
  let repo: ProjectionRepository;
  let worker: Worker;
  let running: Promise<void>;
  type ProjectCase = PathwayHarness['activities']['projectCase'];
  let real: ProjectCase;
  /** What the worker's `projectCase` does: the real projection unless a test says otherwise. */
  let projectCase: ProjectCase;
  beforeAll(async () => {
    h = await PathwayHarness.start();
    // One worker for the file, before any workflow: its projection can be swapped, and a result
    // marked `crashAfter` fails the workflow task (crash-interceptor.ts).
    await h.stopWorker();
    real = h.activities.projectCase;
    projectCase = real;
    worker = await Worker.create({
      ...h.workerOptions(),
      activities: { ...h.activities, projectCase: (batch: Parameters<ProjectCase>[0]) => projectCase(batch) },
      interceptors: { workflowModules: [require.resolve('./crash-interceptor')] },
    });
    running = worker.run();
    await h.skipTo(RECEPTION);
    repo = new ProjectionRepository(h.ds);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await h?.stop();
  });
  afterEach(() => {
    projectCase = real;
  });

  /** A started case's state from its workflow, to build batches from. */
  async function stateOfNewCase(): Promise<PathwayState> {
    return h.state(await h.startCase(sentence));
  }

  function batchOf(state: PathwayState, version: number, fence: number, extra: { tasks?: TaskState[]; audit?: string[]; notifications?: string[] } = {}): ProjectionBatch {
    const { tasks, scheduled: _s, ...caseState } = state;
    const all = [...tasks, ...(extra.tasks ?? [])];
    const at = '2030-01-07T09:00:00Z';
    return {
      caseId: state.caseId,
      version,
      fence,
      state: { ...caseState, version },
      tasks: all,
      allTasks: all,
      audit: (extra.audit ?? []).map((id) => ({ id, caseId: state.caseId, at, actorId: 'system', actorRole: 'SYSTEM', action: 'TEST', taskId: null, before: null, after: null, details: null })),
      notifications: (extra.notifications ?? []).map((id) => ({ id, caseId: state.caseId, taskId: null, kind: 'INFO' as const, audience: 'PRISON' as const, recipientUserId: null, message: 'test', createdAt: at })),
      contacts: [],
    };
  }

  const ghostTask = (state: PathwayState, id: string): TaskState => ({ ...state.tasks[0], id, title: 'ghost' });
  const ids = async (table: string, caseId: string): Promise<string[]> =>
    ((await h.ds.query(`SELECT id FROM ${table} WHERE case_id = $1 ORDER BY id`, [caseId])) as { id: string }[]).map((r) => r.id);

  it('same version, newer fence: takes back the older fence’s task, audit row and notification (with its mail)', async () => {
    const state = await stateOfNewCase();
    const v = state.version + 1;
    const g = `${state.caseId}-ghost`;
    expect(await repo.apply(batchOf(state, v, 100, { tasks: [ghostTask(state, `${g}-t`)], audit: [`${g}-e`], notifications: [`${g}-n`] }))).toEqual({ applied: true });
    await h.ds.query(`INSERT INTO outbox (id, notification_id, to_address, subject, body) VALUES ($1, $2, 'x@example.org', 's', 'b')`, [`${g}-mail`, `${g}-n`]);
    expect(await repo.apply(batchOf(state, v, 200, { audit: [`${state.caseId}-retry-e`] }))).toEqual({ applied: true });
    expect(await ids('tasks', state.caseId)).toEqual(state.tasks.map((t) => t.id).sort());
    expect(await ids('audit_events', state.caseId)).not.toContain(`${g}-e`);
    expect(await ids('audit_events', state.caseId)).toContain(`${state.caseId}-retry-e`);
    expect(await ids('notifications', state.caseId)).not.toContain(`${g}-n`);
    expect(await h.ds.query(`SELECT id FROM outbox WHERE id = $1`, [`${g}-mail`])).toEqual([]);
    const row: { state_version: number; projection_fence: string }[] = await h.ds.query(`SELECT state_version, projection_fence FROM cases WHERE id = $1`, [state.caseId]);
    expect(row[0]).toEqual({ state_version: v, projection_fence: '200' });
  });

  it('an email names the person, says what happened in plain dates (with the deadline’s time) and what to do, and links to the task', async () => {
    const state = await stateOfNewCase();
    const v = state.version + 1;
    const officer = `mail-${state.caseId}`;
    await h.ds.query(
      `INSERT INTO users (id, username, display_name, role, prison_code, region_code, email, active) VALUES ($1, $1, 'Mail Officer', 'PRISON_STAFF', $2, $3, $4, true)`,
      [officer, state.prisonCode, state.regionCode, `${officer}@example.org`],
    );
    const task: TaskState = { ...state.tasks[0], id: `${state.caseId}-timed`, title: 'Custody screening', dueDate: '2030-01-09', dueAt: '2030-01-09T14:57:00Z' };
    const batch = batchOf(state, v, 100, { tasks: [task] });
    batch.notifications = [{ id: `${state.caseId}-overdue`, caseId: state.caseId, taskId: task.id, kind: 'OVERDUE', audience: 'PRISON', recipientUserId: null, message: 'Custody screening was due on 2030-01-09 and is overdue.', createdAt: '2030-01-09T15:00:00Z' }];
    expect(await new ProjectionRepository(h.ds, 'https://ttg.example.gov.uk/').apply(batch)).toEqual({ applied: true });
    const [person]: { given_name: string; family_name: string; prison_number: string }[] = await h.ds.query(`SELECT given_name, family_name, prison_number FROM cases WHERE id = $1`, [state.caseId]);
    const who = `${person.given_name} ${person.family_name} (${person.prison_number})`;
    // Delivered as it is sent: the real outbox activity, its transport recording the message.
    const sent: { to: string; subject: string; text: string }[] = [];
    // Until the outbox is empty: earlier files of the run may have left mail queued ahead of this one.
    const mail = createMailActivities({ ds: h.ds, transport: { sendMail: async (m) => sent.push(m) }, from: 'ttg@example.org', settleSeconds: 0 });
    for (let report = await mail.deliverPendingMail(500); report.sent + report.failed > 0; report = await mail.deliverPendingMail(500));
    expect(sent.filter((m) => m.to === `${officer}@example.org`)).toEqual([
      expect.objectContaining({
        subject: `Overdue: ${who}`,
        text: [`${who}:`, 'Custody screening was due on 9 January 2030 at 2:57pm and is overdue.', '', 'What to do: Complete the task now, or ask a manager to reassign it.', '', `Open the task: https://ttg.example.gov.uk/tasks/${task.id}`].join('\n'),
      }),
    ]);
    expect(sent.filter((m) => m.to === `${officer}@example.org`).map((m) => m.text).join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await h.ds.query(`DELETE FROM users WHERE id = $1`, [officer]);
  });

  it('an older fence after a newer one changes nothing', async () => {
    const state = await stateOfNewCase();
    const v = state.version + 1;
    await repo.apply(batchOf(state, v, 300, { audit: [`${state.caseId}-new-e`] }));
    expect(await repo.apply(batchOf(state, v, 250, { tasks: [ghostTask(state, `${state.caseId}-late-t`)], audit: [`${state.caseId}-late-e`] }))).toEqual({ applied: false });
    expect(await ids('tasks', state.caseId)).toEqual(state.tasks.map((t) => t.id).sort());
    expect(await ids('audit_events', state.caseId)).not.toContain(`${state.caseId}-late-e`);
  });

  it('a lower version with a newer fence removes what the older fence wrote of later versions (orphans)', async () => {
    const state = await stateOfNewCase();
    const v = state.version + 1;
    await repo.apply(batchOf(state, v, 100));
    await repo.apply(batchOf(state, v + 1, 100, { tasks: [ghostTask(state, `${state.caseId}-orphan-t`)], audit: [`${state.caseId}-orphan-e`] }));
    expect(await repo.apply(batchOf(state, v, 200))).toEqual({ applied: true });
    expect(await ids('tasks', state.caseId)).not.toContain(`${state.caseId}-orphan-t`);
    expect(await ids('audit_events', state.caseId)).not.toContain(`${state.caseId}-orphan-e`);
    const row: { state_version: number }[] = await h.ds.query(`SELECT state_version FROM cases WHERE id = $1`, [state.caseId]);
    expect(row[0].state_version).toBe(v);
  });

  it('the workflow creates the row; a second active case for the prison number is refused and its workflow ends', async () => {
    const first = await h.startCase(sentence, { prisonNumber: 'Z9876YX' });
    const row: { prison_number: string; given_name: string; active: boolean }[] = await h.ds.query(`SELECT prison_number, given_name, active FROM cases WHERE id = $1`, [first]);
    expect(row[0]).toEqual({ prison_number: 'Z9876YX', given_name: 'Test', active: true });
    const refused = h.startCase(sentence, { prisonNumber: 'Z9876YX' });
    await expect(refused).rejects.toMatchObject({ cause: { type: 'CASE_ALREADY_ACTIVE' } });
    const rows: { n: number }[] = await h.ds.query(`SELECT count(*)::int AS n FROM cases WHERE prison_number = 'Z9876YX'`);
    expect(rows[0].n).toBe(1);
  });

  it('a data error is not retried: an alert is raised and the case still takes commands; re-projection repairs it', async () => {
    const caseId = await h.startCase(sentence);
    // The database refuses the next batch of this case (a NUL in a text column) whatever the retry.
    projectCase = async (batch) => real(batch.caseId === caseId ? { ...batch, audit: batch.audit.map((a) => ({ ...a, actorRole: 'BAD\u0000' })) } : batch);
    const answer = await h.update(caseId, 'changeOfCircumstances', { description: 'Moved address', actor: PRISON });
    const alerts: { sqlstate: string; state_version: number }[] = await h.ds.query(`SELECT sqlstate, state_version FROM projection_alerts WHERE case_id = $1`, [caseId]);
    // An Update answers the version it started from; its change is the next one.
    expect(alerts).toEqual([{ sqlstate: '22021', state_version: answer.version + 1 }]);
    expect((await h.caseRow(caseId)).state_version).toBe(answer.version);
    projectCase = real;
    const next = await h.update(caseId, 'changeOfCircumstances', { description: 'Moved again', actor: PRISON });
    expect(next.version).toBe(answer.version + 1);
    expect((await h.caseRow(caseId)).state_version).toBe(next.version + 1);
    expect(await repo.reproject(await h.state(caseId))).toEqual({ applied: true });
  });

  it('histories before the lean pathway: their projection activity does not retry a data error either, and raises the alert', async () => {
    const state = await stateOfNewCase();
    const bad = batchOf(state, state.version + 1, Date.now(), { audit: [`${state.caseId}-bad`] });
    bad.audit[0].actorRole = 'BAD\u0000';
    await expect(h.activities.project(bad)).rejects.toMatchObject({ type: PROJECTION_DATA_ERROR, nonRetryable: true });
    const alerts: { sqlstate: string; state_version: number }[] = await h.ds.query(`SELECT sqlstate, state_version FROM projection_alerts WHERE case_id = $1`, [state.caseId]);
    expect(alerts).toEqual([{ sqlstate: '22021', state_version: state.version + 1 }]);
    expect((await h.caseRow(state.caseId)).state_version).toBe(state.version);
  });

  it('crash window: the projection commits, its workflow task fails once; the read model ends equal to the workflow, no ghost rows', async () => {
    const caseId = await h.startCase(sentence);
    const ghost = `${caseId}-ghost`;
    let crashed = false;
    projectCase = async (batch) => {
      if (batch.caseId !== caseId || crashed) return real(batch);
      crashed = true;
      // The lost attempt also wrote what its retry will not: a task, an audit row and a notification.
      const extra = { ...(batch.allTasks ?? batch.tasks)[0], id: `${ghost}-t` };
      const result = await real({
        ...batch,
        tasks: [...batch.tasks, extra],
        allTasks: [...(batch.allTasks ?? []), extra],
        audit: [...batch.audit, { ...batch.audit[0], id: `${ghost}-e` }],
        notifications: [{ id: `${ghost}-n`, caseId, taskId: null, kind: 'INFO', audience: 'PRISON', recipientUserId: null, message: 'ghost', createdAt: batch.audit[0].at }],
      });
      return { ...result, crashAfter: true };
    };
    const answer = await h.update(caseId, 'changeOfCircumstances', { description: 'New partner', actor: PRISON }, randomUUID());
    expect(crashed).toBe(true);
    const state = await h.state(caseId);
    expect(answer.version + 1).toBe(state.version);
    expect((await h.caseRow(caseId)).state_version).toBe(state.version);
    const rows = await h.tasks(caseId);
    expect(rows.map((t) => [t.id, t.type, t.status]).sort()).toEqual(state.tasks.map((t) => [t.id, t.type, t.status]).sort());
    const audit = await ids('audit_events', caseId);
    expect(audit.every((id) => new RegExp(`^${caseId}-e(\\d+)$`).test(id) && Number(id.split('-e').pop()) <= state.seq.event)).toBe(true);
    expect(await ids('notifications', caseId)).not.toContain(`${ghost}-n`);
    expect((await h.audit(caseId)).filter((a) => a.action === 'CHANGE_OF_CIRCUMSTANCES')).toHaveLength(1);
    await h.complete(caseId, state.tasks.find((t) => t.type === 'CUSTODY_SCREENING')?.id ?? '', { needs: ALL_NEEDS });
    await h.skipTo('2030-01-20T09:00:00Z');
    await h.until('risk screening overdue', () => h.task(caseId, 'RISK_SCREENING'), (t) => t.overdue);
    if (process.env.TTG_RECORD_HISTORIES === '1') {
      // The lean pathway's history (local-activity projections, a failed workflow task): replayed by replay.test.ts.
      const history = await h.env.client.workflow.getHandle(pathwayWorkflowId(caseId)).fetchHistory();
      await writeFile(path.join(__dirname, '../../histories/lean-projection-v1.json'), JSON.stringify(temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), { longs: String, enums: String, bytes: String })));
    }
  });
});
