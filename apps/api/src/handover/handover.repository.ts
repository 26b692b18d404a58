import { HANDOVER_INBOX_STATUSES, openTaskSql, sqlList } from '@ttg/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { caseScope } from '../auth/scope';
import { type Page, type PageRequest, queryPage } from '../common/page';

export interface HandoverInboxRow {
  id: string;
  prisonNumber: string;
  givenName: string;
  familyName: string;
  prisonCode: string;
  stage: string;
  handoverStatus: string | null;
  handoverDate: string | null;
  releaseDate: string | null;
  comUserId: string | null;
  comTeamCode: string | null;
  acceptanceTaskId: string | null;
}

@Injectable()
export class HandoverRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The handover inbox: cases coming to the user (COM) or in their scope, those waiting for a
   * decision first, then by handover date; a page of them and how many there are.
   */
  async inbox(user: Principal, today: string, status?: string, page: PageRequest = { page: 1, pageSize: 500 }): Promise<Page<HandoverInboxRow>> {
    const scope = caseScope(user, today, 1);
    const params: unknown[] = [...scope.params];
    let filter = `c.handover_status IN ${sqlList(HANDOVER_INBOX_STATUSES)}`;
    if (status) {
      params.push(status);
      filter = `c.handover_status = $${params.length}`;
    }
    const where = `c.active AND ${filter} AND ${scope.sql}`;
    return queryPage<HandoverInboxRow>(
      this.ds,
      `SELECT c.id, c.prison_number AS "prisonNumber", c.given_name AS "givenName", c.family_name AS "familyName",
                c.prison_code AS "prisonCode", c.stage, c.handover_status AS "handoverStatus", c.handover_date AS "handoverDate",
                c.release_date AS "releaseDate", c.com_user_id AS "comUserId", c.com_team_code AS "comTeamCode",
                (SELECT t.id FROM tasks t WHERE t.case_id = c.id AND t.type = 'HANDOVER_ACCEPTANCE' AND ${openTaskSql()} LIMIT 1) AS "acceptanceTaskId"
         FROM cases c WHERE ${where}
         ORDER BY (c.handover_status = 'AWAITING_ACCEPTANCE') DESC, c.handover_date NULLS LAST, c.release_date NULLS LAST, c.id`,
      `SELECT count(*)::int AS n FROM cases c WHERE ${where}`,
      params,
      page,
    );
  }
}
