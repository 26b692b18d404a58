import { daysBetween } from '@ttg/policy';
import { deadlineTime, formatDate } from '@ttg/contracts/date-words';

export { datesInWords, deadlineTime, formatDate, formatDateTime, formatTime } from '@ttg/contracts/date-words';

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

/**
 * A policy version's id in words: "ew-default-2023-11-30" → "ew-default of 30 November 2023". The
 * date is the version's own, not when it applies from (the default applies from the start).
 */
export function policyVersionWords(id: string): string {
  const m = /^(.*?)-?(\d{4}-\d{2}-\d{2})$/.exec(id);
  return m ? `${m[1] || 'Policy'} of ${formatDate(m[2])}` : id;
}
