/** Helpers for tests written as tables of worked examples. */

/** One test per row: `fn(input)` equals `expected`. `name` formats the row as it.each does (`%s → %s`). */
export function examples<I, O>(name: string, fn: (input: I) => O, rows: [I, O][]): void {
  it.each(rows)(name, (input, expected) => {
    expect(fn(input)).toEqual(expected);
  });
}

/** The error of class `type` that `work` throws; anything else (or nothing thrown) fails the test. */
export function thrown<E extends Error>(type: abstract new (...args: never[]) => E, work: () => unknown): E {
  try {
    work();
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected a ${type.name}`);
}
