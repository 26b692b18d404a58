import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openTaskSql, roleEntry } from '@ttg/contracts';
import type { Principal } from '../auth/principal';
import { COUNT_CAP, countSql, listTotal, type Page, type PageRequest, queryPage } from '../common/page';

/** A user's notifications: addressed to them, or to their role's audience (role catalogue) within their scope. */
function audienceSql(user: Principal, first: number): { sql: string; params: unknown[] } {
  const p = (n: number) => `$${first + n}`;
  const mine = `n.recipient_user_id = ${p(0)}`;
  switch (roleEntry(user.role).audience) {
    case 'PRISON':
      return { sql: `(${mine} OR (n.recipient_user_id IS NULL AND n.audience = 'PRISON' AND n.prison_code = ${p(1)}))`, params: [user.id, user.prisonCode ?? ''] };
    case 'COMMUNITY':
      return { sql: `(${mine} OR (n.recipient_user_id IS NULL AND n.audience = 'COMMUNITY' AND n.com_team_code = ${p(1)}))`, params: [user.id, user.teamCode ?? ''] };
    case 'MANAGER':
      return user.prisonCode
        ? { sql: `(${mine} OR (n.audience = 'MANAGER' AND n.prison_code = ${p(1)}))`, params: [user.id, user.prisonCode] }
        : { sql: `(${mine} OR (n.audience = 'MANAGER' AND n.region_code = ${p(1)}))`, params: [user.id, user.regionCode ?? ''] };
    case null:
      return { sql: mine, params: [user.id] };
  }
}

/**
 * Unread means "still yours to act on": a note about a task that has since been completed or
 * cancelled stays in the list but is not counted (nor listed under Unread).
 */
const STILL_TO_ACT = `(n.task_id IS NULL OR t.id IS NULL OR ${openTaskSql('t')})`;
/** Unread by the user (`r`, their read receipt, joined by READS_JOIN) and still theirs to act on (`t`, its task). */
const UNREAD = `r.notification_id IS NULL AND ${STILL_TO_ACT}`;
const READS_JOIN = 'LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1';

/** One notification as a list shows it, with the person it is about when there is one. */
export interface NotificationRow {
  id: string;
  caseId: string | null;
  taskId: string | null;
  kind: string;
  message: string;
  createdAt: Date | string;
  readAt: Date | string | null;
  givenName: string | null;
  familyName: string | null;
  prisonNumber: string | null;
  /** Its task's deadline (null without a task). */
  dueDate: string | null;
  dueAt: Date | string | null;
  /** Its task has been completed or cancelled: nothing left to do. */
  settled: boolean;
}

@Injectable()
export class NotificationRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * A page of the user's notifications (only unread ones if asked), with how many there are and
   * how many are unread: exactly for the API; for the pages, counted no further than COUNT_CAP
   * (a team's history grows for ever, and a person reads the newest), with `totalAtLeast` and
   * `unreadAtLeast` when there are more.
   */
  async list(user: Principal, unreadOnly: boolean, page: PageRequest, counting: 'exact' | 'bounded' = 'exact'): Promise<Page<NotificationRow> & { unread: number; totalAtLeast?: true; unreadAtLeast?: true }> {
    const a = audienceSql(user, 2);
    const unread = unreadOnly ? `AND ${UNREAD}` : '';
    const base = `FROM notifications n LEFT JOIN cases c ON c.id = n.case_id LEFT JOIN tasks t ON t.id = n.task_id ${READS_JOIN} WHERE ${a.sql}`;
    const select = `SELECT n.id, n.case_id AS "caseId", n.task_id AS "taskId", n.kind, n.message, n.created_at AS "createdAt", r.read_at AS "readAt",
              c.given_name AS "givenName", c.family_name AS "familyName", c.prison_number AS "prisonNumber",
              to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.due_at AS "dueAt",
              (n.task_id IS NOT NULL AND t.id IS NOT NULL AND NOT ${openTaskSql('t')}) AS "settled"
       ${base} ${unread} ORDER BY n.created_at DESC, n.id DESC`;
    const params = [user.id, ...a.params];
    if (counting === 'exact') return queryPage<NotificationRow, { unread: number }>(this.ds, select, `SELECT count(*)::int AS n, count(*) FILTER (WHERE ${UNREAD})::int AS unread ${base}`, params, page);
    const [listed, unreadN] = await Promise.all([queryPage<NotificationRow>(this.ds, select, countSql(`${base} ${unread}`, 'bounded'), params, page), this.unreadUpTo(user, COUNT_CAP + 1)]);
    const unreadTotal = listTotal(unreadN, 'bounded');
    return { ...listed, ...listTotal(listed.total, 'bounded'), unread: unreadTotal.total, ...(unreadTotal.totalAtLeast ? { unreadAtLeast: true as const } : {}) };
  }

  /**
   * How many of the user's notifications are unread, counted up to `bound` (the header's badge
   * says "99+" beyond it): one query that stops at the bound, so every page's header costs the
   * same however long the prison's or team's history.
   */
  async unreadUpTo(user: Principal, bound: number): Promise<number> {
    const a = audienceSql(user, 2);
    const rows: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM notifications n LEFT JOIN tasks t ON t.id = n.task_id ${READS_JOIN}
         WHERE ${a.sql} AND ${UNREAD} LIMIT ${Math.trunc(bound)}) x`,
      [user.id, ...a.params],
    );
    return rows[0].n;
  }

  async markRead(user: Principal, ids: string[] | 'all'): Promise<number> {
    const a = audienceSql(user, 2);
    const only = ids === 'all' ? '' : `AND n.id = ANY($${2 + a.params.length})`;
    const params = ids === 'all' ? [user.id, ...a.params] : [user.id, ...a.params, ids];
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO notification_reads (notification_id, user_id)
       SELECT n.id, $1 FROM notifications n WHERE ${a.sql} ${only}
       ON CONFLICT DO NOTHING RETURNING notification_id`,
      params,
    );
    return rows.length;
  }
}
