import type { DataSource } from 'typeorm';
import type { PathwayState } from '@ttg/contracts';
import type { ProjectionRepository } from './projection.repository';

/** What the reconciler needs of the workflow service. */
export interface PathwayDirectory {
  /** Case ids of the pathway workflows running now. */
  runningCaseIds(): AsyncIterable<string>;
  /** A case's workflow state (its query), or null when the case has no workflow. */
  stateOf(caseId: string): Promise<PathwayState | null>;
}

export interface ReconcileReport {
  /** Rows never projected whose workflow does not exist (left by the create before workflows wrote rows): removed. */
  rowsWithoutWorkflow: string[];
  /** Running workflows without a row: re-projected from their state when it carries the person. */
  workflowsWithoutRow: string[];
  reprojected: string[];
  /** Workflows without a row whose state cannot create one (started before workflows carried the person). */
  unrecoverable: string[];
}

const CHUNK = 500;

/**
 * Finds read-model rows without a workflow and workflows without a row, and repairs what it
 * can: run at worker start-up and on an administrator's demand.
 */
export async function reconcile(ds: DataSource, projection: ProjectionRepository, directory: PathwayDirectory): Promise<ReconcileReport> {
  const report: ReconcileReport = { rowsWithoutWorkflow: [], workflowsWithoutRow: [], reprojected: [], unrecoverable: [] };
  const unprojected: { id: string }[] = await ds.query(`SELECT id FROM cases WHERE state_version = 0`);
  for (const { id } of unprojected) {
    const state = await directory.stateOf(id);
    if (state) {
      await projection.reproject(state);
      report.reprojected.push(id);
    } else {
      await ds.query(`DELETE FROM cases WHERE id = $1 AND state_version = 0 AND NOT EXISTS (SELECT 1 FROM tasks WHERE case_id = $1)`, [id]);
      report.rowsWithoutWorkflow.push(id);
    }
  }
  let chunk: string[] = [];
  const check = async () => {
    const found: { id: string }[] = await ds.query(`SELECT id::text AS id FROM cases WHERE id = ANY($1::uuid[])`, [chunk]);
    const present = new Set(found.map((r) => r.id));
    for (const id of chunk.filter((c) => !present.has(c))) {
      report.workflowsWithoutRow.push(id);
      const state = await directory.stateOf(id);
      if (state?.person) {
        await projection.reproject(state);
        report.reprojected.push(id);
      } else report.unrecoverable.push(id);
    }
    chunk = [];
  };
  for await (const id of directory.runningCaseIds()) {
    if (/^[0-9a-f-]{36}$/i.test(id)) chunk.push(id);
    if (chunk.length >= CHUNK) await check();
  }
  if (chunk.length) await check();
  return report;
}
