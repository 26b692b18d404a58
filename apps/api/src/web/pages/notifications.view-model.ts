import { MAX_PAGE } from '../../common/page';
import { z } from 'zod';
import type { NotificationKind } from '@ttg/contracts/pathway';
import { datesInWords, formatDateTime } from '../support/format';
import { NOTIFICATION_KIND_TAGS, humanise } from '../support/labels';
import { pagination, queryString } from '../support/pagination';

export const NOTIFICATION_PAGE_SIZE = 25;
export const notificationsQuery = z.object({ unread: z.enum(['true']).optional().catch(undefined), page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1) });
export const readForm = z.object({ id: z.string().min(1).max(200).optional().catch(undefined), all: z.enum(['true']).optional().catch(undefined) });

const list = z.object({
  items: z.array(z.object({ id: z.string(), caseId: z.string().nullable(), taskId: z.string().nullable(), kind: z.string(), message: z.string(), createdAt: z.union([z.string(), z.date()]), readAt: z.union([z.string(), z.date()]).nullable(), givenName: z.string().nullable(), familyName: z.string().nullable(), prisonNumber: z.string().nullable(), settled: z.boolean().optional() })),
  total: z.number(),
  unread: z.number(),
});

/** What the reader should do about each kind of notification. */
export const NOTIFICATION_ACTIONS = {
  REMINDER: 'Complete the task before it is due.',
  OVERDUE: 'Complete the task now, or ask a manager to reassign it.',
  ESCALATION: 'Check who holds the task and reassign it if they cannot finish it.',
  LOST_CONTACT: 'Try to re-establish contact, then record the contact on the supervision page.',
  LOST_CONTACT_ESCALATION: 'Check what the community offender manager has tried and decide whether to take breach action.',
  HANDOVER: 'Open the case to read the handover pack and act on it.',
  INFO: 'For your information: no action is needed.',
} as const satisfies Record<NotificationKind, string>;

const actionFor = (kind: string): string => (kind in NOTIFICATION_ACTIONS ? NOTIFICATION_ACTIONS[kind as NotificationKind] : '');

export function notificationsView(raw: unknown, q: z.infer<typeof notificationsQuery>) {
  const data = list.parse(raw);
  const href = (over: Record<string, string | number | undefined>) => `/notifications${queryString({ unread: q.unread, ...over })}`;
  return {
    pageTitle: 'Notifications',
    unreadOnly: q.unread === 'true',
    unread: data.unread,
    tabs: [
      { text: 'All', href: '/notifications', active: q.unread !== 'true' },
      { text: `Unread (${data.unread})`, href: '/notifications?unread=true', active: q.unread === 'true' },
    ],
    items: data.items.map((n) => ({
      id: n.id,
      kind: NOTIFICATION_KIND_TAGS[n.kind] ?? { text: humanise(n.kind), classes: 'govuk-tag--grey' },
      person: n.givenName && n.familyName ? `${n.givenName} ${n.familyName}` : null,
      prisonNumber: n.prisonNumber,
      message: datesInWords(n.message),
      action: n.settled ? 'Nothing to do: the task has been completed or cancelled.' : actionFor(n.kind),
      at: formatDateTime(n.createdAt),
      unread: n.readAt === null && !n.settled,
      caseHref: n.caseId ? `/cases/${n.caseId}` : null,
      taskHref: n.taskId ? `/tasks/${n.taskId}` : null,
    })),
    returnTo: href({ page: q.page === 1 ? undefined : q.page }),
    pagination: pagination(q.page, NOTIFICATION_PAGE_SIZE, q.unread === 'true' ? data.unread : data.total, (page) => href({ page: page === 1 ? undefined : page }), 'notifications'),
  };
}
