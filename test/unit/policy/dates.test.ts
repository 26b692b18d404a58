import { addCalendarDays, addMonths, daysBetween, endOfDayInstant, londonDateOf, PolicyValidationError } from '@ttg/policy';
import { examples } from '../../support/examples';

describe('addMonths: calendar months clamped to the end of the month', () => {
  it.each([
    ['2024-10-31', -8, '2024-02-29'], // leap year
    ['2023-10-31', -8, '2023-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-08-06', 12, '2027-08-06'],
    ['2026-06-10', -8, '2025-10-10'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s %+i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('addCalendarDays and daysBetween', () => {
  it.each([
    ['2026-08-06', -56, '2026-06-11'],
    ['2026-08-06', -84, '2026-05-14'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-03-28', 1, '2026-03-29'], // across the clocks going forward: no shift
    ['2026-10-24', 2, '2026-10-26'], // across the clocks going back
    ['2026-12-31', 1, '2027-01-01'],
  ])('%s %+i days = %s', (date, days, expected) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });

  it('counts whole days between dates, either way', () => {
    expect(daysBetween('2026-07-10', '2026-08-07')).toBe(28);
    expect(daysBetween('2026-08-07', '2026-07-10')).toBe(-28);
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('names a bad date', () => {
    expect(() => addCalendarDays('2026-13-01', 1)).toThrow(new PolicyValidationError('date', 'must be a real calendar date YYYY-MM-DD (got "2026-13-01")'));
  });
});

describe('endOfDayInstant: the first instant of the next day in Europe/London, in UTC', () => {
  examples('%s → %s', endOfDayInstant, [
    ['2026-01-15', '2026-01-16T00:00:00Z'], // GMT
    ['2026-06-11', '2026-06-11T23:00:00Z'], // BST
    ['2026-03-28', '2026-03-29T00:00:00Z'], // the next midnight is still GMT
    ['2026-03-29', '2026-03-29T23:00:00Z'], // clocks went forward that morning
    ['2026-10-24', '2026-10-24T23:00:00Z'], // the next midnight is still BST
    ['2026-10-25', '2026-10-26T00:00:00Z'], // clocks went back that morning
    ['2026-12-31', '2027-01-01T00:00:00Z'],
  ]);
});

describe('londonDateOf', () => {
  examples('%s is on %s in London', londonDateOf, [
    ['2026-06-10T22:59:59Z', '2026-06-10'],
    ['2026-06-10T23:00:00Z', '2026-06-11'], // midnight BST
    ['2026-06-10T23:00:00.123Z', '2026-06-11'],
    ['2026-01-10T23:59:59Z', '2026-01-10'], // GMT
    ['2026-01-11T00:00:00Z', '2026-01-11'],
    ['2026-06-11T00:30:00+01:00', '2026-06-11'],
  ]);

  it('refuses a value that is not an instant with a time zone', () => {
    expect(() => londonDateOf('2026-06-10')).toThrow(PolicyValidationError);
    expect(() => londonDateOf('2026-06-10T10:00:00')).toThrow(PolicyValidationError);
    expect(() => londonDateOf('2026-06-31T10:00:00Z')).toThrow(PolicyValidationError);
  });

  it('is the inverse of endOfDayInstant at the day boundary', () => {
    expect(londonDateOf(endOfDayInstant('2026-06-11'))).toBe('2026-06-12');
    expect(londonDateOf(endOfDayInstant('2026-01-15'))).toBe('2026-01-16');
  });
});
