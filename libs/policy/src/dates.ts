import { DateTime } from 'luxon';
import { PolicyValidationError } from './errors';
import { type IsoDate, type IsoInstant } from './types';

/** The business time zone: date-only values are dates in England and Wales. */
export const BUSINESS_ZONE = 'Europe/London';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Date-only values are handled as midnight UTC, so arithmetic never crosses a daylight-saving
 * change and never shifts a date: a date is a date, whatever the host's time zone.
 */
export function toDateTime(date: IsoDate, field = 'date'): DateTime {
  const dt = ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : null;
  if (!dt || !dt.isValid) throw new PolicyValidationError(field, `must be a real calendar date YYYY-MM-DD (got "${date}")`);
  return dt;
}

export function fromDateTime(dt: DateTime): IsoDate {
  return dt.toISODate() as IsoDate;
}

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

export function isIsoInstant(value: string): boolean {
  return ISO_INSTANT.test(value) && DateTime.fromISO(value, { setZone: true }).isValid;
}

export function toInstant(instant: IsoInstant, field = 'instant'): DateTime {
  if (!isIsoInstant(instant)) {
    throw new PolicyValidationError(field, `must be an ISO 8601 instant with a time zone, e.g. 2026-01-05T15:00:00Z (got "${instant}")`);
  }
  return DateTime.fromISO(instant, { setZone: true });
}

/** An instant in UTC without milliseconds (`2026-01-08T15:00:00Z`), or with them when they are not zero. */
export function formatInstant(dt: DateTime): IsoInstant {
  return dt.toUTC().toISO({ suppressMilliseconds: true }) as IsoInstant;
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDateTime(toDateTime(date).plus({ days }));
}

/** Calendar months, clamped to the end of the month: 2024-10-31 minus 8 months is 2024-02-29. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return fromDateTime(toDateTime(date).plus({ months }));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(toDateTime(to).diff(toDateTime(from), 'days').days);
}

/** The date of an instant in England and Wales. */
export function londonDateOf(instant: IsoInstant): IsoDate {
  return fromDateTime(toInstant(instant).setZone(BUSINESS_ZONE));
}

/**
 * The instant a date-only deadline has passed: the first instant of the next day in
 * Europe/London, in UTC ('2026-06-11' → '2026-06-11T23:00:00Z' in summer time).
 */
export function endOfDayInstant(date: IsoDate): IsoInstant {
  const day = toDateTime(date);
  const nextMidnight = DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: BUSINESS_ZONE }).plus({ days: 1 });
  return formatInstant(nextMidnight);
}

export function addHours(instant: IsoInstant, hours: number): IsoInstant {
  return formatInstant(toInstant(instant).toUTC().plus({ hours }));
}

/** English weekday name, for explanations. */
export function weekdayName(date: IsoDate): string {
  return toDateTime(date).setLocale('en-GB').toFormat('cccc');
}
