import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { CaseService } from '../cases/case.service';
import { DomainError } from '../common/domain-error';

const NUMBER_FIELDS = new Set(['sentenceLengthMonths', 'sentenceLengthDays']);
const BOOLEAN_FIELDS = new Set(['earlyAllocation', 'homeDetentionCurfew']);
const MAX_ROWS = 5000;

export interface RowError {
  row: number;
  column: string;
  reason: string;
}

/**
 * Bulk import of cases from CSV: one row a person (the key-dates input plus person fields).
 * Every row is validated first and reported by row and column; valid rows are started one by
 * one through the same use case as the API (each start is all-or-nothing); progress is kept in
 * PostgreSQL; a row imported before (same person and sentence) is skipped, so a re-import of
 * the same file starts nothing twice.
 */
@Injectable()
export class ImportService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly cases: CaseService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // An import cut short by a restart is marked as such; importing the file again is safe.
    await this.ds.query(`UPDATE imports SET status = 'INTERRUPTED', finished_at = now() WHERE status = 'RUNNING'`);
  }

  parseCsv(csv: string): { rows: Record<string, unknown>[]; errors: RowError[] } {
    let records: Record<string, string>[];
    try {
      records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    } catch (err) {
      throw new DomainError('VALIDATION_FAILED', `(file): not a readable CSV file: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (records.length === 0) throw new DomainError('VALIDATION_FAILED', '(file): no rows: the first line names the columns, then one row a person');
    if (records.length > MAX_ROWS) throw new DomainError('VALIDATION_FAILED', `(file): at most ${MAX_ROWS} rows in one import`);
    const errors: RowError[] = [];
    const rows = records.map((record, i) => {
      const row: Record<string, unknown> = {};
      for (const [column, raw] of Object.entries(record)) {
        if (raw === '') continue;
        if (NUMBER_FIELDS.has(column)) {
          const n = Number(raw);
          row[column] = Number.isFinite(n) ? n : raw;
        } else if (BOOLEAN_FIELDS.has(column)) {
          row[column] = raw === 'true' ? true : raw === 'false' ? false : raw;
        } else row[column] = raw;
      }
      try {
        this.cases.parseNewCase(row);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        for (const p of err.details?.problems ?? [{ field: '(row)', reason: err.message }]) errors.push({ row: i + 2, column: p.field, reason: p.reason });
      }
      return row;
    });
    return { rows, errors };
  }

  /** Validates the whole file, records the import, and starts the valid rows in the background. */
  async start(user: Principal, csv: string) {
    const { rows, errors } = this.parseCsv(csv);
    const id = randomUUID();
    const fileHash = createHash('sha256').update(csv).digest('hex');
    const badRows = new Set(errors.map((e) => e.row));
    await this.ds.query(
      `INSERT INTO imports (id, created_by, file_hash, status, total, failed, processed, errors) VALUES ($1,$2,$3,'RUNNING',$4,$5,$5,$6)`,
      [id, user.id, fileHash, rows.length, badRows.size, JSON.stringify(errors)],
    );
    void this.run(id, user, rows, badRows);
    return this.get(id, user);
  }

  private async run(id: string, user: Principal, rows: Record<string, unknown>[], badRows: Set<number>): Promise<void> {
    for (const [i, row] of rows.entries()) {
      const rowNumber = i + 2;
      if (badRows.has(rowNumber)) continue;
      const importKey = createHash('sha256').update(JSON.stringify([row.prisonNumber, row.receptionAt, row.sentenceStartDate])).digest('hex');
      let outcome: 'created' | 'skipped' | 'failed' = 'created';
      let error: RowError | undefined;
      try {
        const r = await this.cases.create(user, row, importKey);
        if (!r.created) outcome = 'skipped';
      } catch (err) {
        outcome = 'failed';
        const reason = err instanceof DomainError ? `${err.code}: ${err.message}` : 'could not be started; try again';
        if (!(err instanceof DomainError)) this.logger.error(err instanceof Error ? err.stack ?? err.message : String(err));
        error = { row: rowNumber, column: '(row)', reason };
      }
      await this.ds.query(
        `UPDATE imports SET processed = processed + 1, ${outcome} = ${outcome} + 1,
           errors = CASE WHEN $2::jsonb IS NULL THEN errors ELSE errors || $2::jsonb END WHERE id = $1`,
        [id, error ? JSON.stringify([error]) : null],
      );
    }
    await this.ds.query(`UPDATE imports SET status = 'DONE', finished_at = now() WHERE id = $1`, [id]);
  }

  async get(id: string, user: Principal) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('NOT_FOUND', `Import ${id} was not found`);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT id, status, total, processed, created, skipped, failed, errors, created_at AS "createdAt", finished_at AS "finishedAt"
       FROM imports WHERE id = $1 AND (created_by = $2 OR $3)`,
      [id, user.id, user.role === 'ADMIN'],
    );
    if (!rows[0]) throw new DomainError('NOT_FOUND', `Import ${id} was not found`);
    const r = rows[0] as { errors: RowError[] } & Record<string, unknown>;
    return { ...r, errors: [...r.errors].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column)) };
  }
}
