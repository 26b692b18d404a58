/** Load generation helpers: a seeded random source and a bounded-concurrency runner. */

/** The seed of every random choice the benchmarks make (data, prison numbers, names). */
export const BENCH_SEED = 20_260_908;

/** mulberry32: a small, fast, seedable PRNG, so every run generates the same sequence. */
export function seededRandom(seed: number = BENCH_SEED): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs up to `count` jobs (index 0..count-1) with at most `concurrency` in flight; no job starts
 * after `deadline` (a Date.now() value), so a slow machine shortens the run instead of
 * lengthening it. Stops at the first failure (rethrown once the jobs in flight have settled).
 * Returns how many jobs completed.
 */
export async function runBounded(count: number, concurrency: number, job: (i: number) => Promise<void>, deadline = Number.POSITIVE_INFINITY): Promise<number> {
  let next = 0;
  let done = 0;
  let failure: unknown;
  const lane = async () => {
    while (failure === undefined && next < count && Date.now() < deadline) {
      const i = next;
      next += 1;
      try {
        await job(i);
        done += 1;
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  if (failure !== undefined) throw failure;
  return done;
}

/** Rejects if `promise` has not settled within `ms` (a bound on every measurement). */
export async function withTimeout<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Splits `items` into two parts that share nothing, whatever their number: `front` takes up to
 * `wantFront` from the start, `back` up to `wantBack` from the end (the last item first). When
 * there are fewer items than both want, each gets its share in proportion to what it wants.
 */
export function splitFrontBack<T>(items: readonly T[], wantFront: number, wantBack: number): { front: T[]; back: T[] } {
  const wanted = wantFront + wantBack;
  const backCount = Math.min(wantBack, wanted === 0 ? 0 : Math.floor((items.length * wantBack) / wanted));
  const frontCount = Math.min(wantFront, items.length - backCount);
  return { front: items.slice(0, frontCount), back: items.slice(items.length - backCount).reverse() };
}
