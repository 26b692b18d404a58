import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openTaskSql, roleEntry } from '@ttg/contracts';
import type { Principal } from '../auth/principal';
import { COUNT_CAP, listTotal, type Page, type PageRequest, queryPage } from '../common/page';

/**
 * A user's notifications, as the conditions of two arms: addressed to them, or to their role's
 * audience (role catalogue) within their scope. The arms never share a row, so a list can take
 * each in index order (migration 1764000000106) and merge them with UNION ALL instead of sorting
 * every match of an OR.
 */
function audienceArms(user: Principal, first: number): { arms: string[]; params: unknown[] } {
  const p = (n: number) => `$${first + n}`;
  const mine = `n.recipient_user_id = ${p(0)}`;
  const queue = (sql: string, code: string | null | undefined) => ({ arms: [mine, sql], params: [user.id, code ?? ''] });
  switch (roleEntry(user.role).audience) {
    case 'PRISON':
      return queue(`n.recipient_user_id IS NULL AND n.audience = 'PRISON' AND n.prison_code = ${p(1)}`, user.prisonCode);
    case 'COMMUNITY':
      return queue(`n.recipient_user_id IS NULL AND n.audience = 'COMMUNITY' AND n.com_team_code = ${p(1)}`, user.teamCode);
    case 'MANAGER': {
      const notMine = `n.recipient_user_id IS DISTINCT FROM ${p(0)}`;
      return user.prisonCode
        ? queue(`n.audience = 'MANAGER' AND n.prison_code = ${p(1)} AND ${notMine}`, user.prisonCode)
        : queue(`n.audience = 'MANAGER' AND n.region_code = ${p(1)} AND ${notMine}`, user.regionCode);
    }
    case null:
      return { arms: [mine], params: [user.id] };
  }
}

/** The same as one condition (for an exact count, or marking all read). */
function audienceSql(user: Principal, first: number): { sql: string; params: unknown[] } {
  const { arms, params } = audienceArms(user, first);
  return { sql: `(${arms.map((arm) => `(${arm})`).join(' OR ')})`, params };
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

/**
 * The notifications of one arm (or condition), joined to their task and the user's read receipt
 * (`$1`), with a filter on them; the planner drops both left joins (unique keys) when nothing reads them.
 */
const armFrom = (arm: string, filter: string): string => `FROM notifications n LEFT JOIN tasks t ON t.id = n.task_id ${READS_JOIN} WHERE ${arm} ${filter}`;

/** How many rows the arms hold with the filter, counted no further than `bound` (each arm stops there too). */
const countUpTo = (arms: string[], filter: string, bound: number): string =>
  `SELECT count(*)::int AS n FROM (SELECT 1 FROM (${arms.map((arm) => `(SELECT 1 ${armFrom(arm, filter)} LIMIT ${Math.trunc(bound)})`).join(' UNION ALL ')}) x LIMIT ${Math.trunc(bound)}) y`;

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
    const { arms, params: audienceParams } = audienceArms(user, 2);
    const unread = unreadOnly ? `AND ${UNREAD}` : '';
    // Each arm in its index's order, no further than the page's end; the page is cut from their merge.
    const upTo = Math.trunc(page.page * page.pageSize);
    const newest = arms.map((arm) => `(SELECT n.id ${armFrom(arm, unread)} ORDER BY n.created_at DESC, n.id DESC LIMIT ${upTo})`).join(' UNION ALL ');
    const select = `SELECT n.id, n.case_id AS "caseId", n.task_id AS "taskId", n.kind, n.message, n.created_at AS "createdAt", r.read_at AS "readAt",
              c.given_name AS "givenName", c.family_name AS "familyName", c.prison_number AS "prisonNumber",
              to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.due_at AS "dueAt",
              (n.task_id IS NOT NULL AND t.id IS NOT NULL AND NOT ${openTaskSql('t')}) AS "settled"
       FROM (${newest}) m JOIN notifications n ON n.id = m.id LEFT JOIN cases c ON c.id = n.case_id LEFT JOIN tasks t ON t.id = n.task_id ${READS_JOIN}
       ORDER BY n.created_at DESC, n.id DESC`;
    const params = [user.id, ...audienceParams];
    if (counting === 'exact') {
      const a = audienceSql(user, 2);
      const count = `SELECT count(*) FILTER (WHERE TRUE ${unread})::int AS n, count(*) FILTER (WHERE ${UNREAD})::int AS unread ${armFrom(a.sql, '')}`;
      return queryPage<NotificationRow, { unread: number }>(this.ds, select, count, params, page);
    }
    // Unread only: the list's bounded count is the unread count, so it is counted once.
    const [listed, unreadOthers] = await Promise.all([
      queryPage<NotificationRow>(this.ds, select, countUpTo(arms, unread, COUNT_CAP + 1), params, page),
      unreadOnly ? undefined : this.unreadUpTo(user, COUNT_CAP + 1),
    ]);
    const unreadTotal = listTotal(unreadOthers ?? listed.total, 'bounded');
    return { ...listed, ...listTotal(listed.total, 'bounded'), unread: unreadTotal.total, ...(unreadTotal.totalAtLeast ? { unreadAtLeast: true as const } : {}) };
  }

  /**
   * How many of the user's notifications are unread, counted up to `bound` (the header's badge
   * says "99+" beyond it): one query that stops at the bound, so every page's header costs the
   * same however long the prison's or team's history.
   */
  async unreadUpTo(user: Principal, bound: number): Promise<number> {
    const { arms, params } = audienceArms(user, 2);
    const rows: { n: number }[] = await this.ds.query(countUpTo(arms, `AND ${UNREAD}`, bound), [user.id, ...params]);
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
