import { LatencyHistogram, type Latency } from './histogram';
import type { NewCaseBody } from './people';

/**
 * `/health/live` asked every `everyMs` on a fixed schedule until `until` settles. Each answer's
 * latency is counted from the moment it was due, not from when it was sent, and slots missed
 * while the process was busy count too (corrected for coordinated omission): a server whose
 * event loop is held for 2 s shows 2 s here even when client and server share a process.
 */
export async function probeLiveness(baseUrl: string, until: Promise<unknown>, everyMs = 20): Promise<Latency> {
  const h = new LatencyHistogram();
  let done = false;
  void until.finally(() => (done = true));
  const t0 = performance.now();
  let slot = 0;
  while (!done) {
    const due = t0 + slot * everyMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const res = await fetch(`${baseUrl}/health/live`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`/health/live answered ${res.status}`);
    const now = performance.now();
    // This probe, and every slot that fell due while it was waiting.
    for (; t0 + slot * everyMs <= now; slot += 1) h.recordMs(now - (t0 + slot * everyMs));
  }
  return h.summary();
}

const COLUMNS = ['prisonNumber', 'givenName', 'familyName', 'dateOfBirth', 'prisonCode', 'receptionAt', 'sentenceStartDate', 'sentenceType', 'sentenceLengthMonths', 'conditionalReleaseDate', 'offenceCategory'] as const satisfies readonly (keyof NewCaseBody)[];

/** An import file (text/csv) of these people, one row each. */
export function importCsv(people: NewCaseBody[]): string {
  return [COLUMNS.join(','), ...people.map((p) => COLUMNS.map((c) => String(p[c])).join(','))].join('\r\n') + '\r\n';
}
