import type { Deadline, IsoDate, IsoInstant, KeyDates, LostContactTimers, SupervisionPlan } from '../libs/policy/src';

export type { Deadline, SupervisionPlan };
import type { DeadlineBasis, ProjectionBatch, ProjectionResult, SentenceFacts } from '../libs/contracts/src';
import type { TaskType } from '../libs/contracts/src';

/** The activity interface the pathway workflow sees (it imports this file as types only). */
export interface KeyDatesResult {
  policyVersionId: string;
  keyDates: KeyDates;
  compressed: string[];
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
  computeKeyDates(req: { sentence: SentenceFacts; policyVersionId?: string; now: IsoInstant }): Promise<KeyDatesResult>;
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
    now: IsoInstant;
  }): Promise<SupervisionPlan>;
  lostContactTimers(req: { policyVersionId: string; lastSuccessfulContactOn: IsoDate }): Promise<LostContactTimers>;
  prisonAccessUntil(req: { policyVersionId: string; acceptedAt: IsoInstant }): Promise<IsoDate>;
  daysBetween(req: { from: IsoDate; to: IsoDate }): Promise<number>;
  project(batch: ProjectionBatch): Promise<void>;
  /**
   * The projection as a local activity inside the workflow task that made the change, fenced by
   * that task's start time. A row the database refuses (a data error) fails at once with
   * `ProjectionDataError` and raises an alert for administrators.
   */
  projectCase(batch: ProjectionBatch & { fence: number }): Promise<ProjectionResult>;
  /** Everything a new case's first run needs of the policy, in one call. */
  planFirstRun(req: FirstRunRequest): Promise<FirstRunPlan>;
}

/** A new case's first run: its key dates, then the deadlines and window openings that follow from them. */
export interface FirstRunRequest {
  sentence: SentenceFacts;
  policyVersionId?: string;
  now: IsoInstant;
}

export interface FirstRunPlan extends KeyDatesResult {
  screening: Deadline;
  /** Present when the case has a handover date and the COM is not responsible from the start. */
  comAllocation: Deadline | null;
  /** Start-of-day instants of the pre-release review window and release day, when those dates are known. */
  preReleaseReviewOpensAt: IsoInstant | null;
  releaseDayAt: IsoInstant | null;
}
