import { ActivityFailure, ApplicationFailure, condition, log, patched, proxyActivities, proxyLocalActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { PathwayActivities } from '../../activities/pathway-activities.types';
import type {
  Actor,
  AuditEvent,
  CommandResult,
  ContactEvent,
  ErrorCode,
  NotificationEvent,
  NotificationKind,
  PathwayStartInput,
  PathwayState,
  TaskState,
  TaskType,
} from '@ttg/contracts';
import { isOpenTask, pathwaySearchAttributes, PROJECTION_DATA_ERROR, searchFactsKey, startedSearchFactsKey, type ProjectionBatch } from '@ttg/contracts';

/**
 * The lean pathway (patch id kept for the histories before it): the projection runs as a local
 * activity inside the workflow task of the change, fenced by that task's start time; a new
 * case's first run asks the policy once; search attributes are upserted only when they change.
 */
export const LEAN_PATCH = 'projection-local-activity';

/**
 * The pathway's patches when starts began to carry their plan (`input.firstRun`): a history
 * started with a plan ran under every one of them from its start, so it takes them as applied
 * without recording a marker for each. A patch added after this list is not in it and is asked
 * of Temporal (`patched`) as usual.
 */
export const PATCHES_OF_PLANNED_STARTS: ReadonlySet<string> = new Set([
  LEAN_PATCH,
  'compressed-deadline-on-the-task',
  'only-notifications-to-act-on',
  'custody-stages-only-advance',
  'victim-contact-from-sentence',
  'supervision-from-the-law',
  'outcome-checkpoint-weeks',
  'handover-follows-every-date-change',
  'needs-and-outcomes',
  'screening-one-policy-call',
  'pre-release-review-revises-needs',
]);


/** Pure date arithmetic on policy: short local activities (recorded once, replayed from history). */
export const policy = proxyLocalActivities<PathwayActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['PolicyValidationError', 'CalendarOutOfRangeError'] },
});
/**
 * Writes to the read model inside the change's workflow task: retried until PostgreSQL answers,
 * except a data error (the database refuses the rows whatever the retry: an alert is raised).
 */
const projector = proxyLocalActivities<Pick<PathwayActivities, 'projectCase'>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [PROJECTION_DATA_ERROR] },
});
/** Writes to the read model (histories before the lean pathway): retried until PostgreSQL answers (idempotent and version-guarded), except a data error. */
const readModel = proxyActivities<Pick<PathwayActivities, 'project'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** A command the workflow refuses, with the error code the API answers with. */
export function reject(code: ErrorCode, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true, details: details === undefined ? [] : [details] });
}

/** Workflow time now, to the second. */
export const nowIso = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
export const ms = (iso: string): number => new Date(iso).getTime();

interface AuditDetails {
  taskId?: string;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

/**
 * One run of a case's pathway: its state, the changes not yet projected, and the turn-taking
 * between command handlers and the deadline loop. Every change ends with one projection.
 */
export class PathwayRun {
  /** Set before any command can be accepted (commands wait for `ready`). */
  state!: PathwayState;
  private readonly pending = { audit: [] as AuditEvent[], notifications: [] as NotificationEvent[], contacts: [] as ContactEvent[], tasks: new Set<string>() };
  busy = false;
  /** Set by every change, so the deadline loop recomputes its next wake-up. */
  woken = false;
  /** Commands wait until the case's first state exists and is projected. */
  ready: boolean;
  /** Set once at the start of the run from the workflow's patch marker (LEAN_PATCH). */
  lean = false;
  /** The read model refused to create the case's row: another active case has the prison number. */
  refused?: { duplicateOf: string | null };
  /** The search attributes last upserted (lean pathway: upserted again only when they change). */
  private searchAttributesSent = '';

  constructor(readonly input: PathwayStartInput) {
    this.ready = input.carried !== undefined;
    // A start that set its search attributes (the API does at reception) needs no upsert until they change.
    this.searchAttributesSent = input.carried ? '' : startedSearchFactsKey(workflowInfo().typedSearchAttributes);
  }

  /** Whether this history runs a patched change: applied for a planned start (PATCHES_OF_PLANNED_STARTS), else Temporal's `patched`. */
  patched(id: string): boolean {
    return (this.input.firstRun !== undefined && PATCHES_OF_PLANNED_STARTS.has(id)) || patched(id);
  }

  audit(actor: Actor, action: string, details: AuditDetails = {}): void {
    const state = this.state;
    state.seq.event += 1;
    this.pending.audit.push({
      id: `${state.caseId}-e${state.seq.event}`,
      caseId: state.caseId,
      at: nowIso(),
      actorId: actor.userId,
      actorRole: actor.role,
      action,
      taskId: details.taskId ?? null,
      before: details.before ?? null,
      after: details.after ?? null,
      details: details.details ?? null,
    });
  }

  notify(kind: NotificationKind, task: TaskState | null, audience: NotificationEvent['audience'], recipientUserId: string | null, message: string): void {
    const state = this.state;
    state.seq.event += 1;
    this.pending.notifications.push({
      id: `${state.caseId}-n${state.seq.event}`,
      caseId: state.caseId,
      taskId: task?.id ?? null,
      kind,
      audience,
      recipientUserId,
      message,
      createdAt: nowIso(),
    });
  }

  recordContact(contact: ContactEvent): void {
    this.pending.contacts.push(contact);
  }

  /** Marks a task changed: it goes to the read model with the next projection. */
  touch(task: TaskState): void {
    this.pending.tasks.add(task.id);
  }

  findTask(taskId: string): TaskState | undefined {
    return this.state.tasks.find((t) => t.id === taskId);
  }

  openTasks(type?: TaskType): TaskState[] {
    return this.state.tasks.filter((t) => isOpenTask(t.status) && (type === undefined || t.type === type));
  }

  result(task?: TaskState): CommandResult {
    return { caseId: this.state.caseId, version: this.state.version, stage: this.state.stage, task: task ? { ...task } : undefined };
  }

  /** Projects the new version (the changed tasks and the events since the last one), then the search attributes. */
  async flush(): Promise<void> {
    const state = this.state;
    state.version += 1;
    const { tasks, scheduled: _scheduled, ...caseState } = state;
    const batch = {
      caseId: state.caseId,
      version: state.version,
      state: caseState,
      tasks: tasks.filter((t) => this.pending.tasks.has(t.id)),
      audit: this.pending.audit.splice(0),
      notifications: this.pending.notifications.splice(0),
      contacts: this.pending.contacts.splice(0),
    };
    this.pending.tasks.clear();
    if (this.lean) await this.projectHere(batch, tasks);
    else await readModel.project(batch).catch((err) => this.carryOnAfterDataError(err, batch));
    if (this.input.searchAttributes) {
      const facts = { stage: state.stage, prisonCode: state.prisonCode, regionCode: state.regionCode, overdue: state.tasks.some((t) => t.overdue && isOpenTask(t.status)), releaseDate: state.keyDates.releaseDate };
      const sent = searchFactsKey(facts);
      if (this.lean && sent === this.searchAttributesSent) return;
      this.searchAttributesSent = sent;
      upsertSearchAttributes(pathwaySearchAttributes(facts));
    }
  }

  /**
   * Projects in this workflow task (a local activity), fenced by the task's start time so that a
   * write from a task that then failed is replaced by its retry. A data error leaves the case
   * working (an alert is raised; an administrator re-projects it once the cause is fixed).
   */
  private async projectHere(batch: ProjectionBatch, allTasks: TaskState[]): Promise<void> {
    try {
      const result = await projector.projectCase({ ...batch, fence: Date.now(), allTasks });
      if (result.duplicateOf !== undefined) this.refused = { duplicateOf: result.duplicateOf };
    } catch (err) {
      this.carryOnAfterDataError(err, batch);
    }
  }

  /** A data error's alert is raised by the activity: the case carries on; anything else fails the task as before. */
  private carryOnAfterDataError(err: unknown, batch: ProjectionBatch): void {
    const failure = err instanceof ActivityFailure ? err.cause : err;
    if (!(failure instanceof ApplicationFailure && failure.type === PROJECTION_DATA_ERROR)) throw err;
    log.warn('the read model refused a version of the case: an alert is raised', { caseId: batch.caseId, version: batch.version });
  }

  /** A new case whose row could not be created answers as a second active case would. */
  assertCreated(): void {
    if (this.refused) reject('CASE_ALREADY_ACTIVE', 'The prison number already has an active case', this.refused.duplicateOf ? { id: this.refused.duplicateOf } : undefined);
  }

  /** Serialises every change: handlers and the deadline loop take turns, each ends projected. */
  async exclusive<T>(work: () => Promise<T>, initial = false): Promise<T> {
    await condition(() => !this.busy && (this.ready || initial));
    this.busy = true;
    try {
      const result = await work();
      await this.flush();
      this.woken = true;
      return result;
    } finally {
      this.busy = false;
    }
  }
}
