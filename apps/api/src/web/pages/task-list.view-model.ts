import { MAX_PAGE } from '../../common/page';
import { z } from 'zod';
import { DateTime } from 'luxon';
import { isOpenTask, OPEN_TASK_STATUSES, PATHWAYS, roleEntry, TASK_TYPES, type Pathway, type TaskStatus, type TaskType } from '@ttg/contracts';
import type { Principal } from '../../auth/principal';
import type { TaskListFilter } from '../../tasks/task.repository';
import type { TaskView } from '../../tasks/task.presenter';
import { formatDate, relativeDue } from '../support/format';
import { FLAG_TAGS, PATHWAY_LABELS, TASK_STATUS_TAGS, TASK_TYPE_LABELS, labelOf, type TagView } from '../support/labels';
import { pagination, queryString } from '../support/pagination';

export const TASK_PAGE_SIZE = 25;

const TABS = ['mine', 'queue', 'all'] as const;
const STATUS_FILTERS = ['open', 'OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'any'] as const;

/** The task list's query string; a value that makes no sense falls back to its default. */
export const taskListQuery = z.object({
  tab: z.enum(TABS).catch('mine'),
  type: z.enum(TASK_TYPES).optional().catch(undefined),
  status: z.enum(STATUS_FILTERS).catch('open'),
  overdue: z.enum(['true']).optional().catch(undefined),
  side: z.enum(['any', 'PRISON', 'COMMUNITY', 'MANAGER']).optional().catch(undefined),
  sort: z.enum(['dueAt', 'createdAt', 'type']).catch('dueAt'),
  order: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
  q: z.string().trim().max(100).optional().catch(undefined),
  pathway: z.enum(PATHWAYS).optional().catch(undefined),
  due: z.enum(['7', '28']).optional().catch(undefined),
  assignee: z.string().regex(/^[\w.-]{1,100}$/).optional().catch(undefined),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

/** The side chosen, or on the team queue the role's own (`queueSide` in the role catalogue). */
export function effectiveSide(q: TaskListQuery, user: Principal): NonNullable<TaskListQuery['side']> {
  return q.side ?? (q.tab === 'queue' ? roleEntry(user.role).queueSide : 'any');
}

/** The task list's query as the TaskService's filter. */
export function toTaskFilter(q: TaskListQuery, user: Principal, today?: string): TaskListFilter {
  const side = effectiveSide(q, user);
  const status: TaskStatus[] | undefined = q.status === 'open' ? [...OPEN_TASK_STATUSES] : q.status === 'any' ? undefined : [q.status];
  return {
    assignee: q.tab === 'mine' ? 'me' : q.tab === 'queue' ? 'unassigned' : q.assignee,
    q: q.q || undefined,
    pathway: q.pathway,
    dueTo: q.due && today ? DateTime.fromISO(today).plus({ days: Number(q.due) }).toISODate() ?? undefined : undefined,
    status,
    type: q.type ? [q.type] : undefined,
    side: side === 'any' ? undefined : side,
    overdue: q.overdue === 'true' ? true : undefined,
    sort: q.sort,
    order: q.order,
    page: q.page,
    pageSize: TASK_PAGE_SIZE,
  };
}

export interface TaskRowView {
  id: string;
  href: string;
  title: string;
  caseHref: string;
  person: string;
  prisonNumber: string;
  pathway: string;
  due: string;
  dueRelative: string;
  dueSort: string;
  status: TagView;
  flags: TagView[];
  assignee: string;
  canClaim: boolean;
  /** Open: a manager may select it to assign with others. */
  canSelect: boolean;
  canRelease: boolean;
}

export function taskFlags(t: Pick<TaskView, 'overdue' | 'escalated' | 'compressed' | 'status'>): TagView[] {
  const open = isOpenTask(t.status);
  return [...(t.overdue ? [FLAG_TAGS.overdue] : []), ...(t.escalated ? [FLAG_TAGS.escalated] : []), ...(t.compressed && open ? [FLAG_TAGS.compressed] : [])];
}

export function taskRow(t: TaskView, user: Principal, names: Map<string, string>, today: string): TaskRowView {
  const open = isOpenTask(t.status);
  return {
    id: t.id,
    href: `/tasks/${t.id}`,
    title: t.title,
    caseHref: `/cases/${t.caseId}`,
    person: t.person ? `${t.person.givenName ?? ''} ${t.person.familyName ?? ''}`.trim() : '',
    prisonNumber: t.person?.prisonNumber ?? '',
    pathway: labelOf(PATHWAY_LABELS, t.pathway as Pathway | null, ''),
    due: formatDate(t.dueDate),
    dueRelative: open ? relativeDue(t.dueDate, today, t.dueAt) : '',
    dueSort: t.dueAt,
    status: TASK_STATUS_TAGS[t.status as TaskStatus] ?? { text: t.status, classes: 'govuk-tag--grey' },
    flags: taskFlags(t),
    assignee: t.assignee ? (t.assignee === user.id ? 'You' : names.get(t.assignee) ?? t.assignee) : 'Unassigned',
    canClaim: open && t.assignee === null,
    canRelease: open && t.assignee === user.id,
    canSelect: open,
  };
}

export interface UserOption {
  value: string;
  text: string;
}

export function taskListView(
  q: TaskListQuery,
  result: { items: TaskView[]; total: number; totalAtLeast?: boolean },
  ctx: { user: Principal; names: Map<string, string>; today: string; reassignUsers: UserOption[] | null; reassignKey: string; returnTo: string },
) {
  const base = { tab: q.tab, q: q.q, pathway: q.pathway, due: q.due, assignee: q.tab === 'all' ? q.assignee : undefined, type: q.type, status: q.status === 'open' ? undefined : q.status, overdue: q.overdue, side: q.side, sort: q.sort === 'dueAt' ? undefined : q.sort, order: q.order === 'asc' ? undefined : q.order };
  const href = (over: Record<string, string | number | undefined>) => `/tasks${queryString({ ...base, ...over })}`;
  const filter = toTaskFilter(q, ctx.user, ctx.today);
  const sortHeader = (key: TaskListQuery['sort'], text: string) => {
    const current = q.sort === key;
    const next = current && q.order === 'asc' ? 'desc' : 'asc';
    return { text, href: href({ sort: key === 'dueAt' ? undefined : key, order: next === 'asc' ? undefined : next, page: undefined }), ariaSort: current ? (q.order === 'asc' ? 'ascending' : 'descending') : 'none' };
  };
  return {
    pageTitle: q.tab === 'mine' ? 'My tasks' : q.tab === 'queue' ? 'Team queue' : 'All tasks',
    query: q,
    tabs: [
      { text: 'My tasks', href: href({ tab: 'mine', side: undefined, page: undefined }), active: q.tab === 'mine' },
      { text: 'Team queue', href: href({ tab: 'queue', side: undefined, page: undefined }), active: q.tab === 'queue' },
      { text: 'All tasks', href: href({ tab: 'all', side: undefined, page: undefined }), active: q.tab === 'all' },
    ],
    typeOptions: [{ value: '', text: 'Any type' }, ...TASK_TYPES.map((t) => ({ value: t, text: TASK_TYPE_LABELS[t as TaskType] }))],
    statusOptions: [
      { value: 'open', text: 'Open or in progress' },
      { value: 'OPEN', text: 'Open' },
      { value: 'IN_PROGRESS', text: 'In progress' },
      { value: 'COMPLETED', text: 'Completed' },
      { value: 'CANCELLED', text: 'Cancelled' },
      { value: 'any', text: 'Any status' },
    ],
    pathwayOptions: [{ value: '', text: 'Any pathway' }, ...PATHWAYS.map((p) => ({ value: p, text: PATHWAY_LABELS[p] }))],
    dueOptions: [
      { value: '', text: 'Any time' },
      { value: '7', text: 'Within 7 days (or overdue)' },
      { value: '28', text: 'Within 28 days (or overdue)' },
    ],
    assigneeOptions: q.tab === 'all' && ctx.reassignUsers ? [{ value: '', text: 'Anyone' }, { value: 'unassigned', text: 'Nobody (team queue)' }, ...ctx.reassignUsers] : null,
    emptyMine: q.tab === 'mine' && result.total === 0 && !q.q && !q.type && !q.pathway && !q.due ? { href: href({ tab: 'queue', side: undefined, page: undefined }) } : null,
    side: effectiveSide(q, ctx.user),
    sideOptions: [
      { value: 'any', text: 'Any side' },
      { value: 'PRISON', text: 'Prison' },
      { value: 'COMMUNITY', text: 'Community' },
      { value: 'MANAGER', text: 'Manager' },
    ],
    sortHeaders: { due: sortHeader('dueAt', 'Due'), type: sortHeader('type', 'Task') },
    rows: result.items.map((t) => taskRow(t, ctx.user, ctx.names, ctx.today)),
    pagination: pagination(q.page, TASK_PAGE_SIZE, result.total, (page) => href({ page: page === 1 ? undefined : page }), 'tasks', result.totalAtLeast),
    csvHref: `/downloads/tasks.csv${queryString({ assignee: filter.assignee, status: filter.status?.join(','), type: q.type, side: filter.side, overdue: q.overdue, sort: q.sort, order: q.order })}`,
    reassignUsers: ctx.reassignUsers,
    reassignKey: ctx.reassignKey,
    returnTo: ctx.returnTo,
  };
}
