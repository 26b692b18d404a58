import { PolicyValidationError } from './errors';
import { type IsoDate, type IsoInstant } from './types';

/** The business time zone: date-only values are dates in England and Wales. */
export const BUSINESS_ZONE = 'Europe/London';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/*
 * Calendar-day arithmetic on ISO dates: a date is a whole UTC day (ms since the epoch of its
 * midnight, UTC), so arithmetic never crosses a daylight-saving change and never shifts a date,
 * whatever the host's time zone. Only the two conversions between instants and London dates ask
 * the time-zone database (through Intl, cached per day).
 */

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number): number => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** Midnight UTC of a calendar date (any year 0–9999; Date.UTC would read years 0–99 as 1900–1999). */
function utcMidnight(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime();
}

function realDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Midnight UTC (ms) of a date-only value; a value that is not a real date is refused, naming the field. */
export function dayOf(date: IsoDate, field = 'date'): number {
  const m = ISO_DATE.exec(date);
  if (!m || !realDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new PolicyValidationError(field, `must be a real calendar date YYYY-MM-DD (got "${date}")`);
  return utcMidnight(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The ISO date of a day's midnight UTC (ms). */
export function dateOfDay(dayMs: number): IsoDate {
  return new Date(dayMs).toISOString().slice(0, 10);
}

/** ISO weekday of a day's midnight UTC (ms): 1 Monday … 7 Sunday. */
export function weekdayOfDay(dayMs: number): number {
  return ((new Date(dayMs).getUTCDay() + 6) % 7) + 1;
}

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return m !== null && realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The instant (ms since the epoch) of an ISO 8601 instant with a time zone; undefined when it is not one. */
function parseInstant(value: string): number | undefined {
  const m = ISO_INSTANT.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (!realDate(y, mo, d) || mi > 59 || s > 59 || h > 24 || (h === 24 && (mi > 0 || s > 0 || millis > 0))) return undefined;
  const offsetMin = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  return utcMidnight(y, mo, d) + ((h * 60 + mi - offsetMin) * 60 + s) * 1000 + millis;
}

export function isIsoInstant(value: string): boolean {
  return parseInstant(value) !== undefined;
}

/** The instant (ms since the epoch) of an ISO 8601 instant with a time zone, refused naming the field otherwise. */
export function toInstant(instant: IsoInstant, field = 'instant'): number {
  const at = parseInstant(instant);
  if (at === undefined) {
    throw new PolicyValidationError(field, `must be an ISO 8601 instant with a time zone, e.g. 2026-01-05T15:00:00Z (got "${instant}")`);
  }
  return at;
}

/** An instant in UTC without milliseconds (`2026-01-08T15:00:00Z`), or with them when they are not zero. */
export function formatInstant(at: number): IsoInstant {
  const iso = new Date(at).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

// ---- Europe/London ----------------------------------------------------------------------------

let londonParts: Intl.DateTimeFormat | undefined;
/** London's offset from UTC (ms) on each UTC day without a change of clocks, by the day's midnight UTC. */
const steadyOffsets = new Map<number, number>();

/** London's offset from UTC (ms) at an instant, from the time-zone database. */
function offsetFromDatabase(at: number): number {
  londonParts ??= new Intl.DateTimeFormat('en-GB', { timeZone: BUSINESS_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const p: Record<string, number> = {};
  for (const part of londonParts.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = utcMidnight(p.year, p.month, p.day) + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
  return local - (at - (((at % 1000) + 1000) % 1000));
}

/** London's offset from UTC (ms) at an instant: asked once per UTC day, unless the clocks change that day. */
function londonOffset(at: number): number {
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  const known = steadyOffsets.get(day);
  if (known !== undefined) return known;
  const first = offsetFromDatabase(day);
  if (first !== offsetFromDatabase(day + DAY_MS - 1000)) return offsetFromDatabase(at);
  if (steadyOffsets.size > 50_000) steadyOffsets.clear();
  steadyOffsets.set(day, first);
  return first;
}

/** The date of an instant in England and Wales. */
export function londonDateOf(instant: IsoInstant): IsoDate {
  const at = toInstant(instant);
  const local = at + londonOffset(at);
  return dateOfDay(Math.floor(local / DAY_MS) * DAY_MS);
}

/**
 * The instant a date-only deadline has passed: the first instant of the next day in
 * Europe/London, in UTC ('2026-06-11' → '2026-06-11T23:00:00Z' in summer time).
 */
export function endOfDayInstant(date: IsoDate): IsoInstant {
  const nextMidnight = dayOf(date) + DAY_MS;
  const guess = nextMidnight - londonOffset(nextMidnight);
  return formatInstant(nextMidnight - londonOffset(guess));
}

// ---- calendar arithmetic ------------------------------------------------------------------------

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return dateOfDay(dayOf(date) + days * DAY_MS);
}

/** Calendar months, clamped to the end of the month: 2024-10-31 minus 8 months is 2024-02-29. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const t = new Date(dayOf(date));
  const total = t.getUTCFullYear() * 12 + t.getUTCMonth() + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return dateOfDay(utcMidnight(y, m, Math.min(t.getUTCDate(), daysInMonth(y, m))));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((dayOf(to) - dayOf(from)) / DAY_MS);
}

export function addHours(instant: IsoInstant, hours: number): IsoInstant {
  return formatInstant(toInstant(instant) + hours * 3_600_000);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function weekdayOf(date: IsoDate): number {
  return weekdayOfDay(dayOf(date));
}

/** English weekday name, for explanations. */
export function weekdayName(date: IsoDate): string {
  return WEEKDAYS[weekdayOf(date) - 1];
}
