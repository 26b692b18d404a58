import { z } from 'zod';
import { afterQuery, pageQuery } from '../common/page';
import { CONTACT_KINDS, CONTACT_OUTCOMES, isoDateSchema, lineText, longText, MAX_UNLAWFULLY_AT_LARGE_DAYS, SENTENCE_FACT_FIELDS, circumstancesPathwaysSchema } from '@ttg/contracts';

const isoDate = isoDateSchema;

/** Person fields of a new case; the rest of the body is the key-dates input (policy module). */
export const personSchema = z.object({
  prisonNumber: z.string().regex(/^[A-Z]\d{4}[A-Z]{2}$/, 'must be a prison number like A1234BC'),
  givenName: lineText(100),
  familyName: lineText(100),
  dateOfBirth: isoDate,
  prisonCode: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter prison code'),
  /** Optional: so that women's outcomes can be reported separately. */
  sex: z.enum(['FEMALE', 'MALE']).optional(),
});
export const PERSON_FIELDS = Object.keys(personSchema.shape);

/** The law's sentence dates a change may give, each a date or null (clears it: HDC refused or revoked clears hdcApprovedDate). */
const sentenceFactShape = Object.fromEntries(SENTENCE_FACT_FIELDS.map((f) => [f, isoDate.nullable().optional()])) as Record<(typeof SENTENCE_FACT_FIELDS)[number], z.ZodOptional<z.ZodNullable<typeof isoDate>>>;
const RELEASE_CHANGE_FIELDS = ['conditionalReleaseDate', 'automaticReleaseDate', 'paroleEligibilityDate', 'homeDetentionCurfew', ...SENTENCE_FACT_FIELDS] as const;

export const releaseDatesSchema = z
  .object({
    conditionalReleaseDate: isoDate.nullable().optional(),
    automaticReleaseDate: isoDate.nullable().optional(),
    paroleEligibilityDate: isoDate.nullable().optional(),
    homeDetentionCurfew: z.boolean().optional(),
    ...sentenceFactShape,
    reason: longText(500, 'must say why the dates changed'),
  })
  .strict()
  .refine((b) => RELEASE_CHANGE_FIELDS.some((f) => b[f] !== undefined), {
    message: 'give at least one release date field',
    path: ['conditionalReleaseDate'],
  });

export const transferSchema = z.object({ prisonCode: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter prison code'), reason: longText(500, 'must say why') }).strict();
export const contactBodySchema = z.object({ date: isoDate, kind: z.enum(CONTACT_KINDS), outcome: z.enum(CONTACT_OUTCOMES), notes: longText(2000).optional() }).strict();
export const recallSchema = z.object({ recalledAt: z.string().datetime({ message: 'must be an ISO instant' }).optional(), reason: longText(500, 'must say why') }).strict();
export const reReleaseSchema = z.object({ releasedOn: isoDate }).strict();
export const closeSchema = z.object({ reason: longText(2000, 'must say why') }).strict();
export const breachSchema = z.object({ action: z.enum(['WARNING', 'BREACH_ACTION']), reason: longText(2000, 'must say why') }).strict();
export const circumstancesSchema = z.object({ description: longText(2000, 'must describe the change'), pathways: circumstancesPathwaysSchema }).strict();

export const caseListSchema = z
  .object({
    prisonCode: z.string().regex(/^[A-Z]{3}$/).optional(),
    stage: z.string().regex(/^[A-Z_]+$/).optional(),
    releaseFrom: isoDate.optional(),
    releaseTo: isoDate.optional(),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    q: lineText(100).optional(),
    sort: z.enum(['releaseDate', 'familyName', 'createdAt']).default('releaseDate'),
    order: z.enum(['asc', 'desc']).default('asc'),
    ...pageQuery(25),
    ...afterQuery,
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export const terminateLicenceSchema = z.object({ terminatedOn: isoDate, reason: longText(500, 'must say why') }).strict();
export const unlawfullyAtLargeSchema = z.object({ days: z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(MAX_UNLAWFULLY_AT_LARGE_DAYS, `must be at most ${MAX_UNLAWFULLY_AT_LARGE_DAYS} days`), reason: longText(500, 'must say why') }).strict();
export const earlierReleaseSchema = z.object({ reason: longText(500, 'must say why') }).strict();
export const reallocateSchema = z.object({ comUserId: lineText(100), teamCode: lineText(50), reason: longText(500, 'must say why') }).strict();
