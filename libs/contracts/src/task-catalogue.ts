import { z } from 'zod';
import { CONTACT_OUTCOMES, PATHWAYS, PATHWAY_STATUSES, ROSH_LEVELS, type Pathway, type TaskSide } from './domain';
import type { DeadlineBasis } from './pathway';
import { VICTIM_CHOICES, isoDateSchema as isoDate, pathwayRecord, text } from './schema-parts';
import { needRevisionSchema } from './need-statuses';
import { DATE_HINT, field, type FieldSpec } from './task-form';
import { lineText } from './text';

/** The risk flags custody screening asks about by name (beside any other, in words), and how the case and the handover pack say them. */
export const RISK_CATEGORIES = {
  SELF_HARM: 'Self-harm or suicide risk',
  HEALTH: 'Health needs on release',
  SAFEGUARDING: 'Safeguarding concern',
} as const;
export const RISK_CATEGORY_CODES = Object.keys(RISK_CATEGORIES) as [keyof typeof RISK_CATEGORIES, ...(keyof typeof RISK_CATEGORIES)[]];

type PlanStatus = Exclude<(typeof PATHWAY_STATUSES)[number], 'DONE'>;
/**
 * What the resettlement plan may say of a pathway: not "done", which only outcomes that meet the
 * need can make it (the plan records support required, in progress, declined or not required).
 */
const PLAN_STATUSES = PATHWAY_STATUSES.filter((s): s is PlanStatus => s !== 'DONE') as [PlanStatus, ...PlanStatus[]];
/**
 * For a pathway that needs support, the plan may choose which of the pathway's actions to open
 * (without a list, all of them): a person with a bank account needs no bank-account task.
 */
const planActions = z.array(z.string().regex(/^[A-Z][A-Z_]{0,40}$/, 'expected a task type')).max(10).optional();
const planOutcome = <S extends [string, ...string[]]>(statuses: S) =>
  z
    .object({ pathways: pathwayRecord(z.object({ status: z.enum(statuses), notes: text().optional(), actions: planActions }).strict()) })
    .strict()
    .superRefine((o, ctx) => {
      for (const p of PATHWAYS) {
        const { status, actions } = (o.pathways as Record<Pathway, { status: string; actions?: string[] }>)[p];
        if (actions === undefined) continue;
        const own: string[] = pathwayTaskTypes(p);
        actions.forEach((a, i) => {
          if (!own.includes(a)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['pathways', p, 'actions', i], message: `is not an action of this pathway: choose from ${own.map((t) => TASK_CATALOGUE[t as TaskType].label.toLowerCase()).join(', ')}` });
        });
        if (status === 'SUPPORT_REQUIRED' && actions.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['pathways', p, 'actions'], message: 'must choose at least one action for a need that needs support' });
      }
    });

/** A key date a task can be due on (see DeadlineBasis). */
export type TaskKeyDate = Extract<DeadlineBasis, { kind: 'KEY_DATE' }>['keyDate'];

/**
 * How a task's deadline is usually set, and the policy figure it is counted with:
 * - INSTANT: hours after an instant (`custodyScreeningHours`);
 * - COM_ALLOCATION: from the handover date (`comAllocation` and `handover.reminderDaysBefore`);
 * - KEY_DATE: due on one of the case's key dates;
 * - WORKING_DAYS: `taskWorkingDays[type]` working days after the day it opens. Every policy
 *   version must give that figure for each such type (checked when a version is loaded).
 */
export type TaskDeadline =
  | { basis: 'INSTANT'; figure: 'custodyScreeningHours' }
  | { basis: 'COM_ALLOCATION'; figure: 'comAllocation' }
  | { basis: 'KEY_DATE'; keyDate: TaskKeyDate }
  | { basis: 'WORKING_DAYS'; figure: 'taskWorkingDays' };

export interface TaskCatalogueEntry {
  /** The title a new task gets (some openings give a more specific one). */
  title: string;
  /** A short name for lists and filters. */
  label: string;
  /** Who works it: the prison, the probation team, or a manager's queue. */
  side: TaskSide;
  /** The resettlement pathway it belongs to; null for case-wide tasks (PATHWAY_SUPPORT takes the pathway it is opened for). */
  pathway: Pathway | null;
  deadline: TaskDeadline;
  /** When the pathway opens it. */
  createdWhen: string;
  /** Its page form: the questions, in order, each at a path of the outcome (task-form.ts). */
  form: readonly FieldSpec[];
  /**
   * What completing it records: used by the API (400 naming each bad field) and by the
   * workflow's Update validator (so nothing invalid ever reaches history). Outcomes, not ticks.
   */
  outcome: z.ZodTypeAny;
  /**
   * What histories may hold from before `outcome` was narrowed (replay parses with it, as no
   * validator runs then); absent when the outcome was never narrowed.
   */
  recordedOutcome?: z.ZodTypeAny;
}

const WORKING_DAYS: TaskDeadline = { basis: 'WORKING_DAYS', figure: 'taskWorkingDays' };
const BY_REVIEW: TaskDeadline = { basis: 'KEY_DATE', keyDate: 'preReleaseReviewDue' };

/**
 * Every kind of task the pathway opens, the one place these facts live: its keys ARE the task
 * types (TASK_TYPES keeps this order), so a new type starts here.
 */
export const TASK_CATALOGUE = {
  CUSTODY_SCREENING: {
    title: 'Custody screening (BCST part 1)', label: 'Custody screening', side: 'PRISON', pathway: null,
    deadline: { basis: 'INSTANT', figure: 'custodyScreeningHours' },
    createdWhen: 'On reception into custody, and again on return to custody after a recall.',
    form: [
      { ...field('pathwayYesNo', 'needs', 'Resettlement needs', 'Does the person need help with each pathway? Say what the need is, for example "no address: was sofa surfing"'), detailsPath: 'needDetails' },
      field('lines', 'immediateNeeds', 'Immediate needs', 'One a line, for example prescription medication'),
      field('checkboxes', 'riskCategories', 'Risk flags', 'Tick each that applies'),
      field('lines', 'riskFlags', 'Other risk flags, or details', 'One a line'),
    ],
    outcome: z
      .object({
        immediateNeeds: z.array(lineText(200)).max(50).default([]),
        riskCategories: z.array(z.enum(RISK_CATEGORY_CODES)).max(RISK_CATEGORY_CODES.length).default([]),
        riskFlags: z.array(lineText(200)).max(50).default([]),
        needs: pathwayRecord(z.boolean()),
        /** What each need found is, in the screener's words. */
        needDetails: z.object(Object.fromEntries(PATHWAYS.map((p) => [p, lineText(300).optional()])) as Record<Pathway, z.ZodOptional<ReturnType<typeof lineText>>>).strict().optional(),
      })
      .strict()
      .superRefine((o, ctx) => {
        for (const p of PATHWAYS) {
          if (o.needDetails?.[p] !== undefined && !o.needs[p]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['needDetails', p], message: 'describes a need the screening did not find' });
        }
      }),
  },
  RISK_SCREENING: {
    title: 'Risk of harm screening', label: 'Risk of harm screening', side: 'PRISON', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When the custody screening is completed.',
    form: [field('radios', 'roshLevel', 'Risk of serious harm level'), field('textarea', 'notes', 'Notes')],
    outcome: z
      .object({ roshLevel: z.enum(ROSH_LEVELS), notes: text().optional() })
      .strict(),
  },
  DOMESTIC_ABUSE_CHECK: {
    title: 'Domestic abuse check', label: 'Domestic abuse check', side: 'PRISON', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When the risk of harm screening is completed.',
    form: [field('radios', 'result', 'Result of the domestic abuse check'), field('textarea', 'details', 'Details')],
    outcome: z
      .object({ result: z.enum(['NO_CONCERNS', 'CONCERNS']), details: text().optional() })
      .strict(),
  },
  SAFEGUARDING_CHECK: {
    title: 'Child safeguarding check', label: 'Child safeguarding check', side: 'PRISON', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When the risk of harm screening is completed.',
    form: [field('radios', 'result', 'Result of the child safeguarding check'), field('textarea', 'details', 'Details')],
    outcome: z
      .object({ result: z.enum(['NO_CONCERNS', 'CONCERNS']), details: text().optional() })
      .strict(),
  },
  RISK_MANAGEMENT_PLAN: {
    title: 'Full risk assessment and risk management plan', label: 'Risk management plan', side: 'PRISON', pathway: null,
    deadline: { basis: 'KEY_DATE', keyDate: 'handoverOrReview' },
    createdWhen: 'In custody, when the risk of serious harm is medium or above and there is no plan yet.',
    form: [field('textarea', 'summary', 'Risk management plan summary'), field('confirm', 'fullAssessmentCompleted', 'The full risk assessment is completed')],
    outcome: z.object({ summary: text(), fullAssessmentCompleted: z.literal(true) }).strict(),
  },
  RESETTLEMENT_PLAN: {
    title: 'Resettlement plan (BCST part 2)', label: 'Resettlement plan', side: 'PRISON', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When the custody screening is completed.',
    form: [field('pathwayPlan', 'pathways', 'Plan for each pathway', 'Choose a status for every pathway and, where support is required, the actions to open. Give a reason in the notes when you decline support or record no need where the screening found one')],
    outcome: planOutcome(PLAN_STATUSES),
    recordedOutcome: planOutcome([...PATHWAY_STATUSES]),
  },
  DUTY_TO_REFER: {
    title: 'Duty to refer to the local housing authority', label: 'Duty to refer', side: 'PRISON', pathway: 'ACCOMMODATION',
    deadline: { basis: 'KEY_DATE', keyDate: 'dutyToReferDue' }, createdWhen: 'When the resettlement plan says accommodation needs support.',
    form: [field('text', 'localAuthority', 'Local housing authority referred to'), field('date', 'referredOn', 'Date referred', DATE_HINT)],
    outcome: z.object({ localAuthority: lineText(200), referredOn: isoDate }).strict(),
  },
  SECURE_ADDRESS: {
    title: 'Secure a release address', label: 'Secure an address', side: 'PRISON', pathway: 'ACCOMMODATION',
    deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says accommodation needs support.',
    form: [field('radios', 'accommodation', 'Accommodation secured'), field('textarea', 'address', 'Address', 'Required unless no accommodation was secured')],
    outcome: z
      .object({ accommodation: z.enum(['SETTLED', 'TEMPORARY', 'NONE']), address: text(500).optional() })
      .strict()
      .refine((o) => o.accommodation === 'NONE' || o.address !== undefined, {
        message: 'is required unless accommodation is NONE',
        path: ['address'],
      }),
  },
  ETE_REFERRAL: {
    title: 'Education, training and employment assessment and referral', label: 'Education, training and employment referral', side: 'PRISON',
    pathway: 'EDUCATION_SKILLS_AND_WORK', deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says education, skills and work needs support.',
    form: [field('radios', 'arranged', 'Work, training or education arranged'), field('textarea', 'details', 'Details')],
    outcome: z
      .object({ arranged: z.enum(['WORK', 'TRAINING', 'EDUCATION', 'NONE']), details: text().optional() })
      .strict(),
  },
  BANK_ACCOUNT: {
    title: 'Open a bank account', label: 'Bank account', side: 'PRISON', pathway: 'FINANCE_ID_AND_DEBT',
    deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says finance, ID and debt needs support.',
    form: [field('yesNo', 'opened', 'Has a bank account been opened?'), field('textarea', 'details', 'Details')],
    outcome: z.object({ opened: z.boolean(), details: text().optional() }).strict(),
  },
  ID_DOCUMENTS: {
    title: 'Obtain ID documents', label: 'ID documents', side: 'PRISON', pathway: 'FINANCE_ID_AND_DEBT',
    deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says finance, ID and debt needs support.',
    form: [field('checkboxes', 'documents', 'ID documents obtained', 'Select all that apply, or none')],
    outcome: z
      .object({ documents: z.array(z.enum(['PASSPORT', 'BIRTH_CERTIFICATE', 'DRIVING_LICENCE', 'CITIZEN_CARD', 'OTHER'])).max(5) })
      .strict(),
  },
  DEBT_ADVICE: {
    title: 'Debt advice referral', label: 'Debt advice', side: 'PRISON', pathway: 'FINANCE_ID_AND_DEBT',
    deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says finance, ID and debt needs support.',
    form: [field('yesNo', 'referred', 'Referred for debt advice?'), field('radios', 'debtsResolved', 'Are the debts resolved?')],
    outcome: z
      .object({ referred: z.boolean(), debtsResolved: z.enum(['YES', 'PARTLY', 'NO', 'NO_DEBTS']) })
      .strict(),
  },
  PATHWAY_SUPPORT: {
    title: 'Pathway support', label: 'Pathway support', side: 'PRISON', pathway: null,
    deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says a pathway with no task types of its own needs support.',
    form: [field('textarea', 'summary', 'Support summary'), field('yesNo', 'supportArranged', 'Has support been arranged?')],
    outcome: z.object({ summary: text(), supportArranged: z.boolean() }).strict(),
  },
  PRE_RELEASE_REVIEW: {
    title: 'Pre-release review', label: 'Pre-release review', side: 'PRISON', pathway: null,
    deadline: BY_REVIEW, createdWhen: 'When the pre-release review window opens before release.',
    form: [
      field('confirm', 'needsReviewed', 'Every need has been reviewed and the plan updated'),
      field('textarea', 'releaseAddress', 'Release address'),
      field('lines', 'licenceConditions', 'Licence conditions', 'One a line'),
      field('date', 'provisionalFirstAppointment.date', 'Provisional first appointment date', DATE_HINT),
      field('text', 'provisionalFirstAppointment.location', 'Provisional first appointment location'),
    ],
    outcome: z
      .object({
        needsReviewed: z.literal(true),
        releaseAddress: text(500).optional(),
        licenceConditions: z.array(text(500)).max(50).default([]),
        provisionalFirstAppointment: z
          .object({ date: isoDate, location: lineText(200) })
          .strict(),
        /** The needs the review revises (the others stay as they are). */
        needs: pathwayRecord(needRevisionSchema.optional()).optional(),
      })
      .strict(),
  },
  COM_ALLOCATION: {
    title: 'Allocate a community offender manager', label: 'COM allocation', side: 'MANAGER', pathway: null,
    deadline: { basis: 'COM_ALLOCATION', figure: 'comAllocation' },
    createdWhen: 'On reception when there is a handover date; when the custody screening is completed if the COM is responsible from the start (due with the resettlement plan).',
    form: [field('comUser', 'comUserId', 'Community offender manager')],
    outcome: z
      .object({ comUserId: lineText(100), teamCode: lineText(50) })
      .strict(),
  },
  HANDOVER_ACCEPTANCE: {
    title: 'Accept the handover', label: 'Handover acceptance', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When a COM is allocated (due on the handover date when there is one), and when a revised pack is sent.',
    form: [field('radios', 'decision', 'Do you accept the handover?'), field('textarea', 'reason', 'Reason', 'Required when you send the handover back')],
    outcome: z
      .object({ decision: z.enum(['ACCEPTED', 'SENT_BACK']), reason: text().optional() })
      .strict()
      .refine((o) => o.decision === 'ACCEPTED' || o.reason !== undefined, {
        message: 'is required when the handover is sent back',
        path: ['reason'],
      }),
  },
  HANDOVER_PACK_REVISION: {
    title: 'Revise the handover pack', label: 'Handover pack revision', side: 'PRISON', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When the COM sends the handover back.',
    form: [field('textarea', 'changes', 'Changes made to the handover pack')],
    outcome: z.object({ changes: text() }).strict(),
  },
  VICTIM_CONTACT: {
    title: 'Tell the victim liaison officer', label: 'Victim contact', side: 'COMMUNITY', pathway: null,
    deadline: { basis: 'KEY_DATE', keyDate: 'releaseDate' },
    createdWhen: 'When the pre-release review is completed for a case eligible for victim contact, and when its release date changes after that.',
    form: [
      field('date', 'informedOn', 'Date the victim liaison officer was told', DATE_HINT),
      field('radios', 'victimChoice', 'What the victim chose (the referral)'),
      field('lines', 'requestedLicenceConditions', 'Licence conditions the victim asked for', 'One a line'),
      field('textarea', 'notes', 'Notes'),
    ],
    outcome: z
      .object({
        informedOn: isoDate,
        /** The referral: what the victim chose (in the scheme, declined, or not reached). */
        victimChoice: z.enum(VICTIM_CHOICES).optional(),
        /** Licence conditions the victim asked for (captured before the pre-release review is due). */
        requestedLicenceConditions: z.array(text(500)).max(20).optional(),
        notes: text().optional(),
      })
      .strict(),
  },
  RELEASE_OUTCOMES: {
    title: 'Record release outcomes', label: 'Release outcomes', side: 'PRISON', pathway: null,
    deadline: { basis: 'KEY_DATE', keyDate: 'releaseDate' }, createdWhen: 'On the release date.',
    form: [
      field('date', 'releasedOn', 'Date released', DATE_HINT),
      field('radios', 'accommodation', 'Accommodation on the first night'),
      field('radios', 'workOrTraining', 'Work or training arranged'),
      field('yesNo', 'bankAccount', 'Has a bank account?'),
      field('yesNo', 'id', 'Has ID?'),
      field('radios', 'debts', 'Debts'),
    ],
    outcome: z
      .object({
        releasedOn: isoDate,
        accommodation: z.enum(['SETTLED', 'TEMPORARY', 'NONE']),
        workOrTraining: z.enum(['WORK', 'TRAINING', 'EDUCATION', 'NONE']),
        bankAccount: z.boolean(),
        id: z.boolean(),
        debts: z.enum(['RESOLVED', 'IN_HAND', 'UNRESOLVED', 'NO_DEBTS']),
      })
      .strict(),
  },
  FIRST_APPOINTMENT: {
    title: 'First community appointment', label: 'First appointment', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'On release (and re-release), and again when it is missed.',
    form: [field('radios', 'outcome', 'Outcome of the first appointment'), field('date', 'date', 'Date of the appointment', DATE_HINT)],
    outcome: z.object({ outcome: z.enum(CONTACT_OUTCOMES), date: isoDate }).strict(),
  },
  HOME_VISIT: {
    title: 'Home visit', label: 'Home visit', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'On supervision when the risk of serious harm is medium or above, and again when it is missed.',
    form: [field('radios', 'outcome', 'Outcome of the home visit'), field('date', 'date', 'Date of the visit', DATE_HINT), field('textarea', 'notes', 'Notes')],
    outcome: z.object({ outcome: z.enum(CONTACT_OUTCOMES), date: isoDate, notes: text().optional() }).strict(),
  },
  RISK_REVIEW: {
    title: 'Risk review', label: 'Risk review', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'On a change of circumstances, and after a recall.',
    form: [field('radios', 'roshLevel', 'Risk of serious harm level'), field('textarea', 'summary', 'Summary of the review')],
    outcome: z.object({ roshLevel: z.enum(ROSH_LEVELS), summary: text() }).strict(),
  },
  OUTCOME_CHECKPOINT: {
    title: 'Record outcomes', label: 'Outcome checkpoint', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'At each outcome checkpoint (months after release) of the policy.',
    form: [field('radios', 'accommodation', 'Accommodation now'), field('radios', 'workOrTraining', 'Work or training now'), field('textarea', 'notes', 'Notes')],
    outcome: z
      .object({
        accommodation: z.enum(['SETTLED', 'TEMPORARY', 'NONE']),
        workOrTraining: z.enum(['WORK', 'TRAINING', 'EDUCATION', 'NONE']),
        notes: text().optional(),
      })
      .strict(),
  },
  CLOSURE: {
    title: 'Close the case with an outcome summary', label: 'Closure', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When supervision ends.',
    form: [field('textarea', 'summary', 'Outcome summary')],
    outcome: z.object({ summary: text() }).strict(),
  },
} as const satisfies Record<string, TaskCatalogueEntry>;

/** The kinds of task, in catalogue order. */
export type TaskType = keyof typeof TASK_CATALOGUE;
export const TASK_TYPES = Object.keys(TASK_CATALOGUE) as readonly TaskType[] as readonly [TaskType, ...TaskType[]];

export const taskEntry = (type: TaskType): TaskCatalogueEntry => TASK_CATALOGUE[type];

/** Task types whose deadline counts the policy's `taskWorkingDays` figure for that type. */
export const WORKING_DAY_TASK_TYPES: readonly TaskType[] = TASK_TYPES.filter((t) => taskEntry(t).deadline.basis === 'WORKING_DAYS');

/** The task types a pathway's support opens, in catalogue order; PATHWAY_SUPPORT for a pathway with none of its own. */
export function pathwayTaskTypes(pathway: Pathway): TaskType[] {
  const own = TASK_TYPES.filter((t) => taskEntry(t).pathway === pathway);
  return own.length > 0 ? own : ['PATHWAY_SUPPORT'];
}
