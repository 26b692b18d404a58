import { type z } from 'zod';
import { type ValidationIssue } from './errors';

/** Zod issues as `{ field, reason }` pairs with dotted field paths and plain reasons. */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap((issue): ValidationIssue[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), reason: 'is not a known field' }));
    }
    const field = path.length > 0 ? path.join('.') : '(input)';
    if (issue.code === 'invalid_type' && issue.received === 'undefined') return [{ field, reason: 'is required' }];
    return [{ field, reason: issue.message }];
  });
}
