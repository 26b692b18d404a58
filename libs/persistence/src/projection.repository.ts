import { type DataSource, type EntityManager } from 'typeorm';
import { isMetPathway, openTaskSql, PATHWAYS, unmetNeedList, type ProjectionBatch } from '../../contracts/src';


/**
 * Writes one batch of pathway changes to the read model in one transaction. Idempotent and
 * order-safe: rows carry the workflow's state version and an older version never overwrites a
 * newer one; events are inserted once by their deterministic ids.
 */
export class ProjectionRepository {
  constructor(private readonly ds: DataSource) {}

  async apply(batch: ProjectionBatch): Promise<{ applied: boolean }> {
    const s = batch.state;
    return this.ds.transaction(async (m) => {
      const unmetList = unmetNeedList(s, isMetPathway);
      const unmetNeeds = unmetList.length > 0;
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
      const updated: unknown[] = await m.query(
        `UPDATE cases SET stage = $3, active = $4, prison_code = $5, region_code = $6, sentence = $7,
           key_dates = $8, pathways = $9, handover = $10, risk = $11, detail = $12, release_date = $13,
           handover_date = $14, handover_status = $15, com_user_id = $16, com_team_code = $17,
           prison_access_until = $18, unmet_needs = $19, lost_contact = $20, policy_version = $21,
           state_version = $2, closed_at = $22, updated_at = now()
         WHERE id = $1 AND state_version < $2
         RETURNING id`,
        [
          batch.caseId,
          batch.version,
          s.stage,
          s.stage !== 'CLOSED',
          s.prisonCode,
          s.regionCode,
          JSON.stringify(s.sentence),
          JSON.stringify(s.keyDates),
          JSON.stringify(s.pathways),
          JSON.stringify(s.handover),
          JSON.stringify(s.risk),
          JSON.stringify(detail),
          s.release?.releasedOn ?? s.keyDates.releaseDate,
          s.handover.handoverDate,
          s.handover.status,
          s.handover.comUserId,
          s.handover.comTeamCode,
          s.handover.prisonAccessUntil,
          unmetNeeds,
          s.supervision?.lostContact ?? false,
          s.policyVersionId,
          s.closedAt,
        ],
      );
      const exists: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM cases WHERE id = $1`, [batch.caseId]);
      if (exists[0].n === 0) throw new Error(`case ${batch.caseId} has no read-model row`);

      for (const t of batch.tasks) {
        await m.query(
          `INSERT INTO tasks (id, case_id, type, pathway, side, status, assignee, title, prison_code, region_code,
             com_team_code, due_date, due_at, overdue, escalated, compressed, outcome, created_at, completed_at,
             completed_by, state_version)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)
           ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, assignee = EXCLUDED.assignee,
             title = EXCLUDED.title, prison_code = EXCLUDED.prison_code, region_code = EXCLUDED.region_code,
             com_team_code = EXCLUDED.com_team_code, due_date = EXCLUDED.due_date, due_at = EXCLUDED.due_at,
             overdue = EXCLUDED.overdue, escalated = EXCLUDED.escalated, compressed = EXCLUDED.compressed,
             outcome = EXCLUDED.outcome, completed_at = EXCLUDED.completed_at, completed_by = EXCLUDED.completed_by,
             state_version = EXCLUDED.state_version
           WHERE tasks.state_version < EXCLUDED.state_version`,
          [
            t.id, batch.caseId, t.type, t.pathway, t.side, t.status, t.assignee, t.title, s.prisonCode, s.regionCode,
            s.handover.comTeamCode, t.dueDate, t.dueAt, t.overdue, t.escalated, t.compressed,
            t.outcome === null ? null : JSON.stringify(t.outcome), t.createdAt, t.completedAt, t.completedBy, batch.version,
          ],
        );
      }
      if (updated.length > 0) {
        // Scope columns follow the case (transfer, COM allocation) on every task row of the case.
        await m.query(
          `UPDATE tasks SET prison_code = $2, region_code = $3, com_team_code = $4 WHERE case_id = $1
             AND (prison_code <> $2 OR region_code <> $3 OR com_team_code IS DISTINCT FROM $4)`,
          [batch.caseId, s.prisonCode, s.regionCode, s.handover.comTeamCode],
        );
        await applyNeedsRows(m, batch, unmetList);
        await m.query(
          `UPDATE cases SET overdue_tasks = (SELECT count(*) FROM tasks WHERE case_id = $1 AND overdue AND ${openTaskSql('')}) WHERE id = $1`,
          [batch.caseId],
        );
      }
      for (const e of batch.audit) {
        await m.query(
          `INSERT INTO audit_events (id, case_id, at, actor_id, actor_role, action, task_id, before, after, details)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (id) DO NOTHING`,
          [e.id, e.caseId, e.at, e.actorId, e.actorRole, e.action, e.taskId, json(e.before), json(e.after), json(e.details)],
        );
      }
      for (const c of batch.contacts) {
        await m.query(
          `INSERT INTO contacts (id, case_id, date, kind, outcome, notes, recorded_by, recorded_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (id) DO NOTHING`,
          [c.id, c.caseId, c.date, c.kind, c.outcome, c.notes, c.recordedBy, c.recordedAt],
        );
      }
      for (const n of batch.notifications) {
        const inserted: unknown[] = await m.query(
          `INSERT INTO notifications (id, case_id, task_id, kind, recipient_user_id, audience, prison_code, region_code, com_team_code, message, created_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [n.id, n.caseId, n.taskId, n.kind, n.recipientUserId, n.audience, s.prisonCode, s.regionCode, s.handover.comTeamCode, n.message, n.createdAt],
        );
        if (inserted.length === 0) continue;
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
          [n.id, `ttg: ${n.kind.toLowerCase().replace(/_/g, ' ')}`, n.message, n.recipientUserId, n.audience, s.prisonCode, s.regionCode, s.handover.comTeamCode],
        );
      }
      return { applied: updated.length > 0 };
    });
  }
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
       state_version = EXCLUDED.state_version WHERE case_needs.state_version < EXCLUDED.state_version`,
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
