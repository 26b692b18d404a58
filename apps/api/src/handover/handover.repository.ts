import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { caseScope } from '../auth/scope';

@Injectable()
export class HandoverRepository {
  constructor(private readonly ds: DataSource) {}

  inbox(user: Principal, today: string, status?: string) {
    const scope = caseScope(user, today, 1);
    const params: unknown[] = [...scope.params];
    let filter = `c.handover_status IN ('COM_ALLOCATED','AWAITING_ACCEPTANCE','SENT_BACK','ACCEPTED')`;
    if (status) {
      params.push(status);
      filter = `c.handover_status = $${params.length}`;
    }
    return this.ds.query(
      `SELECT c.id, c.prison_number AS "prisonNumber", c.given_name AS "givenName", c.family_name AS "familyName",
              c.prison_code AS "prisonCode", c.stage, c.handover_status AS "handoverStatus", c.handover_date AS "handoverDate",
              c.release_date AS "releaseDate", c.com_user_id AS "comUserId", c.com_team_code AS "comTeamCode",
              (SELECT t.id FROM tasks t WHERE t.case_id = c.id AND t.type = 'HANDOVER_ACCEPTANCE' AND t.status IN ('OPEN','IN_PROGRESS') LIMIT 1) AS "acceptanceTaskId"
       FROM cases c WHERE c.active AND ${filter} AND ${scope.sql}
       ORDER BY c.release_date NULLS LAST, c.id LIMIT 500`,
      params,
    ) as Promise<Record<string, unknown>[]>;
  }
}
