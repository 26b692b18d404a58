import { z } from 'zod';
import { formatInstant, isIsoDate, isIsoInstant, toInstant } from './dates';
import { PolicyValidationError, type ValidationIssue } from './errors';
import { OFFENCE_CATEGORIES, SENTENCE_TYPES, type TimelineInput } from './types';
import { toValidationIssues } from './zod-issues';

const MAX_SENTENCE_MONTHS = 1200;
const MAX_SENTENCE_DAYS = 36600;
const monthsReason = `must be a whole number from 0 to ${MAX_SENTENCE_MONTHS}`;
const daysReason = `must be a whole number from 0 to ${MAX_SENTENCE_DAYS}`;

const isoDate = () =>
  z.string({ invalid_type_error: 'must be a date YYYY-MM-DD' }).refine(isIsoDate, 'must be a real calendar date YYYY-MM-DD');
const optionalDate = () => isoDate().nullable().optional();
const oneOfMessage = (values: readonly string[]) => ({ errorMap: () => ({ message: `must be one of ${values.join(', ')}` }) });
const flag = () => z.boolean({ invalid_type_error: 'must be true or false' }).optional();

const timelineInputSchema = z
  .object(
    {
      receptionAt: z
        .string({ invalid_type_error: 'must be an ISO 8601 instant, e.g. 2026-01-05T15:00:00Z' })
        .refine(isIsoInstant, 'must be an ISO 8601 instant with a time zone, e.g. 2026-01-05T15:00:00Z'),
      sentenceStartDate: isoDate(),
      sentenceType: z.enum(SENTENCE_TYPES, oneOfMessage(SENTENCE_TYPES)),
      sentenceLengthMonths: z
        .number({ invalid_type_error: monthsReason })
        .int(monthsReason)
        .min(0, monthsReason)
        .max(MAX_SENTENCE_MONTHS, monthsReason),
      conditionalReleaseDate: optionalDate(),
      automaticReleaseDate: optionalDate(),
      paroleEligibilityDate: optionalDate(),
      earlyAllocation: flag(),
      offenceCategory: z.enum(OFFENCE_CATEGORIES, oneOfMessage(OFFENCE_CATEGORIES)),
      homeDetentionCurfew: flag(),
      sentenceLengthDays: z.number({ invalid_type_error: daysReason }).int(daysReason).min(0, daysReason).max(MAX_SENTENCE_DAYS, daysReason).optional(),
    },
    { invalid_type_error: 'must be a JSON object' },
  )
  .strict();

const RELEASE_DATE_FIELDS = ['conditionalReleaseDate', 'automaticReleaseDate', 'paroleEligibilityDate'] as const;

/** Facts that are each well formed but impossible together. */
function impossibleCombinations(input: TimelineInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of RELEASE_DATE_FIELDS) {
    const date = input[field];
    if (date && date < input.sentenceStartDate) {
      issues.push({ field, reason: `must not be before sentenceStartDate (${input.sentenceStartDate})` });
    }
  }
  if (input.sentenceType === 'INDETERMINATE' && !input.paroleEligibilityDate) {
    issues.push({ field: 'paroleEligibilityDate', reason: 'is required for an INDETERMINATE sentence' });
  }
  if (input.sentenceType === 'DETERMINATE' && RELEASE_DATE_FIELDS.every((f) => !input[f])) {
    issues.push({
      field: 'conditionalReleaseDate',
      reason: 'a DETERMINATE sentence needs at least one of conditionalReleaseDate, automaticReleaseDate or paroleEligibilityDate',
    });
  }
  return issues;
}

/**
 * The key-dates input from untrusted JSON. Unknown fields, malformed or unreal dates and
 * impossible combinations are rejected with a PolicyValidationError naming the field (all
 * problems are in `issues`). `receptionAt` is normalised to UTC.
 */
export function parseTimelineInput(raw: unknown): TimelineInput {
  const result = timelineInputSchema.safeParse(raw);
  if (!result.success) throw PolicyValidationError.fromIssues(toValidationIssues(result.error));
  const input: TimelineInput = { ...result.data, receptionAt: formatInstant(toInstant(result.data.receptionAt, 'receptionAt')) };
  const issues = impossibleCombinations(input);
  if (issues.length > 0) throw PolicyValidationError.fromIssues(issues);
  return input;
}
