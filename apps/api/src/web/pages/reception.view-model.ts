import type { Principal } from '../../auth/principal';
import { mayReceiveInto } from '@ttg/contracts';
import { DomainError } from '../../common/domain-error';
import { errorSummary, type ErrorSummary } from '../support/form-errors';
import { calculatorErrors, calculatorValues, sentenceChoices, SENTENCE_FIELD_LABELS, timelineInputFrom, type CalculatorValues, type SentenceFieldLabel } from './calculator.view-model';
import { dateFrom } from './task-forms';

/** Person fields of the reception form, beside the key-dates input (the calculator's fields). */
const PERSON_TEXT_FIELDS = ['prisonNumber', 'givenName', 'familyName', 'prisonCode', 'sex'] as const;
const DOB = 'dateOfBirth';

const LABELS: Record<string, SentenceFieldLabel> = {
  prisonNumber: { label: 'Prison number', id: 'prisonNumber' },
  givenName: { label: 'Given name', id: 'givenName' },
  familyName: { label: 'Family name', id: 'familyName' },
  dateOfBirth: { label: 'Date of birth', id: 'dateOfBirth-day' },
  prisonCode: { label: 'Prison', id: 'prisonCode', choice: true },
  sex: { label: 'Sex', id: 'sex', choice: true },
  ...SENTENCE_FIELD_LABELS,
};

export function receptionValues(body: unknown): CalculatorValues {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values = calculatorValues(body);
  for (const name of [...PERSON_TEXT_FIELDS, `${DOB}-day`, `${DOB}-month`, `${DOB}-year`]) if (typeof raw[name] === 'string') values[name] = (raw[name] as string).trim().slice(0, 100);
  // People type prison numbers in lower case and with spaces; the service knows them as A1234BC.
  if (typeof values.prisonNumber === 'string') values.prisonNumber = values.prisonNumber.replace(/\s+/g, '').toUpperCase();
  return values;
}

/** Optional at reception: not answering leaves it unrecorded. */
const SEX_CHOICES = [
  { value: 'FEMALE', text: 'Female' },
  { value: 'MALE', text: 'Male' },
] as const;

const one = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '');

/** The form as the body of `POST /api/v1/cases`; CaseService judges every value. */
export function newCaseBody(values: CalculatorValues, prisonCode: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...timelineInputFrom(values),
    prisonNumber: one(values.prisonNumber),
    givenName: one(values.givenName),
    familyName: one(values.familyName),
    dateOfBirth: dateFrom(one(values[`${DOB}-day`]), one(values[`${DOB}-month`]), one(values[`${DOB}-year`])),
    prisonCode,
    sex: one(values.sex),
  };
  // A blank field is a missing one: the service then says it is required.
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== ''));
}

/** Refusals of the use case as the error summary, each linked to its field. */
export function receptionErrors(err: DomainError): ErrorSummary {
  if (err.code === 'CASE_ALREADY_ACTIVE') return errorSummary([{ field: 'prisonNumber', text: `${err.message}: find them in the case list, or check the prison number` }]);
  const problems = err.details?.problems;
  if (!problems?.length) return errorSummary([{ text: err.message }]);
  return calculatorErrors(problems, LABELS);
}

export interface PrisonChoice {
  code: string;
  name: string;
  regionCode: string;
}

/** The prisons this user may receive people into: their own, their region's, or all. */
export function receivingPrisons(user: Principal, prisons: PrisonChoice[]): PrisonChoice[] {
  return prisons.filter((p) => mayReceiveInto(user, p));
}

export function receptionView(values: CalculatorValues, prisons: PrisonChoice[], errors: ErrorSummary | null, idempotencyKey: string) {
  const selected = one(values.prisonCode) || (prisons.length === 1 ? prisons[0].code : '');
  return {
    pageTitle: 'Receive a person into custody',
    values: { ...values, flags: Array.isArray(values.flags) ? values.flags : [] },
    ...sentenceChoices(),
    /** One prison: shown, not chosen. */
    prison: prisons.length === 1 ? prisons[0] : null,
    sexChoices: SEX_CHOICES.map((c) => ({ ...c, checked: one(values.sex) === c.value })),
    prisonOptions: [{ value: '', text: 'Choose a prison', selected: selected === '' }, ...prisons.map((p) => ({ value: p.code, text: `${p.name} (${p.code})`, selected: p.code === selected }))],
    errors,
    idempotencyKey,
  };
}
