import {
  isUnmetNeed,
  pathwayTaskTypes,
  PATHWAYS,
  SETTABLE_NEED_STATUSES,
  TASK_CATALOGUE,
  type NeedStatus,
  type Pathway,
} from '@ttg/contracts';
import type { CaseView } from '../../cases/case.presenter';
import type { NeedView } from '../../cases/case.repository';
import { DomainError } from '../../common/domain-error';
import { errorSummary, summaryFromDomainError, type ErrorSummary, type ErrorTarget } from '../support/form-errors';
import { NEED_STATUS_TAGS, PATHWAY_LABELS } from '../support/labels';
import { dateFrom } from './task-forms';

/**
 * The living plan's three forms on a case: add a need, change a need's status (with the reason
 * the status requires), add an action to a need. The API's schemas judge what is sent; these
 * only turn the form into the command's body and name each refused field in plain English.
 */
export type PlanFormKind = 'add' | 'status' | 'action';

export type PlanValues = Record<string, string>;

const FIELDS: Record<PlanFormKind, string[]> = {
  add: ['pathway', 'reason'],
  status: ['status', 'reason'],
  action: ['taskType', 'dueDate-day', 'dueDate-month', 'dueDate-year', 'title'],
};

/** A field the API names by `path`, shown at `id` (the path unless told) with its label. */
const at = (path: string, label: string, id = path, choice = false): ErrorTarget => ({ path, id, label, ...(choice ? { choice } : {}) });
const TARGETS: Record<PlanFormKind, ErrorTarget[]> = {
  add: [at('pathway', 'That need', 'pathway', true), at('reason', 'Reason')],
  status: [at('status', 'New status', 'status', true), at('reason', 'Reason'), at('pathway', 'This need', 'status', true)],
  action: [at('taskType', 'Action', 'taskType', true), at('dueDate', 'Due date', 'dueDate-day'), at('title', 'Description'), at('pathway', 'This need', 'taskType', true)],
};

const HEADINGS: Record<PlanFormKind, { title: string; button: string }> = {
  add: { title: 'Add a need', button: 'Add the need' },
  status: { title: 'Change the status of a need', button: 'Change the status' },
  action: { title: 'Add an action to a need', button: 'Add the action' },
};

export const isPathway = (p: string): p is Pathway => (PATHWAYS as readonly string[]).includes(p);

/** The form's fields as sent (trimmed, bounded), for the command and for showing again after an error. */
export function planValues(kind: PlanFormKind, body: unknown): PlanValues {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(FIELDS[kind].filter((n) => typeof raw[n] === 'string').map((n) => [n, (raw[n] as string).trim().slice(0, 600)]));
}

/** What the form says, as the API's body; a choice left unmade is refused here in words, not as a code. */
export function planCommand(kind: PlanFormKind, values: PlanValues): { body: Record<string, unknown> } | { errors: ErrorSummary } {
  const missing = (field: string, text: string) => ({ errors: errorSummary([{ field, text }]) });
  const optional = (v: string | undefined) => (v ? v : undefined);
  switch (kind) {
    case 'add':
      if (!values.pathway) return missing('pathway', 'Select the need to add');
      return { body: { pathway: values.pathway, reason: values.reason ?? '' } };
    case 'status':
      if (!values.status) return missing('status', 'Select the new status');
      return { body: { status: values.status, reason: optional(values.reason) } };
    case 'action': {
      if (!values.taskType) return missing('taskType', 'Select the action');
      const [d, m, y] = [values['dueDate-day'] ?? '', values['dueDate-month'] ?? '', values['dueDate-year'] ?? ''];
      if (!d || !m || !y || ![d, m, y].every((p) => /^\d+$/.test(p))) return missing('dueDate-day', 'Due date must be a real date, with a day, a month and a year in numbers');
      return { body: { taskType: values.taskType, dueDate: dateFrom(d, m, y), title: optional(values.title) } };
    }
  }
}

export function planErrors(kind: PlanFormKind, err: DomainError): ErrorSummary {
  return summaryFromDomainError(err, TARGETS[kind]);
}

/** The page of one of the forms, for the case and (for a status or an action) one of its needs. */
export function planFormView(kind: PlanFormKind, c: CaseView, needs: NeedView[], pathway: Pathway | null, values: PlanValues, errors: ErrorSummary | null, idempotencyKey: string) {
  const need = pathway ? needs.find((n) => n.pathway === pathway) : undefined;
  const status = (need?.status ?? 'NOT_STARTED') as NeedStatus;
  const open = isUnmetNeed(status);
  const choice = (value: string, text: string, hint?: string) => ({ value, text, hint, checked: values[kind === 'add' ? 'pathway' : kind === 'status' ? 'status' : 'taskType'] === value });
  const base = `/cases/${c.id}/needs`;
  return {
    pageTitle: pathway ? `${HEADINGS[kind].title}: ${PATHWAY_LABELS[pathway]}` : HEADINGS[kind].title,
    heading: HEADINGS[kind].title,
    button: HEADINGS[kind].button,
    kind,
    person: { name: `${c.givenName} ${c.familyName}`, prisonNumber: c.prisonNumber, caseHref: `/cases/${c.id}#needs-plan` },
    need: pathway ? { label: PATHWAY_LABELS[pathway], status: NEED_STATUS_TAGS[status], reason: need?.reason ?? '' } : null,
    action: kind === 'add' ? `${base}/add` : `${base}/${pathway}/${kind === 'status' ? 'status' : 'actions'}`,
    // Add: the pathways with no open need. Status: support required only for a need not already open.
    pathways: kind === 'add' ? PATHWAYS.filter((p) => !isUnmetNeed(needs.find((n) => n.pathway === p)?.status ?? 'NOT_STARTED')).map((p) => choice(p, PATHWAY_LABELS[p])) : [],
    statuses:
      kind === 'status'
        ? SETTABLE_NEED_STATUSES.filter((s) => s !== status && !(s === 'SUPPORT_REQUIRED' && open)).map((s) =>
            choice(s, NEED_STATUS_TAGS[s].text, s === 'SUPPORT_REQUIRED' ? 'The need is open again and its work starts' : 'Open work on this need is cancelled; say why below'),
          )
        : [],
    taskTypes: kind === 'action' && pathway ? pathwayTaskTypes(pathway).map((t) => choice(t, TASK_CATALOGUE[t].title)) : [],
    values,
    errors,
    idempotencyKey,
  };
}

/** The links beside each need on the case page, for those who may plan needs on an open case. */
export function planLinks(caseId: string, needs: NeedView[], mayPlan: boolean) {
  if (!mayPlan) return null;
  return {
    addHref: `/cases/${caseId}/needs/add`,
    byPathway: Object.fromEntries(
      needs.map((n) => [
        n.pathway,
        {
          statusHref: `/cases/${caseId}/needs/${n.pathway}/status`,
          actionHref: n.status === 'SUPPORT_DECLINED' || n.status === 'SUPPORT_NOT_REQUIRED' ? null : `/cases/${caseId}/needs/${n.pathway}/actions`,
        },
      ]),
    ),
  };
}
