import Holidays from 'date-holidays';
import { type DateTime } from 'luxon';
import { fromDateTime, toDateTime } from './dates';
import { CalendarOutOfRangeError, type CalendarCoverage } from './errors';
import { type IsoDate } from './types';

/**
 * Working days in England and Wales: Monday to Friday except bank holidays, from the maintained
 * `date-holidays` calendar (substitute days and one-off days included). Years outside
 * `calendarCoverage` are refused with a CalendarOutOfRangeError rather than guessed: one-off bank
 * holidays are announced only months ahead.
 */
export const calendarCoverage: Readonly<CalendarCoverage> = Object.freeze({ fromYear: 2015, toYear: 2035 });

let englandAndWales: Holidays | undefined;
const bankHolidaysByYear = new Map<number, ReadonlySet<IsoDate>>();

function assertCovered(dt: DateTime): void {
  if (dt.year < calendarCoverage.fromYear || dt.year > calendarCoverage.toYear) {
    throw new CalendarOutOfRangeError(fromDateTime(dt), calendarCoverage);
  }
}

function bankHolidaySet(year: number): ReadonlySet<IsoDate> {
  let set = bankHolidaysByYear.get(year);
  if (!set) {
    englandAndWales ??= new Holidays('GB', 'ENG');
    const days = englandAndWales
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10))
      // A holiday falling at a weekend is replaced by a substitute weekday, which the calendar lists.
      .filter((d) => toDateTime(d).weekday <= 5);
    set = new Set(days);
    bankHolidaysByYear.set(year, set);
  }
  return set;
}

/** The England and Wales bank holidays of a year (weekdays only, as GOV.UK lists them). */
export function bankHolidaysIn(year: number): IsoDate[] {
  assertCovered(toDateTime(`${String(year).padStart(4, '0')}-01-01`));
  return [...bankHolidaySet(year)].sort();
}

function isWorking(dt: DateTime): boolean {
  assertCovered(dt);
  return dt.weekday <= 5 && !bankHolidaySet(dt.year).has(fromDateTime(dt));
}

export function isBankHoliday(date: IsoDate): boolean {
  const dt = toDateTime(date);
  assertCovered(dt);
  return bankHolidaySet(dt.year).has(date);
}

export function isWorkingDay(date: IsoDate): boolean {
  return isWorking(toDateTime(date));
}

function step(dt: DateTime, direction: 1 | -1): DateTime {
  let next = dt.plus({ days: direction });
  while (!isWorking(next)) next = next.plus({ days: direction });
  return next;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  return fromDateTime(step(toDateTime(date), 1));
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: IsoDate): IsoDate {
  return fromDateTime(step(toDateTime(date), -1));
}

/** `date` itself when it is a working day, otherwise the working day before it. */
export function onOrBeforeWorkingDay(date: IsoDate): IsoDate {
  const dt = toDateTime(date);
  return isWorking(dt) ? date : fromDateTime(step(dt, -1));
}

/**
 * `n` working days after `date` (before it when `n` is negative), counting only working days.
 * `n = 0` gives `date` when it is a working day, otherwise the next working day.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be a whole number (got ${n})`);
  let dt = toDateTime(date);
  if (n === 0) return isWorking(dt) ? date : fromDateTime(step(dt, 1));
  const direction = n > 0 ? 1 : -1;
  for (let i = 0; i < Math.abs(n); i += 1) dt = step(dt, direction);
  return fromDateTime(dt);
}
