import type { Pathway, TaskSide, TaskType } from './domain';
import { TASK_TYPES } from './domain';
import type { DeadlineBasis } from './pathway';

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
}

const WORKING_DAYS: TaskDeadline = { basis: 'WORKING_DAYS', figure: 'taskWorkingDays' };
const BY_REVIEW: TaskDeadline = { basis: 'KEY_DATE', keyDate: 'preReleaseReviewDue' };

/** Every kind of task the pathway opens: one entry per TaskType, the one place these facts live. */
export const TASK_CATALOGUE = {
  CUSTODY_SCREENING: {
    title: 'Custody screening (BCST part 1)', label: 'Custody screening', side: 'PRISON', pathway: null,
    deadline: { basis: 'INSTANT', figure: 'custodyScreeningHours' },
    createdWhen: 'On reception into custody, and again on return to custody after a recall.',
  },
  RISK_SCREENING: {
    title: 'Risk of harm screening', label: 'Risk of harm screening', side: 'PRISON', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When the custody screening is completed.',
  },
  DOMESTIC_ABUSE_CHECK: {
    title: 'Domestic abuse check', label: 'Domestic abuse check', side: 'PRISON', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When the risk of harm screening is completed.',
  },
  SAFEGUARDING_CHECK: {
    title: 'Child safeguarding check', label: 'Child safeguarding check', side: 'PRISON', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When the risk of harm screening is completed.',
  },
  RISK_MANAGEMENT_PLAN: {
    title: 'Full risk assessment and risk management plan', label: 'Risk management plan', side: 'PRISON', pathway: null,
    deadline: { basis: 'KEY_DATE', keyDate: 'handoverOrReview' },
    createdWhen: 'In custody, when the risk of serious harm is medium or above and there is no plan yet.',
  },
  RESETTLEMENT_PLAN: {
    title: 'Resettlement plan (BCST part 2)', label: 'Resettlement plan', side: 'PRISON', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When the custody screening is completed.',
  },
  DUTY_TO_REFER: {
    title: 'Duty to refer to the local housing authority', label: 'Duty to refer', side: 'PRISON', pathway: 'ACCOMMODATION',
    deadline: { basis: 'KEY_DATE', keyDate: 'dutyToReferDue' }, createdWhen: 'When the resettlement plan says accommodation needs support.',
  },
  SECURE_ADDRESS: {
    title: 'Secure a release address', label: 'Secure an address', side: 'PRISON', pathway: 'ACCOMMODATION',
    deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says accommodation needs support.',
  },
  ETE_REFERRAL: {
    title: 'Education, training and employment assessment and referral', label: 'Education, training and employment referral', side: 'PRISON',
    pathway: 'EDUCATION_SKILLS_AND_WORK', deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says education, skills and work needs support.',
  },
  BANK_ACCOUNT: {
    title: 'Open a bank account', label: 'Bank account', side: 'PRISON', pathway: 'FINANCE_ID_AND_DEBT',
    deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says finance, ID and debt needs support.',
  },
  ID_DOCUMENTS: {
    title: 'Obtain ID documents', label: 'ID documents', side: 'PRISON', pathway: 'FINANCE_ID_AND_DEBT',
    deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says finance, ID and debt needs support.',
  },
  DEBT_ADVICE: {
    title: 'Debt advice referral', label: 'Debt advice', side: 'PRISON', pathway: 'FINANCE_ID_AND_DEBT',
    deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says finance, ID and debt needs support.',
  },
  PATHWAY_SUPPORT: {
    title: 'Pathway support', label: 'Pathway support', side: 'PRISON', pathway: null,
    deadline: BY_REVIEW, createdWhen: 'When the resettlement plan says a pathway with no task types of its own needs support.',
  },
  PRE_RELEASE_REVIEW: {
    title: 'Pre-release review', label: 'Pre-release review', side: 'PRISON', pathway: null,
    deadline: BY_REVIEW, createdWhen: 'When the pre-release review window opens before release.',
  },
  COM_ALLOCATION: {
    title: 'Allocate a community offender manager', label: 'COM allocation', side: 'MANAGER', pathway: null,
    deadline: { basis: 'COM_ALLOCATION', figure: 'comAllocation' },
    createdWhen: 'On reception when there is a handover date; when the custody screening is completed if the COM is responsible from the start (due with the resettlement plan).',
  },
  HANDOVER_ACCEPTANCE: {
    title: 'Accept the handover', label: 'Handover acceptance', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When a COM is allocated (due on the handover date when there is one), and when a revised pack is sent.',
  },
  HANDOVER_PACK_REVISION: {
    title: 'Revise the handover pack', label: 'Handover pack revision', side: 'PRISON', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When the COM sends the handover back.',
  },
  VICTIM_CONTACT: {
    title: 'Tell the victim liaison officer', label: 'Victim contact', side: 'COMMUNITY', pathway: null,
    deadline: { basis: 'KEY_DATE', keyDate: 'releaseDate' },
    createdWhen: 'When the pre-release review is completed for a case eligible for victim contact, and when its release date changes after that.',
  },
  RELEASE_OUTCOMES: {
    title: 'Record release outcomes', label: 'Release outcomes', side: 'PRISON', pathway: null,
    deadline: { basis: 'KEY_DATE', keyDate: 'releaseDate' }, createdWhen: 'On the release date.',
  },
  FIRST_APPOINTMENT: {
    title: 'First community appointment', label: 'First appointment', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'On release (and re-release), and again when it is missed.',
  },
  HOME_VISIT: {
    title: 'Home visit', label: 'Home visit', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'On supervision when the risk of serious harm is medium or above, and again when it is missed.',
  },
  RISK_REVIEW: {
    title: 'Risk review', label: 'Risk review', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'On a change of circumstances, and after a recall.',
  },
  OUTCOME_CHECKPOINT: {
    title: 'Record outcomes', label: 'Outcome checkpoint', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'At each outcome checkpoint (months after release) of the policy.',
  },
  CLOSURE: {
    title: 'Close the case with an outcome summary', label: 'Closure', side: 'COMMUNITY', pathway: null,
    deadline: WORKING_DAYS, createdWhen: 'When supervision ends.',
  },
} as const satisfies Record<TaskType, TaskCatalogueEntry>;

export const taskEntry = (type: TaskType): TaskCatalogueEntry => TASK_CATALOGUE[type];

/** Task types whose deadline counts the policy's `taskWorkingDays` figure for that type. */
export const WORKING_DAY_TASK_TYPES: readonly TaskType[] = TASK_TYPES.filter((t) => taskEntry(t).deadline.basis === 'WORKING_DAYS');

/** The task types a pathway's support opens, in catalogue order; PATHWAY_SUPPORT for a pathway with none of its own. */
export function pathwayTaskTypes(pathway: Pathway): TaskType[] {
  const own = TASK_TYPES.filter((t) => taskEntry(t).pathway === pathway);
  return own.length > 0 ? own : ['PATHWAY_SUPPORT'];
}
