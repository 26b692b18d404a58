import { DOWNLOAD_COLUMNS, IMPORT_COLUMNS, type ImportSummary, type RowError } from '../../imports/import.service';
import { errorSummary, type ErrorSummary } from '../support/form-errors';
import { fieldWords, plainWords } from '../support/plain-words';
import { formatDateTime } from '../support/format';
import type { TagView } from '../support/labels';

const STATUS_TAGS: Record<ImportSummary['status'], TagView> = {
  RUNNING: { text: 'In progress', classes: 'govuk-tag--blue' },
  DONE: { text: 'Finished', classes: 'govuk-tag--green' },
  INTERRUPTED: { text: 'Interrupted', classes: 'govuk-tag--red' },
};

/** The file as text: an uploaded file, else the pasted text; a problem for the error summary otherwise. */
export function importFile(file: { buffer: Buffer; originalname: string; size: number } | undefined, pasted: unknown, uploadError: string | undefined): { csv: string } | { errors: ErrorSummary } {
  if (uploadError) return { errors: errorSummary([{ field: 'file', text: uploadError }]) };
  if (file && file.size > 0) {
    if (!/\.(csv|txt)$/i.test(file.originalname)) return { errors: errorSummary([{ field: 'file', text: 'The selected file must be a CSV file' }]) };
    return { csv: file.buffer.toString('utf8') };
  }
  if (typeof pasted === 'string' && pasted.trim() !== '') return { csv: pasted };
  return { errors: errorSummary([{ field: 'file', text: 'Select a CSV file, or paste its rows' }]) };
}

/** A refusal of the whole file (not readable, no rows, too many) as the error summary. */
export function fileErrors(message: string): ErrorSummary {
  return errorSummary([{ field: 'file', text: message.replace(/^\(file\): /, 'The file has a problem: ').replace(/^\(body\): /, '') }]);
}

export function importFormView(recent: ImportSummary[], errors: ErrorSummary | null, pasted: string) {
  return {
    pageTitle: 'Import cases from a CSV file',
    columns: IMPORT_COLUMNS,
    errors,
    pasted,
    recent: recent.map((r) => ({ href: `/imports/${r.id}`, started: formatDateTime(r.createdAt), status: STATUS_TAGS[r.status], rows: r.total, created: r.created, skipped: r.skipped, failed: r.failed })),
  };
}

export interface ImportDetail extends ImportSummary {
  errors: RowError[];
}

export function importView(i: ImportDetail) {
  const percent = i.total === 0 ? 100 : Math.floor((i.processed / i.total) * 100);
  const running = i.status === 'RUNNING';
  return {
    pageTitle: running ? `Importing: ${percent}%` : 'Import finished',
    id: i.id,
    running,
    status: STATUS_TAGS[i.status],
    percent,
    processed: i.processed,
    total: i.total,
    started: formatDateTime(i.createdAt),
    finished: i.finishedAt ? formatDateTime(i.finishedAt) : null,
    counts: [
      { key: 'Cases started', value: i.created },
      { key: 'Already imported (skipped)', value: i.skipped },
      { key: 'Rows with problems (not started)', value: i.failed },
    ],
    rowErrors: i.errors.map((e) => ({ row: e.row, column: e.column === '(row)' ? 'Whole row' : `${fieldWords(e.column)} (${e.column})`, reason: plainWords(e.reason) })),
    problemsCsvHref: i.errors.length ? `/imports/${i.id}/problems.csv` : null,
    interrupted: i.status === 'INTERRUPTED',
  };
}

/**
 * The rows that were not started, as a CSV to fix them from: one line a row, with its row number,
 * its problems in words and its cells as they were in the file, under the file's own columns. An
 * import of this file (once fixed) ignores the row and problems columns.
 */
export function problemsCsv(errors: RowError[]): string {
  const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const byRow = new Map<number, { problems: string[]; cells: Record<string, string> }>();
  for (const e of errors) {
    const row = byRow.get(e.row) ?? { problems: [], cells: Object.fromEntries(e.cells ?? []) };
    row.problems.push(e.column === '(row)' ? plainWords(e.reason) : `${fieldWords(e.column)} (${e.column}): ${plainWords(e.reason)}`);
    byRow.set(e.row, row);
  }
  const columns = [...new Set(errors.flatMap((e) => (e.cells ?? []).map(([c]) => c)))].filter((c) => !DOWNLOAD_COLUMNS.has(c));
  const lines = [...byRow].map(([row, r]) => [row, r.problems.join('; '), ...columns.map((c) => r.cells[c] ?? '')].map(cell).join(','));
  return [['row', 'problems', ...columns].join(','), ...lines].join('\r\n') + '\r\n';
}
