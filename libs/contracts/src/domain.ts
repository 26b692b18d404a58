/** Shared vocabulary of the pathway: used by the workflow, activities, API and read model. */
import type { Role } from './roles';

export const PATHWAYS = [
  'ACCOMMODATION',
  'EDUCATION_SKILLS_AND_WORK',
  'FINANCE_ID_AND_DEBT',
  'DRUGS_AND_ALCOHOL',
  'HEALTH',
  'CHILDREN_FAMILIES_AND_COMMUNITIES',
  'ATTITUDES_THINKING_AND_BEHAVIOUR',
] as const;
export type Pathway = (typeof PATHWAYS)[number];

export const PATHWAY_STATUSES = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'SUPPORT_REQUIRED',
  'SUPPORT_NOT_REQUIRED',
  'SUPPORT_DECLINED',
  'DONE',
] as const;
export type PathwayStatus = (typeof PATHWAY_STATUSES)[number];

export const STAGES = [
  'CUSTODY_SCREENING',
  'RISK_SCREENING',
  'RESETTLEMENT_PLAN',
  'PATHWAY_WORK',
  'PRE_RELEASE',
  'SUPERVISION',
  'RECALLED',
  'CLOSED',
] as const;
export type Stage = (typeof STAGES)[number];

/** The kinds of task are the keys of the task catalogue (TASK_TYPES lives there too). */
export type { TaskType } from './task-catalogue';

export const TASK_STATUSES = ['OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Which side of the gate works a task: the prison, the probation team, or a manager's queue. */
export type TaskSide = 'PRISON' | 'COMMUNITY' | 'MANAGER';

export const ROSH_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'VERY_HIGH'] as const;
export type RoshLevel = (typeof ROSH_LEVELS)[number];

/** The roles are the keys of the role catalogue (ROLES lives there too). */
export type { Role } from './roles';

/** Who issued a command, as the workflow records it (no names: ids and scope only). */
export interface Actor {
  userId: string;
  role: Role | 'SYSTEM';
}

export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'SYSTEM' };

export const CONTACT_OUTCOMES = ['ATTENDED', 'FAILED_TO_ATTEND', 'RESCHEDULED'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export const CONTACT_KINDS = ['OFFICE', 'HOME_VISIT', 'PHONE', 'VIDEO'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CASE_NOT_FOUND',
  'TASK_NOT_FOUND',
  'USER_NOT_FOUND',
  'CASE_ALREADY_ACTIVE',
  'CASE_CLOSED',
  'TASK_ALREADY_COMPLETED',
  'TASK_CANCELLED',
  'TASK_CLAIMED_BY_OTHER',
  'NOT_ASSIGNED_TO_YOU',
  'INVALID_OUTCOME',
  'INVALID_STATE',
  'IDEMPOTENCY_KEY_REUSED',
  'RATE_LIMITED',
  'UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
