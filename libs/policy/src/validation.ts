import { z } from 'zod';
import { formatInstant, isIsoDate, isIsoInstant, toInstant } from './dates';
import { PolicyValidationError, type ValidationIssue } from './errors';
import { DEFAULT_POLICY, type PolicyVersion } from './policy-version';
import { OFFENCE_CATEGORIES, SENTENCE_TYPES, TIMELINE_INPUT_FIELDS, type IsoDate, type TimelineInput } from './types';
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
        .max(MAX_SENTENCE_MONTHS, monthsReason)
        .optional(),
      conditionalReleaseDate: optionalDate(),
      automaticReleaseDate: optionalDate(),
      paroleEligibilityDate: optionalDate(),
      earlyAllocation: flag(),
      offenceCategory: z.enum(OFFENCE_CATEGORIES, oneOfMessage(OFFENCE_CATEGORIES)),
      homeDetentionCurfew: flag(),
      sentenceLengthDays: z.number({ invalid_type_error: daysReason }).int(daysReason).min(0, daysReason).max(MAX_SENTENCE_DAYS, daysReason).optional(),
      sentenceExpiryDate: optionalDate(),
      licenceExpiryDate: optionalDate(),
      topUpSupervisionExpiryDate: optionalDate(),
      hdcEligibilityDate: optionalDate(),
      hdcApprovedDate: optionalDate(),
      tariffDate: optionalDate(),
    },
    { invalid_type_error: 'must be a JSON object' },
  )
  .strict();

const RELEASE_DATE_FIELDS = ['conditionalReleaseDate', 'automaticReleaseDate', 'paroleEligibilityDate'] as const;
type DateField = { [K in keyof TimelineInput]-?: NonNullable<TimelineInput[K]> extends IsoDate ? K : never }[keyof TimelineInput];

/** Facts of the law that only one kind of sentence has. */
const DETERMINATE_ONLY = ['sentenceExpiryDate', 'licenceExpiryDate', 'topUpSupervisionExpiryDate', 'hdcEligibilityDate', 'hdcApprovedDate'] as const;
const INDETERMINATE_ONLY = ['tariffDate'] as const;

/** `[field, 'on or after' | 'on or before', other]`: the field's date must be so placed against the other's, where both are given. */
const DATE_ORDER: readonly (readonly [DateField, 'on or after' | 'on or before', DateField])[] = [
  ...[...DETERMINATE_ONLY, ...INDETERMINATE_ONLY].map((field) => [field, 'on or after', 'sentenceStartDate'] as const),
  ...RELEASE_DATE_FIELDS.map((field) => [field, 'on or before', 'sentenceExpiryDate'] as const),
  ['licenceExpiryDate', 'on or before', 'sentenceExpiryDate'],
  ...RELEASE_DATE_FIELDS.map((other) => ['licenceExpiryDate', 'on or after', other] as const),
  ['topUpSupervisionExpiryDate', 'on or after', 'licenceExpiryDate'],
  ['topUpSupervisionExpiryDate', 'on or after', 'conditionalReleaseDate'],
  ['topUpSupervisionExpiryDate', 'on or after', 'automaticReleaseDate'],
  ['hdcEligibilityDate', 'on or before', 'conditionalReleaseDate'],
  ['hdcEligibilityDate', 'on or before', 'automaticReleaseDate'],
  ['hdcApprovedDate', 'on or after', 'hdcEligibilityDate'],
  ['hdcApprovedDate', 'on or before', 'conditionalReleaseDate'],
  ['hdcApprovedDate', 'on or before', 'automaticReleaseDate'],
];

/** Facts that are each well formed but impossible together. */
function impossibleCombinations(input: TimelineInput, longSentenceMonths: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of RELEASE_DATE_FIELDS) {
    const date = input[field];
    if (date && date < input.sentenceStartDate) {
      issues.push({ field, reason: `must not be before sentenceStartDate (${input.sentenceStartDate})` });
    }
  }
  for (const [field, relation, other] of DATE_ORDER) {
    const date = input[field];
    const against = input[other];
    if (!date || !against || (relation === 'on or after' ? date >= against : date <= against)) continue;
    issues.push({ field, reason: `must be ${relation} ${TIMELINE_INPUT_FIELDS[other].label} (${against})` });
  }
  const onlyFor = input.sentenceType === 'DETERMINATE' ? INDETERMINATE_ONLY : DETERMINATE_ONLY;
  const otherType = input.sentenceType === 'DETERMINATE' ? 'an INDETERMINATE' : 'a DETERMINATE';
  for (const field of onlyFor) if (input[field]) issues.push({ field, reason: `applies only to ${otherType} sentence` });
  if (input.topUpSupervisionExpiryDate && (input.sentenceLengthMonths ?? 0) >= longSentenceMonths) {
    issues.push({ field: 'topUpSupervisionExpiryDate', reason: `applies only to a sentence under ${longSentenceMonths} months (top-up supervision)` });
  }
  if (input.hdcApprovedDate && input.homeDetentionCurfew === false) {
    issues.push({ field: 'homeDetentionCurfew', reason: 'must not be false when an HDC approved date is given (leave the HDC approved date out if HDC was refused or revoked)' });
  }
  if (input.sentenceType === 'INDETERMINATE' && !input.paroleEligibilityDate && !input.tariffDate) {
    issues.push({ field: 'paroleEligibilityDate', reason: 'is required for an INDETERMINATE sentence' });
  }
  if (input.sentenceType === 'DETERMINATE' && RELEASE_DATE_FIELDS.every((f) => !input[f])) {
    issues.push({
      field: 'conditionalReleaseDate',
      reason: 'is needed for a DETERMINATE sentence, unless automaticReleaseDate or paroleEligibilityDate is given',
    });
  }
  return issues;
}

/** The length is required unless the sentence is INDETERMINATE (a missing length of a determinate sentence is "required"). */
function missingLength(raw: unknown): ValidationIssue[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const fields = raw as Record<string, unknown>;
  if (fields.sentenceLengthMonths !== undefined || fields.sentenceType === 'INDETERMINATE') return [];
  return [{ field: 'sentenceLengthMonths', reason: fields.sentenceType === 'DETERMINATE' ? 'is required for a DETERMINATE sentence' : 'is required' }];
}

const FIELD_ORDER: readonly string[] = Object.keys(TIMELINE_INPUT_FIELDS);
const fieldRank = (issue: ValidationIssue): number => {
  const i = FIELD_ORDER.indexOf(issue.field);
  return i < 0 ? FIELD_ORDER.length : i;
};
/** Problems in the order of the input's fields (unknown fields last), so people read them top to bottom. */
const inFieldOrder = (issues: ValidationIssue[]): ValidationIssue[] => [...issues].sort((a, b) => fieldRank(a) - fieldRank(b));

/** Every field the input schema accepts, in its order (what `ttg timeline --help` must list). */
export const TIMELINE_INPUT_SCHEMA_FIELDS: readonly string[] = Object.keys(timelineInputSchema.shape);

/**
 * The key-dates input from untrusted JSON. Unknown fields, malformed or unreal dates and
 * impossible combinations are rejected with a PolicyValidationError naming the field (all
 * problems are in `issues`). `receptionAt` is normalised to UTC.
 */
export function parseTimelineInput(raw: unknown, policy: PolicyVersion = DEFAULT_POLICY): TimelineInput {
  const result = timelineInputSchema.safeParse(raw);
  const lengthIssues = missingLength(raw);
  if (!result.success || lengthIssues.length > 0) {
    throw PolicyValidationError.fromIssues(inFieldOrder([...(result.success ? [] : toValidationIssues(result.error)), ...lengthIssues]));
  }
  const input: TimelineInput = { ...result.data, receptionAt: formatInstant(toInstant(result.data.receptionAt, 'receptionAt')) };
  const issues = impossibleCombinations(input, policy.figures.supervisionLicenceOnlyFromMonths);
  if (issues.length > 0) throw PolicyValidationError.fromIssues(inFieldOrder(issues));
  return input;
}
