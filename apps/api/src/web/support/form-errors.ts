import type { ErrorCode } from '@ttg/contracts';
import { DomainError, httpStatusOf } from '../../common/domain-error';
import { fieldWords, plainWords } from './plain-words';

/** What the GOV.UK error summary and the field error messages need. */
export interface ErrorSummary {
  /** Links from the summary to each field (`href` is `#<field id>`). */
  list: { text: string; href?: string }[];
  /** The message shown above each field, by field id. */
  byField: Record<string, { text: string }>;
}

/** One message a field (the first), as the GOV.UK error message pattern asks; the summary lists the same ones. */
export function errorSummary(problems: { field?: string; text: string }[]): ErrorSummary {
  const byField: Record<string, { text: string }> = {};
  const list: ErrorSummary['list'] = [];
  for (const p of problems) {
    if (p.field && byField[p.field]) continue;
    if (p.field) byField[p.field] = { text: p.text };
    list.push({ text: p.text, href: p.field ? `#${p.field}` : undefined });
  }
  return { list, byField };
}

/** A field of a form whose errors the server names by a path (`outcome.needs.HEALTH`). */
export interface ErrorTarget {
  /** The server's path for this field; deeper paths (`…needs.HEALTH`) belong to it too. */
  path: string;
  /** The element the summary links to. */
  id: string;
  label: string;
  /** A choice (radios, a select) rather than text: a missing answer reads "Select …", not "Enter …". */
  choice?: boolean;
  /** Problems under this path that belong to a sub-field (a question per pathway), by the next path segment. */
  children?: Record<string, { id: string; label: string; choice?: boolean }>;
}

/**
 * A use case's refusal as the error summary: each `problems[]` entry (from the service's
 * validation) goes to the field it names, with the field's label; a refusal without problems
 * (a conflict, a rule) is shown as it is.
 */
export function summaryFromDomainError(err: DomainError, targets: ErrorTarget[]): ErrorSummary {
  const problems = err.details?.problems;
  if (!problems?.length) return errorSummary([{ text: plainWords(err.message) }]);
  const byDepth = [...targets].sort((a, b) => b.path.length - a.path.length);
  return errorSummary(
    problems.map((p) => {
      // The field itself or a part of it, else (a whole group missing) its first field on the form.
      const target = byDepth.find((t) => p.field === t.path || p.field.startsWith(`${t.path}.`)) ?? targets.find((t) => t.path.startsWith(`${p.field}.`));
      if (!target) return { text: sentence(fieldWords(p.field), p.reason) };
      if (!(p.field === target.path || p.field.startsWith(`${target.path}.`))) return { field: target.id, text: sentence(target.label, p.reason, target.choice) };
      const rest = p.field.slice(target.path.length + 1);
      const child = rest ? target.children?.[rest.split('.')[0]] : undefined;
      return { field: child?.id ?? target.id, text: sentence(child?.label ?? target.label, p.reason, child ? child.choice ?? target.choice : target.choice) };
    }),
  );
}

/**
 * The server's reason in a sentence about the field, as the GOV.UK error message pattern asks (in plain words: no field names, codes or ISO dates).
 * A missing answer says what to do: "Enter …" for a text field, "Select …" for a choice (`choice`: radios, a select).
 */
export function sentence(label: string, serverReason: string, choice = false): string {
  const reason = plainWords(serverReason);
  if (isMissing(reason)) return `${choice ? 'Select' : 'Enter'} ${lowerFirst(label)}`;
  if (/^Invalid enum value/.test(reason)) return `Select an option for ${lowerFirst(label)}`;
  if (/^Expected boolean/.test(reason)) return `Select yes or no for ${lowerFirst(label)}`;
  if (/^Invalid literal value, expected true/.test(reason)) return `${label} must be confirmed`;
  if (/^(must|is|cannot|needs|give|a |an )/.test(reason)) return `${label} ${reason}`;
  return `${label}: ${reason}`;
}

/** Whether the server's reason is a field left out (zod's "Required", or a missing value of the expected type). */
export function isMissing(serverReason: string): boolean {
  const reason = plainWords(serverReason);
  return reason === 'Required' || reason === 'is required' || /^Expected (number|string|array|object), received (undefined|null)/.test(reason);
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/**
 * A command's refusal, to show again on its form with the status the API gives the same error
 * (`httpStatusOf`, the one mapping). Anything else, a lost session, and the codes a form cannot
 * help with (`passOn`) are thrown on to the pages' exception filter.
 */
export function formRefusal(err: unknown, ...passOn: ErrorCode[]): { error: DomainError; status: number } {
  if (!(err instanceof DomainError) || err.code === 'UNAUTHENTICATED' || passOn.includes(err.code)) throw err;
  return { error: err, status: httpStatusOf(err.code) };
}
