import * as hdr from 'hdr-histogram-js';

/** Latency percentiles in milliseconds, read from an HDR histogram (never an average). */
export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * An HDR histogram of durations recorded in microseconds (1 µs to 120 s, 3 significant digits),
 * read back in milliseconds.
 */
export class LatencyHistogram {
  private readonly h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });

  recordMs(ms: number): void {
    this.h.recordValue(Math.max(1, Math.round(ms * 1000)));
  }

  /** Times one call and records it; returns the call's result. */
  async time<T>(fn: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    try {
      return await fn();
    } finally {
      this.recordMs(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }

  summary(): Latency {
    const at = (p: number) => this.h.getValueAtPercentile(p) / 1000;
    return { count: this.h.totalCount, p50: at(50), p95: at(95), p99: at(99), max: this.h.maxValue / 1000 };
  }
}

/** Milliseconds since `start` (from process.hrtime.bigint()). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
