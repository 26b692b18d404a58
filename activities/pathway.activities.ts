import { ApplicationFailure } from '@temporalio/common';
import {
  comAllocationBasis,
  DEFAULT_POLICY,
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
  planFirstRun,
  planSupervision,
  policyDateOfReception,
  PolicyValidationError,
  prisonReadAccessEnds,
  startOfDayInstant,
  victimContactReferralDue,
  type IsoDate,
  type PolicyVersion,
} from '@ttg/policy';
import { PROJECTION_DATA_ERROR, type ProjectionBatch, type SentenceFacts, type ProjectionResult } from '@ttg/contracts';
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
  projection: {
    apply(batch: ProjectionBatch): Promise<ProjectionResult>;
    /** The SQLSTATE of an error the database raises whatever the retry (a data error), else undefined. */
    dataErrorOf(err: unknown): string | undefined;
    raiseAlert(caseId: string, version: number, sqlstate: string, message: string): Promise<void>;
  };
}

/**
 * The pathway's activities: thin adapters from the workflow to the policy module (every date
 * rule lives in libs/policy) and to the read model. Names, inputs and outputs are part of
 * recorded histories.
 */
export function createPathwayActivities(deps: PathwayActivityDeps): PathwayActivities {
  const policyFor = (id: string) => deps.policies.byId(id);
  const keyDatesOf = async (req: { sentence: SentenceFacts; policyVersionId?: string; earlierReleaseFrom?: IsoDate }): Promise<KeyDatesResult> => {
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
  };
  /**
   * Writes a batch; a data error (the database refuses these rows whatever the retry) tells
   * administrators and fails without retry, so the workflow carries on (the case is re-projected
   * once the cause is fixed). Both the lean projection and the one of earlier histories use it.
   */
  const refusedAsDataError = async <T>(batch: { caseId: string; version: number }, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (err) {
      const sqlstate = deps.projection.dataErrorOf(err);
      if (sqlstate === undefined) throw err;
      const message = err instanceof Error ? err.message : String(err);
      await deps.projection.raiseAlert(batch.caseId, batch.version, sqlstate, message);
      throw ApplicationFailure.nonRetryable(`read model refused version ${batch.version} of case ${batch.caseId} (SQLSTATE ${sqlstate})`, PROJECTION_DATA_ERROR);
    }
  };

  return {
    computeKeyDates: keyDatesOf,
    async planFirstRun(req) {
      const kd = await keyDatesOf(req);
      return planFirstRun(req.sentence, policyFor(kd.policyVersionId), req.now);
    },
    async planScreened(req) {
      await deps.policies.ensure?.(req.policyVersionId);
      const policy = policyFor(req.policyVersionId);
      const screenedOn = londonDateOf(req.completedAt);
      const working = (taskType: 'RISK_SCREENING' | 'RESETTLEMENT_PLAN') => planDeadline({ kind: 'WORKING_DAYS', from: screenedOn, taskType }, req.keyDates, req.now, policy);
      const resettlementPlan = working('RESETTLEMENT_PLAN');
      return {
        screenedOn,
        riskScreening: working('RISK_SCREENING'),
        resettlementPlan,
        comAllocation: req.allocateCom ? planDeadline({ kind: 'DATE', on: resettlementPlan.dueDate }, req.keyDates, req.now, policy) : null,
        readinessAlarms: req.readinessFor ? readinessAlarms(req.readinessFor, policy).map(({ key, at }) => ({ key, at })) : null,
      };
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
      await refusedAsDataError(batch, () => deps.projection.apply(batch));
    },
    async assessOutcome(req) {
      await deps.policies.ensure?.(req.policyVersionId);
      return assessOutcome(req.taskType, req.outcome, londonDateOf(req.completedAt), req.previousUnmet, policyFor(req.policyVersionId));
    },
    async readinessAlarms(req) {
      await deps.policies.ensure?.(req.policyVersionId);
      return readinessAlarms(req.releaseDate, policyFor(req.policyVersionId)).map(({ key, at }) => ({ key, at }));
    },
    async readinessGaps({ needs, policyVersionId }) {
      if (policyVersionId) await deps.policies.ensure?.(policyVersionId);
      const version = policyVersionId ? policyFor(policyVersionId) : DEFAULT_POLICY;
      const keys = readinessGaps(needs, version);
      return { keys, labels: keys.map((k) => readinessLabel(k, version)) };
    },
    async needFollowUpDue(req) {
      await deps.policies.ensure?.(req.policyVersionId);
      return needFollowUpDue(req.from, policyFor(req.policyVersionId));
    },
    async projectCase(batch) {
      return refusedAsDataError(batch, () => deps.projection.apply(batch));
    },
  };
}
