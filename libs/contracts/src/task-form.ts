/**
 * How a task type's page form asks for its outcome: one field a question, in order. The
 * choices of radios and checkboxes and whether a field is optional come from the outcome
 * schema itself (apps/api/src/web/pages/task-forms.ts), so a form cannot offer what the server
 * would refuse; here are only the path of each answer, its kind of control, label and hint.
 */
export type FieldKind = 'radios' | 'yesNo' | 'checkboxes' | 'text' | 'textarea' | 'lines' | 'date' | 'confirm' | 'pathwayYesNo' | 'pathwayPlan' | 'comUser';

export interface FieldSpec {
  kind: FieldKind;
  /** Path of the value in the outcome object, dot-separated. */
  path: string;
  label: string;
  hint?: string;
  /** A per-pathway yes/no question's optional words for each "yes": the path of those words. */
  detailsPath?: string;
}

/** One question of a task's form. */
export const field = (kind: FieldKind, path: string, label: string, hint?: string): FieldSpec => ({ kind, path, label, hint });

/** The hint under every date question. */
export const DATE_HINT = 'For example, 27 3 2026';
