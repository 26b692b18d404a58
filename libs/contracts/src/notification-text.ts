import type { NotificationKind } from './pathway';
import { datesInWords, deadlineTime, formatDate } from './date-words';

/**
 * The words of a notification, wherever a person reads it (the notifications page and the email):
 * who it is about, what happened with its dates in words, and what to do.
 */

/** The name of each kind, as a tag on the page and at the start of an email's subject. */
export const NOTIFICATION_KIND_NAMES = {
  REMINDER: 'Reminder',
  OVERDUE: 'Overdue',
  ESCALATION: 'Escalation',
  LOST_CONTACT: 'Lost contact',
  LOST_CONTACT_ESCALATION: 'Lost contact escalated',
  HANDOVER: 'Handover',
  INFO: 'Information',
} as const satisfies Record<NotificationKind, string>;

/** What the reader should do about each kind of notification. */
export const NOTIFICATION_ACTIONS = {
  REMINDER: 'Complete the task before it is due.',
  OVERDUE: 'Complete the task now, or ask a manager to reassign it.',
  ESCALATION: 'Check who holds the task and reassign it if they cannot finish it.',
  LOST_CONTACT: 'Try to re-establish contact, then record the contact on the supervision page.',
  LOST_CONTACT_ESCALATION: 'Check what the community offender manager has tried and decide whether to take breach action.',
  HANDOVER: 'Open the case to read the handover pack and act on it.',
  INFO: 'Open the case and act on what it says.',
} as const satisfies Record<NotificationKind, string>;

export const SETTLED_ACTION = 'Nothing to do: the task has been completed or cancelled.';

export interface NotificationFacts {
  kind: string;
  message: string;
  caseId: string | null;
  taskId: string | null;
  /** Its task has been completed or cancelled since. */
  settled?: boolean;
  person?: { givenName: string | null; familyName: string | null; prisonNumber: string | null } | null;
  /** The task's deadline, so a deadline with a time of day is written with it. */
  due?: { dueDate: string; dueAt: string | Date } | null;
}

export interface NotificationText {
  /** "Jo Bloggs (A1234BC)", or null for a notification about no one. */
  person: string | null;
  kindName: string;
  message: string;
  action: string;
}

const kindName = (kind: string): string => (kind in NOTIFICATION_KIND_NAMES ? NOTIFICATION_KIND_NAMES[kind as NotificationKind] : kind.charAt(0) + kind.slice(1).toLowerCase().replace(/_/g, ' '));

/** The one place a notification's words are made. */
export function notificationText(n: NotificationFacts): NotificationText {
  const p = n.person;
  const name = p?.givenName && p.familyName ? `${p.givenName} ${p.familyName}` : null;
  const person = name ? (p?.prisonNumber ? `${name} (${p.prisonNumber})` : name) : null;
  const time = n.due ? deadlineTime(n.due.dueAt) : null;
  // The deadline's own date carries its time when it has one: "27 November 2026 at 2:57pm".
  const timed = n.due && time ? n.message.split(n.due.dueDate).join(`${formatDate(n.due.dueDate)} at ${time}`) : n.message;
  const action = n.settled ? SETTLED_ACTION : n.kind in NOTIFICATION_ACTIONS ? NOTIFICATION_ACTIONS[n.kind as NotificationKind] : '';
  return { person, kindName: kindName(n.kind), message: datesInWords(timed), action };
}

/** A notification as an email: the person and the kind in the subject; what happened, what to do and a link in the body. */
export function notificationEmail(n: NotificationFacts, pageUrl: string): { subject: string; body: string } {
  const t = notificationText(n);
  const base = pageUrl.replace(/\/+$/, '');
  const link = n.taskId ? `Open the task: ${base}/tasks/${n.taskId}` : n.caseId ? `Open the case: ${base}/cases/${n.caseId}` : `Open your notifications: ${base}/notifications`;
  const lines = [t.person ? `${t.person}:` : null, t.message, '', `What to do: ${t.action}`, '', link].filter((l): l is string => l !== null);
  return { subject: t.person ? `${t.kindName}: ${t.person}` : t.kindName, body: lines.join('\n') };
}
