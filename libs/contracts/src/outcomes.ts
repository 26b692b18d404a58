import { z } from 'zod';
import { CONTACT_KINDS, CONTACT_OUTCOMES } from './domain';
import { isoDateSchema as isoDate, text } from './schema-parts';
import { TASK_CATALOGUE, TASK_TYPES, type TaskType } from './task-catalogue';

export { isoDateSchema, VICTIM_CHOICES, type VictimChoice } from './schema-parts';

/** The outcome schema of each task type, as its catalogue entry gives it. */
export const outcomeSchemas = Object.fromEntries(TASK_TYPES.map((t) => [t, TASK_CATALOGUE[t].outcome])) as {
  [T in TaskType]: (typeof TASK_CATALOGUE)[T]['outcome'];
};

export type TaskOutcome<T extends TaskType> = z.infer<(typeof outcomeSchemas)[T]>;

export const contactSchema = z
  .object({
    date: isoDate,
    kind: z.enum(CONTACT_KINDS),
    outcome: z.enum(CONTACT_OUTCOMES),
    notes: text().optional(),
  })
  .strict();
export type ContactInput = z.infer<typeof contactSchema>;

export interface FieldProblem {
  field: string;
  reason: string;
}

/** Checks an outcome for a task type (`recorded`: one a history already holds); returns the parsed value or every problem, by field. */
export function parseOutcome(
  type: TaskType,
  raw: unknown,
  recorded = false,
): { ok: true; value: unknown } | { ok: false; problems: FieldProblem[] } {
  const entry: { outcome: z.ZodTypeAny; recordedOutcome?: z.ZodTypeAny } = TASK_CATALOGUE[type];
  const result = (recorded ? (entry.recordedOutcome ?? entry.outcome) : entry.outcome).safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => ({
      field: ['outcome', ...i.path].join('.'),
      reason: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
    })),
  };
}

export function describeProblems(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
}
