import { type DataSource, type EntityManager } from 'typeorm';
import { isMetPathway, openTaskSql, PATHWAYS, unmetNeedList, type PathwayState, type ProjectionBatch, type ProjectionResult, type TaskState } from '@ttg/contracts';
import { notificationEmail } from '@ttg/contracts/notification-text';
import { applyContributionChange, caseContribution } from './read-counters';

/** The stored (version, fence) of a case's row. */
interface Stored {
  state_version: number;
  projection_fence: string;
}

/** PostgreSQL's unique index that allows one active case per prison number. */
export const ACTIVE_PRISON_NUMBER_INDEX = 'cases_one_active_per_prison_number';

/** Tables whose rows a write of a version may have to take back (an older fence's ghost). */
const EVENT_TABLES = ['audit_events', 'contacts', 'notifications'] as const;

/**
 * Writes one batch of pathway changes to the read model in one transaction. Idempotent and
 * order-safe: rows carry the workflow's state version and the fence (start time of the workflow
 * task that wrote them); a write happens only when its (version, fence) is newer than the
 * stored one. A newer fence for a version already stored means an older workflow task wrote it
 * and then failed: its rows of that version or later are removed and every task rewritten.
 * A batch carrying the person creates the case's row (creation by the workflow).
 */
export class ProjectionRepository {
  /** `pageUrl`: where the pages are served, for the link in each email (the public URL). */
  constructor(
    private readonly ds: DataSource,
    private readonly pageUrl = DEFAULT_PAGE_URL,
  ) {}

  async apply(batch: ProjectionBatch): Promise<ProjectionResult> {
    const fence = batch.fence ?? 0;
    return this.ds.transaction(async (m) => {
      const found: Stored[] = await m.query(`SELECT state_version, projection_fence FROM cases WHERE id = $1 FOR UPDATE`, [batch.caseId]);
      const stored = found[0];
      if (!stored && !batch.state.person) throw new Error(`case ${batch.caseId} has no read-model row`);
      if (stored && !isNewer(batch.version, fence, stored)) return { applied: false };
      // The case's share of the counters before the write; the difference is added last.
      const counted = stored ? await caseContribution(m, batch.caseId) : {};
      const ghost = stored !== undefined && stored.state_version >= batch.version;
      if (ghost) await this.removeGhosts(m, batch, fence);
      const duplicateOf = await this.writeCase(m, batch, stored, ghost ? batch.allTasks ?? batch.tasks : batch.tasks, false);
      if (duplicateOf !== undefined) return { applied: false, duplicateOf };
      await this.writeEvents(m, batch, fence);
      await applyContributionChange(m, batch.caseId, counted);
      return { applied: true };
    });
  }

  /**
   * Writes the case's row and every task from the workflow's state as it is now (an
   * administrator's re-projection): creates the row if it is missing, removes task rows the
   * state does not know. Events already written stay; the next change projects as usual.
   */
  async reproject(state: PathwayState): Promise<ProjectionResult> {
    const { tasks, scheduled: _scheduled, ...caseState } = state;
    return this.ds.transaction(async (m) => {
      const found: Stored[] = await m.query(`SELECT state_version, projection_fence FROM cases WHERE id = $1 FOR UPDATE`, [state.caseId]);
      const stored = found[0];
      if (!stored && !state.person) throw new Error(`case ${state.caseId} has no read-model row and its workflow does not carry its person`);
      const batch: ProjectionBatch = { caseId: state.caseId, version: state.version, state: caseState, tasks, audit: [], notifications: [], contacts: [], fence: Number(stored?.projection_fence ?? 0) };
      const counted = stored ? await caseContribution(m, state.caseId) : {};
      await m.query(`DELETE FROM tasks WHERE case_id = $1 AND NOT (id = ANY($2))`, [state.caseId, tasks.map((t) => t.id)]);
      const duplicateOf = await this.writeCase(m, batch, stored, tasks, true);
      if (duplicateOf !== undefined) return { applied: false, duplicateOf };
      await applyContributionChange(m, state.caseId, counted);
      return { applied: true };
    });
  }

  /** The case row (created or updated) and the given tasks; the id of the active case holding the prison number when the row cannot be created. */
  private async writeCase(m: EntityManager, batch: ProjectionBatch, stored: Stored | undefined, tasks: TaskState[], force: boolean): Promise<string | null | undefined> {
    const fence = batch.fence ?? 0;
    if (!stored) {
      const duplicateOf = await this.insertCase(m, batch, fence);
      if (duplicateOf !== undefined) return duplicateOf;
    } else {
      await m.query(`UPDATE cases SET ${CASE_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [batch.caseId, ...caseValues(batch, fence)]);
    }
    await this.writeTasks(m, batch, tasks, fence, force);
    // Scope columns follow the case (transfer, COM allocation) on every task row of the case.
    const s = batch.state;
    await m.query(
      `UPDATE tasks SET prison_code = $2, region_code = $3, com_team_code = $4 WHERE case_id = $1
         AND (prison_code <> $2 OR region_code <> $3 OR com_team_code IS DISTINCT FROM $4)`,
      [batch.caseId, s.prisonCode, s.regionCode, s.handover.comTeamCode],
    );
    await m.query(`UPDATE cases SET overdue_tasks = (SELECT count(*) FROM tasks WHERE case_id = $1 AND overdue AND ${openTaskSql('')}) WHERE id = $1`, [batch.caseId]);
    await applyNeedsRows(m, batch, unmetNeedList(s, isMetPathway));
    return undefined;
  }

  /** Takes back what an older workflow task wrote of this version or later (it failed after its projection committed). */
  private async removeGhosts(m: EntityManager, batch: ProjectionBatch, fence: number): Promise<void> {
    const params = [batch.caseId, batch.version, fence];
    await m.query(`DELETE FROM outbox o USING notifications n WHERE o.notification_id = n.id AND o.status = 'PENDING' AND n.case_id = $1 AND n.state_version >= $2 AND n.projection_fence < $3`, params);
    for (const table of EVENT_TABLES) await m.query(`DELETE FROM ${table} WHERE case_id = $1 AND state_version >= $2 AND projection_fence < $3`, params);
    // Tasks the older task created and this one does not know; the rest are rewritten from `allTasks`.
    const known = (batch.allTasks ?? batch.tasks).map((t) => t.id);
    await m.query(`DELETE FROM tasks WHERE case_id = $1 AND state_version >= $2 AND projection_fence < $3 AND NOT (id = ANY($4))`, [...params, known]);
  }

  /** Creates the row; undefined, or the id of the active case that already has the prison number. */
  private async insertCase(m: EntityManager, batch: ProjectionBatch, fence: number): Promise<string | null | undefined> {
    const p = batch.state.person;
    if (!p) throw new Error('a case row is created from its person');
    await m.query('SAVEPOINT create_case');
    try {
      await m.query(
        `INSERT INTO cases (id, prison_number, given_name, family_name, date_of_birth, sex, import_key, workflow_id, ${CASE_COLUMNS.join(', ')})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${CASE_COLUMNS.map((_, i) => `$${i + 9}`).join(', ')})`,
        [batch.caseId, p.prisonNumber, p.givenName, p.familyName, p.dateOfBirth, p.sex ?? null, p.importKey, `pathway-${batch.caseId}`, ...caseValues(batch, fence)],
      );
      return undefined;
    } catch (err) {
      if (!isUniqueViolation(err, ACTIVE_PRISON_NUMBER_INDEX)) throw err;
      await m.query('ROLLBACK TO SAVEPOINT create_case');
      const active: { id: string }[] = await m.query(`SELECT id FROM cases WHERE prison_number = $1 AND active`, [p.prisonNumber]);
      return active[0]?.id ?? null;
    }
  }

  private async writeTasks(m: EntityManager, batch: ProjectionBatch, tasks: TaskState[], fence: number, force: boolean): Promise<void> {
    if (tasks.length === 0) return;
    const s = batch.state;
    const rows = tasks.map((t) => ({
      id: t.id, type: t.type, pathway: t.pathway, side: t.side, status: t.status, assignee: t.assignee, title: t.title,
      due_date: t.dueDate, due_at: t.dueAt, overdue: t.overdue, escalated: t.escalated, compressed: t.compressed,
      outcome: t.outcome, created_at: t.createdAt, completed_at: t.completedAt, completed_by: t.completedBy,
    }));
    await m.query(
      `INSERT INTO tasks (id, case_id, type, pathway, side, status, assignee, title, prison_code, region_code,
         com_team_code, due_date, due_at, overdue, escalated, compressed, outcome, created_at, completed_at,
         completed_by, state_version, projection_fence)
       SELECT r.id, $1, r.type, r.pathway, r.side, r.status, r.assignee, r.title, $2, $3, $4, r.due_date, r.due_at, r.overdue,
         r.escalated, r.compressed, r.outcome, r.created_at, r.completed_at, r.completed_by, $5, $6
       FROM jsonb_to_recordset($7::jsonb) AS r(id text, type text, pathway text, side text, status text, assignee text, title text,
         due_date date, due_at timestamptz, overdue boolean, escalated boolean, compressed boolean, outcome jsonb,
         created_at timestamptz, completed_at timestamptz, completed_by text)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, assignee = EXCLUDED.assignee,
         title = EXCLUDED.title, prison_code = EXCLUDED.prison_code, region_code = EXCLUDED.region_code,
         com_team_code = EXCLUDED.com_team_code, due_date = EXCLUDED.due_date, due_at = EXCLUDED.due_at,
         overdue = EXCLUDED.overdue, escalated = EXCLUDED.escalated, compressed = EXCLUDED.compressed,
         outcome = EXCLUDED.outcome, created_at = EXCLUDED.created_at, completed_at = EXCLUDED.completed_at,
         completed_by = EXCLUDED.completed_by, state_version = EXCLUDED.state_version, projection_fence = EXCLUDED.projection_fence
       WHERE $8 OR (tasks.state_version, tasks.projection_fence) < (EXCLUDED.state_version, EXCLUDED.projection_fence)`,
      [batch.caseId, s.prisonCode, s.regionCode, s.handover.comTeamCode, batch.version, fence, JSON.stringify(rows), force],
    );
  }

  private async writeEvents(m: EntityManager, batch: ProjectionBatch, fence: number): Promise<void> {
    const s = batch.state;
    const v = batch.version;
    for (const e of batch.audit) {
      await m.query(
        `INSERT INTO audit_events (id, case_id, at, actor_id, actor_role, action, task_id, before, after, details, state_version, projection_fence)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) ON CONFLICT (id) DO NOTHING`,
        [e.id, e.caseId, e.at, e.actorId, e.actorRole, e.action, e.taskId, json(e.before), json(e.after), json(e.details), v, fence],
      );
    }
    for (const c of batch.contacts) {
      await m.query(
        `INSERT INTO contacts (id, case_id, date, kind, outcome, notes, recorded_by, recorded_at, state_version, projection_fence)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (id) DO NOTHING`,
        [c.id, c.caseId, c.date, c.kind, c.outcome, c.notes, c.recordedBy, c.recordedAt, v, fence],
      );
    }
    // The person and the task's deadline, read once, for the emails' words.
    let named: MailPerson | undefined;
    const person = async (): Promise<MailPerson> => (named ??= s.person ?? (await m.query(`SELECT given_name AS "givenName", family_name AS "familyName", prison_number AS "prisonNumber" FROM cases WHERE id = $1`, [batch.caseId]))[0] ?? null);
    const dueOf = async (taskId: string | null): Promise<{ dueDate: string; dueAt: string } | null> => {
      if (!taskId) return null;
      const t = batch.tasks.find((x) => x.id === taskId) ?? (await m.query(`SELECT to_char(due_date, 'YYYY-MM-DD') AS "dueDate", due_at AS "dueAt" FROM tasks WHERE id = $1`, [taskId]))[0];
      return t ? { dueDate: t.dueDate, dueAt: t.dueAt } : null;
    };
    for (const n of batch.notifications) {
      const inserted: unknown[] = await m.query(
        `INSERT INTO notifications (id, case_id, task_id, kind, recipient_user_id, audience, prison_code, region_code, com_team_code, message, created_at, state_version, projection_fence)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [n.id, n.caseId, n.taskId, n.kind, n.recipientUserId, n.audience, s.prisonCode, s.regionCode, s.handover.comTeamCode, n.message, n.createdAt, v, fence],
      );
      if (inserted.length === 0) continue;
      const mail = notificationEmail({ ...n, person: await person(), due: await dueOf(n.taskId) }, this.pageUrl);
      // Email goes through the outbox: one row per recipient, sent later by its own activity.
      await m.query(
        `INSERT INTO outbox (id, notification_id, to_address, subject, body)
         SELECT $1 || ':' || u.id, $1, u.email, $2, $3 FROM users u
         WHERE u.active AND u.email IS NOT NULL AND (
           u.id = $4
           OR ($4::text IS NULL AND $5 = 'PRISON' AND u.role = 'PRISON_STAFF' AND u.prison_code = $6)
           OR ($4::text IS NULL AND $5 = 'COMMUNITY' AND u.role = 'COM' AND u.team_code = $8)
           OR ($4::text IS NULL AND $5 = 'MANAGER' AND u.role = 'MANAGER' AND (u.prison_code = $6 OR (u.prison_code IS NULL AND u.region_code = $7))))
         ON CONFLICT (id) DO NOTHING`,
        [n.id, mail.subject, mail.body, n.recipientUserId, n.audience, s.prisonCode, s.regionCode, s.handover.comTeamCode],
      );
    }
  }

  dataErrorOf(err: unknown): string | undefined {
    return isDataError(err) ? sqlStateOf(err) : undefined;
  }

  /** Records a projection the database refused, for administrators (outside the failed transaction). */
  async raiseAlert(caseId: string, version: number, sqlstate: string, message: string): Promise<void> {
    await this.ds.query(`INSERT INTO projection_alerts (case_id, state_version, sqlstate, message) VALUES ($1, $2, $3, $4)`, [caseId, version, sqlstate, message]);
  }
}

/** Where the pages are when no public URL is configured (the default port, on this machine). */
export const DEFAULT_PAGE_URL = 'http://localhost:3000';

type MailPerson = { givenName: string; familyName: string; prisonNumber: string } | null;

/** The case columns the projection writes from the workflow's state, in the order of `caseValues`. */
const CASE_COLUMNS = [
  'stage', 'active', 'prison_code', 'region_code', 'sentence', 'key_dates', 'pathways', 'handover', 'risk', 'detail', 'release_date',
  'handover_date', 'handover_status', 'com_user_id', 'com_team_code', 'prison_access_until', 'unmet_needs', 'lost_contact',
  'policy_version', 'closed_at', 'state_version', 'projection_fence',
] as const;

function caseValues(batch: ProjectionBatch, fence: number): unknown[] {
  const s = batch.state;
  const detail = {
    prerelease: s.prerelease,
    release: s.release,
    supervision: s.supervision,
    outcomes: s.outcomes,
    closureSummary: s.closureSummary,
    compressed: s.compressed,
    needs: s.needs,
    sentenceFacts: s.sentence,
  };
  return [
    s.stage, s.stage !== 'CLOSED', s.prisonCode, s.regionCode, JSON.stringify(s.sentence), JSON.stringify(s.keyDates), JSON.stringify(s.pathways),
    JSON.stringify(s.handover), JSON.stringify(s.risk), JSON.stringify(detail), s.release?.releasedOn ?? s.keyDates.releaseDate,
    s.handover.handoverDate, s.handover.status, s.handover.comUserId, s.handover.comTeamCode, s.handover.prisonAccessUntil,
    unmetNeedList(s, isMetPathway).length > 0, s.supervision?.lostContact ?? false, s.policyVersionId, s.closedAt, batch.version, fence,
  ];
}

function isNewer(version: number, fence: number, stored: Stored): boolean {
  return version > stored.state_version || (version === stored.state_version && fence > Number(stored.projection_fence)) || (version < stored.state_version && fence > Number(stored.projection_fence) && fence > 0);
}

/** The SQLSTATE of a database error (TypeORM copies the driver's `code`). */
export function sqlStateOf(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  return sqlStateOf(err) === '23505' && typeof err === 'object' && err !== null && (err as { constraint?: unknown }).constraint === constraint;
}

/**
 * A data error: the database refuses these rows whatever the retry (class 22 data exception,
 * class 23 integrity violation). Unique-violation races are handled where they can happen.
 */
export function isDataError(err: unknown): boolean {
  const code = sqlStateOf(err);
  return code !== undefined && (code.startsWith('22') || code.startsWith('23'));
}

/** Needs and outcomes: the case's needs and their history, immediate needs, risk flags, unmet needs now and at release. */
async function applyNeedsRows(m: EntityManager, batch: ProjectionBatch, unmetList: string[]): Promise<void> {
  const plan = batch.state.plan;
  const lastAlarm = plan?.alarms.filter((a) => a.fired).pop() ?? null;
  await m.query(
    `UPDATE cases SET immediate_needs = $2, risk_flags = $3, unmet_need_list = $4, released_with_unmet_needs = $5, readiness_alarm = $6 WHERE id = $1`,
    [batch.caseId, JSON.stringify(plan?.immediateNeeds ?? []), JSON.stringify(plan?.riskFlags ?? []), unmetList, plan?.releasedWithUnmetNeeds ?? null, lastAlarm ? JSON.stringify({ ...lastAlarm, open: plan?.alarmOpen ?? [] }) : null],
  );
  if (!plan) return;
  const needs = PATHWAYS.map((p) => ({ pathway: p, status: plan.needs[p].status, reason: plan.needs[p].reason, open: plan.needs[p].open }));
  await m.query(
    `INSERT INTO case_needs (case_id, pathway, status, reason, open_items, state_version)
     SELECT $1::uuid, n.pathway, n.status, n.reason, n.open, $2 FROM jsonb_to_recordset($3::jsonb) AS n(pathway text, status text, reason text, open jsonb)
     ON CONFLICT (case_id, pathway) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, open_items = EXCLUDED.open_items,
       state_version = EXCLUDED.state_version WHERE case_needs.state_version <= EXCLUDED.state_version`,
    [batch.caseId, batch.version, JSON.stringify(needs)],
  );
  const history = PATHWAYS.flatMap((p) => plan.needs[p].history.map((h, i) => ({ ...h, pathway: p, i })));
  await m.query(
    `INSERT INTO need_changes (id, case_id, pathway, at, actor_id, actor_role, from_status, to_status, reason)
     SELECT $3 || ':' || h.pathway || ':' || h.i, $1::uuid, h.pathway, h.at, h.by, h.role, h."from", h."to", h.reason
     FROM jsonb_to_recordset($2::jsonb) AS h(i int, pathway text, at timestamptz, by text, role text, "from" text, "to" text, reason text)
     ON CONFLICT (id) DO NOTHING`,
    [batch.caseId, JSON.stringify(history), batch.caseId],
  );
}

function json(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}
