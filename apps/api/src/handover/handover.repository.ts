import { HANDOVER_INBOX_STATUSES, openTaskSql, sqlList } from '../../../../libs/contracts/src';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { caseScope } from '../auth/scope';

@Injectable()
export class HandoverRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The handover inbox: cases coming to the user (COM) or in their scope, those waiting for a
   * decision first, then by handover date; a page of them and how many there are.
   */
  async inbox(user: Principal, today: string, status?: string, page: { limit: number; offset: number } = { limit: 500, offset: 0 }) {
    const scope = caseScope(user, today, 1);
    const params: unknown[] = [...scope.params];
    let filter = `c.handover_status IN ${sqlList(HANDOVER_INBOX_STATUSES)}`;
    if (status) {
      params.push(status);
      filter = `c.handover_status = $${params.length}`;
    }
    const where = `c.active AND ${filter} AND ${scope.sql}`;
    const [items, count] = await Promise.all([
      this.ds.query(
        `SELECT c.id, c.prison_number AS "prisonNumber", c.given_name AS "givenName", c.family_name AS "familyName",
                c.prison_code AS "prisonCode", c.stage, c.handover_status AS "handoverStatus", c.handover_date AS "handoverDate",
                c.release_date AS "releaseDate", c.com_user_id AS "comUserId", c.com_team_code AS "comTeamCode",
                (SELECT t.id FROM tasks t WHERE t.case_id = c.id AND t.type = 'HANDOVER_ACCEPTANCE' AND ${openTaskSql()} LIMIT 1) AS "acceptanceTaskId"
         FROM cases c WHERE ${where}
         ORDER BY (c.handover_status = 'AWAITING_ACCEPTANCE') DESC, c.handover_date NULLS LAST, c.release_date NULLS LAST, c.id
         LIMIT ${Math.trunc(page.limit)} OFFSET ${Math.trunc(page.offset)}`,
        params,
      ) as Promise<Record<string, unknown>[]>,
      this.ds.query(`SELECT count(*)::int AS n FROM cases c WHERE ${where}`, params) as Promise<{ n: number }[]>,
    ]);
    return { items, total: count[0].n };
  }
}
