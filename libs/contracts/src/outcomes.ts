import { z } from 'zod';
import { CONTACT_KINDS, CONTACT_OUTCOMES, PATHWAYS, PATHWAY_STATUSES, ROSH_LEVELS, type TaskType } from './domain';
import { lineText, longText } from './text';

/**
 * The outcome each task type records when it is completed. One schema per type, used by the
 * API (400 naming each bad field) and by the workflow's Update validator (so nothing invalid
 * ever reaches history). Outcomes, not ticks: each records what was achieved.
 */
/** A real calendar date, `YYYY-MM-DD` (2026-02-30 is refused). */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine(
  (s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  },
  { message: 'must be a real calendar date' },
);
const isoDate = isoDateSchema;
const text = (max = 2000) => longText(max);
const pathwayRecord = <T extends z.ZodTypeAny>(value: T) =>
  z.object(Object.fromEntries(PATHWAYS.map((p) => [p, value])) as Record<(typeof PATHWAYS)[number], T>).strict();

/** What a victim chose when referred to the victim contact scheme. */
export const VICTIM_CHOICES = ['OPTED_IN', 'DECLINED', 'NOT_CONTACTABLE'] as const;
export type VictimChoice = (typeof VICTIM_CHOICES)[number];

export const outcomeSchemas = {
  CUSTODY_SCREENING: z
    .object({
      immediateNeeds: z.array(lineText(200)).max(50).default([]),
      riskFlags: z.array(lineText(200)).max(50).default([]),
      needs: pathwayRecord(z.boolean()),
    })
    .strict(),
  RISK_SCREENING: z
    .object({ roshLevel: z.enum(ROSH_LEVELS), notes: text().optional() })
    .strict(),
  DOMESTIC_ABUSE_CHECK: z
    .object({ result: z.enum(['NO_CONCERNS', 'CONCERNS']), details: text().optional() })
    .strict(),
  SAFEGUARDING_CHECK: z
    .object({ result: z.enum(['NO_CONCERNS', 'CONCERNS']), details: text().optional() })
    .strict(),
  RISK_MANAGEMENT_PLAN: z.object({ summary: text(), fullAssessmentCompleted: z.literal(true) }).strict(),
  RESETTLEMENT_PLAN: z
    .object({
      pathways: pathwayRecord(
        z.object({ status: z.enum(PATHWAY_STATUSES), notes: text().optional() }).strict(),
      ),
    })
    .strict(),
  DUTY_TO_REFER: z.object({ localAuthority: lineText(200), referredOn: isoDate }).strict(),
  SECURE_ADDRESS: z
    .object({ accommodation: z.enum(['SETTLED', 'TEMPORARY', 'NONE']), address: text(500).optional() })
    .strict()
    .refine((o) => o.accommodation === 'NONE' || o.address !== undefined, {
      message: 'is required unless accommodation is NONE',
      path: ['address'],
    }),
  ETE_REFERRAL: z
    .object({ arranged: z.enum(['WORK', 'TRAINING', 'EDUCATION', 'NONE']), details: text().optional() })
    .strict(),
  BANK_ACCOUNT: z.object({ opened: z.boolean(), details: text().optional() }).strict(),
  ID_DOCUMENTS: z
    .object({ documents: z.array(z.enum(['PASSPORT', 'BIRTH_CERTIFICATE', 'DRIVING_LICENCE', 'CITIZEN_CARD', 'OTHER'])).max(5) })
    .strict(),
  DEBT_ADVICE: z
    .object({ referred: z.boolean(), debtsResolved: z.enum(['YES', 'PARTLY', 'NO', 'NO_DEBTS']) })
    .strict(),
  PATHWAY_SUPPORT: z.object({ summary: text(), supportArranged: z.boolean() }).strict(),
  PRE_RELEASE_REVIEW: z
    .object({
      needsReviewed: z.literal(true),
      releaseAddress: text(500).optional(),
      licenceConditions: z.array(text(500)).max(50).default([]),
      provisionalFirstAppointment: z
        .object({ date: isoDate, location: lineText(200) })
        .strict(),
    })
    .strict(),
  COM_ALLOCATION: z
    .object({ comUserId: lineText(100), teamCode: lineText(50) })
    .strict(),
  HANDOVER_ACCEPTANCE: z
    .object({ decision: z.enum(['ACCEPTED', 'SENT_BACK']), reason: text().optional() })
    .strict()
    .refine((o) => o.decision === 'ACCEPTED' || o.reason !== undefined, {
      message: 'is required when the handover is sent back',
      path: ['reason'],
    }),
  HANDOVER_PACK_REVISION: z.object({ changes: text() }).strict(),
  VICTIM_CONTACT: z
    .object({
      informedOn: isoDate,
      /** The referral: what the victim chose (in the scheme, declined, or not reached). */
      victimChoice: z.enum(VICTIM_CHOICES).optional(),
      /** Licence conditions the victim asked for (captured before the pre-release review is due). */
      requestedLicenceConditions: z.array(text(500)).max(20).optional(),
      notes: text().optional(),
    })
    .strict(),
  RELEASE_OUTCOMES: z
    .object({
      releasedOn: isoDate,
      accommodation: z.enum(['SETTLED', 'TEMPORARY', 'NONE']),
      workOrTraining: z.enum(['WORK', 'TRAINING', 'EDUCATION', 'NONE']),
      bankAccount: z.boolean(),
      id: z.boolean(),
      debts: z.enum(['RESOLVED', 'IN_HAND', 'UNRESOLVED', 'NO_DEBTS']),
    })
    .strict(),
  FIRST_APPOINTMENT: z.object({ outcome: z.enum(CONTACT_OUTCOMES), date: isoDate }).strict(),
  HOME_VISIT: z.object({ outcome: z.enum(CONTACT_OUTCOMES), date: isoDate, notes: text().optional() }).strict(),
  RISK_REVIEW: z.object({ roshLevel: z.enum(ROSH_LEVELS), summary: text() }).strict(),
  OUTCOME_CHECKPOINT: z
    .object({
      accommodation: z.enum(['SETTLED', 'TEMPORARY', 'NONE']),
      workOrTraining: z.enum(['WORK', 'TRAINING', 'EDUCATION', 'NONE']),
      notes: text().optional(),
    })
    .strict(),
  CLOSURE: z.object({ summary: text() }).strict(),
} satisfies Record<TaskType, z.ZodTypeAny>;

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

/** Checks an outcome for a task type; returns the parsed value or every problem, by field. */
export function parseOutcome(
  type: TaskType,
  raw: unknown,
): { ok: true; value: unknown } | { ok: false; problems: FieldProblem[] } {
  const result = outcomeSchemas[type].safeParse(raw);
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
