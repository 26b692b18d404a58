import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { PathwayActivities, Deadline } from '../activities/pathway-activities.types';
import {
  PATHWAYS,
  SYSTEM_ACTOR,
  contactSchema,
  describeProblems,
  parseOutcome,
  type Actor,
  type AssignTaskCommand,
  type AuditEvent,
  type BreachCommand,
  type ChangeOfCircumstancesCommand,
  type ChangeReleaseDatesCommand,
  type ClaimTaskCommand,
  type CloseCaseCommand,
  type CommandResult,
  type CompleteTaskCommand,
  type ContactEvent,
  type DeadlineBasis,
  type ErrorCode,
  type NotificationEvent,
  type NotificationKind,
  type Pathway,
  type PathwayStartInput,
  type PathwayState,
  type RecallCommand,
  type ReallocateComCommand,
  type RecordContactCommand,
  type ReleaseTaskCommand,
  type ReReleaseCommand,
  type RoshLevel,
  type ScheduledStep,
  type TaskSide,
  type TaskState,
  type TaskType,
  type TransferCommand,
  type TaskOutcome,
} from '../libs/contracts/src';

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------
export const claimTask = defineUpdate<CommandResult, [ClaimTaskCommand]>('claimTask');
export const releaseTask = defineUpdate<CommandResult, [ReleaseTaskCommand]>('releaseTask');
export const assignTask = defineUpdate<CommandResult, [AssignTaskCommand]>('assignTask');
export const completeTask = defineUpdate<CommandResult, [CompleteTaskCommand]>('completeTask');
export const changeReleaseDates = defineUpdate<CommandResult, [ChangeReleaseDatesCommand]>('changeReleaseDates');
export const transfer = defineUpdate<CommandResult, [TransferCommand]>('transfer');
export const recordContact = defineUpdate<CommandResult, [RecordContactCommand]>('recordContact');
export const changeOfCircumstances = defineUpdate<CommandResult, [ChangeOfCircumstancesCommand]>('changeOfCircumstances');
export const recordBreach = defineUpdate<CommandResult, [BreachCommand]>('recordBreach');
export const recall = defineUpdate<CommandResult, [RecallCommand]>('recall');
export const reRelease = defineUpdate<CommandResult, [ReReleaseCommand]>('reRelease');
export const closeCase = defineUpdate<CommandResult, [CloseCaseCommand]>('closeCase');
export const reallocateCom = defineUpdate<CommandResult, [ReallocateComCommand]>('reallocateCom');
export const sync = defineUpdate<CommandResult, [Record<string, never>]>('sync');
export const getState = defineQuery<PathwayState>('getState');

const TtgStage = defineSearchAttributeKey('TtgStage', SearchAttributeType.KEYWORD);
const TtgPrison = defineSearchAttributeKey('TtgPrison', SearchAttributeType.KEYWORD);
const TtgRegion = defineSearchAttributeKey('TtgRegion', SearchAttributeType.KEYWORD);
const TtgReleaseDate = defineSearchAttributeKey('TtgReleaseDate', SearchAttributeType.DATETIME);
const TtgOverdue = defineSearchAttributeKey('TtgOverdue', SearchAttributeType.BOOL);

// Pure date arithmetic on policy: short local activities (recorded once, replayed from history).
const policy = proxyLocalActivities<PathwayActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['PolicyValidationError', 'CalendarOutOfRangeError'] },
});
// Writes to the read model: retried until PostgreSQL answers (idempotent and version-guarded).
const readModel = proxyActivities<Pick<PathwayActivities, 'project'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const PATHWAY_TASK_TYPES: Partial<Record<Pathway, TaskType[]>> = {
  ACCOMMODATION: ['DUTY_TO_REFER', 'SECURE_ADDRESS'],
  EDUCATION_SKILLS_AND_WORK: ['ETE_REFERRAL'],
  FINANCE_ID_AND_DEBT: ['BANK_ACCOUNT', 'ID_DOCUMENTS', 'DEBT_ADVICE'],
};

const TASK_TITLES: Record<TaskType, string> = {
  CUSTODY_SCREENING: 'Custody screening (BCST part 1)',
  RISK_SCREENING: 'Risk of harm screening',
  DOMESTIC_ABUSE_CHECK: 'Domestic abuse check',
  SAFEGUARDING_CHECK: 'Child safeguarding check',
  RISK_MANAGEMENT_PLAN: 'Full risk assessment and risk management plan',
  RESETTLEMENT_PLAN: 'Resettlement plan (BCST part 2)',
  DUTY_TO_REFER: 'Duty to refer to the local housing authority',
  SECURE_ADDRESS: 'Secure a release address',
  ETE_REFERRAL: 'Education, training and employment assessment and referral',
  BANK_ACCOUNT: 'Open a bank account',
  ID_DOCUMENTS: 'Obtain ID documents',
  DEBT_ADVICE: 'Debt advice referral',
  PATHWAY_SUPPORT: 'Pathway support',
  PRE_RELEASE_REVIEW: 'Pre-release review',
  COM_ALLOCATION: 'Allocate a community offender manager',
  HANDOVER_ACCEPTANCE: 'Accept the handover',
  HANDOVER_PACK_REVISION: 'Revise the handover pack',
  VICTIM_CONTACT: 'Tell the victim liaison officer',
  RELEASE_OUTCOMES: 'Record release outcomes',
  FIRST_APPOINTMENT: 'First community appointment',
  HOME_VISIT: 'Home visit',
  RISK_REVIEW: 'Risk review',
  OUTCOME_CHECKPOINT: 'Record outcomes',
  CLOSURE: 'Close the case with an outcome summary',
};

const SIDE: Record<TaskType, TaskSide> = {
  CUSTODY_SCREENING: 'PRISON',
  RISK_SCREENING: 'PRISON',
  DOMESTIC_ABUSE_CHECK: 'PRISON',
  SAFEGUARDING_CHECK: 'PRISON',
  RISK_MANAGEMENT_PLAN: 'PRISON',
  RESETTLEMENT_PLAN: 'PRISON',
  DUTY_TO_REFER: 'PRISON',
  SECURE_ADDRESS: 'PRISON',
  ETE_REFERRAL: 'PRISON',
  BANK_ACCOUNT: 'PRISON',
  ID_DOCUMENTS: 'PRISON',
  DEBT_ADVICE: 'PRISON',
  PATHWAY_SUPPORT: 'PRISON',
  PRE_RELEASE_REVIEW: 'PRISON',
  COM_ALLOCATION: 'MANAGER',
  HANDOVER_ACCEPTANCE: 'COMMUNITY',
  HANDOVER_PACK_REVISION: 'PRISON',
  VICTIM_CONTACT: 'COMMUNITY',
  RELEASE_OUTCOMES: 'PRISON',
  FIRST_APPOINTMENT: 'COMMUNITY',
  HOME_VISIT: 'COMMUNITY',
  RISK_REVIEW: 'COMMUNITY',
  OUTCOME_CHECKPOINT: 'COMMUNITY',
  CLOSURE: 'COMMUNITY',
};

const CUSTODY_STAGE_ORDER: PathwayState['stage'][] = ['CUSTODY_SCREENING', 'RISK_SCREENING', 'RESETTLEMENT_PLAN', 'PATHWAY_WORK', 'PRE_RELEASE'];

const RISK_NEEDING_PLAN: RoshLevel[] = ['MEDIUM', 'HIGH', 'VERY_HIGH'];

function reject(code: ErrorCode, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true, details: details === undefined ? [] : [details] });
}

const nowIso = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const ms = (iso: string): number => new Date(iso).getTime();

// ---------------------------------------------------------------------------------------------
// The workflow
// ---------------------------------------------------------------------------------------------
export async function pathwayWorkflow(input: PathwayStartInput): Promise<PathwayState> {
  const pending = { audit: [] as AuditEvent[], notifications: [] as NotificationEvent[], contacts: [] as ContactEvent[], tasks: new Set<string>() };
  // Set before any command can be accepted: handlers are registered first (below) so that a
  // command arriving with the start is held until the case exists, never refused.
  let state!: PathwayState;
  let busy = false;
  let woken = false;
  // Commands wait until the case's first state exists and is projected.
  let ready = input.carried !== undefined;

  // --- state helpers -------------------------------------------------------------------------
  const audit = (actor: Actor, action: string, details: { taskId?: string; before?: unknown; after?: unknown; details?: unknown } = {}): void => {
    state.seq.event += 1;
    pending.audit.push({
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
  };
  const notify = (kind: NotificationKind, task: TaskState | null, audience: NotificationEvent['audience'], recipientUserId: string | null, message: string): void => {
    state.seq.event += 1;
    pending.notifications.push({
      id: `${state.caseId}-n${state.seq.event}`,
      caseId: state.caseId,
      taskId: task?.id ?? null,
      kind,
      audience,
      recipientUserId,
      message,
      createdAt: nowIso(),
    });
  };
  const touch = (task: TaskState): void => {
    pending.tasks.add(task.id);
  };
  const findTask = (taskId: string): TaskState | undefined => state.tasks.find((t) => t.id === taskId);
  const openTasks = (type?: TaskType): TaskState[] =>
    state.tasks.filter((t) => (t.status === 'OPEN' || t.status === 'IN_PROGRESS') && (type === undefined || t.type === type));

  async function deadlineFor(type: TaskType, basis: DeadlineBasis): Promise<Deadline> {
    const d = await policy.planDeadline({ policyVersionId: state.policyVersionId, taskType: type, basis, keyDates: state.keyDates, now: nowIso() });
    // A key date the policy already compressed (it fell before reception) stays flagged.
    const keyDateCompressed = basis.kind === 'KEY_DATE' && state.compressed.includes(basis.keyDate);
    return keyDateCompressed ? { ...d, compressed: true } : d;
  }

  async function createTask(type: TaskType, basis: DeadlineBasis, opts: { pathway?: Pathway | null; assignee?: string | null; title?: string; checkpointMonths?: number } = {}): Promise<TaskState> {
    const deadline = await deadlineFor(type, basis);
    state.seq.task += 1;
    const task: TaskState = {
      id: `${state.caseId}-t${state.seq.task}`,
      type,
      pathway: opts.pathway ?? null,
      side: SIDE[type],
      status: opts.assignee ? 'IN_PROGRESS' : 'OPEN',
      assignee: opts.assignee ?? null,
      title: opts.title ?? TASK_TITLES[type],
      ...deadline,
      reminded: false,
      overdue: false,
      escalated: false,
      basis,
      createdAt: nowIso(),
      completedAt: null,
      completedBy: null,
      outcome: null,
      checkpointMonths: opts.checkpointMonths ?? null,
    };
    state.tasks.push(task);
    touch(task);
    audit(SYSTEM_ACTOR, 'TASK_CREATED', { taskId: task.id, after: { type, dueDate: task.dueDate, compressed: task.compressed } });
    if (task.compressed) {
      notify('INFO', task, task.side, task.assignee, `${task.title} is due ${task.dueDate}: compressed because the policy deadline had already passed when the step opened.`);
    }
    return task;
  }

  function cancelTask(task: TaskState, actor: Actor, reason: string): void {
    if (task.status === 'COMPLETED' || task.status === 'CANCELLED') return;
    const before = task.status;
    task.status = 'CANCELLED';
    touch(task);
    audit(actor, 'TASK_CANCELLED', { taskId: task.id, before, after: 'CANCELLED', details: { reason } });
  }

  async function schedule(type: TaskType, opensOn: string, key: string, pathway: Pathway | null = null, meta?: ScheduledStep['meta']): Promise<void> {
    const opensAt = await policy.startOfDay({ date: opensOn });
    state.scheduled = state.scheduled.filter((s) => s.key !== key);
    state.scheduled.push({ key, type, opensAt, pathway, meta });
  }

  function setStage(next: PathwayState['stage'], actor: Actor = SYSTEM_ACTOR): void {
    if (state.stage === next) return;
    // Custody stages only move forward: a window that opened early (a short sentence) is not
    // undone by finishing an earlier step. Versioned: histories before this change replay as they ran.
    const order = CUSTODY_STAGE_ORDER.indexOf(next);
    if (order >= 0 && order < CUSTODY_STAGE_ORDER.indexOf(state.stage) && patched('custody-stages-only-advance')) return;
    audit(actor, 'STAGE_CHANGED', { before: state.stage, after: next });
    state.stage = next;
  }

  async function flush(): Promise<void> {
    state.version += 1;
    const { tasks, scheduled: _scheduled, ...caseState } = state;
    const batch = {
      caseId: state.caseId,
      version: state.version,
      state: caseState,
      tasks: tasks.filter((t) => pending.tasks.has(t.id)),
      audit: pending.audit.splice(0),
      notifications: pending.notifications.splice(0),
      contacts: pending.contacts.splice(0),
    };
    pending.tasks.clear();
    await readModel.project(batch);
    if (input.searchAttributes) {
      upsertSearchAttributes([
        { key: TtgStage, value: state.stage },
        { key: TtgPrison, value: state.prisonCode },
        { key: TtgRegion, value: state.regionCode },
        { key: TtgOverdue, value: state.tasks.some((t) => t.overdue && (t.status === 'OPEN' || t.status === 'IN_PROGRESS')) },
        ...(state.keyDates.releaseDate ? [{ key: TtgReleaseDate, value: new Date(`${state.keyDates.releaseDate}T00:00:00Z`) }] : []),
      ]);
    }
  }

  /** Serialises every change: handlers and the deadline loop take turns, each ends projected. */
  async function exclusive<T>(work: () => Promise<T>, initial = false): Promise<T> {
    await condition(() => !busy && (ready || initial));
    busy = true;
    try {
      const result = await work();
      await flush();
      woken = true;
      return result;
    } finally {
      busy = false;
    }
  }

  const result = (task?: TaskState): CommandResult => ({ caseId: state.caseId, version: state.version, stage: state.stage, task: task ? { ...task } : undefined });

  // --- validation shared by validators and handlers -----------------------------------------
  function assertOpenCase(): void {
    if (!ready) reject('UNAVAILABLE', 'The case is still starting: try again in a moment');
    if (state.stage === 'CLOSED') reject('CASE_CLOSED', 'The case is closed');
  }
  function workableTask(taskId: string): TaskState {
    assertOpenCase();
    const task = findTask(taskId);
    if (!task) reject('TASK_NOT_FOUND', `Task ${taskId} is not part of this case`);
    if (task.status === 'COMPLETED') reject('TASK_ALREADY_COMPLETED', `Task ${taskId} was completed at ${task.completedAt ?? ''}`, { ...task });
    if (task.status === 'CANCELLED') reject('TASK_CANCELLED', `Task ${taskId} was cancelled`, { ...task });
    return task;
  }
  function validateClaim(cmd: ClaimTaskCommand): TaskState {
    const task = workableTask(cmd.taskId);
    if (task.assignee !== null && task.assignee !== cmd.actor.userId) {
      reject('TASK_CLAIMED_BY_OTHER', `Task ${task.id} is already claimed by ${task.assignee}`, { ...task });
    }
    return task;
  }
  function validateRelease(cmd: ReleaseTaskCommand): TaskState {
    const task = workableTask(cmd.taskId);
    if (task.assignee !== cmd.actor.userId && cmd.actor.role !== 'MANAGER' && cmd.actor.role !== 'ADMIN') {
      reject('NOT_ASSIGNED_TO_YOU', `Task ${task.id} is not assigned to you`, { ...task });
    }
    return task;
  }
  function validateAssign(cmd: AssignTaskCommand): TaskState {
    const task = workableTask(cmd.taskId);
    if (!cmd.userId) reject('VALIDATION_FAILED', 'userId: must not be empty');
    return task;
  }
  function validateComplete(cmd: CompleteTaskCommand): { task: TaskState; outcome: unknown } {
    const task = workableTask(cmd.taskId);
    if (task.assignee !== null && task.assignee !== cmd.actor.userId && cmd.actor.role !== 'MANAGER' && cmd.actor.role !== 'ADMIN') {
      reject('NOT_ASSIGNED_TO_YOU', `Task ${task.id} is assigned to ${task.assignee}`, { ...task });
    }
    const parsed = parseOutcome(task.type, cmd.outcome);
    if (!parsed.ok) reject('INVALID_OUTCOME', describeProblems(parsed.problems), { problems: parsed.problems });
    if (task.type === 'RELEASE_OUTCOMES' && state.stage === 'SUPERVISION') reject('INVALID_STATE', 'The person has already been released');
    return { task, outcome: parsed.value };
  }
  function validateDates(cmd: ChangeReleaseDatesCommand): void {
    assertOpenCase();
    if (state.stage === 'SUPERVISION') reject('INVALID_STATE', 'The person has been released: record a recall before changing release dates');
    if (!cmd.reason || cmd.reason.trim() === '') reject('VALIDATION_FAILED', 'reason: must not be empty');
  }
  function validateContact(cmd: RecordContactCommand): void {
    assertOpenCase();
    if (!state.supervision || state.stage !== 'SUPERVISION') reject('INVALID_STATE', 'Contacts are recorded during community supervision');
    const { contactId: _c, actor: _a, ...contact } = cmd;
    const parsed = contactSchema.safeParse(contact);
    if (!parsed.success) reject('VALIDATION_FAILED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (cmd.date < state.supervision.releasedOn) reject('VALIDATION_FAILED', `date: must not be before release on ${state.supervision.releasedOn}`);
  }

  // --- what completing each task does -------------------------------------------------------
  async function onCompleted(task: TaskState, actor: Actor): Promise<void> {
    switch (task.type) {
      case 'CUSTODY_SCREENING': {
        const o = task.outcome as TaskOutcome<'CUSTODY_SCREENING'>;
        if (state.stage === 'RECALLED') break;
        state.needs = o.needs;
        setStage('RISK_SCREENING');
        const screenedOn = await policy.londonDate({ at: task.completedAt ?? nowIso() });
        await createTask('RISK_SCREENING', { kind: 'WORKING_DAYS', from: screenedOn, taskType: 'RISK_SCREENING' });
        const plan = await createTask('RESETTLEMENT_PLAN', { kind: 'WORKING_DAYS', from: screenedOn, taskType: 'RESETTLEMENT_PLAN' });
        if (state.handover.comResponsibleFromStart && openTasks('COM_ALLOCATION').length === 0 && state.handover.comUserId === null) {
          // COM responsible from the start: allocated when the resettlement plan is due.
          await createTask('COM_ALLOCATION', { kind: 'DATE', on: plan.dueDate });
          state.handover.status = 'ALLOCATION_DUE';
        }
        break;
      }
      case 'RISK_SCREENING': {
        const o = task.outcome as TaskOutcome<'RISK_SCREENING'>;
        await applyRiskLevel(o.roshLevel, actor);
        const on = await policy.londonDate({ at: nowIso() });
        for (const check of ['DOMESTIC_ABUSE_CHECK', 'SAFEGUARDING_CHECK'] as const) {
          if (openTasks(check).length === 0) await createTask(check, { kind: 'WORKING_DAYS', from: on, taskType: check });
        }
        state.risk.domesticAbuse = state.risk.domesticAbuse ?? 'REQUESTED';
        state.risk.safeguarding = state.risk.safeguarding ?? 'REQUESTED';
        if (state.stage === 'RISK_SCREENING') setStage('RESETTLEMENT_PLAN');
        break;
      }
      case 'DOMESTIC_ABUSE_CHECK':
        state.risk.domesticAbuse = (task.outcome as TaskOutcome<'DOMESTIC_ABUSE_CHECK'>).result;
        break;
      case 'SAFEGUARDING_CHECK':
        state.risk.safeguarding = (task.outcome as TaskOutcome<'SAFEGUARDING_CHECK'>).result;
        break;
      case 'RISK_MANAGEMENT_PLAN':
        state.risk.riskManagementPlan = (task.outcome as TaskOutcome<'RISK_MANAGEMENT_PLAN'>).summary;
        break;
      case 'RESETTLEMENT_PLAN': {
        const o = task.outcome as TaskOutcome<'RESETTLEMENT_PLAN'>;
        for (const p of PATHWAYS) state.pathways[p] = o.pathways[p].status;
        if (state.stage === 'RESETTLEMENT_PLAN' || state.stage === 'RISK_SCREENING') setStage('PATHWAY_WORK');
        for (const p of PATHWAYS) {
          if (o.pathways[p].status !== 'SUPPORT_REQUIRED') continue;
          const types = PATHWAY_TASK_TYPES[p] ?? ['PATHWAY_SUPPORT'];
          for (const type of types) {
            const basis: DeadlineBasis = { kind: 'KEY_DATE', keyDate: type === 'DUTY_TO_REFER' ? 'dutyToReferDue' : 'preReleaseReviewDue' };
            await createTask(type, basis, { pathway: p, title: type === 'PATHWAY_SUPPORT' ? `Pathway support: ${p.toLowerCase().replace(/_/g, ' ')}` : undefined });
          }
          state.pathways[p] = 'IN_PROGRESS';
        }
        break;
      }
      case 'PRE_RELEASE_REVIEW': {
        const o = task.outcome as TaskOutcome<'PRE_RELEASE_REVIEW'>;
        state.prerelease = {
          releaseAddress: o.releaseAddress ?? null,
          licenceConditions: o.licenceConditions,
          provisionalFirstAppointment: o.provisionalFirstAppointment,
        };
        if (state.keyDates.victimContactEligible) await createTask('VICTIM_CONTACT', { kind: 'KEY_DATE', keyDate: 'releaseDate' }, { title: 'Tell the victim liaison officer the release date and licence conditions' });
        break;
      }
      case 'COM_ALLOCATION': {
        const o = task.outcome as TaskOutcome<'COM_ALLOCATION'>;
        state.handover.comUserId = o.comUserId;
        state.handover.comTeamCode = o.teamCode;
        state.handover.status = 'AWAITING_ACCEPTANCE';
        const basis: DeadlineBasis = state.handover.handoverDate ? { kind: 'DATE', on: state.handover.handoverDate } : { kind: 'WORKING_DAYS', from: await policy.londonDate({ at: nowIso() }), taskType: 'HANDOVER_ACCEPTANCE' };
        await createTask('HANDOVER_ACCEPTANCE', basis, { assignee: o.comUserId });
        notify('HANDOVER', null, 'COMMUNITY', o.comUserId, 'A case has been allocated to you: the handover pack is ready to accept.');
        // Community tasks opened before allocation go to the new COM.
        for (const t of openTasks()) {
          if (t.side === 'COMMUNITY' && t.assignee === null) {
            t.assignee = o.comUserId;
            touch(t);
          }
        }
        break;
      }
      case 'HANDOVER_ACCEPTANCE': {
        const o = task.outcome as TaskOutcome<'HANDOVER_ACCEPTANCE'>;
        if (o.decision === 'ACCEPTED') {
          state.handover.status = 'ACCEPTED';
          state.handover.acceptedAt = nowIso();
          state.handover.sentBackReason = null;
          state.handover.prisonAccessUntil = await policy.prisonAccessUntil({ policyVersionId: state.policyVersionId, acceptedAt: state.handover.acceptedAt });
          notify('HANDOVER', null, 'PRISON', null, `The handover was accepted; prison staff can read the case until ${state.handover.prisonAccessUntil}.`);
        } else {
          state.handover.status = 'SENT_BACK';
          state.handover.sentBackReason = o.reason ?? null;
          await createTask('HANDOVER_PACK_REVISION', { kind: 'WORKING_DAYS', from: await policy.londonDate({ at: nowIso() }), taskType: 'HANDOVER_PACK_REVISION' });
          notify('HANDOVER', null, 'PRISON', null, `The handover was sent back: ${o.reason ?? ''}`);
        }
        break;
      }
      case 'HANDOVER_PACK_REVISION': {
        state.handover.status = 'AWAITING_ACCEPTANCE';
        const basis: DeadlineBasis = { kind: 'WORKING_DAYS', from: await policy.londonDate({ at: nowIso() }), taskType: 'HANDOVER_ACCEPTANCE' };
        await createTask('HANDOVER_ACCEPTANCE', basis, { assignee: state.handover.comUserId });
        break;
      }
      case 'RELEASE_OUTCOMES': {
        const o = task.outcome as TaskOutcome<'RELEASE_OUTCOMES'>;
        state.release = { releasedOn: o.releasedOn, outcomes: o };
        await startSupervision(o.releasedOn, undefined);
        break;
      }
      case 'FIRST_APPOINTMENT':
      case 'HOME_VISIT': {
        const o = task.outcome as TaskOutcome<'FIRST_APPOINTMENT'>;
        if (o.outcome === 'ATTENDED') await successfulContact(o.date, actor);
        if (o.outcome !== 'ATTENDED') {
          // A missed first appointment or visit is not done: it is booked again.
          await createTask(task.type, { kind: 'WORKING_DAYS', from: o.date, taskType: task.type }, { assignee: task.assignee });
        }
        break;
      }
      case 'RISK_REVIEW':
        await applyRiskLevel((task.outcome as TaskOutcome<'RISK_REVIEW'>).roshLevel, actor);
        break;
      case 'OUTCOME_CHECKPOINT': {
        state.outcomes.push({ months: task.checkpointMonths ?? 0, recordedAt: nowIso(), outcome: task.outcome });
        break;
      }
      case 'CLOSURE': {
        state.closureSummary = (task.outcome as TaskOutcome<'CLOSURE'>).summary;
        closeNow(actor, 'Supervision ended');
        break;
      }
      default:
        break;
    }
    refreshPathways();
  }

  function refreshPathways(): void {
    for (const p of PATHWAYS) {
      const related = state.tasks.filter((t) => t.pathway === p && t.status !== 'CANCELLED');
      if (related.length > 0 && related.every((t) => t.status === 'COMPLETED') && state.pathways[p] === 'IN_PROGRESS') {
        state.pathways[p] = 'DONE';
        audit(SYSTEM_ACTOR, 'PATHWAY_DONE', { after: { pathway: p } });
      }
    }
  }

  async function applyRiskLevel(level: RoshLevel, actor: Actor): Promise<void> {
    const before = state.risk.roshLevel;
    state.risk.roshLevel = level;
    state.risk.homeVisitRequired = RISK_NEEDING_PLAN.includes(level);
    if (before !== level) audit(actor, 'RISK_LEVEL_CHANGED', { before, after: level });
    if (!state.risk.homeVisitRequired) return;
    const inCustody = state.stage !== 'SUPERVISION';
    if (inCustody && !state.risk.riskManagementPlan && openTasks('RISK_MANAGEMENT_PLAN').length === 0) {
      await createTask('RISK_MANAGEMENT_PLAN', { kind: 'KEY_DATE', keyDate: 'handoverOrReview' });
    }
    if (!inCustody && openTasks('HOME_VISIT').length === 0 && state.supervision) {
      await createTask('HOME_VISIT', { kind: 'WORKING_DAYS', from: await policy.londonDate({ at: nowIso() }), taskType: 'HOME_VISIT' }, { assignee: state.handover.comUserId });
    }
  }

  async function startSupervision(releasedOn: string, remainingDays: number | undefined): Promise<void> {
    const plan = await policy.planSupervision({
      policyVersionId: state.policyVersionId,
      releasedOn,
      remainingDays,
      monthsAlreadyRecorded: state.outcomes.map((o) => o.months),
      now: nowIso(),
    });
    const previous = state.supervision;
    state.supervision = {
      releasedOn,
      endsOn: plan.endsOn,
      lastSuccessfulContactOn: releasedOn,
      contacts: previous?.contacts ?? 0,
      lostContactFlagAt: plan.lostContact.flagAt,
      lostContactEscalateAt: plan.lostContact.escalateAt,
      lostContact: false,
      lostContactEscalated: false,
      paused: false,
      pausedAt: null,
      remainingDaysAtPause: null,
      warnings: previous?.warnings ?? 0,
      breachActions: previous?.breachActions ?? 0,
      recalls: previous?.recalls ?? 0,
      endReached: false,
    };
    setStage('SUPERVISION');
    audit(SYSTEM_ACTOR, previous ? 'SUPERVISION_RESUMED' : 'SUPERVISION_STARTED', { after: { releasedOn, endsOn: plan.endsOn } });
    state.scheduled = state.scheduled.filter((s) => s.type !== 'OUTCOME_CHECKPOINT' && s.key !== 'supervision-end');
    for (const c of plan.checkpoints) {
      state.scheduled.push({ key: `checkpoint-${c.months}`, type: 'OUTCOME_CHECKPOINT', opensAt: c.opensAt, pathway: null, meta: { months: c.months } });
    }
    state.scheduled.push({ key: 'supervision-end', type: 'CLOSURE', opensAt: plan.endsAt, pathway: null });
    for (const t of openTasks()) if (t.side === 'PRISON') cancelTask(t, SYSTEM_ACTOR, 'Released');
    state.seq.task += 1;
    const first: TaskState = {
      id: `${state.caseId}-t${state.seq.task}`,
      type: 'FIRST_APPOINTMENT',
      pathway: null,
      side: 'COMMUNITY',
      status: state.handover.comUserId ? 'IN_PROGRESS' : 'OPEN',
      assignee: state.handover.comUserId,
      title: TASK_TITLES.FIRST_APPOINTMENT,
      ...plan.firstAppointment,
      reminded: false,
      overdue: false,
      escalated: false,
      basis: { kind: 'DATE', on: plan.firstAppointment.dueDate },
      createdAt: nowIso(),
      completedAt: null,
      completedBy: null,
      outcome: null,
      checkpointMonths: null,
    };
    state.tasks.push(first);
    touch(first);
    audit(SYSTEM_ACTOR, 'TASK_CREATED', { taskId: first.id, after: { type: first.type, dueDate: first.dueDate } });
    if (state.risk.homeVisitRequired && openTasks('HOME_VISIT').length === 0) {
      await createTask('HOME_VISIT', { kind: 'WORKING_DAYS', from: releasedOn, taskType: 'HOME_VISIT' }, { assignee: state.handover.comUserId });
    }
  }

  async function successfulContact(date: string, actor: Actor): Promise<void> {
    const sup = state.supervision;
    if (!sup) return;
    sup.contacts += 1;
    if (date <= sup.lastSuccessfulContactOn) return;
    sup.lastSuccessfulContactOn = date;
    const timers = await policy.lostContactTimers({ policyVersionId: state.policyVersionId, lastSuccessfulContactOn: date });
    sup.lostContactFlagAt = timers.flagAt;
    sup.lostContactEscalateAt = timers.escalateAt;
    if (sup.lostContact) {
      audit(actor, 'LOST_CONTACT_CLEARED', { after: { contactOn: date } });
      notify('INFO', null, 'COMMUNITY', state.handover.comUserId, `Contact re-established on ${date}.`);
    }
    sup.lostContact = false;
    sup.lostContactEscalated = false;
  }

  function closeNow(actor: Actor, reason: string): void {
    for (const t of openTasks()) cancelTask(t, actor, reason);
    state.scheduled = [];
    state.closedAt = nowIso();
    setStage('CLOSED', actor);
    audit(actor, 'CASE_CLOSED', { details: { reason, summary: state.closureSummary } });
  }

  async function rebaseAfterDateChange(actor: Actor): Promise<void> {
    for (const t of openTasks()) {
      if (t.basis.kind !== 'KEY_DATE' && t.basis.kind !== 'COM_ALLOCATION') continue;
      const basis: DeadlineBasis = t.basis.kind === 'COM_ALLOCATION' ? { kind: 'COM_ALLOCATION', handoverDate: state.handover.handoverDate ?? state.keyDates.releaseDate ?? t.basis.handoverDate } : t.basis;
      const d = await deadlineFor(t.type, basis);
      if (d.dueDate === t.dueDate && d.dueAt === t.dueAt) continue;
      const before = t.dueDate;
      Object.assign(t, d, { basis, reminded: false, overdue: false, escalated: false });
      touch(t);
      audit(actor, 'DEADLINE_REBASED', { taskId: t.id, before, after: t.dueDate, details: { compressed: d.compressed } });
    }
    await scheduleCustodyWindows();
  }

  /** Windows that open on key dates: pre-release review and release day. */
  async function scheduleCustodyWindows(): Promise<void> {
    const k = state.keyDates;
    const reviewDone = state.tasks.some((t) => t.type === 'PRE_RELEASE_REVIEW' && t.status === 'COMPLETED');
    const reviewOpen = openTasks('PRE_RELEASE_REVIEW').length > 0;
    if (k.preReleaseReviewOpens && !reviewDone && !reviewOpen) await schedule('PRE_RELEASE_REVIEW', k.preReleaseReviewOpens, 'pre-release-review');
    const released = state.release !== null;
    if (k.releaseDate && !released && openTasks('RELEASE_OUTCOMES').length === 0) await schedule('RELEASE_OUTCOMES', k.releaseDate, 'release-day');
  }

  // --- timers --------------------------------------------------------------------------------
  function nextWake(): number | undefined {
    const times: number[] = [];
    for (const t of openTasks()) {
      if (t.reminderAt && !t.reminded) times.push(ms(t.reminderAt));
      if (!t.overdue) times.push(ms(t.dueAt));
      if (t.escalateAt && !t.escalated) times.push(ms(t.escalateAt));
    }
    for (const s of state.scheduled) times.push(ms(s.opensAt));
    const sup = state.supervision;
    if (sup && !sup.paused && state.stage === 'SUPERVISION') {
      if (sup.lostContactFlagAt && !sup.lostContact) times.push(ms(sup.lostContactFlagAt));
      if (sup.lostContactEscalateAt && sup.lostContact && !sup.lostContactEscalated) times.push(ms(sup.lostContactEscalateAt));
    }
    return times.length ? Math.min(...times) : undefined;
  }

  async function fireDue(): Promise<boolean> {
    const now = Date.now();
    let changed = false;
    for (const t of openTasks()) {
      const who = t.assignee;
      if (t.reminderAt && !t.reminded && ms(t.reminderAt) <= now) {
        t.reminded = true;
        changed = true;
        touch(t);
        notify('REMINDER', t, t.side, who, `${t.title} is due on ${t.dueDate}.`);
      }
      if (!t.overdue && ms(t.dueAt) <= now) {
        t.overdue = true;
        t.reminded = true;
        changed = true;
        touch(t);
        audit(SYSTEM_ACTOR, 'TASK_OVERDUE', { taskId: t.id, after: { dueDate: t.dueDate } });
        notify('OVERDUE', t, t.side, who, `${t.title} was due on ${t.dueDate} and is overdue.`);
        if (t.type === 'COM_ALLOCATION') state.handover.allocationOverdue = true;
      }
      if (t.escalateAt && !t.escalated && ms(t.escalateAt) <= now) {
        t.escalated = true;
        t.overdue = true;
        changed = true;
        touch(t);
        audit(SYSTEM_ACTOR, 'TASK_ESCALATED', { taskId: t.id, after: { dueDate: t.dueDate } });
        notify('ESCALATION', t, 'MANAGER', null, `Escalated: ${t.title} was due on ${t.dueDate} and is still not done.`);
        if (t.type === 'COM_ALLOCATION') state.handover.allocationEscalated = true;
      }
    }
    const dueSteps = state.scheduled.filter((s) => ms(s.opensAt) <= now);
    state.scheduled = state.scheduled.filter((s) => ms(s.opensAt) > now);
    for (const s of dueSteps) {
      changed = true;
      await openScheduled(s);
    }
    const sup = state.supervision;
    if (sup && !sup.paused && state.stage === 'SUPERVISION') {
      if (sup.lostContactFlagAt && !sup.lostContact && ms(sup.lostContactFlagAt) <= now) {
        sup.lostContact = true;
        changed = true;
        audit(SYSTEM_ACTOR, 'LOST_CONTACT', { details: { lastSuccessfulContactOn: sup.lastSuccessfulContactOn } });
        notify('LOST_CONTACT', null, 'COMMUNITY', state.handover.comUserId, `No successful contact since ${sup.lastSuccessfulContactOn}: contact is lost.`);
      }
      if (sup.lostContact && !sup.lostContactEscalated && sup.lostContactEscalateAt && ms(sup.lostContactEscalateAt) <= now) {
        sup.lostContactEscalated = true;
        changed = true;
        audit(SYSTEM_ACTOR, 'LOST_CONTACT_ESCALATED', { details: { lastSuccessfulContactOn: sup.lastSuccessfulContactOn } });
        notify('LOST_CONTACT_ESCALATION', null, 'MANAGER', null, `Escalated: no successful contact since ${sup.lastSuccessfulContactOn}.`);
      }
    }
    return changed;
  }

  async function openScheduled(s: ScheduledStep): Promise<void> {
    switch (s.type) {
      case 'PRE_RELEASE_REVIEW':
        if (state.stage !== 'SUPERVISION' && state.stage !== 'CLOSED') {
          setStage('PRE_RELEASE');
          await createTask('PRE_RELEASE_REVIEW', { kind: 'KEY_DATE', keyDate: 'preReleaseReviewDue' });
        }
        break;
      case 'RELEASE_OUTCOMES':
        if (state.release === null) await createTask('RELEASE_OUTCOMES', { kind: 'KEY_DATE', keyDate: 'releaseDate' });
        break;
      case 'OUTCOME_CHECKPOINT': {
        const months = s.meta?.months ?? 0;
        const on = await policy.londonDate({ at: s.opensAt });
        await createTask('OUTCOME_CHECKPOINT', { kind: 'WORKING_DAYS', from: on, taskType: 'OUTCOME_CHECKPOINT' }, { assignee: state.handover.comUserId, title: `Record outcomes at ${months} months after release`, checkpointMonths: months });
        break;
      }
      case 'CLOSURE':
        if (state.supervision) state.supervision.endReached = true;
        audit(SYSTEM_ACTOR, 'SUPERVISION_ENDED', {});
        await createTask('CLOSURE', { kind: 'WORKING_DAYS', from: await policy.londonDate({ at: s.opensAt }), taskType: 'CLOSURE' }, { assignee: state.handover.comUserId });
        break;
      default:
        break;
    }
  }

  // --- handlers -------------------------------------------------------------------------------
  setHandler(getState, () => state);
  setHandler(sync, async () => {
    await condition(() => ready && !busy);
    return result();
  });

  setHandler(claimTask, (cmd) => exclusive(async () => {
    const task = validateClaim(cmd);
    if (task.assignee === cmd.actor.userId && task.status === 'IN_PROGRESS') return result(task);
    task.assignee = cmd.actor.userId;
    task.status = 'IN_PROGRESS';
    touch(task);
    audit(cmd.actor, 'TASK_CLAIMED', { taskId: task.id, after: { assignee: task.assignee } });
    return result(task);
  }), { validator: (cmd) => void validateClaim(cmd) });

  setHandler(releaseTask, (cmd) => exclusive(async () => {
    const task = validateRelease(cmd);
    const before = task.assignee;
    task.assignee = null;
    task.status = 'OPEN';
    touch(task);
    audit(cmd.actor, 'TASK_RELEASED', { taskId: task.id, before: { assignee: before }, after: { assignee: null } });
    return result(task);
  }), { validator: (cmd) => void validateRelease(cmd) });

  setHandler(assignTask, (cmd) => exclusive(async () => {
    const task = validateAssign(cmd);
    const before = task.assignee;
    task.assignee = cmd.userId;
    task.status = 'IN_PROGRESS';
    touch(task);
    audit(cmd.actor, 'TASK_ASSIGNED', { taskId: task.id, before: { assignee: before }, after: { assignee: cmd.userId } });
    if (before !== cmd.userId) notify('INFO', task, task.side, cmd.userId, `${task.title} has been assigned to you (due ${task.dueDate}).`);
    return result(task);
  }), { validator: (cmd) => void validateAssign(cmd) });

  setHandler(completeTask, (cmd) => exclusive(async () => {
    const { task, outcome } = validateComplete(cmd);
    task.status = 'COMPLETED';
    task.outcome = outcome;
    task.completedAt = nowIso();
    task.completedBy = cmd.actor.userId;
    task.assignee = task.assignee ?? cmd.actor.userId;
    touch(task);
    audit(cmd.actor, 'TASK_COMPLETED', { taskId: task.id, after: { type: task.type, outcome } });
    await onCompleted(task, cmd.actor);
    return result(task);
  }), { validator: (cmd) => void validateComplete(cmd) });

  setHandler(changeReleaseDates, (cmd) => exclusive(async () => {
    validateDates(cmd);
    const before = { ...state.keyDates };
    const beforeSentence = { ...state.sentence };
    const sentence = { ...state.sentence };
    if (cmd.conditionalReleaseDate !== undefined) sentence.conditionalReleaseDate = cmd.conditionalReleaseDate;
    if (cmd.automaticReleaseDate !== undefined) sentence.automaticReleaseDate = cmd.automaticReleaseDate;
    if (cmd.paroleEligibilityDate !== undefined) sentence.paroleEligibilityDate = cmd.paroleEligibilityDate;
    if (cmd.homeDetentionCurfew !== undefined) sentence.homeDetentionCurfew = cmd.homeDetentionCurfew;
    const kd = await policy.computeKeyDates({ sentence, policyVersionId: state.policyVersionId, now: nowIso() });
    state.sentence = sentence;
    state.keyDates = kd.keyDates;
    state.compressed = kd.compressed;
    state.handover.handoverDate = kd.keyDates.handoverDate;
    state.handover.comResponsibleFromStart = kd.keyDates.comResponsibleFromStart;
    audit(cmd.actor, 'RELEASE_DATES_CHANGED', {
      before: { sentence: beforeSentence, releaseDate: before.releaseDate, handoverDate: before.handoverDate },
      after: { sentence, releaseDate: kd.keyDates.releaseDate, handoverDate: kd.keyDates.handoverDate },
      details: { reason: cmd.reason },
    });
    await rebaseAfterDateChange(cmd.actor);
    if (kd.keyDates.victimContactEligible && before.releaseDate !== kd.keyDates.releaseDate && state.tasks.some((t) => t.type === 'PRE_RELEASE_REVIEW' && t.status === 'COMPLETED')) {
      await createTask('VICTIM_CONTACT', { kind: 'KEY_DATE', keyDate: 'releaseDate' }, { title: `Tell the victim liaison officer: release date now ${kd.keyDates.releaseDate ?? 'unknown'}` });
    }
    return result();
  }), { validator: validateDates });

  setHandler(transfer, (cmd) => exclusive(async () => {
    assertOpenCase();
    const before = { prisonCode: state.prisonCode, regionCode: state.regionCode };
    state.prisonCode = cmd.prisonCode;
    state.regionCode = cmd.regionCode;
    for (const t of openTasks()) {
      if (t.side === 'PRISON' && t.assignee !== null) {
        t.assignee = null;
        t.status = 'OPEN';
        touch(t);
      }
    }
    audit(cmd.actor, 'TRANSFERRED', { before, after: { prisonCode: cmd.prisonCode, regionCode: cmd.regionCode }, details: { reason: cmd.reason } });
    notify('INFO', null, 'PRISON', null, `Case transferred in from ${before.prisonCode}: its open tasks are in your team queue.`);
    return result();
  }), {
    validator: (cmd) => {
      assertOpenCase();
      if (state.stage === 'SUPERVISION') reject('INVALID_STATE', 'The person has been released');
      if (cmd.prisonCode === state.prisonCode) reject('VALIDATION_FAILED', `prisonCode: the case is already at ${cmd.prisonCode}`);
    },
  });

  setHandler(recordContact, (cmd) => exclusive(async () => {
    validateContact(cmd);
    pending.contacts.push({ id: cmd.contactId, caseId: state.caseId, date: cmd.date, kind: cmd.kind, outcome: cmd.outcome, notes: cmd.notes ?? null, recordedBy: cmd.actor.userId, recordedAt: nowIso() });
    audit(cmd.actor, 'CONTACT_RECORDED', { after: { date: cmd.date, kind: cmd.kind, outcome: cmd.outcome } });
    if (cmd.outcome === 'ATTENDED') {
      await successfulContact(cmd.date, cmd.actor);
      for (const t of openTasks()) {
        if ((t.type === 'FIRST_APPOINTMENT' || (t.type === 'HOME_VISIT' && cmd.kind === 'HOME_VISIT')) && cmd.date >= t.createdAt.slice(0, 10)) {
          t.status = 'COMPLETED';
          t.completedAt = nowIso();
          t.completedBy = cmd.actor.userId;
          t.outcome = { outcome: cmd.outcome, date: cmd.date };
          touch(t);
          audit(cmd.actor, 'TASK_COMPLETED', { taskId: t.id, after: { type: t.type, outcome: t.outcome } });
        }
      }
    }
    return result();
  }), { validator: validateContact });

  setHandler(changeOfCircumstances, (cmd) => exclusive(async () => {
    assertOpenCase();
    audit(cmd.actor, 'CHANGE_OF_CIRCUMSTANCES', { details: { description: cmd.description } });
    const task = openTasks('RISK_REVIEW')[0] ?? await createTask('RISK_REVIEW', { kind: 'WORKING_DAYS', from: await policy.londonDate({ at: nowIso() }), taskType: 'RISK_REVIEW' }, { assignee: state.stage === 'SUPERVISION' ? state.handover.comUserId : null });
    return result(task);
  }), { validator: (cmd) => { assertOpenCase(); if (!cmd.description?.trim()) reject('VALIDATION_FAILED', 'description: must not be empty'); } });

  setHandler(recordBreach, (cmd) => exclusive(async () => {
    const sup = state.supervision;
    if (!sup) reject('INVALID_STATE', 'Breach is recorded during supervision');
    if (cmd.action === 'WARNING') sup.warnings += 1;
    else sup.breachActions += 1;
    audit(cmd.actor, cmd.action === 'WARNING' ? 'WARNING_ISSUED' : 'BREACH_ACTION', { details: { reason: cmd.reason } });
    if (cmd.action === 'BREACH_ACTION') notify('INFO', null, 'MANAGER', null, `Breach action taken: ${cmd.reason}`);
    return result();
  }), {
    validator: (cmd) => {
      assertOpenCase();
      if (state.stage !== 'SUPERVISION') reject('INVALID_STATE', 'Breach is recorded during supervision');
      if (cmd.action !== 'WARNING' && cmd.action !== 'BREACH_ACTION') reject('VALIDATION_FAILED', 'action: must be WARNING or BREACH_ACTION');
      if (!cmd.reason?.trim()) reject('VALIDATION_FAILED', 'reason: must not be empty');
    },
  });

  setHandler(recall, (cmd) => exclusive(async () => {
    const sup = state.supervision;
    if (!sup || state.stage !== 'SUPERVISION') reject('INVALID_STATE', 'Only a person on supervision can be recalled');
    const on = await policy.londonDate({ at: cmd.recalledAt });
    sup.paused = true;
    sup.pausedAt = cmd.recalledAt;
    sup.remainingDaysAtPause = Math.max(0, await policy.daysBetween({ from: on, to: sup.endsOn }));
    sup.recalls += 1;
    setStage('RECALLED', cmd.actor);
    audit(cmd.actor, 'RECALLED', { details: { reason: cmd.reason, remainingDays: sup.remainingDaysAtPause } });
    state.scheduled = state.scheduled.filter((s) => s.type !== 'OUTCOME_CHECKPOINT' && s.type !== 'CLOSURE');
    for (const t of openTasks()) cancelTask(t, cmd.actor, 'Recalled to custody');
    await createTask('CUSTODY_SCREENING', { kind: 'INSTANT', at: cmd.recalledAt }, { title: 'Custody screening on return to custody (recall)' });
    await createTask('RISK_REVIEW', { kind: 'WORKING_DAYS', from: on, taskType: 'RISK_REVIEW' }, { title: 'Risk review after recall' });
    notify('INFO', null, 'MANAGER', null, `Recalled to custody: ${cmd.reason}`);
    return result();
  }), {
    validator: (cmd) => {
      assertOpenCase();
      if (state.stage !== 'SUPERVISION') reject('INVALID_STATE', 'Only a person on supervision can be recalled');
      if (!cmd.reason?.trim()) reject('VALIDATION_FAILED', 'reason: must not be empty');
      if (!/^\d{4}-\d{2}-\d{2}T/.test(cmd.recalledAt)) reject('VALIDATION_FAILED', 'recalledAt: must be an ISO instant');
    },
  });

  setHandler(reRelease, (cmd) => exclusive(async () => {
    const remaining = state.supervision?.remainingDaysAtPause ?? undefined;
    for (const t of openTasks()) if (t.side === 'PRISON') cancelTask(t, cmd.actor, 'Re-released');
    audit(cmd.actor, 'RE_RELEASED', { details: { releasedOn: cmd.releasedOn, remainingDays: remaining } });
    await startSupervision(cmd.releasedOn, remaining);
    return result();
  }), {
    validator: (cmd) => {
      assertOpenCase();
      if (state.stage !== 'RECALLED') reject('INVALID_STATE', 'Only a recalled person can be re-released');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(cmd.releasedOn)) reject('VALIDATION_FAILED', 'releasedOn: must be a date YYYY-MM-DD');
    },
  });

  setHandler(reallocateCom, (cmd) => exclusive(async () => {
    const before = { comUserId: state.handover.comUserId, comTeamCode: state.handover.comTeamCode };
    state.handover.comUserId = cmd.comUserId;
    state.handover.comTeamCode = cmd.teamCode;
    for (const t of openTasks()) {
      if (t.side === 'COMMUNITY' && (t.assignee === null || t.assignee === before.comUserId)) {
        t.assignee = cmd.comUserId;
        touch(t);
      }
    }
    audit(cmd.actor, 'COM_REALLOCATED', { before, after: { comUserId: cmd.comUserId, comTeamCode: cmd.teamCode }, details: { reason: cmd.reason } });
    notify('HANDOVER', null, 'COMMUNITY', cmd.comUserId, `A case has been reallocated to you: ${cmd.reason}`);
    return result();
  }), {
    validator: (cmd) => {
      assertOpenCase();
      if (state.handover.comUserId === null) reject('INVALID_STATE', 'No COM is allocated yet: complete the COM allocation task');
      if (cmd.comUserId === state.handover.comUserId && cmd.teamCode === state.handover.comTeamCode) reject('VALIDATION_FAILED', `comUserId: the case is already allocated to ${cmd.comUserId}`);
      if (!cmd.reason?.trim()) reject('VALIDATION_FAILED', 'reason: must not be empty');
    },
  });

  setHandler(closeCase, (cmd) => exclusive(async () => {
    state.closureSummary = state.closureSummary ?? cmd.reason;
    closeNow(cmd.actor, cmd.reason);
    return result();
  }), {
    validator: (cmd) => {
      assertOpenCase();
      if (!cmd.reason?.trim()) reject('VALIDATION_FAILED', 'reason: must not be empty');
    },
  });

  // --- start or carry over ------------------------------------------------------------------
  if (input.carried) {
    state = input.carried;
  } else {
    const kd = await policy.computeKeyDates({ sentence: input.sentence, policyVersionId: input.policyVersionId, now: nowIso() });
    state = {
      caseId: input.caseId,
      version: 0,
      policyVersionId: kd.policyVersionId,
      prisonCode: input.prisonCode,
      regionCode: input.regionCode,
      sentence: input.sentence,
      stage: 'CUSTODY_SCREENING',
      keyDates: kd.keyDates,
      compressed: kd.compressed,
      needs: {},
      pathways: Object.fromEntries(PATHWAYS.map((p) => [p, 'NOT_STARTED'])) as PathwayState['pathways'],
      tasks: [],
      scheduled: [],
      handover: {
        handoverDate: kd.keyDates.handoverDate,
        comResponsibleFromStart: kd.keyDates.comResponsibleFromStart,
        status: 'NOT_DUE',
        comUserId: null,
        comTeamCode: null,
        acceptedAt: null,
        prisonAccessUntil: null,
        sentBackReason: null,
        allocationOverdue: false,
        allocationEscalated: false,
      },
      risk: { roshLevel: null, domesticAbuse: null, safeguarding: null, riskManagementPlan: null, homeVisitRequired: false },
      prerelease: { releaseAddress: null, licenceConditions: [], provisionalFirstAppointment: null },
      release: null,
      supervision: null,
      outcomes: [],
      closedAt: null,
      closureSummary: null,
      seq: { task: 0, event: 0 },
    };
  }

  // --- first run ------------------------------------------------------------------------------
  if (!input.carried) {
    await exclusive(async () => {
      audit(input.startedBy, 'CASE_STARTED', { after: { policyVersionId: state.policyVersionId, keyDates: state.keyDates } });
      const receivedAt = input.sentence.receptionAt;
      await createTask('CUSTODY_SCREENING', { kind: 'INSTANT', at: receivedAt });
      if (state.handover.handoverDate && !state.handover.comResponsibleFromStart) {
        await createTask('COM_ALLOCATION', { kind: 'COM_ALLOCATION', handoverDate: state.handover.handoverDate });
        state.handover.status = 'ALLOCATION_DUE';
      }
      await scheduleCustodyWindows();
    }, true);
    ready = true;
  }

  // --- the deadline loop ----------------------------------------------------------------------
  const closed = (): boolean => state.stage === 'CLOSED';
  for (;;) {
    if (closed()) break;
    const wake = nextWake();
    woken = false;
    const timeout = wake === undefined ? undefined : Math.max(0, wake - Date.now());
    if (timeout === undefined) await condition(() => woken || closed());
    else if (timeout > 0) await condition(() => woken || closed(), timeout);
    if (closed()) break;
    if (wake !== undefined && Date.now() >= wake) {
      await condition(() => !busy);
      busy = true;
      try {
        if (await fireDue()) await flush();
      } finally {
        busy = false;
      }
    }
    const limit = input.continueAsNewAfterEvents;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || (limit !== undefined && info.historyLength > limit)) {
      await condition(() => allHandlersFinished() && !busy);
      log.info('continuing as new', { caseId: state.caseId, historyLength: info.historyLength });
      await continueAsNew<typeof pathwayWorkflow>({ ...input, carried: state });
    }
  }
  await condition(allHandlersFinished);
  return state;
}
