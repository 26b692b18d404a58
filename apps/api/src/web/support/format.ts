import { DateTime } from 'luxon';
import { BUSINESS_ZONE, daysBetween } from '@ttg/policy';

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

/** "due today at 2:57pm", "due in 3 days", "2 days overdue": relative to today in London. */
export function relativeDue(dueDate: string, today: string, dueAt?: string | Date): string {
  const days = daysBetween(today, dueDate);
  const time = deadlineTime(dueAt);
  if (days === 0) return time ? `due today at ${time}` : 'due today';
  if (days === 1 && time) return `due tomorrow at ${time}`;
  if (days === 1) return 'due tomorrow';
  if (days > 1) return `due in ${days} days`;
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** A policy version's id in words: "ew-default-2023-11-30" → "ew-default, in force from 30 November 2023". */
export function policyVersionWords(id: string): string {
  const m = /^(.*?)-?(\d{4}-\d{2}-\d{2})$/.exec(id);
  return m ? `${m[1] || 'Policy'}, in force from ${formatDate(m[2])}` : id;
}

/** Dates and instants written into stored text (workflow messages keep ISO dates) as words: "due on 2026-11-27" → "due on 27 November 2026". */
export function datesInWords(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?(?![\d])/g, (d) => (d.length > 10 ? formatDateTime(d) : formatDate(d)));
}
