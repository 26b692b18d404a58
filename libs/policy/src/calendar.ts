import Holidays from 'date-holidays';
import { dateOfDay, dayOf, weekdayOfDay } from './dates';
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

const DAY_MS = 86_400_000;
const yearOf = (day: number): number => new Date(day).getUTCFullYear();

/** A day is a date's midnight UTC in ms (dates.ts): working-day arithmetic steps a day at a time. */
function assertCovered(day: number): void {
  const year = yearOf(day);
  if (year < calendarCoverage.fromYear || year > calendarCoverage.toYear) {
    throw new CalendarOutOfRangeError(dateOfDay(day), calendarCoverage);
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
      .filter((d) => weekdayOfDay(dayOf(d)) <= 5);
    set = new Set(days);
    bankHolidaysByYear.set(year, set);
  }
  return set;
}

/** The England and Wales bank holidays of a year (weekdays only, as GOV.UK lists them). */
export function bankHolidaysIn(year: number): IsoDate[] {
  assertCovered(dayOf(`${String(year).padStart(4, '0')}-01-01`));
  return [...bankHolidaySet(year)].sort();
}

function isWorking(day: number): boolean {
  assertCovered(day);
  return weekdayOfDay(day) <= 5 && !bankHolidaySet(yearOf(day)).has(dateOfDay(day));
}

export function isBankHoliday(date: IsoDate): boolean {
  const day = dayOf(date);
  assertCovered(day);
  return bankHolidaySet(yearOf(day)).has(date);
}

export function isWorkingDay(date: IsoDate): boolean {
  return isWorking(dayOf(date));
}

function step(day: number, direction: 1 | -1): number {
  let next = day + direction * DAY_MS;
  while (!isWorking(next)) next += direction * DAY_MS;
  return next;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  return dateOfDay(step(dayOf(date), 1));
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: IsoDate): IsoDate {
  return dateOfDay(step(dayOf(date), -1));
}

/** `date` itself when it is a working day, otherwise the working day before it. */
export function onOrBeforeWorkingDay(date: IsoDate): IsoDate {
  const day = dayOf(date);
  return isWorking(day) ? date : dateOfDay(step(day, -1));
}

/**
 * `n` working days after `date` (before it when `n` is negative), counting only working days.
 * `n = 0` gives `date` when it is a working day, otherwise the next working day.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be a whole number (got ${n})`);
  let day = dayOf(date);
  if (n === 0) return isWorking(day) ? date : dateOfDay(step(day, 1));
  const direction = n > 0 ? 1 : -1;
  for (let i = 0; i < Math.abs(n); i += 1) day = step(day, direction);
  return dateOfDay(day);
}
