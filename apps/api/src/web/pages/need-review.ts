import { isUnmetNeed, PATHWAYS, SETTABLE_NEED_STATUSES, TASK_CATALOGUE, type NeedStatus, type Pathway, type TaskType } from '@ttg/contracts';
import type { NeedView } from '../../cases/case.repository';
import type { ErrorTarget } from '../support/form-errors';
import { NEED_STATUS_TAGS, PATHWAY_LABELS, humanise } from '../support/labels';

/**
 * The pre-release review's plan revision: every need with its status and what is still open, and
 * for each a new status (with the reason it requires) or none to keep it. What is chosen goes into
 * the review's outcome as `needs`; the workflow revises those needs when the review is completed.
 */
const statusName = (p: Pathway) => `review-${p}-status`;
const reasonName = (p: Pathway) => `review-${p}-reason`;

export type ReviewValues = Record<string, string>;

export function reviewValues(body: unknown): ReviewValues {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const names = PATHWAYS.flatMap((p) => [statusName(p), reasonName(p)]);
  return Object.fromEntries(names.filter((n) => typeof raw[n] === 'string').map((n) => [n, (raw[n] as string).trim().slice(0, 600)]));
}

/** The revisions chosen, as the outcome's `needs` (undefined when every need is kept as it is). */
export function needRevisions(values: ReviewValues): Record<string, { status: string; reason?: string }> | undefined {
  const chosen = PATHWAYS.filter((p) => values[statusName(p)]);
  if (!chosen.length) return undefined;
  return Object.fromEntries(chosen.map((p) => [p, { status: values[statusName(p)], ...(values[reasonName(p)] ? { reason: values[reasonName(p)] } : {}) }]));
}

/** Where the server's problems with a revision are shown. */
export const REVIEW_TARGETS: ErrorTarget[] = PATHWAYS.flatMap((p) => [
  { path: `outcome.needs.${p}.reason`, id: reasonName(p), label: `Reason for the ${PATHWAY_LABELS[p].toLowerCase()} need` },
  { path: `outcome.needs.${p}`, id: statusName(p), label: `New status of the ${PATHWAY_LABELS[p].toLowerCase()} need`, choice: true },
]);

/** Each need as the review shows it, with its choice of new status. */
export function needReviewView(needs: NeedView[], values: ReviewValues) {
  if (!needs.length) return null;
  return needs.map((n) => {
    const p = n.pathway as Pathway;
    const status = n.status as NeedStatus;
    const choices = SETTABLE_NEED_STATUSES.filter((s) => s !== status && !(s === 'SUPPORT_REQUIRED' && isUnmetNeed(status)));
    return {
      label: PATHWAY_LABELS[p] ?? humanise(p),
      status: NEED_STATUS_TAGS[status] ?? { text: humanise(status), classes: 'govuk-tag--grey' },
      reason: n.reason ?? '',
      open: n.open.map((t) => TASK_CATALOGUE[t as TaskType]?.label ?? humanise(t)),
      statusName: statusName(p),
      reasonName: reasonName(p),
      items: [{ value: '', text: 'Keep as it is', selected: !values[statusName(p)] }, ...choices.map((s) => ({ value: s, text: NEED_STATUS_TAGS[s].text, selected: values[statusName(p)] === s }))],
      reasonValue: values[reasonName(p)] ?? '',
    };
  });
}
