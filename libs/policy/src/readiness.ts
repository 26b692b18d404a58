import type { PolicyVersion } from './policy-version';

/**
 * Readiness for release, as managers watch overdue releases: who is due out
 * soon without what they need, and why. Pure rules over the read model's facts.
 */

/** Pathway statuses that leave nothing open at release: done, or no support needed or wanted. */
export const MET_PATHWAY_STATUSES: readonly string[] = ['DONE', 'SUPPORT_NOT_REQUIRED', 'SUPPORT_DECLINED'];

export const OVERDUE_RELEASE_REASONS = ['PAST_RELEASE_DATE_NOT_RELEASED', 'UNMET_NEEDS', 'NO_COM_ALLOCATED', 'HANDOVER_NOT_ACCEPTED', 'OVERDUE_TASKS'] as const;
export type OverdueReleaseReason = (typeof OVERDUE_RELEASE_REASONS)[number];

export interface ReleaseReadinessFacts {
  /** The release date has passed and the person has not been released. */
  pastReleaseDate: boolean;
  /** Status by pathway; a pathway missing here has not started. */
  pathways: Record<string, string | undefined>;
  comUserId: string | null;
  handoverStatus: string | null;
  overdueTasks: number;
  /** The needs unmet now (the read model's list, from the needs plan); when given, it decides UNMET_NEEDS instead of `pathways`. */
  unmetNeeds?: readonly string[];
}

/** The pathways (of `all`, in that order) whose need is still open. */
export function unmetPathways<P extends string>(pathways: Record<string, string | undefined>, all: readonly P[]): P[] {
  return all.filter((p) => !MET_PATHWAY_STATUSES.includes(pathways[p] ?? 'NOT_STARTED'));
}

/** Why a person due out is not ready: empty when they are. */
export function overdueReleaseReasons<P extends string>(facts: ReleaseReadinessFacts, all: readonly P[]): OverdueReleaseReason[] {
  const reasons: OverdueReleaseReason[] = [];
  if (facts.pastReleaseDate) reasons.push('PAST_RELEASE_DATE_NOT_RELEASED');
  if ((facts.unmetNeeds ?? unmetPathways(facts.pathways, all)).length > 0) reasons.push('UNMET_NEEDS');
  if (!facts.comUserId) reasons.push('NO_COM_ALLOCATED');
  else if (facts.handoverStatus !== 'ACCEPTED') reasons.push('HANDOVER_NOT_ACCEPTED');
  if (facts.overdueTasks > 0) reasons.push('OVERDUE_TASKS');
  return reasons;
}

/** How far ahead the overdue-release list looks: from when the pre-release review opens (12 weeks). */
export function overdueReleaseWindowDays(policy: PolicyVersion): number {
  return policy.figures.preReleaseReview.opensDaysBeforeRelease;
}

/** An officer's load (cases allocated plus open tasks) against the caseload threshold. */
export function caseload(casesAllocated: number, openTasks: number, threshold: number): { load: number; overThreshold: boolean } {
  const load = casesAllocated + openTasks;
  return { load, overThreshold: load > threshold };
}
