import { msSince, type Latency } from '../lib/histogram';
import { importCsv, probeLiveness } from '../lib/liveness';
import { seededRandom } from '../lib/load';
import { newCaseBodies } from '../lib/people';
import type { BenchStack } from '../lib/stack';

/**
 * 8. The API while imports are checked: `/health/live` p99 with nothing else running, then while
 * three 5,000-row imports are sent at once and checked (from the first upload until every
 * upload is answered, plus 2 s of their rows being started). Every row passes the file's checks
 * (the person, the sentence, the key dates computed by the policy) and names a well-formed prison
 * that does not exist, so each row is then refused when it is started: the checks run in full,
 * no pathway starts (starting pathways is measurement 1).
 */
export const IMPORT_ROWS = 5_000;
export const IMPORTS_AT_ONCE = 3;
/** The API answers within its usual latency: p99 under this during the imports. */
export const IMPORT_LIVENESS_TARGET_MS = 50;

export interface ImportsResult {
  idle: Latency;
  during: Latency;
  /** Each upload's answer (the whole file read and checked), ms. */
  uploadMs: number[];
  rows: number;
}

export async function measureImports(stack: BenchStack, log: (line: string) => void): Promise<ImportsResult> {
  const token = await stack.token('manager');
  const files = Array.from({ length: IMPORTS_AT_ONCE }, (_, i) => importCsv(newCaseBodies(IMPORT_ROWS, seededRandom(80 + i), 'QQQ', new Set())));
  const idle = await probeLiveness(stack.baseUrl, new Promise((r) => setTimeout(r, 3_000)));
  log(`  /health/live idle: p50 ${idle.p50.toFixed(1)} ms, p99 ${idle.p99.toFixed(1)} ms (${idle.count} probes)`);
  const uploadMs: number[] = [];
  const uploads = Promise.all(
    files.map(async (csv) => {
      const started = process.hrtime.bigint();
      const res = await fetch(`${stack.baseUrl}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv });
      const body = (await res.json()) as { total?: number };
      if (res.status !== 202 || body.total !== IMPORT_ROWS) throw new Error(`import answered ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      uploadMs.push(msSince(started));
    }),
  ).then(() => new Promise((r) => setTimeout(r, 2_000)));
  const during = await probeLiveness(stack.baseUrl, uploads);
  await uploads;
  log(`  during ${IMPORTS_AT_ONCE} imports of ${IMPORT_ROWS} rows: p50 ${during.p50.toFixed(1)} ms, p99 ${during.p99.toFixed(1)} ms, max ${during.max.toFixed(0)} ms (${during.count} probes); uploads answered in ${uploadMs.map((m) => (m / 1000).toFixed(1)).join(', ')} s`);
  return { idle, during, uploadMs, rows: IMPORT_ROWS };
}
