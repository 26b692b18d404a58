import { z } from 'zod';
import { CONTACT_KINDS, CONTACT_OUTCOMES, circumstancesPathwaysSchema, isoDateSchema, lineText, longText } from '../../../../libs/contracts/src';

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

export const releaseDatesSchema = z
  .object({
    conditionalReleaseDate: isoDate.nullable().optional(),
    automaticReleaseDate: isoDate.nullable().optional(),
    paroleEligibilityDate: isoDate.nullable().optional(),
    homeDetentionCurfew: z.boolean().optional(),
    reason: longText(500, 'must say why the dates changed'),
  })
  .strict()
  .refine((b) => b.conditionalReleaseDate !== undefined || b.automaticReleaseDate !== undefined || b.paroleEligibilityDate !== undefined || b.homeDetentionCurfew !== undefined, {
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
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(25),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export const reallocateSchema = z.object({ comUserId: lineText(100), teamCode: lineText(50), reason: longText(500, 'must say why') }).strict();
