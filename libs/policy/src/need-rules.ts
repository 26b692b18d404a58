import type { Pathway, TaskType } from '@ttg/contracts/domain';
import { addWorkingDays } from './calendar';
import { addCalendarDays } from './dates';
import { startOfDayInstant } from './deadline-plan';
import { DEFAULT_POLICY, type FollowUp, type NeedOutcomeRule, type OutcomeCondition, type PolicyVersion } from './policy-version';
import type { IsoDate, IsoInstant } from './types';

/**
 * Outcomes, not ticks: which recorded outcome meets a need, what happens when one does not, and
 * which unmet needs raise a release-readiness alarm. Versioned data: each policy version carries
 * its rules (`figures.needs.outcomeRules` and `readinessWatch`, in versions/default.json for the
 * shipped one), and the workflow asks through an activity, so a running case replays the
 * answers it was given and records which version gave them.
 */
export type { FollowUp, NeedOutcomeRule, OutcomeCondition, ReadinessWatch } from './policy-version';

const ruleOf = (type: TaskType, policy: PolicyVersion): NeedOutcomeRule | undefined => policy.figures.needs.outcomeRules[type];

function holds(c: OutcomeCondition, outcome: Record<string, unknown>): boolean {
  const value = outcome[c.field];
  if ('oneOf' in c) return c.oneOf.includes(value as string | boolean);
  if ('present' in c) return typeof value === 'string' && value.trim().length > 0;
  return Array.isArray(value) && value.length >= c.minItems;
}

/** Does this outcome meet its need under the policy's rules? A task type without a rule meets it by being done. */
export function outcomeMeetsNeed(type: TaskType, outcome: unknown, policy: PolicyVersion = DEFAULT_POLICY): boolean {
  const rule = ruleOf(type, policy);
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
  const rule = ruleOf(type, policy);
  if (!rule || outcomeMeetsNeed(type, outcome, policy)) return { meets: true, rulesVersion: policy.id, unmetMeans: null, followUp: null };
  const next = rule.followUps[Math.min(previousUnmet, rule.followUps.length - 1)];
  return {
    meets: false,
    rulesVersion: policy.id,
    unmetMeans: rule.unmetMeans,
    followUp: { ...next, dueDate: addWorkingDays(completedOn, policy.figures.needs.followUpWorkingDays) },
  };
}

/** The date a follow-up of a need opened today is due (needs reopened in the community). */
export const needFollowUpDue = (from: IsoDate, policy: PolicyVersion): IsoDate => addWorkingDays(from, policy.figures.needs.followUpWorkingDays);

/** The part of a need the readiness check reads. */
export interface NeedFacts {
  status: string;
  open: readonly string[];
}

/** The watched needs still unmet (keys of the policy's readiness watch, in its order). */
export function readinessGaps(needs: Partial<Record<Pathway, NeedFacts>>, policy: PolicyVersion = DEFAULT_POLICY): string[] {
  return policy.figures.needs.readinessWatch.filter((w) => {
    const need = needs[w.pathway];
    if (!need || (need.status !== 'SUPPORT_REQUIRED' && need.status !== 'IN_PROGRESS')) return false;
    return w.taskType === null || need.open.includes(w.taskType);
  }).map((w) => w.key);
}

export const readinessLabel = (key: string, policy: PolicyVersion = DEFAULT_POLICY): string => policy.figures.needs.readinessWatch.find((w) => w.key === key)?.label ?? key;

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
