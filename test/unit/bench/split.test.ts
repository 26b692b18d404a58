import { splitFrontBack } from '../../../bench/lib/load';

/** Measurement 2 completes each case once: through HTTP (the front) or straight to the workflow (the back). */
describe('splitFrontBack', () => {
  // What measurement 2 asks for (COMMAND_SIZES, warm-up included); the bug was at 226 to 325 cases.
  const wantHttp = 16 + 200;
  const wantDirect = 10 + 100;

  it.each([0, 1, 36, 225, 226, 300, 325, 326, 336, 1000])('shares no case between the two sets of %i cases, and uses none twice', (n) => {
    const cases = Array.from({ length: n }, (_, i) => i);
    const { front, back } = splitFrontBack(cases, wantHttp, wantDirect);
    const used = [...front, ...back];
    expect(new Set(used).size).toBe(used.length);
    expect(front.length).toBeLessThanOrEqual(wantHttp);
    expect(back.length).toBeLessThanOrEqual(wantDirect);
  });

  it('gives each what it wants from the front and the back (last first) when there are enough', () => {
    const cases = Array.from({ length: 336 }, (_, i) => i);
    const { front, back } = splitFrontBack(cases, wantHttp, wantDirect);
    expect(front).toEqual(Array.from({ length: 216 }, (_, i) => i));
    expect(back).toEqual(Array.from({ length: 110 }, (_, k) => 335 - k));
  });

  it('shares fewer cases than both want in proportion, using them all', () => {
    const cases = Array.from({ length: 300 }, (_, i) => i);
    const { front, back } = splitFrontBack(cases, 200, 100);
    expect([front.length, back.length]).toEqual([200, 100]);
    const short = splitFrontBack(cases.slice(0, 150), 200, 100);
    expect([short.front.length, short.back.length]).toEqual([100, 50]);
    expect(short.front.at(-1)).toBe(99);
    expect(short.back.at(-1)).toBe(100);
  });

  it('with nothing wanted, takes nothing', () => {
    expect(splitFrontBack([1, 2, 3], 0, 0)).toEqual({ front: [], back: [] });
  });
});
