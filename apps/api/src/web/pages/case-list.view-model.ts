import { MAX_PAGE } from '../../common/page';
import { z } from 'zod';
import { STAGES, optionalLineText } from '@ttg/contracts';
import type { CaseListFilter } from '../../cases/case.repository';
import type { CaseView } from '../../cases/case.presenter';
import { formatDate } from '../support/format';
import { FLAG_TAGS, HANDOVER_STATUS_TAGS, STAGE_LABELS, labelOf, type TagView } from '../support/labels';
import { pagination, queryString } from '../support/pagination';
import { unmetNeedsText } from './needs.view-model';

export const CASE_PAGE_SIZE = 25;

export const caseListQuery = z.object({
  q: optionalLineText(100).optional().catch(undefined),
  stage: z.enum(STAGES).optional().catch(undefined),
  overdue: z.enum(['true']).optional().catch(undefined),
  closed: z.enum(['true']).optional().catch(undefined),
  sort: z.enum(['releaseDate', 'familyName', 'createdAt']).catch('releaseDate'),
  order: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export function toCaseFilter(q: CaseListQuery): CaseListFilter {
  return { q: q.q || undefined, stage: q.stage, overdue: q.overdue === 'true' ? true : undefined, active: q.closed === 'true' ? undefined : true, sort: q.sort, order: q.order, page: q.page, pageSize: CASE_PAGE_SIZE };
}

export function caseListView(q: CaseListQuery, result: { items: CaseView[]; total: number; totalAtLeast?: boolean }, prisonNames: Map<string, string>, canReceive = false) {
  const base = { q: q.q, stage: q.stage, overdue: q.overdue, closed: q.closed, sort: q.sort === 'releaseDate' ? undefined : q.sort, order: q.order === 'asc' ? undefined : q.order };
  const href = (over: Record<string, string | number | undefined>) => `/cases${queryString({ ...base, ...over })}`;
  const sortHeader = (key: CaseListQuery['sort'], text: string) => {
    const current = q.sort === key;
    const next = current && q.order === 'asc' ? 'desc' : 'asc';
    return { text, href: href({ sort: key === 'releaseDate' ? undefined : key, order: next === 'asc' ? undefined : next, page: undefined }), ariaSort: current ? (q.order === 'asc' ? 'ascending' : 'descending') : 'none' };
  };
  return {
    pageTitle: 'Cases',
    canReceive,
    query: q,
    stageOptions: [{ value: '', text: 'Any stage' }, ...STAGES.map((s) => ({ value: s, text: STAGE_LABELS[s] }))],
    sortHeaders: { name: sortHeader('familyName', 'Name'), release: sortHeader('releaseDate', 'Release date') },
    rows: result.items.map((c) => {
      const handover = (c.handover ?? {}) as { status?: string };
      const flags: TagView[] = [
        ...(c.overdueTasks > 0 ? [{ text: `${c.overdueTasks} overdue`, classes: FLAG_TAGS.overdue.classes }] : []),
        ...(c.unmetNeeds && c.active ? [{ text: unmetNeedsText(c.unmetNeedList) || 'Unmet needs', classes: 'govuk-tag--orange' }] : []),
        ...(c.lostContact ? [FLAG_TAGS.lostContact] : []),
      ];
      return {
        href: `/cases/${c.id}`,
        name: `${c.familyName}, ${c.givenName}`,
        prisonNumber: c.prisonNumber,
        prison: prisonNames.get(c.prisonCode) ?? c.prisonCode,
        stage: labelOf(STAGE_LABELS, c.stage),
        release: formatDate(((c.keyDates ?? {}) as { releaseDate?: string }).releaseDate ?? null),
        handover: HANDOVER_STATUS_TAGS[handover.status ?? ''] ?? null,
        flags,
      };
    }),
    csvHref: `/downloads/cases.csv${queryString({ q: q.q, stage: q.stage, overdue: q.overdue, active: q.closed === 'true' ? undefined : 'true', sort: q.sort, order: q.order })}`,
    pagination: pagination(q.page, CASE_PAGE_SIZE, result.total, (page) => href({ page: page === 1 ? undefined : page }), 'cases', result.totalAtLeast),
  };
}
