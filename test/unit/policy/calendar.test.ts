import {
  addWorkingDays,
  bankHolidaysIn,
  calendarCoverage,
  CalendarOutOfRangeError,
  isBankHoliday,
  isWorkingDay,
  nextWorkingDay,
  onOrBeforeWorkingDay,
  PolicyValidationError,
  previousWorkingDay,
} from '@ttg/policy';
import { examples, thrown } from '../../support/examples';

describe('England and Wales bank holidays (date-holidays, weekdays only as GOV.UK lists them)', () => {
  it.each([
    [2022, ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27']],
    [2023, ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26']],
    [2024, ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']],
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
    [2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']],
  ])('%i has exactly the GOV.UK bank holidays', (year, expected) => {
    expect(bankHolidaysIn(year)).toEqual(expected);
  });

  it.each([
    ['2022-06-02', 'Spring bank holiday moved for the Platinum Jubilee'],
    ['2022-06-03', 'Platinum Jubilee'],
    ['2022-09-19', 'State funeral of Queen Elizabeth II'],
    ['2023-05-08', 'Coronation of King Charles III'],
    ['2022-12-27', 'Christmas Day substitute'],
    ['2022-01-03', 'New Year substitute'],
    ['2027-12-27', 'Christmas Day substitute'],
    ['2027-12-28', 'Boxing Day substitute'],
    ['2026-12-28', 'Boxing Day substitute'],
  ])('%s is a bank holiday and not a working day (%s)', (date) => {
    expect(isBankHoliday(date)).toBe(true);
    expect(isWorkingDay(date)).toBe(false);
  });

  it('does not count a holiday that falls at a weekend as a bank holiday (its substitute is)', () => {
    expect(isBankHoliday('2022-12-25')).toBe(false); // Sunday
    expect(isBankHoliday('2027-12-25')).toBe(false); // Saturday
    expect(isWorkingDay('2027-12-25')).toBe(false);
  });

  it('does not treat the days around a one-off holiday as holidays', () => {
    expect(isWorkingDay('2022-06-01')).toBe(true);
    expect(isWorkingDay('2022-06-06')).toBe(true);
    expect(isWorkingDay('2022-09-16')).toBe(true);
    expect(isWorkingDay('2022-09-20')).toBe(true);
    expect(isWorkingDay('2023-05-09')).toBe(true);
    expect(isWorkingDay('2023-05-05')).toBe(true);
  });
});

describe('isWorkingDay', () => {
  examples('%s → %s', isWorkingDay, [
    ['2026-08-07', true], // Friday
    ['2026-08-08', false], // Saturday
    ['2026-08-09', false], // Sunday
    ['2026-08-10', true], // Monday
    ['2026-12-24', true], // Christmas Eve is a working day
    ['2026-12-31', true],
    ['2024-02-29', true], // leap day, a Thursday
  ]);

  it('rejects a date that is not a real calendar date, naming it', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(PolicyValidationError);
    expect(() => isWorkingDay('2026-02-30')).toThrow('date: must be a real calendar date YYYY-MM-DD (got "2026-02-30")');
    expect(() => isWorkingDay('2025-02-29')).toThrow(PolicyValidationError);
    expect(() => isWorkingDay('26-01-01')).toThrow(PolicyValidationError);
  });
});

describe('calendar coverage', () => {
  it(`is ${calendarCoverage.fromYear} to ${calendarCoverage.toYear}`, () => {
    expect(calendarCoverage).toEqual({ fromYear: 2015, toYear: 2035 });
  });

  it('answers on the first and last covered day and refuses the days either side', () => {
    expect(isWorkingDay('2015-01-01')).toBe(false);
    expect(isWorkingDay('2035-12-31')).toBe(true);
    expect(() => isWorkingDay('2014-12-31')).toThrow(CalendarOutOfRangeError);
    expect(() => isWorkingDay('2036-01-01')).toThrow(CalendarOutOfRangeError);
  });

  it('says which date is out of range, and is a PolicyValidationError named CalendarOutOfRangeError', () => {
    const e = thrown(CalendarOutOfRangeError, () => nextWorkingDay('2035-12-31'));
    expect(e).toBeInstanceOf(PolicyValidationError);
    expect(e.name).toBe('CalendarOutOfRangeError');
    expect(e.date).toBe('2036-01-01');
    expect(e.field).toBe('calendar');
    expect(e.message).toBe('calendar: 2036-01-01 is outside the years the England and Wales bank-holiday calendar is trusted for (2015 to 2035)');
  });

  it('refuses bankHolidaysIn for an uncovered year', () => {
    expect(() => bankHolidaysIn(2036)).toThrow(CalendarOutOfRangeError);
    expect(() => isBankHoliday('2014-12-25')).toThrow(CalendarOutOfRangeError);
  });
});

describe('nextWorkingDay / previousWorkingDay / onOrBeforeWorkingDay', () => {
  examples('next working day after %s is %s', nextWorkingDay, [
    ['2026-08-06', '2026-08-07'],
    ['2026-08-07', '2026-08-10'],
    ['2026-08-08', '2026-08-10'],
    ['2026-12-24', '2026-12-29'],
    ['2022-12-23', '2022-12-28'],
    ['2027-12-24', '2027-12-29'],
    ['2022-06-01', '2022-06-06'],
    ['2022-09-16', '2022-09-20'],
    ['2023-05-05', '2023-05-09'],
    ['2025-04-17', '2025-04-22'], // Easter
    ['2026-12-31', '2027-01-04'], // across the year end
  ]);

  examples('previous working day before %s is %s', previousWorkingDay, [
    ['2026-08-10', '2026-08-07'],
    ['2026-08-07', '2026-08-06'],
    ['2026-12-29', '2026-12-24'],
    ['2023-01-03', '2022-12-30'],
    ['2022-06-06', '2022-06-01'],
    ['2026-04-07', '2026-04-02'],
  ]);

  examples('on or before working day of %s is %s', onOrBeforeWorkingDay, [
    ['2026-08-07', '2026-08-07'],
    ['2026-08-08', '2026-08-07'],
    ['2026-08-09', '2026-08-07'],
    ['2026-12-28', '2026-12-24'],
    ['2022-12-27', '2022-12-23'],
    ['2022-06-03', '2022-06-01'],
    ['2023-05-08', '2023-05-05'],
  ]);
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-12-23', 1, '2026-12-24'],
    ['2026-12-23', 2, '2026-12-29'],
    ['2026-12-29', -1, '2026-12-24'],
    ['2026-12-29', -2, '2026-12-23'],
    ['2026-01-08', 5, '2026-01-15'],
    ['2026-03-02', 10, '2026-03-16'],
    ['2022-05-31', 3, '2022-06-07'], // 06-01, then 06-06 and 06-07 (Jubilee days skipped),
    ['2026-12-24', 0, '2026-12-24'],
    ['2026-12-25', 0, '2026-12-29'],
    ['2026-08-08', 1, '2026-08-10'], // from a Saturday
    ['2026-08-08', -1, '2026-08-07'],
  ])('%s + %i working days = %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('refuses a fractional count', () => {
    expect(() => addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
  });
});
