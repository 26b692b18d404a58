import { MAX_PAGE } from '../../common/page';
import { z } from 'zod';
import { notificationText } from '@ttg/contracts/notification-text';
import { formatDateTime } from '../support/format';
import { NOTIFICATION_KIND_TAGS, humanise } from '../support/labels';
import { pagination, queryString } from '../support/pagination';

export const NOTIFICATION_PAGE_SIZE = 25;
export const notificationsQuery = z.object({ unread: z.enum(['true']).optional().catch(undefined), page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1) });
export const readForm = z.object({ id: z.string().min(1).max(200).optional().catch(undefined), all: z.enum(['true']).optional().catch(undefined) });

const list = z.object({
  items: z.array(z.object({ id: z.string(), caseId: z.string().nullable(), taskId: z.string().nullable(), kind: z.string(), message: z.string(), createdAt: z.union([z.string(), z.date()]), readAt: z.union([z.string(), z.date()]).nullable(), givenName: z.string().nullable(), familyName: z.string().nullable(), prisonNumber: z.string().nullable(), settled: z.boolean().optional(), dueDate: z.string().nullable().optional(), dueAt: z.union([z.string(), z.date()]).nullable().optional() })),
  total: z.number(),
  unread: z.number(),
  totalAtLeast: z.literal(true).optional(),
  unreadAtLeast: z.literal(true).optional(),
});

function wording(n: z.infer<typeof list>['items'][number]) {
  const t = notificationText({ ...n, person: n, due: n.dueDate && n.dueAt ? { dueDate: n.dueDate, dueAt: n.dueAt } : null });
  return { person: n.givenName && n.familyName ? `${n.givenName} ${n.familyName}` : null, prisonNumber: n.prisonNumber, message: t.message, action: t.action };
}

export function notificationsView(raw: unknown, q: z.infer<typeof notificationsQuery>) {
  const data = list.parse(raw);
  const href = (over: Record<string, string | number | undefined>) => `/notifications${queryString({ unread: q.unread, ...over })}`;
  return {
    pageTitle: 'Notifications',
    unreadOnly: q.unread === 'true',
    unread: data.unread,
    tabs: [
      { text: 'All', href: '/notifications', active: q.unread !== 'true' },
      { text: `Unread (${data.unreadAtLeast ? `more than ${data.unread.toLocaleString('en-GB')}` : data.unread})`, href: '/notifications?unread=true', active: q.unread === 'true' },
    ],
    items: data.items.map((n) => ({
      id: n.id,
      kind: NOTIFICATION_KIND_TAGS[n.kind] ?? { text: humanise(n.kind), classes: 'govuk-tag--grey' },
      ...wording(n),
      at: formatDateTime(n.createdAt),
      unread: n.readAt === null && !n.settled,
      caseHref: n.caseId ? `/cases/${n.caseId}` : null,
      taskHref: n.taskId ? `/tasks/${n.taskId}` : null,
    })),
    returnTo: href({ page: q.page === 1 ? undefined : q.page }),
    pagination: pagination(q.page, NOTIFICATION_PAGE_SIZE, q.unread === 'true' ? data.unread : data.total, (page) => href({ page: page === 1 ? undefined : page }), 'notifications', Boolean(q.unread === 'true' ? data.unreadAtLeast : data.totalAtLeast)),
  };
}
