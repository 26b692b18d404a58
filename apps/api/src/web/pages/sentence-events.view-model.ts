import { can, type Action } from '@ttg/contracts';
import type { Principal } from '../../auth/principal';
import type { CaseView } from '../../cases/case.presenter';
import type { LawCommand } from '../../cases/case.service';
import { earlierReleaseSchema, terminateLicenceSchema, unlawfullyAtLargeSchema } from '../../cases/case.schemas';
import type { Confirmation } from '../support/confirmation';
import { errorSummary, type ErrorSummary, type ErrorTarget } from '../support/form-errors';
import { formatDate } from '../support/format';
import { dateFrom } from './task-forms';

/**
 * The sentence's events the law gives a COM or a manager to record: a licence with no fixed end
 * terminated, time unlawfully at large, release one eligible working day earlier. Each changes
 * the person's dates for good, so each is confirmed on a page of its own first.
 */
export const SENTENCE_EVENT_FORMS = ['licence-termination', 'unlawfully-at-large', 'earlier-release'] as const;
export type SentenceEventForm = (typeof SENTENCE_EVENT_FORMS)[number];

export const SENTENCE_EVENT_COMMANDS: Record<SentenceEventForm, LawCommand> = {
  'licence-termination': 'terminateLicence',
  'unlawfully-at-large': 'recordUnlawfullyAtLarge',
  'earlier-release': 'requestEarlierRelease',
};

const ACTIONS: Record<SentenceEventForm, Action> = {
  'licence-termination': 'case.terminateLicence',
  'unlawfully-at-large': 'case.recordUnlawfullyAtLarge',
  'earlier-release': 'case.requestEarlierRelease',
};

export const SENTENCE_EVENT_DONE: Record<SentenceEventForm, string> = {
  'licence-termination': 'Licence termination recorded: supervision has ended',
  'unlawfully-at-large': 'Time unlawfully at large recorded: the end dates have moved later',
  'earlier-release': 'Release moved one eligible working day earlier: the deadlines have moved with it',
};

/** Where each form's fields are, for the server's problems. */
export const SENTENCE_EVENT_TARGETS: Record<SentenceEventForm, ErrorTarget[]> = {
  'licence-termination': [
    { path: 'terminatedOn', id: 'terminatedOn-day', label: 'Date the licence was terminated' },
    { path: 'reason', id: 'termination-reason', label: 'Reason' },
  ],
  'unlawfully-at-large': [
    { path: 'days', id: 'ual-days', label: 'Days unlawfully at large' },
    { path: 'reason', id: 'ual-reason', label: 'Reason' },
  ],
  'earlier-release': [{ path: 'reason', id: 'earlier-reason', label: 'Reason for the decision' }],
};

export type Values = Record<string, string>;

/** Each form's fields as the body the case service expects. */
export function sentenceEventBody(form: SentenceEventForm, v: Values): Record<string, unknown> {
  switch (form) {
    case 'licence-termination':
      return { terminatedOn: dateFrom(v['terminatedOn-day'] ?? '', v['terminatedOn-month'] ?? '', v['terminatedOn-year'] ?? ''), reason: v['termination-reason'] ?? '' };
    case 'unlawfully-at-large':
      // Left out when blank or not a whole number: `typedProblems` says so first.
      return { days: /^\d{1,5}$/.test(v['ual-days'] ?? '') ? Number(v['ual-days']) : undefined, reason: v['ual-reason'] ?? '' };
    case 'earlier-release':
      return { reason: v['earlier-reason'] ?? '' };
  }
}

/** What the page can tell before asking the service: days that are not a whole number. */
export function typedProblems(form: SentenceEventForm, v: Values): ErrorSummary | null {
  const days = v['ual-days'] ?? '';
  if (form === 'unlawfully-at-large' && days !== '' && !/^\d{1,5}$/.test(days)) {
    return errorSummary([{ field: 'ual-days', text: 'Days unlawfully at large must be a whole number, for example 12' }]);
  }
  return null;
}

interface Supervision {
  releasedOn: string;
  endsOn: string | null;
  endReached?: boolean;
}

const releaseDateOf = (c: CaseView): string | null => ((c.keyDates ?? {}) as { releaseDate?: string | null }).releaseDate ?? null;

/** Which of the events this user may record on this case now (the workflow checks again). */
export function availableEvents(c: CaseView, user: Principal): SentenceEventForm[] {
  const s = c.supervision as Supervision | null;
  const supervising = c.stage === 'SUPERVISION' && s !== null && !s.endReached;
  const open: Record<SentenceEventForm, boolean> = {
    'licence-termination': supervising && s?.endsOn === null,
    'unlawfully-at-large': (c.stage === 'SUPERVISION' || c.stage === 'RECALLED') && s !== null && !s.endReached,
    'earlier-release': c.stage !== 'SUPERVISION' && c.stage !== 'RECALLED' && c.release === null && releaseDateOf(c) !== null,
  };
  return c.active ? SENTENCE_EVENT_FORMS.filter((f) => open[f] && can(user.role, ACTIONS[f])) : [];
}

export function sentenceEventsView(c: CaseView, ctx: { user: Principal; active: SentenceEventForm | null; values: Values; errors: ErrorSummary | null; keys: Record<SentenceEventForm, string> }) {
  const available = availableEvents(c, ctx.user);
  const form = (f: SentenceEventForm) =>
    available.includes(f) ? { action: `/cases/${c.id}/sentence-events/${f}`, values: ctx.active === f ? ctx.values : {}, errors: ctx.active === f ? ctx.errors : null, key: ctx.keys[f] } : null;
  const s = c.supervision as Supervision | null;
  const releaseDate = releaseDateOf(c);
  return {
    pageTitle: `Sentence events: ${c.givenName} ${c.familyName}`,
    person: { name: `${c.givenName} ${c.familyName}`, prisonNumber: c.prisonNumber, caseHref: `/cases/${c.id}` },
    errors: ctx.errors,
    releaseDate: releaseDate ? formatDate(releaseDate) : null,
    releasedOn: s ? formatDate(s.releasedOn) : null,
    forms: { termination: form('licence-termination'), unlawfullyAtLarge: form('unlawfully-at-large'), earlierRelease: form('earlier-release') },
    nothingToRecord: available.length === 0,
  };
}

/** The confirmation page of a valid form; null when the form has problems (they are shown instead). */
export function sentenceEventConfirmation(c: CaseView, form: SentenceEventForm, values: Values, command: Record<string, unknown>): Confirmation | null {
  const person = `${c.givenName} ${c.familyName}`;
  const common = { caption: `${person} (${c.prisonNumber})`, action: `/cases/${c.id}/sentence-events/${form}`, fields: values, cancelHref: `/cases/${c.id}/sentence-events`, destructive: true };
  const reason = { key: 'Reason', value: String(command.reason) };
  if (form === 'licence-termination' && terminateLicenceSchema.safeParse(command).success) {
    return {
      ...common,
      pageTitle: `Confirm the licence termination for ${person}`,
      heading: `Are you sure the licence of ${person} has been terminated?`,
      rows: [{ key: 'Terminated on', value: formatDate(String(command.terminatedOn)) }, reason],
      warning: 'Supervision ends and the case goes to closure. This cannot be undone from this service.',
      confirmText: 'Yes, record the termination',
    };
  }
  if (form === 'unlawfully-at-large' && unlawfullyAtLargeSchema.safeParse(command).success) {
    return {
      ...common,
      pageTitle: `Confirm time unlawfully at large for ${person}`,
      heading: `Are you sure ${person} was unlawfully at large for ${String(command.days)} ${command.days === 1 ? 'day' : 'days'}?`,
      rows: [{ key: 'Days unlawfully at large', value: String(command.days) }, reason],
      warning: 'Every known end date of the sentence and licence moves later by as many days.',
      confirmText: 'Yes, record the time',
    };
  }
  if (form === 'earlier-release' && earlierReleaseSchema.safeParse(command).success) {
    const on = releaseDateOf(c);
    return {
      ...common,
      pageTitle: `Confirm an earlier release for ${person}`,
      heading: `Are you sure ${person} is to be released one eligible working day earlier?`,
      rows: [...(on ? [{ key: 'Release date now', value: formatDate(on) }] : []), reason],
      warning: 'The release date moves one eligible working day earlier and every deadline moves with it.',
      confirmText: 'Yes, release a day earlier',
    };
  }
  return null;
}
