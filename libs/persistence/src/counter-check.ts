import type { DataSource } from 'typeorm';
import { COUNTER_TABLES, upsertAdding, type CounterTable } from './read-counters';

/** A counter row that disagrees with the rows it counts: its key, what it holds and what the rows give. */
export interface CounterDrift {
  table: string;
  key: Record<string, unknown>;
  stored: Record<string, number>;
  counted: Record<string, number>;
}

export interface CounterCheckReport {
  /** Counter rows held, by table. */
  rows: Record<string, number>;
  /** Rows that disagreed with the rows they count, by table. */
  drifted: Record<string, number>;
  /** The first disagreements (up to 20 a table), to say where to look. */
  examples: CounterDrift[];
  /** Whether the differences were added to the counters (and rows left at zero removed). */
  mended: boolean;
  seconds: number;
}

const EXAMPLES = 20;

/** Every key where the counters and the rows differ: the key, the stored and the counted values. */
function driftSql(t: CounterTable): string {
  const keys = t.keys.map(([k]) => k);
  return `
    SELECT ${keys.map((k) => `coalesce(w.${k}, h.${k}) AS ${k}`).join(', ')},
           ${t.values.map((v) => `coalesce(h.${v}, 0) AS stored_${v}, coalesce(w.${v}, 0) AS counted_${v}`).join(', ')}
    FROM (${t.sql('TRUE')}) w FULL JOIN ${t.table} h ON ${keys.map((k) => `w.${k} = h.${k}`).join(' AND ')}
    WHERE ${t.values.map((v) => `coalesce(h.${v}, 0) <> coalesce(w.${v}, 0)`).join(' OR ')}`;
}

/**
 * Recomputes every counter from the rows it counts and reports where they differ; with `mend`,
 * adds the difference to each. Each comparison is one statement, so it sees the rows and the
 * counters in one snapshot (the projection changes both in one transaction) and a command
 * committing meanwhile is not drift. Mending adds the difference found in its own snapshot, so
 * what commands add meanwhile stays counted. Counter rows left at zero are removed.
 */
export async function checkCounters(ds: DataSource, opts: { mend: boolean }): Promise<CounterCheckReport> {
  const started = Date.now();
  const report: CounterCheckReport = { rows: {}, drifted: {}, examples: [], mended: false, seconds: 0 };
  for (const t of COUNTER_TABLES) {
    const found: { n: number; held: number; examples: Record<string, unknown>[] | null }[] = await ds.query(
      `WITH d AS (${driftSql(t)})
       SELECT (SELECT count(*)::int FROM d) AS n, (SELECT count(*)::int FROM ${t.table}) AS held,
              (SELECT json_agg(x) FROM (SELECT * FROM d LIMIT ${EXAMPLES}) x) AS examples`,
    );
    report.rows[t.table] = found[0].held;
    report.drifted[t.table] = found[0].n;
    for (const r of found[0].examples ?? []) {
      report.examples.push({
        table: t.table,
        key: Object.fromEntries(t.keys.map(([k]) => [k, r[k]])),
        stored: Object.fromEntries(t.values.map((v) => [v, Number(r[`stored_${v}`])])),
        counted: Object.fromEntries(t.values.map((v) => [v, Number(r[`counted_${v}`])])),
      });
    }
    if (opts.mend && found[0].n > 0) await mendTable(ds, t);
  }
  report.mended = opts.mend;
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

async function mendTable(ds: DataSource, t: CounterTable): Promise<void> {
  const difference = `SELECT ${t.keys.map(([k]) => k).join(', ')}, ${t.values.map((v) => `counted_${v} - stored_${v} AS ${v}`).join(', ')} FROM (${driftSql(t)}) d`;
  await ds.transaction(async (m) => {
    await m.query(upsertAdding(t, difference));
    await m.query(`DELETE FROM ${t.table} WHERE ${t.values.map((v) => `${v} = 0`).join(' AND ')}`);
  });
}
