import type { DataSource } from 'typeorm';
import { openTaskSql } from '@ttg/contracts';

/**
 * Archiving: a case closed longer ago than the retention keeps its row in `cases` (found by the
 * case list's search, counted in the outcome reports, its needs and their history kept), while
 * its rows in these tables move to `<table>_archive`. The lists, queues, inboxes and counters read
 * only the live tables, so their size follows the working caseload, not every case ever held; the
 * case page, its history and a task's page read both (`liveAndArchived`). A closed case's
 * workflow has ended, so nothing projects into an archived case.
 */
export const ARCHIVED_TABLES = ['tasks', 'audit_events', 'contacts', 'notifications'] as const;
export type ArchivedTable = (typeof ARCHIVED_TABLES)[number];

/** A table's rows matching `where`, live and archived, as a subquery to select from (give it an alias). */
export function liveAndArchived(table: ArchivedTable, where: string): string {
  return `(SELECT * FROM ${table} WHERE ${where} UNION ALL SELECT * FROM ${table}_archive WHERE ${where})`;
}

/** The closure instant before which a case is archived, `afterDays` days before `now`. */
export function archiveCutoff(now: Date, afterDays: number): Date {
  return new Date(now.getTime() - afterDays * 86_400_000);
}

export interface ArchiveReport {
  /** Cases archived by this run. */
  cases: number;
  /** Rows moved, by table. */
  rows: Record<ArchivedTable, number>;
  seconds: number;
}

/** Archiving never runs twice at once (several workers, or a worker and an administrator). */
const ARCHIVE_LOCK = 0x7467_0001;

/**
 * Moves the rows of every case closed before `closedBefore` into the archive tables, `batchSize`
 * cases a transaction (each case whole, or not at all), and marks the cases archived. A run that
 * finds another under way returns at once with nothing archived; a repeat finds nothing to do.
 */
export async function archiveClosedCases(ds: DataSource, opts: { closedBefore: Date; batchSize?: number }): Promise<ArchiveReport & { ran: boolean }> {
  const started = process.hrtime.bigint();
  const rows = Object.fromEntries(ARCHIVED_TABLES.map((t) => [t, 0])) as Record<ArchivedTable, number>;
  const report = { cases: 0, rows, seconds: 0, ran: false };
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }]: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [ARCHIVE_LOCK]);
    if (!locked) return report;
    report.ran = true;
    try {
      for (;;) {
        // On the connection holding the lock (a pool of one is enough).
        const moved = await runner.manager.transaction(async (m) => {
          const cases: { id: string }[] = await m.query(
            // A closure cancels every open task; a case with one still open is not archived (the counters count it).
            `SELECT c.id FROM cases c WHERE c.closed_at < $1 AND c.archived_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND ${openTaskSql('t')})
             ORDER BY c.closed_at, c.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
            [opts.closedBefore, opts.batchSize ?? 500],
          );
          const ids = cases.map((c) => c.id);
          if (ids.length === 0) return 0;
          await m.query(`DELETE FROM notification_reads r USING notifications n WHERE r.notification_id = n.id AND n.case_id = ANY($1)`, [ids]);
          for (const table of ARCHIVED_TABLES) {
            const [{ n }]: { n: number }[] = await m.query(
              `WITH moved AS (DELETE FROM ${table} WHERE case_id = ANY($1) RETURNING *),
                    kept AS (INSERT INTO ${table}_archive SELECT * FROM moved ON CONFLICT (id) DO NOTHING RETURNING 1)
               SELECT count(*)::int AS n FROM moved`,
              [ids],
            );
            rows[table] += n;
          }
          await m.query(`UPDATE cases SET archived_at = now() WHERE id = ANY($1)`, [ids]);
          return ids.length;
        });
        if (moved === 0) break;
        report.cases += moved;
      }
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1)`, [ARCHIVE_LOCK]);
    }
  } finally {
    await runner.release();
    report.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  }
  return report;
}
