import { z } from 'zod';
import { can, CONTACT_KINDS, CONTACT_OUTCOMES, type Action } from '@ttg/contracts';
import type { Principal } from '../../auth/principal';
import { breachSchema, recallSchema } from '../../cases/case.schemas';
import type { Confirmation } from '../support/confirmation';
import type { CaseView } from '../../cases/case.presenter';
import type { ErrorSummary, ErrorTarget } from '../support/form-errors';
import { formatDate, formatDateTime } from '../support/format';
import { FLAG_TAGS, NEED_STATUS_TAGS, PATHWAY_LABELS, STAGE_LABELS, SUPERVISION_TAGS, labelOf, type TagView } from '../support/labels';
import type { NeedView } from '../../cases/case.repository';
import { choiceText, dateFrom } from './task-forms';

export const SUPERVISION_FORMS = ['contact', 'circumstances', 'breach', 'recall', 're-release'] as const;
export type SupervisionForm = (typeof SUPERVISION_FORMS)[number];

/** Where each form's fields are, for the server's problems (CaseService validates the bodies). */
export const SUPERVISION_TARGETS: Record<SupervisionForm, ErrorTarget[]> = {
  contact: [
    { path: 'date', id: 'contact-date-day', label: 'Date of the contact' },
    { path: 'kind', id: 'contact-kind', label: 'Kind of contact', choice: true },
    { path: 'outcome', id: 'contact-outcome', label: 'Outcome', choice: true },
    { path: 'notes', id: 'contact-notes', label: 'Notes' },
  ],
  breach: [
    { path: 'action', id: 'breach-action', label: 'Action', choice: true },
    { path: 'reason', id: 'breach-reason', label: 'Reason' },
  ],
  circumstances: [
    { path: 'description', id: 'circumstances-description', label: 'What has changed' },
    { path: 'pathways', id: 'circumstances-pathways', label: 'Needs to reopen', choice: true },
  ],
  recall: [{ path: 'reason', id: 'recall-reason', label: 'Reason for the recall' }],
  're-release': [{ path: 'releasedOn', id: 'rerelease-releasedOn-day', label: 'Date re-released' }],
};

export type Values = Record<string, string>;

export function supervisionValues(body: unknown): Values {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  // Checkboxes ticked more than once arrive as a list: kept as one comma-separated value.
  const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(',') : null);
  return Object.fromEntries(
    Object.entries(raw)
      .filter(([k, v]) => text(v) !== null && k !== '_csrf')
      .map(([k, v]) => [k, (text(v) as string).trim().slice(0, 2000)]),
  );
}

/** The needs a change of circumstances reopens, as ticked. */
const ticked = (v: string | undefined): string[] => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : []);

/** Each form's fields as the body CaseService expects; blank optional fields are left out. */
export function supervisionBody(form: SupervisionForm, v: Values): Record<string, unknown> {
  const opt = (s: string | undefined) => (s ? s : undefined);
  switch (form) {
    case 'contact':
      return { date: dateFrom(v['contact-date-day'] ?? '', v['contact-date-month'] ?? '', v['contact-date-year'] ?? ''), kind: opt(v['contact-kind']), outcome: opt(v['contact-outcome']), notes: opt(v['contact-notes']) };
    case 'circumstances':
      return { description: opt(v['circumstances-description']) ?? '', pathways: ticked(v['circumstances-pathways']) };
    case 'breach':
      return { action: opt(v['breach-action']), reason: opt(v['breach-reason']) ?? '' };
    case 'recall':
      return { reason: opt(v['recall-reason']) ?? '' };
    case 're-release':
      return { releasedOn: dateFrom(v['rerelease-releasedOn-day'] ?? '', v['rerelease-releasedOn-month'] ?? '', v['rerelease-releasedOn-year'] ?? '') };
  }
}

const contactRows = z.array(z.object({ id: z.string(), date: z.string(), kind: z.string(), outcome: z.string(), notes: z.string().nullable(), recordedBy: z.string(), recordedAt: z.union([z.string(), z.date()]) }));

interface Supervision {
  releasedOn: string;
  /** Null for a licence with no fixed end. */
  endsOn: string | null;
  lastSuccessfulContactOn: string;
  contacts: number;
  lostContact: boolean;
  lostContactEscalated: boolean;
  lostContactFlagAt: string | null;
  paused: boolean;
  warnings: number;
  breachActions: number;
  recalls: number;
}

/**
 * The needs a change of circumstances can reopen, each with where it stands now: a met, declined
 * or not-required need is opened again with work; an open one records the change.
 */
function reopenChoices(needs: NeedView[], values: Values) {
  const chosen = new Set(ticked(values['circumstances-pathways']));
  return needs.map((n) => ({
    value: n.pathway,
    text: labelOf(PATHWAY_LABELS, n.pathway),
    hint: { text: `Now: ${(NEED_STATUS_TAGS[n.status as keyof typeof NEED_STATUS_TAGS]?.text ?? 'not recorded').toLowerCase()}` },
    checked: chosen.has(n.pathway),
  }));
}

export function supervisionView(
  c: CaseView,
  contacts: unknown[],
  ctx: { user: Principal; names: Map<string, string>; active: SupervisionForm | null; values: Values; errors: ErrorSummary | null; keys: Record<SupervisionForm, string>; needs: NeedView[] },
) {
  const s = c.supervision as Supervision | null;
  const alerts: TagView[] = s ? [...(s.lostContact ? [FLAG_TAGS.lostContact] : []), ...(s.lostContactEscalated ? [SUPERVISION_TAGS.lostContactEscalated] : []), ...(s.paused ? [SUPERVISION_TAGS.paused] : [])] : [];
  const choices = (values: readonly string[]) => values.map((value) => ({ value, text: choiceText(value) }));
  const values = (form: SupervisionForm) => (ctx.active === form ? ctx.values : {});
  const errors = (form: SupervisionForm) => (ctx.active === form ? ctx.errors : null);
  const supervising = c.stage === 'SUPERVISION';
  const may = (action: Action) => supervising && can(ctx.user.role, action);
  return {
    pageTitle: `Supervision: ${c.givenName} ${c.familyName}`,
    person: { name: `${c.givenName} ${c.familyName}`, prisonNumber: c.prisonNumber, caseHref: `/cases/${c.id}` },
    stage: labelOf(STAGE_LABELS, c.stage),
    alerts,
    lostContact: s?.lostContact ? `No successful contact since ${formatDate(s.lastSuccessfulContactOn)}.${s.lostContactEscalated ? ' This has been escalated to a manager.' : ''}` : null,
    summary: s
      ? [
          { key: 'Released', value: formatDate(s.releasedOn) },
          { key: 'Supervision ends', value: s.endsOn ? formatDate(s.endsOn) : 'No fixed end: open until the licence is terminated' },
          { key: 'Last successful contact', value: formatDate(s.lastSuccessfulContactOn) },
          { key: 'Contacts recorded', value: String(s.contacts) },
          { key: 'Warnings', value: String(s.warnings) },
          { key: 'Breach actions', value: String(s.breachActions) },
          { key: 'Recalls', value: String(s.recalls) },
        ]
      : null,
    contacts: contactRows.parse(contacts).map((x) => ({ date: formatDate(x.date), kind: choiceText(x.kind), outcome: choiceText(x.outcome), notes: x.notes ?? '', by: ctx.names.get(x.recordedBy) ?? x.recordedBy, at: formatDateTime(x.recordedAt) })),
    errors: ctx.errors,
    forms: {
      contact: may('case.recordContact') ? { action: `/cases/${c.id}/supervision/contact`, kinds: choices(CONTACT_KINDS), outcomes: choices(CONTACT_OUTCOMES), values: values('contact'), errors: errors('contact'), key: ctx.keys.contact } : null,
      circumstances: may('case.recordContact')
        ? { action: `/cases/${c.id}/supervision/circumstances`, values: values('circumstances'), needs: reopenChoices(ctx.needs, values('circumstances')), errors: errors('circumstances'), key: ctx.keys.circumstances }
        : null,
      breach: may('case.breach') ? { action: `/cases/${c.id}/supervision/breach`, actions: choices(breachSchema.shape.action.options), values: values('breach'), errors: errors('breach'), key: ctx.keys.breach } : null,
      recall: may('case.recall') ? { action: `/cases/${c.id}/supervision/recall`, values: values('recall'), errors: errors('recall'), key: ctx.keys.recall } : null,
      reRelease: c.stage === 'RECALLED' ? { action: `/cases/${c.id}/supervision/re-release`, values: values('re-release'), errors: errors('re-release'), key: ctx.keys['re-release'] } : null,
    },
  };
}

/**
 * Recall and breach action change the person's supervision for good: each is confirmed on a page of its own first.
 * A form with problems is not confirmed (its errors are shown instead); a warning needs no confirmation.
 */
export function supervisionConfirmation(c: CaseView, form: SupervisionForm, values: Values, command: Record<string, unknown>): Confirmation | null {
  const person = `${c.givenName} ${c.familyName}`;
  const common = { caption: `${person} (${c.prisonNumber})`, action: `/cases/${c.id}/supervision/${form}`, fields: values, cancelHref: `/cases/${c.id}/supervision`, destructive: true };
  if (form === 'recall' && recallSchema.safeParse(command).success) {
    return {
      ...common,
      pageTitle: `Confirm the recall of ${person}`,
      heading: `Are you sure you want to recall ${person} to custody?`,
      rows: [{ key: 'Reason for the recall', value: String(command.reason) }],
      warning: 'Supervision pauses until the person is re-released. The recall cannot be undone from this service.',
      confirmText: 'Yes, record the recall',
    };
  }
  if (form === 'breach' && command.action === 'BREACH_ACTION' && breachSchema.safeParse(command).success) {
    return {
      ...common,
      pageTitle: `Confirm breach action for ${person}`,
      heading: `Are you sure you want to take breach action for ${person}?`,
      rows: [{ key: 'Reason', value: String(command.reason) }],
      warning: 'A manager is told about breach action, and it stays on the person’s record.',
      confirmText: 'Yes, record breach action',
    };
  }
  return null;
}
