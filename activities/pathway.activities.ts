import { ApplicationFailure } from '@temporalio/common';
import {
  comAllocationBasis,
  daysBetween,
  EARLIER_RELEASE_RULE,
  assessOutcome,
  needFollowUpDue,
  readinessAlarms,
  readinessGaps,
  readinessLabel,
  explainKeyDates,
  londonDateOf,
  lostContactTimers,
  moveByUnlawfullyAtLarge,
  planDeadline,
  planSupervision,
  policyDateOfReception,
  PolicyValidationError,
  prisonReadAccessEnds,
  startOfDayInstant,
  victimContactReferralDue,
  type IsoDate,
  type PolicyVersion,
} from '../libs/policy/src';
import type { ProjectionBatch } from '../libs/contracts/src';
import type { KeyDatesResult, PathwayActivities } from './pathway-activities.types';

/** Where activities find policy versions (PostgreSQL in production, a fixed list in tests). */
export interface PolicyCatalogue {
  byId(id: string): PolicyVersion;
  current(onDate: IsoDate): PolicyVersion;
  /** Loads versions stored since start-up when `id` is not known yet. */
  ensure?(id: string): Promise<void>;
  refresh?(): Promise<void>;
}

export interface PathwayActivityDeps {
  policies: PolicyCatalogue;
  projection: { apply(batch: ProjectionBatch): Promise<unknown> };
}

/**
 * The pathway's activities: thin adapters from the workflow to the policy module (every date
 * rule lives in libs/policy) and to the read model. Names, inputs and outputs are part of
 * recorded histories.
 */
export function createPathwayActivities(deps: PathwayActivityDeps): PathwayActivities {
  const policyFor = (id: string) => deps.policies.byId(id);

  return {
    async computeKeyDates(req): Promise<KeyDatesResult> {
      if (req.policyVersionId) await deps.policies.ensure?.(req.policyVersionId);
      else await deps.policies.refresh?.();
      const policy = req.policyVersionId ? policyFor(req.policyVersionId) : deps.policies.current(policyDateOfReception(req.sentence.receptionAt));
      try {
        const earlier = req.earlierReleaseFrom ? { from: req.earlierReleaseFrom } : undefined;
        const { keyDates, compressed, explanations } = explainKeyDates(req.sentence, policy, earlier);
        if (!earlier) return { policyVersionId: policy.id, keyDates, compressed };
        const applied = explanations.releaseDate.rule === EARLIER_RELEASE_RULE;
        return { policyVersionId: policy.id, keyDates, compressed, earlierReleaseFrom: applied ? req.earlierReleaseFrom : null };
      } catch (err) {
        if (err instanceof PolicyValidationError) throw ApplicationFailure.nonRetryable(err.message, 'PolicyValidationError');
        throw err;
      }
    },
    async planDeadline(req) {
      await deps.policies.ensure?.(req.policyVersionId);
      return planDeadline(req.basis, req.keyDates, req.now, policyFor(req.policyVersionId));
    },
    async startOfDay({ date }) {
      return startOfDayInstant(date);
    },
    async londonDate({ at }) {
      return londonDateOf(at);
    },
    async planSupervision(req) {
      return planSupervision(req, policyFor(req.policyVersionId));
    },
    async lostContactTimers(req) {
      return lostContactTimers(req.lastSuccessfulContactOn, policyFor(req.policyVersionId), req.atEndOfDay);
    },
    async moveEndDates({ endDates, days }) {
      return moveByUnlawfullyAtLarge(endDates, days);
    },
    async comAllocationBasis({ keyDates, resettlementPlanDueOn }) {
      return comAllocationBasis(keyDates, resettlementPlanDueOn);
    },
    async victimReferralDue(req) {
      return victimContactReferralDue(req.sentenceStartDate, policyFor(req.policyVersionId));
    },
    async prisonAccessUntil(req) {
      return prisonReadAccessEnds(londonDateOf(req.acceptedAt), policyFor(req.policyVersionId));
    },
    async daysBetween({ from, to }) {
      return daysBetween(from, to);
    },
    async project(batch) {
      await deps.projection.apply(batch);
    },
    async assessOutcome(req) {
      await deps.policies.ensure?.(req.policyVersionId);
      return assessOutcome(req.taskType, req.outcome, londonDateOf(req.completedAt), req.previousUnmet, policyFor(req.policyVersionId));
    },
    async readinessAlarms(req) {
      await deps.policies.ensure?.(req.policyVersionId);
      return readinessAlarms(req.releaseDate, policyFor(req.policyVersionId)).map(({ key, at }) => ({ key, at }));
    },
    async readinessGaps({ needs }) {
      const keys = readinessGaps(needs);
      return { keys, labels: keys.map(readinessLabel) };
    },
    async needFollowUpDue(req) {
      await deps.policies.ensure?.(req.policyVersionId);
      return needFollowUpDue(req.from, policyFor(req.policyVersionId));
    },
  };
}
