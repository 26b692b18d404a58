import type { Pathway, TaskType } from '@ttg/contracts/domain';
import { TASK_CATALOGUE } from '@ttg/contracts/task-catalogue';
import { addWorkingDays } from './calendar';
import { addCalendarDays } from './dates';
import { startOfDayInstant } from './deadline-plan';
import type { PolicyVersion } from './policy-version';
import type { IsoDate, IsoInstant } from './types';

/**
 * Outcomes, not ticks: which recorded outcome meets a need, what happens when one does not, and
 * which unmet needs raise a release-readiness alarm. Versioned data: a change is a new version,
 * and the workflow asks through an activity so a running case replays the answers it was given.
 */
export const NEED_RULES_VERSION = 'needs-2025-11-1';

/** A condition on an outcome's field; a rule is met when every condition of any one of its alternatives holds. */
export type OutcomeCondition =
  | { field: string; oneOf: readonly (string | boolean)[] }
  | { field: string; present: true }
  | { field: string; minItems: number };

export interface FollowUp {
  title: string;
  /** Also tell the manager (an escalation) when this follow-up opens. */
  escalate: boolean;
}

export interface NeedOutcomeRule {
  meetsWhen: readonly (readonly OutcomeCondition[])[];
  /** What an outcome that does not meet the need means, for the audit and the notification. */
  unmetMeans: string;
  /** The next action on the 1st, 2nd, … unmet outcome (the last repeats). */
  followUps: readonly FollowUp[];
}

const again = (type: TaskType): FollowUp[] => [{ title: `Follow up: ${TASK_CATALOGUE[type].title.toLowerCase()}`, escalate: false }];

/** Task types whose completion alone does not meet a need: what their outcome must say. */
export const NEED_OUTCOME_RULES = {
  SECURE_ADDRESS: {
    meetsWhen: [[{ field: 'accommodation', oneOf: ['SETTLED', 'TEMPORARY'] }, { field: 'address', present: true }]],
    unmetMeans: 'no address for release night',
    followUps: [
      { title: 'Follow up the duty to refer with the local housing authority', escalate: false },
      { title: 'Refer for short-term accommodation for release night', escalate: true },
    ],
  },
  BANK_ACCOUNT: { meetsWhen: [[{ field: 'opened', oneOf: [true] }]], unmetMeans: 'no bank account opened', followUps: again('BANK_ACCOUNT') },
  ID_DOCUMENTS: { meetsWhen: [[{ field: 'documents', minItems: 1 }]], unmetMeans: 'no ID document obtained', followUps: again('ID_DOCUMENTS') },
  DEBT_ADVICE: {
    meetsWhen: [[{ field: 'referred', oneOf: [true] }], [{ field: 'debtsResolved', oneOf: ['NO_DEBTS'] }]],
    unmetMeans: 'debts not referred for advice',
    followUps: again('DEBT_ADVICE'),
  },
  ETE_REFERRAL: { meetsWhen: [[{ field: 'arranged', oneOf: ['WORK', 'TRAINING', 'EDUCATION'] }]], unmetMeans: 'no work, training or education arranged', followUps: again('ETE_REFERRAL') },
  PATHWAY_SUPPORT: { meetsWhen: [[{ field: 'supportArranged', oneOf: [true] }]], unmetMeans: 'no support arranged', followUps: again('PATHWAY_SUPPORT') },
} as const satisfies Partial<Record<TaskType, NeedOutcomeRule>>;

const ruleOf = (type: TaskType): NeedOutcomeRule | undefined => (NEED_OUTCOME_RULES as Partial<Record<TaskType, NeedOutcomeRule>>)[type];

function holds(c: OutcomeCondition, outcome: Record<string, unknown>): boolean {
  const value = outcome[c.field];
  if ('oneOf' in c) return c.oneOf.includes(value as string | boolean);
  if ('present' in c) return typeof value === 'string' && value.trim().length > 0;
  return Array.isArray(value) && value.length >= c.minItems;
}

/** Does this outcome meet its need? A task type without a rule meets it by being done. */
export function outcomeMeetsNeed(type: TaskType, outcome: unknown): boolean {
  const rule = ruleOf(type);
  if (!rule) return true;
  const o = (outcome ?? {}) as Record<string, unknown>;
  return rule.meetsWhen.some((all) => all.every((c) => holds(c, o)));
}

export interface OutcomeAssessment {
  meets: boolean;
  rulesVersion: string;
  unmetMeans: string | null;
  /** The next action when the outcome does not meet the need, due a policy number of working days on. */
  followUp: (FollowUp & { dueDate: IsoDate }) | null;
}

/**
 * Assesses an outcome recorded on `completedOn`. `previousUnmet` counts earlier outcomes of the
 * same need and type that did not meet it (the follow-up escalates as they repeat).
 */
export function assessOutcome(type: TaskType, outcome: unknown, completedOn: IsoDate, previousUnmet: number, policy: PolicyVersion): OutcomeAssessment {
  const rule = ruleOf(type);
  if (!rule || outcomeMeetsNeed(type, outcome)) return { meets: true, rulesVersion: NEED_RULES_VERSION, unmetMeans: null, followUp: null };
  const next = rule.followUps[Math.min(previousUnmet, rule.followUps.length - 1)];
  return {
    meets: false,
    rulesVersion: NEED_RULES_VERSION,
    unmetMeans: rule.unmetMeans,
    followUp: { ...next, dueDate: addWorkingDays(completedOn, policy.figures.needs.followUpWorkingDays) },
  };
}

/** The date a follow-up of a need opened today is due (needs reopened in the community). */
export const needFollowUpDue = (from: IsoDate, policy: PolicyVersion): IsoDate => addWorkingDays(from, policy.figures.needs.followUpWorkingDays);

/** Unmet needs that must not reach release day unnoticed: a whole pathway, or one task type of it. */
export interface ReadinessWatch {
  key: string;
  label: string;
  pathway: Pathway;
  taskType: TaskType | null;
}
export const READINESS_WATCH: readonly ReadinessWatch[] = [
  { key: 'ACCOMMODATION', label: 'accommodation', pathway: 'ACCOMMODATION', taskType: null },
  { key: 'ID_DOCUMENTS', label: 'ID', pathway: 'FINANCE_ID_AND_DEBT', taskType: 'ID_DOCUMENTS' },
  { key: 'BANK_ACCOUNT', label: 'bank account', pathway: 'FINANCE_ID_AND_DEBT', taskType: 'BANK_ACCOUNT' },
];

/** The part of a need the readiness check reads. */
export interface NeedFacts {
  status: string;
  open: readonly string[];
}

/** The watched needs still unmet (keys of READINESS_WATCH, in its order). */
export function readinessGaps(needs: Partial<Record<Pathway, NeedFacts>>): string[] {
  return READINESS_WATCH.filter((w) => {
    const need = needs[w.pathway];
    if (!need || (need.status !== 'SUPPORT_REQUIRED' && need.status !== 'IN_PROGRESS')) return false;
    return w.taskType === null || need.open.includes(w.taskType);
  }).map((w) => w.key);
}

export const readinessLabel = (key: string): string => READINESS_WATCH.find((w) => w.key === key)?.label ?? key;

/** The release-readiness alarms before a release date: N calendar days and N working days before, at the start of each day. */
export function readinessAlarms(releaseDate: IsoDate, policy: PolicyVersion): { key: 'DAYS_BEFORE_RELEASE' | 'WORKING_DAYS_BEFORE_RELEASE'; at: IsoInstant; on: IsoDate }[] {
  const f = policy.figures.needs;
  const daysBefore = addCalendarDays(releaseDate, -f.alarmDaysBeforeRelease);
  const workingDaysBefore = addWorkingDays(releaseDate, -f.alarmWorkingDaysBeforeRelease);
  return [
    { key: 'DAYS_BEFORE_RELEASE', at: startOfDayInstant(daysBefore), on: daysBefore },
    { key: 'WORKING_DAYS_BEFORE_RELEASE', at: startOfDayInstant(workingDaysBefore), on: workingDaysBefore },
  ];
}
