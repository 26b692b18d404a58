import { z } from 'zod';

/**
 * Text that people type, checked before it can reach PostgreSQL or a workflow's history.
 *
 * PostgreSQL refuses NUL in `text` and `jsonb`, and refuses a lone UTF-16 surrogate in `jsonb`;
 * a command carrying either was accepted by the workflow and then failed in the projection for
 * ever. Other control characters and direction overrides are refused because nobody means to
 * type them and they can disguise what a name or a note says. Line breaks and tabs are allowed
 * only where a field is several lines long. A value must show at least one visible character,
 * so a name of zero-width spaces is as empty as a blank one.
 */

// C0 controls but tab, line feed and carriage return; DEL and the C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_EXCEPT_LAYOUT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LAYOUT = /[\t\n\r]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Bidirectional embeddings, overrides and isolates.
const DIRECTION_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

export type TextLayout = 'single-line' | 'multi-line';

/** Why a value cannot be stored as text, in words for the person who typed it; null when it can. */
export function textProblem(value: string, layout: TextLayout = 'single-line'): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(value)) return 'must not contain broken characters (an unpaired surrogate)';
  if (CONTROL_EXCEPT_LAYOUT.test(value)) return 'must not contain control characters';
  if (layout === 'single-line' && LAYOUT.test(value)) return 'must be on one line';
  if (DIRECTION_CONTROL.test(value)) return 'must not contain text-direction control characters';
  if (value.trim().length > 0 && !VISIBLE.test(value)) return 'must contain visible characters';
  return null;
}

/** Every schema made here, so that a test can walk the command schemas and find any free text that is not. */
const CHECKED = new WeakSet<z.ZodTypeAny>();

/** Whether a schema is text checked here (lineText, longText, optionalLineText). */
export const isCheckedText = (schema: z.ZodTypeAny): boolean => CHECKED.has(schema);

function checked<T extends z.ZodTypeAny>(schema: T, layout: TextLayout) {
  const made = z.string().superRefine((value, ctx) => {
    const problem = textProblem(value, layout);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem, fatal: true });
  }).pipe(schema);
  CHECKED.add(made);
  return made;
}

/** A required one-line value (a name, a reason, a code typed by a person), trimmed. */
export const lineText = (max: number, emptyMessage = 'must not be empty') =>
  checked(z.string().trim().min(1, emptyMessage).max(max, `must be ${max} characters or fewer`), 'single-line');

/** A required value that may span several lines (notes, descriptions), trimmed. */
export const longText = (max: number, emptyMessage = 'must not be empty') =>
  checked(z.string().trim().min(1, emptyMessage).max(max, `must be ${max} characters or fewer`), 'multi-line');

/** A one-line value that may be empty (search terms, optional form fields), trimmed. */
export const optionalLineText = (max: number) =>
  checked(z.string().trim().max(max, `must be ${max} characters or fewer`), 'single-line');
