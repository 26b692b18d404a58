import type { z } from 'zod';
import { DomainError } from './domain-error';

/** Validates input at the edge: a 400 naming every bad field, unknown fields rejected. */
export function parseInput<T extends z.ZodTypeAny>(schema: T, raw: unknown, prefix = ''): z.infer<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data as z.infer<T>;
  const problems = result.error.issues.map((i) => ({
    field: [prefix, ...i.path].filter((p) => p !== '').join('.') || '(body)',
    reason: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
  throw new DomainError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), { problems });
}
