import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { SENTENCE_FACT_FIELDS } from '@ttg/contracts';
import { TIMELINE_INPUT_FIELDS } from '@ttg/policy';
import type { Principal } from '../auth/principal';
import { CaseService } from '../cases/case.service';
import { DomainError } from '../common/domain-error';
import { ImportRepository, type ImportSummary, type RowError, type RowOutcome } from './import.repository';
import { safeError } from '@ttg/config/logging';
import { readCsv, Slicer } from './csv-reader';

export type { ImportSummary, RowError } from './import.repository';

const NUMBER_FIELDS = new Set(['sentenceLengthMonths', 'sentenceLengthDays']);
const BOOLEAN_FIELDS = new Set(['earlyAllocation', 'homeDetentionCurfew']);
const MAX_ROWS = 5000;
/** How long a shutdown waits for running imports to finish the row they are on. */
const SHUTDOWN_WAIT_MS = 12_000;

/** The columns of an import file: the person, then the key-dates input of the policy module. */
export const IMPORT_COLUMNS: { name: string; required: boolean; description: string; example: string }[] = [
  { name: 'prisonNumber', required: true, description: 'Prison number, like A1234BC', example: 'A1234BC' },
  { name: 'givenName', required: true, description: 'Given name', example: 'Jordan' },
  { name: 'familyName', required: true, description: 'Family name', example: 'Whitfield' },
  { name: 'dateOfBirth', required: true, description: 'Date of birth, YYYY-MM-DD', example: '1988-06-15' },
  { name: 'sex', required: false, description: 'FEMALE or MALE, as recorded at reception; leave blank if not recorded', example: 'MALE' },
  { name: 'prisonCode', required: true, description: 'Three-letter code of the receiving prison', example: 'LEI' },
  { name: 'receptionAt', required: true, description: 'When they were received, an ISO 8601 instant with its zone', example: '2026-11-23T10:30:00Z' },
  { name: 'sentenceStartDate', required: true, description: 'Sentence start date, YYYY-MM-DD', example: '2026-11-20' },
  { name: 'sentenceType', required: true, description: 'DETERMINATE or INDETERMINATE', example: 'DETERMINATE' },
  { name: 'sentenceLengthMonths', required: false, description: 'Whole months; required for a DETERMINATE sentence, none for an INDETERMINATE one', example: '18' },
  { name: 'sentenceLengthDays', required: false, description: 'Whole days, for terms of 5 days or less', example: '' },
  { name: 'conditionalReleaseDate', required: false, description: 'YYYY-MM-DD; a determinate sentence needs this, the automatic release date or the parole eligibility date', example: '2027-08-20' },
  { name: 'automaticReleaseDate', required: false, description: 'YYYY-MM-DD', example: '' },
  { name: 'paroleEligibilityDate', required: false, description: 'YYYY-MM-DD; an indeterminate sentence needs this or its tariff date', example: '' },
  { name: 'offenceCategory', required: true, description: 'VIOLENT, SEXUAL or OTHER', example: 'OTHER' },
  { name: 'earlyAllocation', required: false, description: 'true or false', example: 'false' },
  { name: 'homeDetentionCurfew', required: false, description: 'true or false', example: 'false' },
  // The law's dates from the sentence calculation, each optional: described by the policy's field table.
  ...SENTENCE_FACT_FIELDS.map((name) => ({ name, required: false, description: `YYYY-MM-DD: ${TIMELINE_INPUT_FIELDS[name].meaning}`, example: '' })),
];

/** The columns the download of the rows with problems adds (its row number and problems): an import of that file, fixed, ignores them. */
export const DOWNLOAD_COLUMNS = new Set(['row', 'problems']);

/**
 * Bulk import of cases from CSV: one row a person (the key-dates input plus person fields).
 * Every row is validated first and reported by row and column; valid rows are started one by
 * one through the same use case as the API (each start is all-or-nothing); progress is kept in
 * PostgreSQL; a row imported before (same person and sentence) is skipped, so a re-import of
 * the same file starts nothing twice.
 *
 * Reading and checking a file is done in slices of a few milliseconds with the event loop free
 * in between (csv-reader.ts), so the server answers other requests while a large file is checked.
 */
@Injectable()
export class ImportService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportService.name);
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly repo: ImportRepository,
    private readonly cases: CaseService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // An import cut short by a restart is marked as such; importing the file again is safe.
    await this.repo.interruptRunning();
  }

  /** A shutdown stops the imports after their current row; the rest are marked interrupted. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS)));
    await Promise.race([Promise.all(this.running), bound]);
    clearTimeout(timer);
  }

  async parseCsv(csv: string): Promise<{ rows: Record<string, unknown>[]; errors: RowError[]; records: Record<string, string>[] }> {
    let records: Record<string, string>[];
    try {
      records = await readCsv(csv, MAX_ROWS + 1);
    } catch (err) {
      throw new DomainError('VALIDATION_FAILED', `(file): not a readable CSV file: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (records.length === 0) throw new DomainError('VALIDATION_FAILED', '(file): no rows: the first line names the columns, then one row a person');
    if (records.length > MAX_ROWS) throw new DomainError('VALIDATION_FAILED', `(file): at most ${MAX_ROWS} rows in one import`);
    const errors: RowError[] = [];
    const rows: Record<string, unknown>[] = [];
    const slicer = new Slicer();
    for (const [i, record] of records.entries()) {
      await slicer.maybeYield();
      const row: Record<string, unknown> = {};
      for (const [column, raw] of Object.entries(record)) {
        if (raw === '' || DOWNLOAD_COLUMNS.has(column)) continue;
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
        for (const p of err.details?.problems ?? [{ field: '(row)', reason: err.message }]) errors.push({ row: i + 2, column: p.field, reason: p.reason, cells: Object.entries(record) });
      }
      rows.push(row);
    }
    return { rows, errors, records };
  }

  /** Validates the whole file, records the import, and starts the valid rows in the background. */
  async start(user: Principal, csv: string) {
    if (this.stopping) throw new DomainError('UNAVAILABLE', 'The server is stopping: import the file again in a moment');
    const { rows, errors, records } = await this.parseCsv(csv);
    const id = randomUUID();
    const fileHash = createHash('sha256').update(csv).digest('hex');
    const badRows = new Set(errors.map((e) => e.row));
    await this.repo.insert(id, user.id, fileHash, rows.length, badRows.size, errors);
    const running = this.run(id, user, rows, records, badRows)
      .catch((err: unknown) => this.logger.error({ err: safeError(err) }, 'import stopped'))
      .finally(() => this.running.delete(running));
    this.running.add(running);
    return this.get(id, user);
  }

  private async run(id: string, user: Principal, rows: Record<string, unknown>[], records: Record<string, string>[], badRows: Set<number>): Promise<void> {
    for (const [i, row] of rows.entries()) {
      if (this.stopping) {
        await this.repo.interrupt(id);
        return;
      }
      const rowNumber = i + 2;
      if (badRows.has(rowNumber)) continue;
      const importKey = createHash('sha256').update(JSON.stringify([row.prisonNumber, row.receptionAt, row.sentenceStartDate])).digest('hex');
      let outcome: RowOutcome = 'created';
      let error: RowError | undefined;
      try {
        const r = await this.cases.create(user, row, importKey);
        if (!r.created) outcome = 'skipped';
      } catch (err) {
        outcome = 'failed';
        const reason = err instanceof DomainError ? `${err.code}: ${err.message}` : 'could not be started; try again';
        if (!(err instanceof DomainError)) this.logger.error({ err: safeError(err) }, 'failed');
        error = { row: rowNumber, column: '(row)', reason, cells: Object.entries(records[i]) };
      }
      await this.repo.rowDone(id, outcome, error);
    }
    await this.repo.finish(id);
  }

  /** This user's latest imports, newest first (the import page lists them). */
  async recent(user: Principal, limit = 10): Promise<ImportSummary[]> {
    return this.repo.recentBy(user.id, limit);
  }

  /** An import's progress and its problems by row and column (without the rows' cells: see `withCells`). */
  async get(id: string, user: Principal): Promise<ImportSummary & { errors: RowError[] }> {
    const r = await this.withCells(id, user);
    return { ...r, errors: r.errors.map(({ cells: _cells, ...e }) => e) };
  }

  /** An import with each problem's row as read from the file, for the download of the rows to fix. */
  async withCells(id: string, user: Principal): Promise<ImportSummary & { errors: RowError[] }> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('NOT_FOUND', `Import ${id} was not found`);
    const r = await this.repo.find(id, user.id, user.role === 'ADMIN');
    if (!r) throw new DomainError('NOT_FOUND', `Import ${id} was not found`);
    return { ...r, errors: [...r.errors].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column)) };
  }
}
