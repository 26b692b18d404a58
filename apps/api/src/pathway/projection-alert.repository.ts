import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ProjectionAlert {
  id: string;
  caseId: string;
  stateVersion: number;
  sqlstate: string;
  message: string;
  createdAt: Date;
  /** The person, from the case's row (null when the refused projection was its first). */
  prisonNumber: string | null;
  personName: string | null;
}

/** Projections the read model refused, kept until a re-projection of the case succeeds. */
@Injectable()
export class ProjectionAlertRepository {
  constructor(private readonly ds: DataSource) {}

  /** Resolves the case's open alerts up to the projected state version. */
  async resolve(caseId: string, stateVersion: number): Promise<void> {
    await this.ds.query(`UPDATE projection_alerts SET resolved_at = now() WHERE case_id = $1 AND resolved_at IS NULL AND state_version <= $2`, [caseId, stateVersion]);
  }

  /** The newest 200 unresolved alerts. */
  open(): Promise<ProjectionAlert[]> {
    return this.ds.query(
      `SELECT a.id::text AS id, a.case_id AS "caseId", a.state_version AS "stateVersion", a.sqlstate, a.message, a.created_at AS "createdAt",
              c.prison_number AS "prisonNumber", CASE WHEN c.id IS NULL THEN NULL ELSE c.given_name || ' ' || c.family_name END AS "personName"
       FROM projection_alerts a LEFT JOIN cases c ON c.id = a.case_id
       WHERE a.resolved_at IS NULL ORDER BY a.created_at DESC LIMIT 200`,
    );
  }
}
