import type { ComAllocationBasis, Deadline, EndDates, FirstRunPlan, IsoDate, IsoInstant, KeyDates, LostContactTimers, SupervisionFacts, SupervisionPlan, NeedFacts, OutcomeAssessment } from '@ttg/policy';

export type { ComAllocationBasis, Deadline, EndDates, SupervisionPlan };
import type { DeadlineBasis, ProjectionBatch, ProjectionResult, SentenceFacts } from '@ttg/contracts';
import type { Pathway, ReadinessAlarm, TaskType } from '@ttg/contracts';

/** The activity interface the pathway workflow sees (it imports this file as types only). */
export interface KeyDatesResult {
  policyVersionId: string;
  keyDates: KeyDates;
  compressed: string[];
  /** Set when a recorded one-day-earlier decision applied: the release date it moved from. */
  earlierReleaseFrom?: IsoDate | null;
}

export interface DeadlineRequest {
  policyVersionId: string;
  taskType: TaskType;
  basis: DeadlineBasis;
  keyDates: KeyDates;
  /** Workflow time now: a step cannot be due before it can start. */
  now: IsoInstant;
}

export interface PathwayActivities {
  computeKeyDates(req: {
    sentence: SentenceFacts;
    policyVersionId?: string;
    now: IsoInstant;
    /** A recorded decision to release one eligible working day earlier than this effective release date (applies while it stands). */
    earlierReleaseFrom?: IsoDate;
  }): Promise<KeyDatesResult>;
  planDeadline(req: DeadlineRequest): Promise<Deadline>;
  /** The instant a date-only window opens (start of that day, Europe/London). */
  startOfDay(req: { date: IsoDate }): Promise<IsoInstant>;
  londonDate(req: { at: IsoInstant }): Promise<IsoDate>;
  planSupervision(req: {
    policyVersionId: string;
    releasedOn: IsoDate;
    /** On re-release after recall: the supervision days left when it paused. */
    remainingDays?: number;
    monthsAlreadyRecorded: number[];
    weeksAlreadyRecorded?: number[];
    now: IsoInstant;
    /** The sentence facts: supervision ends when the law says (`supervisionEnd`). */
    facts?: SupervisionFacts;
    /** On re-release after recall: the end date stays where it was. */
    keepEndsOn?: IsoDate | null;
    lostContactAtEndOfDay?: boolean;
  }): Promise<SupervisionPlan>;
  lostContactTimers(req: { policyVersionId: string; lastSuccessfulContactOn: IsoDate; atEndOfDay?: boolean }): Promise<LostContactTimers>;
  /** Time unlawfully at large moves every known end date later by that many days. */
  moveEndDates(req: { endDates: EndDates; days: number }): Promise<EndDates>;
  /** Whether a COM allocation is needed after a change of dates, and the date it is counted from. */
  comAllocationBasis(req: { keyDates: KeyDates; resettlementPlanDueOn: IsoDate | null }): Promise<ComAllocationBasis>;
  /** The victim liaison referral: due N working days after the sentence date. */
  victimReferralDue(req: { policyVersionId: string; sentenceStartDate: IsoDate }): Promise<IsoDate>;
  prisonAccessUntil(req: { policyVersionId: string; acceptedAt: IsoInstant }): Promise<IsoDate>;
  daysBetween(req: { from: IsoDate; to: IsoDate }): Promise<number>;
  project(batch: ProjectionBatch): Promise<void>;
  /** Needs and outcomes (the policy's need rules): does an outcome meet its need, and what follows if not. */
  assessOutcome(req: { policyVersionId: string; taskType: TaskType; outcome: unknown; completedAt: IsoInstant; previousUnmet: number }): Promise<OutcomeAssessment>;
  /** The readiness alarms before a release date. */
  readinessAlarms(req: { policyVersionId: string; releaseDate: IsoDate }): Promise<Pick<ReadinessAlarm, 'key' | 'at'>[]>;
  /** The watched needs still unmet (keys), and their words for a message. */
  /** The watched needs still unmet, under the case's policy version (histories before it was passed read the shipped version's watch). */
  readinessGaps(req: { needs: Partial<Record<Pathway, NeedFacts>>; policyVersionId?: string }): Promise<{ keys: string[]; labels: string[] }>;
  /** The due date of a need's action opened on a date (a need reopened after release). */
  needFollowUpDue(req: { policyVersionId: string; from: IsoDate }): Promise<IsoDate>;
  /**
   * The projection as a local activity inside the workflow task that made the change, fenced by
   * that task's start time. A row the database refuses (a data error) fails at once with
   * `ProjectionDataError` and raises an alert for administrators.
   */
  projectCase(batch: ProjectionBatch & { fence: number }): Promise<ProjectionResult>;
  /** Everything a new case's first run needs of the policy, in one call. */
  planFirstRun(req: FirstRunRequest): Promise<FirstRunPlan>;
  /** Everything a completed custody screening needs of the policy, in one call. */
  planScreened(req: ScreenedRequest): Promise<ScreenedPlan>;
}

/** A custody screening completed: the facts its transition asks the policy about. */
export interface ScreenedRequest {
  policyVersionId: string;
  keyDates: KeyDates;
  completedAt: IsoInstant;
  now: IsoInstant;
  /** The COM is responsible from the start and none is allocated: allocated when the resettlement plan is due. */
  allocateCom: boolean;
  /** The release date whose readiness alarms are planned, when the plan's alarms are live. */
  readinessFor: IsoDate | null;
}

export interface ScreenedPlan {
  /** The screening's date in London: the working-day deadlines count from it. */
  screenedOn: IsoDate;
  riskScreening: Deadline;
  resettlementPlan: Deadline;
  comAllocation: Deadline | null;
  readinessAlarms: Pick<ReadinessAlarm, 'key' | 'at'>[] | null;
}

/** A new case's first run: its key dates, then the deadlines and window openings that follow from them. */
export interface FirstRunRequest {
  sentence: SentenceFacts;
  policyVersionId?: string;
  now: IsoInstant;
}

/** The first run's plan (libs/policy `planFirstRun`): what the activity and the API's reception both answer. */
export type { FirstRunPlan };
