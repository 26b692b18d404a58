import { DateTime } from 'luxon';
import { BUSINESS_ZONE } from '@ttg/policy/dates';

/** Dates as GOV.UK writes them: "5 January 2026", "5 Jan 2026", "5 January 2026 at 3:15pm". */

function parse(value: string | Date): DateTime | null {
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: BUSINESS_ZONE });
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return DateTime.fromISO(value, { zone: 'utc' });
  const dt = DateTime.fromISO(value, { zone: BUSINESS_ZONE });
  return dt.isValid ? dt : null;
}

export function formatDate(value: string | Date | null | undefined, style: 'long' | 'short' = 'long'): string {
  if (value === null || value === undefined || value === '') return '';
  const dt = parse(value);
  if (!dt?.isValid) return String(value);
  return dt.toFormat(style === 'short' ? 'd LLL yyyy' : 'd LLLL yyyy');
}

export function formatTime(dt: DateTime): string {
  const hour = dt.hour % 12 === 0 ? 12 : dt.hour % 12;
  const minutes = dt.minute === 0 ? '' : `:${String(dt.minute).padStart(2, '0')}`;
  return `${hour}${minutes}${dt.hour < 12 ? 'am' : 'pm'}`;
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const dt = parse(value);
  if (!dt?.isValid) return String(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return `${dt.toFormat('d LLLL yyyy')} at ${formatTime(dt)}`;
}

/** The time of a deadline in London, when it has one (a deadline at the start or end of a day is a whole day). */
export function deadlineTime(dueAt: string | Date | undefined): string | null {
  if (!dueAt) return null;
  const dt = parse(dueAt);
  if (!dt?.isValid || (dt.hour === 0 && dt.minute === 0) || (dt.hour === 23 && dt.minute === 59)) return null;
  return formatTime(dt);
}

/** Dates and instants written into stored text (workflow messages keep ISO dates) as words: "due on 2026-11-27" → "due on 27 November 2026". */
export function datesInWords(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?(?![\d])/g, (d) => (d.length > 10 ? formatDateTime(d) : formatDate(d)));
}
