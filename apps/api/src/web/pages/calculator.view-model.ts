import { DateTime } from 'luxon';
import { SENTENCE_FACT_FIELDS } from '@ttg/contracts';
import { BUSINESS_ZONE, OFFENCE_CATEGORIES, SENTENCE_TYPES, TIMELINE_INPUT_FIELDS, type KeyDates, type KeyDatesExplained } from '@ttg/policy';
import { errorSummary, isMissing, sentence, type ErrorSummary } from '../support/form-errors';
import { datesInWords, formatDate, formatDateTime, policyVersionWords } from '../support/format';
import { KEY_DATE_LABELS, humanise } from '../support/labels';
import { dateFrom } from './task-forms';
import { fieldWords } from '../support/plain-words';

/** The law's sentence dates (all optional) as a form shows them: the policy's own label, as a heading. */
export const SENTENCE_FACT_DATES = SENTENCE_FACT_FIELDS.map((name) => {
  const label = TIMELINE_INPUT_FIELDS[name].label.replace(/^the /, '');
  return { name, label: `${label.charAt(0).toUpperCase()}${label.slice(1)}` };
});

/** The calculator's form fields: the key-dates input of the policy module (`TimelineInput`). */
const DATE_FIELDS = ['receptionDate', 'sentenceStartDate', 'conditionalReleaseDate', 'automaticReleaseDate', 'paroleEligibilityDate', ...SENTENCE_FACT_FIELDS] as const;
const TEXT_FIELDS = ['receptionTime', 'sentenceType', 'sentenceLengthMonths', 'sentenceLengthDays', 'offenceCategory'] as const;

export type CalculatorValues = Record<string, string | string[]>;

/** A form field's label, the element an error links to, whether it is a choice, and what to say when it is left out (else "Enter …"/"Select …"). */
export interface SentenceFieldLabel {
  label: string;
  id: string;
  choice?: boolean;
  missing?: string;
}

/** Each key-dates input field: its label and the element an error links to. */
export const SENTENCE_FIELD_LABELS: Record<string, SentenceFieldLabel> = {
  receptionAt: { label: 'Reception into custody', id: 'receptionDate-day', missing: 'Enter the date received into custody' },
  sentenceStartDate: { label: 'Sentence start date', id: 'sentenceStartDate-day' },
  sentenceType: { label: 'Sentence type', id: 'sentenceType', choice: true, missing: 'Select the sentence type' },
  sentenceLengthMonths: { label: 'Sentence length in months', id: 'sentenceLengthMonths' },
  sentenceLengthDays: { label: 'Sentence length in days', id: 'sentenceLengthDays' },
  conditionalReleaseDate: { label: 'Conditional release date', id: 'conditionalReleaseDate-day' },
  automaticReleaseDate: { label: 'Automatic release date', id: 'automaticReleaseDate-day' },
  paroleEligibilityDate: { label: 'Parole eligibility date', id: 'paroleEligibilityDate-day' },
  offenceCategory: { label: 'Offence category', id: 'offenceCategory', choice: true, missing: 'Select the offence category' },
  earlyAllocation: { label: 'Early allocation', id: 'flags' },
  homeDetentionCurfew: { label: 'Home detention curfew', id: 'flags' },
  ...Object.fromEntries(SENTENCE_FACT_DATES.map((f) => [f.name, { label: f.label, id: `${f.name}-day` }])),
};

export function calculatorValues(body: unknown): CalculatorValues {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values: CalculatorValues = {};
  const names = [...DATE_FIELDS.flatMap((f) => [`${f}-day`, `${f}-month`, `${f}-year`]), ...TEXT_FIELDS];
  for (const name of names) if (typeof raw[name] === 'string') values[name] = (raw[name] as string).trim().slice(0, 100);
  const flags = raw.flags;
  values.flags = (Array.isArray(flags) ? flags : typeof flags === 'string' ? [flags] : []).filter((f): f is string => f === 'earlyAllocation' || f === 'homeDetentionCurfew');
  return values;
}

const one = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '');
const date = (values: CalculatorValues, f: string) => dateFrom(one(values[`${f}-day`]), one(values[`${f}-month`]), one(values[`${f}-year`]));
const number = (v: string): number | string | undefined => (v === '' ? undefined : /^-?\d+$/.test(v) ? Number(v) : v);

/** The form as the policy module's input; it judges every value (parseTimelineInput). */
export function timelineInputFrom(values: CalculatorValues): Record<string, unknown> {
  const receptionDate = date(values, 'receptionDate');
  const time = one(values.receptionTime) || '09:00';
  let receptionAt: string | undefined;
  if (receptionDate) {
    const local = DateTime.fromISO(`${receptionDate}T${time.padStart(5, '0')}`, { zone: BUSINESS_ZONE });
    receptionAt = local.isValid ? local.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined : `${receptionDate}T${time}`;
  }
  const flags = Array.isArray(values.flags) ? values.flags : [];
  const input: Record<string, unknown> = {
    receptionAt,
    sentenceStartDate: date(values, 'sentenceStartDate'),
    sentenceType: one(values.sentenceType) || undefined,
    sentenceLengthMonths: number(one(values.sentenceLengthMonths)),
    sentenceLengthDays: number(one(values.sentenceLengthDays)),
    conditionalReleaseDate: date(values, 'conditionalReleaseDate') ?? null,
    automaticReleaseDate: date(values, 'automaticReleaseDate') ?? null,
    paroleEligibilityDate: date(values, 'paroleEligibilityDate') ?? null,
    ...Object.fromEntries(SENTENCE_FACT_FIELDS.map((f) => [f, date(values, f)])),
    offenceCategory: one(values.offenceCategory) || undefined,
    earlyAllocation: flags.includes('earlyAllocation'),
    homeDetentionCurfew: flags.includes('homeDetentionCurfew'),
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

export function calculatorErrors(issues: { field: string; reason: string }[], labels: Record<string, SentenceFieldLabel> = SENTENCE_FIELD_LABELS): ErrorSummary {
  return errorSummary(
    issues.map((i) => {
      const target = labels[i.field.split('.')[0]];
      return target ? { field: target.id, text: target.missing && (isMissing(i.reason) || /^must be one of /.test(i.reason)) ? target.missing : sentence(target.label, i.reason, target.choice) } : { text: sentence(fieldWords(i.field), i.reason) };
    }),
  );
}

/** The calculator's results, in the order the pathway meets them. */
const RESULT_ROWS: (keyof KeyDates)[] = ['earliestReleaseDate', 'releaseDate', 'custodyScreeningDueAt', 'handoverDate', 'comResponsibleFromStart', 'preReleaseReviewOpens', 'preReleaseReviewDue', 'dutyToReferDue', 'firstAppointmentDue', 'supervisionEndDate', 'victimContactEligible', 'policyVersion'];

/** The radio choices of the sentence fields (partials/sentence-fields.njk). */
export function sentenceChoices() {
  return {
    sentenceTypes: SENTENCE_TYPES.map((t) => ({ value: t, text: humanise(t) })),
    offenceCategories: OFFENCE_CATEGORIES.map((c) => ({ value: c, text: humanise(c) })),
    factFields: SENTENCE_FACT_DATES,
  };
}

/** The calculator as first shown: no offence category chosen for the user (a choice the user must make). */
export const CALCULATOR_START_VALUES: CalculatorValues = { receptionTime: '09:00', sentenceType: 'DETERMINATE', flags: [] };

/** A rule's text in words: dates in words, and the policy version by its title rather than its id. */
function ruleText(key: keyof KeyDates, result: KeyDatesExplained): string {
  const text = result.explanations[key]?.text ?? '';
  const id = result.keyDates.policyVersion;
  return datesInWords(key === 'policyVersion' && id ? text.split(id).join(policyVersionWords(id)) : text);
}

export function calculatorView(values: CalculatorValues, result: KeyDatesExplained | null, errors: ErrorSummary | null) {
  const kd = result?.keyDates;
  const show = (key: keyof KeyDates): string => {
    const v = kd?.[key];
    if (key === 'victimContactEligible') return v ? 'Applies' : 'Does not apply';
    if (key === 'comResponsibleFromStart') return v ? 'Yes' : 'No';
    if (key === 'custodyScreeningDueAt') return formatDateTime(typeof v === 'string' ? v : null);
    if (key === 'policyVersion') return policyVersionWords(String(v ?? ''));
    return typeof v === 'string' ? formatDate(v) : 'None';
  };
  return {
    pageTitle: 'Key dates calculator',
    values: { ...values, flags: Array.isArray(values.flags) ? values.flags : [] },
    ...sentenceChoices(),
    errors,
    results: result
      ? RESULT_ROWS.map((key) => ({ label: KEY_DATE_LABELS[key], value: show(key), rule: ruleText(key, result), compressed: result.compressed.includes(key) }))
      : null,
  };
}
