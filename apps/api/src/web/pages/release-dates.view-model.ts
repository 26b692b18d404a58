import type { CaseView } from '../../cases/case.presenter';
import { DomainError } from '../../common/domain-error';
import { errorSummary, summaryFromDomainError, type ErrorSummary, type ErrorTarget } from '../support/form-errors';
import { formatDate } from '../support/format';
import { SENTENCE_FACT_DATES } from './calculator.view-model';
import { dateFrom } from './task-forms';

/** The dates a change may give: the release dates, then the law's sentence dates (an approved HDC date releases on it). */
export const RELEASE_DATE_FIELDS = [
  { name: 'conditionalReleaseDate', label: 'Conditional release date' },
  { name: 'automaticReleaseDate', label: 'Automatic release date' },
  { name: 'paroleEligibilityDate', label: 'Parole eligibility date' },
  ...SENTENCE_FACT_DATES,
] as const;
type DateField = (typeof RELEASE_DATE_FIELDS)[number]['name'];

const TARGETS: ErrorTarget[] = [
  ...RELEASE_DATE_FIELDS.map((f) => ({ path: f.name, id: `${f.name}-day`, label: f.label })),
  { path: 'homeDetentionCurfew', id: 'homeDetentionCurfew', label: 'Home detention curfew', choice: true },
  { path: 'reason', id: 'reason', label: 'Reason for the change' },
];

export type Values = Record<string, string>;

type SentenceDates = Partial<Record<DateField, string | null>> & {
  homeDetentionCurfew?: boolean;
  sentenceStartDate?: string;
};

/** The form as it starts: the dates the case has now. */
export function currentValues(sentence: SentenceDates): Values {
  const values: Values = { homeDetentionCurfew: sentence.homeDetentionCurfew ? 'yes' : 'no' };
  for (const { name } of RELEASE_DATE_FIELDS) {
    const date = sentence[name];
    if (!date) continue;
    const [year, month, day] = date.split('-');
    Object.assign(values, { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year });
  }
  return values;
}

export function releaseDateValues(body: unknown): Values {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const names = [...RELEASE_DATE_FIELDS.flatMap((f) => [`${f.name}-day`, `${f.name}-month`, `${f.name}-year`]), 'homeDetentionCurfew', 'reason'];
  return Object.fromEntries(names.filter((n) => typeof raw[n] === 'string').map((n) => [n, (raw[n] as string).trim().slice(0, 600)]));
}

/**
 * The change as the body of `PUT /api/v1/cases/{id}/release-dates`: only what differs from the
 * case (a cleared date is null), with the reason. `null` when nothing changed.
 */
export function releaseDatesChange(values: Values, sentence: SentenceDates): Record<string, unknown> | null {
  const change: Record<string, unknown> = {};
  for (const { name } of RELEASE_DATE_FIELDS) {
    const date = dateFrom(values[`${name}-day`] ?? '', values[`${name}-month`] ?? '', values[`${name}-year`] ?? '') ?? null;
    if (date !== (sentence[name as DateField] ?? null)) change[name] = date;
  }
  const hdc = values.homeDetentionCurfew === 'yes' ? true : values.homeDetentionCurfew === 'no' ? false : undefined;
  if (hdc !== undefined && hdc !== Boolean(sentence.homeDetentionCurfew)) change.homeDetentionCurfew = hdc;
  if (Object.keys(change).length === 0) return null;
  return { ...change, reason: values.reason ?? '' };
}

export const NOTHING_CHANGED: ErrorSummary = errorSummary([{ field: 'conditionalReleaseDate-day', text: 'Change at least one date, or home detention curfew, before saving' }]);

export function releaseDateErrors(err: DomainError): ErrorSummary {
  return summaryFromDomainError(err, TARGETS);
}

export function releaseDatesView(c: CaseView, values: Values, errors: ErrorSummary | null, idempotencyKey: string) {
  const kd = (c.keyDates ?? {}) as { releaseDate?: string | null; handoverDate?: string | null };
  const sentence = (c.sentence ?? {}) as SentenceDates;
  return {
    pageTitle: 'Change release dates',
    person: { name: `${c.givenName} ${c.familyName}`, prisonNumber: c.prisonNumber, caseHref: `/cases/${c.id}` },
    action: `/cases/${c.id}/release-dates`,
    now: [
      { key: 'Release date (the day they walk out)', value: formatDate(kd.releaseDate ?? null) || 'Not known' },
      { key: 'Handover to the community', value: formatDate(kd.handoverDate ?? null) || 'Not known' },
      { key: 'Sentence start date', value: formatDate(sentence.sentenceStartDate ?? null) },
    ],
    dateFields: RELEASE_DATE_FIELDS,
    values,
    errors,
    idempotencyKey,
  };
}
