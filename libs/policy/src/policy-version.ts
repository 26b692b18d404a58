import { z } from 'zod';
import { PATHWAYS, type Pathway, type TaskType } from '@ttg/contracts/domain';
import { TASK_TYPES, WORKING_DAY_TASK_TYPES } from '@ttg/contracts/task-catalogue';
import defaultPolicyDocument from '../versions/default.json';
import { isIsoDate } from './dates';
import { PolicyValidationError } from './errors';
import { OFFENCE_CATEGORIES, type IsoDate, type OffenceCategory } from './types';
import { toValidationIssues } from './zod-issues';

/**
 * Working days a task gets from the day it opens, by task type: e.g. RESETTLEMENT_PLAN (5 after
 * the custody screening is completed) and FIRST_APPOINTMENT (1: the next working day after
 * release, or after a missed appointment). Every task type whose deadline the task catalogue
 * counts in working days (WORKING_DAY_TASK_TYPES) must have its figure: a version without one
 * is refused when it is loaded, naming the missing type.
 */
export interface TaskWorkingDays {
  RESETTLEMENT_PLAN: number;
  FIRST_APPOINTMENT: number;
  [taskType: string]: number;
}

/** Every figure the rules use. Names say the unit: Hours, Days (calendar), WorkingDays, Months. */
export interface PolicyFigures {
  custodyScreeningHours: number;
  dutyToReferDaysBeforeRelease: number;
  preReleaseReview: { opensDaysBeforeRelease: number; dueDaysBeforeRelease: number };
  handover: {
    /** Rule 1: early allocation (high-profile case). */
    earlyAllocationMonthsBeforeErd: number;
    /** Rule 2: indeterminate sentence. */
    indeterminateMonthsBeforeErd: number;
    /** Rule 3: determinate, and sentence start + this many months is on or after the ERD: COM responsible from the start. */
    comResponsibleFromStartWithinMonths: number;
    /** Rule 4: determinate with a parole eligibility date. */
    paroleEligibleMonthsBeforeErd: number;
    /** Rule 5: otherwise, ERD − months − days. */
    standardMonthsBeforeErd: number;
    standardDaysBeforeErd: number;
    /** Reminder to both sides before the handover date. */
    reminderDaysBefore: number;
  };
  comAllocation: { overdueAfterDays: number; escalateAfterDays: number };
  /** Prison staff keep read access for this many days after handover. */
  prisonReadAccessDays: number;
  /** A sentence under `supervisionLicenceOnlyFromMonths` is supervised this many months from release (licence, then top-up). */
  supervisionMonths: number;
  /** A determinate sentence of this many months or more is supervised on licence to its licence expiry date. */
  supervisionLicenceOnlyFromMonths: number;
  lostContact: { workingDays: number; escalateAfterWorkingDays: number };
  outcomeCheckpointMonths: number[];
  /** Work or training is also recorded this many weeks after release (the early checkpoints). */
  outcomeCheckpointWeeks: number[];
  /** Indeterminate sentences always count as long enough; the referral is due N working days after sentence. */
  victimContact: { minSentenceMonths: number; offenceCategories: OffenceCategory[]; referralWorkingDays: number };
  releaseDay: {
    /** Statute: a Saturday release stays for a term of this many days or less. */
    saturdayReleaseMaxTermDays: number;
    /** The day-of-release rule applies to release dates on or after this date... */
    dayOfReleaseRuleFrom: IsoDate;
    /** ...where at least this many days are served from the sentence date to release. */
    dayOfReleaseMinDaysServed: number;
  };
  /** Generic task timings: a reminder before each due date, an escalation after it. */
  taskReminder: { workingDaysBeforeDue: number; escalateWorkingDaysAfterDue: number };
  taskWorkingDays: TaskWorkingDays;
  /**
   * Needs and outcomes: a follow-up of an unmet outcome is due in N working days; readiness alarms
   * before release; which outcome of which task type meets its need, and what follows one that
   * does not; which unmet needs the readiness alarms watch.
   */
  needs: {
    followUpWorkingDays: number;
    alarmDaysBeforeRelease: number;
    alarmWorkingDaysBeforeRelease: number;
    outcomeRules: Partial<Record<TaskType, NeedOutcomeRule>>;
    readinessWatch: ReadinessWatch[];
  };
}

/** A condition on an outcome's field; a rule is met when every condition of any one of its alternatives holds. */
export type OutcomeCondition =
  | { field: string; oneOf: (string | boolean)[] }
  | { field: string; present: true }
  | { field: string; minItems: number };

export interface FollowUp {
  title: string;
  /** Also tell the manager (an escalation) when this follow-up opens. */
  escalate: boolean;
}

/** A task type whose completion alone does not meet a need: what its outcome must say, and the next action when it does not. */
export interface NeedOutcomeRule {
  meetsWhen: OutcomeCondition[][];
  /** What an outcome that does not meet the need means, for the audit and the notification. */
  unmetMeans: string;
  /** The next action on the 1st, 2nd, … unmet outcome (the last repeats). */
  followUps: FollowUp[];
}

/** An unmet need that must not reach release day unnoticed: a whole pathway, or one task type of it. */
export interface ReadinessWatch {
  key: string;
  label: string;
  pathway: Pathway;
  taskType: TaskType | null;
}

export interface PolicyVersion {
  id: string;
  /** New cases received on or after this date start on this version (the latest one in force). */
  effectiveFrom: IsoDate;
  description: string;
  figures: PolicyFigures;
}

const POSITIVE = 'expected a positive integer';
const NON_NEGATIVE = 'expected a whole number, 0 or more';
const positiveInt = () => z.number({ invalid_type_error: POSITIVE }).int(POSITIVE).positive(POSITIVE);
const nonNegativeInt = () => z.number({ invalid_type_error: NON_NEGATIVE }).int(NON_NEGATIVE).nonnegative(NON_NEGATIVE);
const isoDate = () => z.string({ invalid_type_error: 'expected a date YYYY-MM-DD' }).refine(isIsoDate, 'expected a real calendar date YYYY-MM-DD');
const section = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { invalid_type_error: 'expected an object' }).strict();

const requiredWorkingDays = Object.fromEntries(['RESETTLEMENT_PLAN', 'FIRST_APPOINTMENT', ...WORKING_DAY_TASK_TYPES].map((t) => [t, positiveInt()]));
const taskWorkingDaysSchema = z
  .object(requiredWorkingDays as { RESETTLEMENT_PLAN: ReturnType<typeof positiveInt>; FIRST_APPOINTMENT: ReturnType<typeof positiveInt> }, { invalid_type_error: 'expected an object' })
  .catchall(positiveInt())
  .superRefine((table, ctx) => {
    for (const key of Object.keys(table)) {
      if (!/^[A-Z][A-Z_]*$/.test(key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'expected a task type in UPPER_SNAKE_CASE' });
    }
  });

const words = () => z.string({ invalid_type_error: 'expected a string' }).trim().min(1, 'expected some words');
const fieldName = () => z.string({ invalid_type_error: 'expected a string' }).regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'expected an outcome field name');
const conditionSchema = z.union(
  [
    z.object({ field: fieldName(), oneOf: z.array(z.union([z.string(), z.boolean()])).nonempty('expected at least one value') }).strict(),
    z.object({ field: fieldName(), present: z.literal(true) }).strict(),
    z.object({ field: fieldName(), minItems: positiveInt() }).strict(),
  ],
  { errorMap: () => ({ message: 'expected { field, oneOf }, { field, present: true } or { field, minItems }' }) },
);
const taskTypeSchema = z.enum(TASK_TYPES, { errorMap: () => ({ message: 'expected a task type' }) });
const outcomeRulesSchema = z.record(
  taskTypeSchema,
  section({
    meetsWhen: z.array(z.array(conditionSchema).nonempty('expected at least one condition')).nonempty('expected at least one alternative'),
    unmetMeans: words(),
    followUps: z.array(section({ title: words(), escalate: z.boolean({ invalid_type_error: 'expected true or false' }) })).nonempty('expected at least one follow-up'),
  }),
);
const readinessWatchSchema = z
  .array(section({ key: z.string().regex(/^[A-Z][A-Z_]*$/, 'expected a key in UPPER_SNAKE_CASE'), label: words(), pathway: z.enum(PATHWAYS, { errorMap: () => ({ message: 'expected a pathway' }) }), taskType: taskTypeSchema.nullable() }))
  .refine((list) => new Set(list.map((w) => w.key)).size === list.length, 'expected each key once');
/** The shipped rules, for versions stored before the rules were data (they were these). */
const SHIPPED_NEEDS = defaultPolicyDocument.figures.needs;

const figuresSchema = section({
  custodyScreeningHours: positiveInt(),
  dutyToReferDaysBeforeRelease: positiveInt(),
  preReleaseReview: section({ opensDaysBeforeRelease: positiveInt(), dueDaysBeforeRelease: positiveInt() }),
  handover: section({
    earlyAllocationMonthsBeforeErd: positiveInt(),
    indeterminateMonthsBeforeErd: positiveInt(),
    comResponsibleFromStartWithinMonths: positiveInt(),
    paroleEligibleMonthsBeforeErd: positiveInt(),
    standardMonthsBeforeErd: nonNegativeInt(),
    standardDaysBeforeErd: nonNegativeInt(),
    reminderDaysBefore: positiveInt(),
  }),
  comAllocation: section({ overdueAfterDays: positiveInt(), escalateAfterDays: positiveInt() }),
  prisonReadAccessDays: positiveInt(),
  supervisionMonths: positiveInt(),
  // Versions stored before these figures existed take the law's figures (as in versions/default.json).
  supervisionLicenceOnlyFromMonths: positiveInt().default(24),
  lostContact: section({ workingDays: positiveInt(), escalateAfterWorkingDays: positiveInt() }),
  outcomeCheckpointMonths: z
    .array(positiveInt(), { invalid_type_error: 'expected a list of months' })
    .nonempty('expected at least one checkpoint')
    .refine((months) => months.every((m, i) => i === 0 || m > (months[i - 1] ?? 0)), 'expected months in increasing order'),
  // Versions stored before the six-week checkpoint existed take it too.
  outcomeCheckpointWeeks: z
    .array(positiveInt(), { invalid_type_error: 'expected a list of weeks' })
    .refine((weeks) => weeks.every((w, i) => i === 0 || w > (weeks[i - 1] ?? 0)), 'expected weeks in increasing order')
    .default([6]),
  victimContact: section({
    minSentenceMonths: nonNegativeInt(),
    offenceCategories: z
      .array(z.enum(OFFENCE_CATEGORIES, { errorMap: () => ({ message: `expected one of ${OFFENCE_CATEGORIES.join(', ')}` }) }))
      .nonempty('expected at least one offence category'),
    referralWorkingDays: positiveInt().default(20),
  }),
  releaseDay: section({
    saturdayReleaseMaxTermDays: nonNegativeInt(),
    dayOfReleaseRuleFrom: isoDate(),
    dayOfReleaseMinDaysServed: nonNegativeInt(),
  }),
  taskReminder: section({ workingDaysBeforeDue: nonNegativeInt(), escalateWorkingDaysAfterDue: positiveInt() }),
  taskWorkingDays: taskWorkingDaysSchema,
  // Versions stored before the needs model take these figures (as in versions/default.json).
  needs: section({
    followUpWorkingDays: positiveInt(),
    alarmDaysBeforeRelease: positiveInt(),
    alarmWorkingDaysBeforeRelease: positiveInt(),
    outcomeRules: outcomeRulesSchema.default(SHIPPED_NEEDS.outcomeRules as never),
    readinessWatch: readinessWatchSchema.default(SHIPPED_NEEDS.readinessWatch as never),
  }).default(SHIPPED_NEEDS as never),
}).superRefine((f, ctx) => {
  if (f.preReleaseReview.opensDaysBeforeRelease < f.preReleaseReview.dueDaysBeforeRelease) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['preReleaseReview', 'opensDaysBeforeRelease'], message: 'expected the review to open on or before it is due' });
  }
  if (f.comAllocation.escalateAfterDays < f.comAllocation.overdueAfterDays) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['comAllocation', 'escalateAfterDays'], message: 'expected escalation on or after the allocation is overdue' });
  }
});

const policyVersionSchema: z.ZodType<PolicyVersion, z.ZodTypeDef, unknown> = z
  .object(
    {
      id: z.string({ invalid_type_error: 'expected a string' }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'expected letters, digits, ".", "_" or "-" (at most 100)'),
      effectiveFrom: isoDate(),
      description: z.string({ invalid_type_error: 'expected a string' }),
      figures: figuresSchema,
    },
    { invalid_type_error: 'expected a policy version object' },
  )
  .strict();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * A policy version from parsed JSON. A malformed document fails with a PolicyValidationError
 * naming the field path: `figures.lostContact.workingDays: expected a positive integer`.
 */
export function loadPolicyVersion(json: unknown, messagePrefix?: string): PolicyVersion {
  const result = policyVersionSchema.safeParse(json);
  if (!result.success) throw PolicyValidationError.fromIssues(toValidationIssues(result.error), messagePrefix);
  return deepFreeze(result.data);
}

/** A version effective from this date or before is in force for every reception date ttg will see ("from the start"). */
export const IN_FORCE_FROM_THE_START = '2000-01-01';

/** The version in force on a date: the latest `effectiveFrom` on or before it (the later listed wins a tie). */
export function selectPolicy(versions: readonly PolicyVersion[], onDate: IsoDate): PolicyVersion {
  let chosen: PolicyVersion | undefined;
  for (const v of versions) {
    if (v.effectiveFrom <= onDate && (!chosen || v.effectiveFrom >= chosen.effectiveFrom)) chosen = v;
  }
  if (!chosen) {
    const earliest = versions.map((v) => v.effectiveFrom).sort()[0];
    throw new PolicyValidationError('onDate', `no policy version is in force on ${onDate}${earliest ? ` (the earliest is effective from ${earliest})` : ' (no versions are known)'}`);
  }
  return chosen;
}

/** The default England and Wales policy (`libs/policy/versions/default.json`): the England and Wales default figures. */
export const DEFAULT_POLICY: PolicyVersion = loadPolicyVersion(defaultPolicyDocument, 'libs/policy/versions/default.json: ');
