import { addCalendarDays, daysBetween, londonDateOf } from '@ttg/policy';
import { deadlineTime, formatDate } from '@ttg/contracts/date-words';

export { datesInWords, deadlineTime, formatDate, formatDateTime, formatTime } from '@ttg/contracts/date-words';

/**
 * "due today at 2:57pm", "due in 3 days", "2 days overdue": relative to today in London. A task
 * is overdue once its deadline instant (`dueAt`) has passed, which for a COM allocation is days
 * after its due date: between the two it is "past its due date", and days overdue count from the
 * last day before the deadline, so the words agree with the Overdue tag.
 */
export function relativeDue(dueDate: string, today: string, dueAt?: string | Date): string {
  const lastDay = lastDayBefore(dueDate, dueAt);
  if (today > lastDay) {
    const late = daysBetween(lastDay, today);
    return late === 1 ? '1 day overdue' : `${late} days overdue`;
  }
  if (today > dueDate) return today === lastDay ? 'past its due date: overdue from tomorrow' : `past its due date: overdue from ${formatDate(addCalendarDays(lastDay, 1))}`;
  const days = daysBetween(today, dueDate);
  const time = deadlineTime(dueAt);
  if (days === 0) return time ? `due today at ${time}` : 'due today';
  if (days === 1 && time) return `due tomorrow at ${time}`;
  if (days === 1) return 'due tomorrow';
  return `due in ${days} days`;
}

/** The last day a task can be done before it is overdue: the London day of the instant before its deadline, never before its due date. */
function lastDayBefore(dueDate: string, dueAt?: string | Date): string {
  const at = dueAt === undefined ? NaN : new Date(dueAt).getTime();
  if (Number.isNaN(at)) return dueDate;
  const day = londonDateOf(new Date(at - 1).toISOString());
  return day > dueDate ? day : dueDate;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/**
 * A policy version's id in words: "ew-default-2023-11-30" → "England and Wales default policy of 30 November 2023". The
 * date is the version's own, not when it applies from (the default applies from the start).
 */
export function policyVersionWords(id: string): string {
  const m = /^(.*?)-?(\d{4}-\d{2}-\d{2})$/.exec(id);
  const name = policyNameWords(m ? m[1] : id);
  return m ? `${name} of ${formatDate(m[2])}` : name;
}

/** A version's name as a title: "ew-default" → "England and Wales default policy", "my_rules" → "My rules". */
function policyNameWords(name: string): string {
  const words = name.split(/[-_.\s]+/).filter(Boolean);
  if (!words.length) return 'Policy';
  if (words[0].toLowerCase() === 'ew') {
    const rest = words.slice(1).join(' ');
    return `England and Wales ${rest ? `${rest} ` : ''}policy`;
  }
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
