import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RowError {
  row: number;
  column: string;
  reason: string;
  /**
   * The row's cells as read from the file, column and value in the file's order (pairs: a jsonb
   * object would not keep it), so the rows with problems can be downloaded, fixed and imported again.
   */
  cells?: [column: string, value: string][];
}

export interface ImportSummary {
  id: string;
  status: 'RUNNING' | 'DONE' | 'INTERRUPTED';
  total: number;
  processed: number;
  created: number;
  skipped: number;
  failed: number;
  createdAt: Date;
  finishedAt: Date | null;
}

export type RowOutcome = 'created' | 'skipped' | 'failed';

const SUMMARY = `id, status, total, processed, created, skipped, failed, created_at AS "createdAt", finished_at AS "finishedAt"`;

/** Imports and their progress, row by row. */
@Injectable()
export class ImportRepository {
  constructor(private readonly ds: DataSource) {}

  /** Imports cut short by a restart. */
  async interruptRunning(): Promise<void> {
    await this.ds.query(`UPDATE imports SET status = 'INTERRUPTED', finished_at = now() WHERE status = 'RUNNING'`);
  }

  /** One import cut short by a shutdown. */
  async interrupt(id: string): Promise<void> {
    await this.ds.query(`UPDATE imports SET status = 'INTERRUPTED', finished_at = now() WHERE id = $1 AND status = 'RUNNING'`, [id]);
  }

  async insert(id: string, createdBy: string, fileHash: string, total: number, failed: number, errors: RowError[]): Promise<void> {
    await this.ds.query(`INSERT INTO imports (id, created_by, file_hash, status, total, failed, processed, errors) VALUES ($1,$2,$3,'RUNNING',$4,$5,$5,$6)`, [id, createdBy, fileHash, total, failed, JSON.stringify(errors)]);
  }

  async rowDone(id: string, outcome: RowOutcome, error: RowError | undefined): Promise<void> {
    await this.ds.query(
      `UPDATE imports SET processed = processed + 1, ${outcome} = ${outcome} + 1,
           errors = CASE WHEN $2::jsonb IS NULL THEN errors ELSE errors || $2::jsonb END WHERE id = $1`,
      [id, error ? JSON.stringify([error]) : null],
    );
  }

  async finish(id: string): Promise<void> {
    await this.ds.query(`UPDATE imports SET status = 'DONE', finished_at = now() WHERE id = $1`, [id]);
  }

  recentBy(userId: string, limit: number): Promise<ImportSummary[]> {
    return this.ds.query(`SELECT ${SUMMARY} FROM imports WHERE created_by = $1 ORDER BY created_at DESC LIMIT $2`, [userId, limit]);
  }

  /** One import, when it is the user's own or `anyone` may see it. */
  async find(id: string, userId: string, anyone: boolean): Promise<(ImportSummary & { errors: RowError[] }) | null> {
    const rows: (ImportSummary & { errors: RowError[] })[] = await this.ds.query(`SELECT ${SUMMARY}, errors FROM imports WHERE id = $1 AND (created_by = $2 OR $3)`, [id, userId, anyone]);
    return rows[0] ?? null;
  }
}
