import { DomainError } from '../../common/domain-error';
import { errorSummary, type ErrorSummary } from '../support/form-errors';
import { fieldWords, plainWords } from '../support/plain-words';
import { dateFrom } from './task-forms';

export type Values = Record<string, string>;

/** The add-a-version form's values (trimmed; the figures kept as typed). */
export function policyValues(body: unknown): Values {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const names = ['id', 'effectiveFrom-day', 'effectiveFrom-month', 'effectiveFrom-year', 'description', 'figures'];
  return Object.fromEntries(names.filter((n) => typeof raw[n] === 'string').map((n) => [n, n === 'figures' ? (raw[n] as string).slice(0, 50_000) : (raw[n] as string).trim().slice(0, 2000)]));
}

/** The form as the body of `POST /api/v1/admin/policy-versions`; figures that are not JSON are a problem of their own. */
export function policyBody(v: Values): { body: Record<string, unknown> } | { errors: ErrorSummary } {
  let figures: unknown;
  try {
    figures = JSON.parse(v.figures ?? '');
  } catch {
    return { errors: errorSummary([{ field: 'figures', text: 'Figures must be written as in the example: names in double quotes, numbers without them, braces matched' }]) };
  }
  return { body: { id: v.id ?? '', effectiveFrom: dateFrom(v['effectiveFrom-day'] ?? '', v['effectiveFrom-month'] ?? '', v['effectiveFrom-year'] ?? '') ?? '', description: v.description ?? '', figures } };
}

const FIELDS: Record<string, { id: string; label: string }> = {
  id: { id: 'id', label: 'Name of the version' },
  effectiveFrom: { id: 'effectiveFrom-day', label: 'In force from' },
  description: { id: 'description', label: 'What it changes' },
};

/** The service's refusal in words: each figure named by its words ("Custody screening hours"), not its path. */
export function policyErrors(err: DomainError): ErrorSummary {
  const problems = err.details?.problems;
  if (!problems?.length) return errorSummary([{ text: plainWords(err.message) }]);
  return errorSummary(
    problems.map((p) => {
      const known = FIELDS[p.field];
      if (known) return { field: known.id, text: `${known.label}: ${plainWords(p.reason)}` };
      const figure = p.field.startsWith('figures.') ? p.field.slice('figures.'.length) : p.field;
      const where = figure.split('.').length > 1 ? ` (in ${figure.split('.').slice(0, -1).map(fieldWords).join(', ').toLowerCase()})` : '';
      return { field: 'figures', text: `The figure “${fieldWords(figure)}”${where}: ${plainWords(p.reason)}` };
    }),
  );
}

/** The form, its figures first filled in with the version in force (a copy to change). */
export function policyForm(values: Values | null, current: { figures: unknown }, errors: ErrorSummary | null) {
  return {
    values: values ?? { figures: JSON.stringify(current.figures, null, 2) },
    errors,
  };
}
