import type { FirstRunPlan, KeyDates, SentenceFactDates, TimelineInput, IsoDate, IsoInstant } from '@ttg/policy';
import type {
  Actor,
  ContactKind,
  ContactOutcome,
  Pathway,
  PathwayStatus,
  RoshLevel,
  Stage,
  TaskSide,
  TaskStatus,
  TaskType,
} from './domain';
import type { VictimChoice } from './outcomes';
import type { PlanState } from './needs';

/** The workflow id of a case's pathway: derived from the case id, never from a name. */
export const pathwayWorkflowId = (caseId: string): string => `pathway-${caseId}`;
export const PATHWAY_WORKFLOW_TYPE = 'pathwayWorkflow';

/** Sentence facts the pathway runs on: the key-dates input (no personal data). */
export type SentenceFacts = TimelineInput;

export interface PathwayStartInput {
  caseId: string;
  prisonCode: string;
  regionCode: string;
  sentence: SentenceFacts;
  /** Policy version the case runs on; the latest effective one when absent. */
  policyVersionId?: string;
  startedBy: Actor;
  /** Register operator search attributes (stage, prison, region, release date, overdue). */
  searchAttributes?: boolean;
  /** Continue-as-new once history passes this many events (default: when Temporal suggests). */
  continueAsNewAfterEvents?: number;
  /** Carried across continue-as-new. */
  carried?: PathwayState;
  /** Who the case is about: the projection creates the case's row from it (new cases only). */
  person?: CasePerson;
  /**
   * The first run's plan, made by the API at reception under `policyVersionId` (starts before
   * it ask the policy from the workflow). A start with a plan also takes every patch of
   * `PATCHES_OF_PLANNED_STARTS` as applied, without a marker.
   */
  firstRun?: FirstRunPlan;
}

/**
 * The person a case is about. Personal data: carried in the workflow's input and state so the
 * read model's row can be written from the workflow, never in workflow ids, memo, search
 * attributes or logs.
 */
export interface CasePerson {
  prisonNumber: string;
  givenName: string;
  familyName: string;
  dateOfBirth: IsoDate;
  /** Recorded at reception when given, so women's outcomes can be reported separately. */
  sex?: 'FEMALE' | 'MALE';
  /** The bulk import row that started the case, if one did. */
  importKey: string | null;
}

export interface TaskState {
  id: string;
  type: TaskType;
  pathway: Pathway | null;
  side: TaskSide;
  status: TaskStatus;
  assignee: string | null;
  title: string;
  dueDate: IsoDate;
  /** The instant the task becomes overdue. */
  dueAt: IsoInstant;
  reminderAt: IsoInstant | null;
  escalateAt: IsoInstant | null;
  reminded: boolean;
  overdue: boolean;
  escalated: boolean;
  compressed: boolean;
  /** What the due date is counted from, so a date change can re-base it. */
  basis: DeadlineBasis;
  createdAt: IsoInstant;
  completedAt: IsoInstant | null;
  completedBy: string | null;
  outcome: unknown;
  /** For outcome checkpoints: months after release. */
  checkpointMonths: number | null;
  /** For the checkpoints counted in weeks: weeks after release. */
  checkpointWeeks?: number;
  /** Victim contact tasks: the referral from sentence, the victim's requested licence conditions, or liaison on a change. */
  victimStep?: VictimStep;
}

export type VictimStep = 'REFERRAL' | 'CONDITIONS' | 'LIAISON';

/** How a task's deadline is derived; re-derived on a release-date change. */
export type DeadlineBasis =
  | { kind: 'INSTANT'; at: IsoInstant }
  | { kind: 'DATE'; on: IsoDate }
  | { kind: 'KEY_DATE'; keyDate: 'dutyToReferDue' | 'preReleaseReviewDue' | 'releaseDate' | 'handoverOrReview' }
  | { kind: 'COM_ALLOCATION'; handoverDate: IsoDate }
  | { kind: 'WORKING_DAYS'; from: IsoDate; taskType: TaskType };

/** A step that opens on a date (a window), then becomes a task. */
export interface ScheduledStep {
  key: string;
  type: TaskType;
  opensAt: IsoInstant;
  pathway: Pathway | null;
  meta?: { months?: number; weeks?: number };
}

export type HandoverStatus =
  | 'NOT_DUE'
  | 'ALLOCATION_DUE'
  | 'COM_ALLOCATED'
  | 'AWAITING_ACCEPTANCE'
  | 'SENT_BACK'
  | 'ACCEPTED';

export interface HandoverState {
  handoverDate: IsoDate | null;
  comResponsibleFromStart: boolean;
  status: HandoverStatus;
  comUserId: string | null;
  comTeamCode: string | null;
  acceptedAt: IsoInstant | null;
  /** Last day prison staff can read the case after handover (inclusive). */
  prisonAccessUntil: IsoDate | null;
  sentBackReason: string | null;
  allocationOverdue: boolean;
  allocationEscalated: boolean;
}

export interface RiskState {
  roshLevel: RoshLevel | null;
  domesticAbuse: 'REQUESTED' | 'NO_CONCERNS' | 'CONCERNS' | null;
  safeguarding: 'REQUESTED' | 'NO_CONCERNS' | 'CONCERNS' | null;
  riskManagementPlan: string | null;
  homeVisitRequired: boolean;
}

export interface SupervisionState {
  releasedOn: IsoDate;
  /** Null where the licence has no fixed end (indeterminate): open until a recorded licence termination. */
  endsOn: IsoDate | null;
  lastSuccessfulContactOn: IsoDate;
  contacts: number;
  lostContactFlagAt: IsoInstant | null;
  lostContactEscalateAt: IsoInstant | null;
  lostContact: boolean;
  lostContactEscalated: boolean;
  paused: boolean;
  pausedAt: IsoInstant | null;
  remainingDaysAtPause: number | null;
  warnings: number;
  breachActions: number;
  recalls: number;
  endReached: boolean;
  /** Days unlawfully at large recorded so far (each moved the end dates later). */
  unlawfullyAtLargeDays?: number;
  /** A licence with no fixed end: the date its termination was recorded. */
  licenceTerminatedOn?: IsoDate | null;
}

/** A recorded decision to release one eligible working day earlier than the effective release date. */
export interface EarlierReleaseDecision {
  /** The effective release date it moved from (the decision stands while that stays the release date). */
  from: IsoDate;
  to: IsoDate;
  reason: string;
  decidedBy: string;
}

export interface PathwayState {
  caseId: string;
  /** Increases with every change; the read model never overwrites a newer version. */
  version: number;
  policyVersionId: string;
  prisonCode: string;
  regionCode: string;
  sentence: SentenceFacts;
  stage: Stage;
  keyDates: KeyDates;
  compressed: string[];
  needs: Partial<Record<Pathway, boolean>>;
  pathways: Record<Pathway, PathwayStatus>;
  tasks: TaskState[];
  scheduled: ScheduledStep[];
  handover: HandoverState;
  risk: RiskState;
  prerelease: { releaseAddress: string | null; licenceConditions: string[]; provisionalFirstAppointment: { date: IsoDate; location: string } | null };
  release: { releasedOn: IsoDate; outcomes: unknown } | null;
  supervision: SupervisionState | null;
  /** Each checkpoint's outcome: `weeks` for the ones counted in weeks (`months` is then 0). */
  outcomes: { months: number; weeks?: number; recordedAt: IsoInstant; outcome: unknown }[];
  closedAt: IsoInstant | null;
  closureSummary: string | null;
  seq: { task: number; event: number };
  /** One eligible working day earlier than the law's release date, on request; absent or null when none stands. */
  earlierRelease?: EarlierReleaseDecision | null;
  /** The victim contact scheme: the victim's choice at referral and the licence conditions they asked for. */
  victim?: { choice: VictimChoice | null; requestedLicenceConditions: string[] };
  /** The living resettlement plan: needs, their history, screening's immediate needs and risk flags (needs-and-outcomes). */
  plan?: PlanState;
  /** Cases started with their person (creation by the workflow): the projection creates the row. */
  person?: CasePerson;
}

// ---- Updates (staff commands). Every one carries the actor. ----
export interface ClaimTaskCommand { taskId: string; actor: Actor }
export interface ReleaseTaskCommand { taskId: string; actor: Actor }
export interface AssignTaskCommand { taskId: string; userId: string; actor: Actor }
export interface CompleteTaskCommand {
  taskId: string;
  outcome: unknown;
  actor: Actor;
  /** The day the work was done, when it is recorded on a later day (checked at the edge: not in the future, not before reception). */
  doneOn?: IsoDate;
}
export interface ChangeReleaseDatesCommand extends Partial<SentenceFactChanges> {
  conditionalReleaseDate?: IsoDate | null;
  automaticReleaseDate?: IsoDate | null;
  paroleEligibilityDate?: IsoDate | null;
  homeDetentionCurfew?: boolean;
  reason: string;
  actor: Actor;
}

/** The law's sentence dates a change of release dates may give (null clears one: HDC refused or revoked clears hdcApprovedDate). */
export type SentenceFactChanges = { [K in keyof SentenceFactDates]-?: IsoDate | null };
export const SENTENCE_FACT_FIELDS = ['sentenceExpiryDate', 'licenceExpiryDate', 'topUpSupervisionExpiryDate', 'hdcEligibilityDate', 'hdcApprovedDate', 'tariffDate'] as const satisfies readonly (keyof SentenceFactDates)[];
export interface TerminateLicenceCommand { terminatedOn: IsoDate; reason: string; actor: Actor }
/** The most days unlawfully at large one record can give (ten years). */
export const MAX_UNLAWFULLY_AT_LARGE_DAYS = 3653;
export interface UnlawfullyAtLargeCommand { days: number; reason: string; actor: Actor }
export interface EarlierReleaseCommand { reason: string; actor: Actor }
export interface TransferCommand {
  prisonCode: string;
  regionCode: string;
  reason: string;
  actor: Actor;
  /** The prison the case was at when the command was sent, with its name, for the receiving prison's notification (absent in older histories). */
  fromPrison?: { code: string; name: string };
}
export interface RecordContactCommand {
  contactId: string;
  date: IsoDate;
  kind: ContactKind;
  outcome: ContactOutcome;
  notes?: string;
  actor: Actor;
}
export interface ChangeOfCircumstancesCommand {
  description: string;
  /** Needs this change reopens (cases with a needs plan). */
  pathways?: Pathway[];
  actor: Actor;
}
export interface BreachCommand { action: 'WARNING' | 'BREACH_ACTION'; reason: string; actor: Actor }
export interface RecallCommand { recalledAt: IsoInstant; reason: string; actor: Actor }
export interface ReReleaseCommand { releasedOn: IsoDate; actor: Actor }
export interface CloseCaseCommand { reason: string; actor: Actor }
export interface ReallocateComCommand { comUserId: string; teamCode: string; reason: string; actor: Actor }

/** What an Update answers: the case's new state version and the task it touched. */
export interface CommandResult {
  caseId: string;
  version: number;
  stage: Stage;
  task?: TaskState;
}

// ---- Projection to the read model ----
export interface AuditEvent {
  id: string;
  caseId: string;
  at: IsoInstant;
  actorId: string;
  actorRole: string;
  action: string;
  taskId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

export type NotificationKind = 'REMINDER' | 'OVERDUE' | 'ESCALATION' | 'LOST_CONTACT' | 'LOST_CONTACT_ESCALATION' | 'HANDOVER' | 'INFO';

export interface NotificationEvent {
  id: string;
  caseId: string;
  taskId: string | null;
  kind: NotificationKind;
  /** A named user, or everyone of this audience in the case's scope. */
  recipientUserId: string | null;
  audience: 'PRISON' | 'COMMUNITY' | 'MANAGER';
  message: string;
  createdAt: IsoInstant;
}

export interface ContactEvent {
  id: string;
  caseId: string;
  date: IsoDate;
  kind: ContactKind;
  outcome: ContactOutcome;
  notes: string | null;
  recordedBy: string;
  recordedAt: IsoInstant;
}

export interface ProjectionBatch {
  caseId: string;
  version: number;
  state: Omit<PathwayState, 'tasks' | 'scheduled'>;
  tasks: TaskState[];
  audit: AuditEvent[];
  notifications: NotificationEvent[];
  contacts: ContactEvent[];
  /** The workflow task's start time (ms): of two writes of one version the newer fence wins. */
  fence?: number;
  /** Every task of the case, so a write replacing an older fence's can restore the tasks it touched. */
  allTasks?: TaskState[];
}

/** The failure type of a projection the database refused (a data error): not retried, an alert is raised. */
export const PROJECTION_DATA_ERROR = 'ProjectionDataError';

/** What a projection did: applied, stale (a newer write is stored), or refused the row (another active case has the prison number). */
export interface ProjectionResult {
  applied: boolean;
  duplicateOf?: string | null;
}
