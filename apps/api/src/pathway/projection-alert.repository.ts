import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ProjectionAlert {
  id: string;
  caseId: string;
  stateVersion: number;
  sqlstate: string;
  message: string;
  createdAt: Date;
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
      `SELECT id::text AS id, case_id AS "caseId", state_version AS "stateVersion", sqlstate, message, created_at AS "createdAt"
       FROM projection_alerts WHERE resolved_at IS NULL ORDER BY created_at DESC LIMIT 200`,
    );
  }
}
