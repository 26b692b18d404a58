import type { Deadline } from '../../activities/pathway-activities.types';
import {
  SYSTEM_ACTOR,
  TASK_CATALOGUE,
  type Actor,
  type DeadlineBasis,
  type Pathway,
  type PathwayState,
  type ScheduledStep,
  type TaskSide,
  type TaskState,
  type TaskType,
} from '@ttg/contracts';
import { nowIso, policy, type PathwayRun } from './context';

const CUSTODY_STAGE_ORDER: PathwayState['stage'][] = ['CUSTODY_SCREENING', 'RISK_SCREENING', 'RESETTLEMENT_PLAN', 'PATHWAY_WORK', 'PRE_RELEASE'];

export interface NewTaskOptions {
  pathway?: Pathway | null;
  assignee?: string | null;
  /** A more specific title than the catalogue's. */
  title?: string;
  checkpointMonths?: number;
  checkpointWeeks?: number;
  victimStep?: TaskState['victimStep'];
  /** Who works it, when not the catalogue's side (a need's work after release goes to the probation team). */
  side?: TaskSide;
}

/** The deadline of a task opened now, from the policy. */
export async function deadlineFor(run: PathwayRun, type: TaskType, basis: DeadlineBasis): Promise<Deadline> {
  const state = run.state;
  const d = await policy.planDeadline({ policyVersionId: state.policyVersionId, taskType: type, basis, keyDates: state.keyDates, now: nowIso() });
  // A key date the policy already compressed (it fell before reception) stays flagged.
  const keyDateCompressed = basis.kind === 'KEY_DATE' && state.compressed.includes(basis.keyDate);
  return keyDateCompressed ? { ...d, compressed: true } : d;
}

/** A new task with the next id, its side and title from the task catalogue. */
export function addTask(run: PathwayRun, type: TaskType, deadline: Deadline, basis: DeadlineBasis, opts: NewTaskOptions = {}): TaskState {
  const state = run.state;
  state.seq.task += 1;
  const task: TaskState = {
    id: `${state.caseId}-t${state.seq.task}`,
    type,
    pathway: opts.pathway ?? null,
    side: opts.side ?? TASK_CATALOGUE[type].side,
    status: opts.assignee ? 'IN_PROGRESS' : 'OPEN',
    assignee: opts.assignee ?? null,
    title: opts.title ?? TASK_CATALOGUE[type].title,
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
    ...(opts.victimStep ? { victimStep: opts.victimStep } : {}),
    ...(opts.checkpointWeeks ? { checkpointWeeks: opts.checkpointWeeks } : {}),
  };
  state.tasks.push(task);
  run.touch(task);
  return task;
}

/** Opens a task with its deadline from the policy; a compressed deadline is marked on the task. */
export async function createTask(run: PathwayRun, type: TaskType, basis: DeadlineBasis, opts: NewTaskOptions = {}): Promise<TaskState> {
  return openTask(run, type, await deadlineFor(run, type, basis), basis, opts);
}

/**
 * A compressed deadline needs no action of its own: the task shows it (its `compressed` flag).
 * Versioned: cases that ran before this change also sent it as a notification, and replay so.
 */
export const COMPRESSED_ON_THE_TASK = 'compressed-deadline-on-the-task';

/**
 * Notes that ask no one to act (contact re-established, recall and breach action told to the
 * manager) are no longer sent: the case's history and pages show them. Versioned: cases that ran
 * before this change sent them, and replay so.
 */
export const ONLY_NOTIFICATIONS_TO_ACT_ON = 'only-notifications-to-act-on';

/** Opens a task whose deadline the policy has already given; a compressed deadline is marked on the task. */
export function openTask(run: PathwayRun, type: TaskType, deadline: Deadline, basis: DeadlineBasis, opts: NewTaskOptions = {}): TaskState {
  const task = addTask(run, type, deadline, basis, opts);
  run.audit(SYSTEM_ACTOR, 'TASK_CREATED', { taskId: task.id, after: { type, dueDate: task.dueDate, compressed: task.compressed } });
  if (task.compressed && !run.patched(COMPRESSED_ON_THE_TASK)) {
    run.notify('INFO', task, task.side, task.assignee, `${task.title} is due ${task.dueDate}: compressed because the policy deadline had already passed when the step opened.`);
  }
  return task;
}

/** Moves an open task to the deadline of a new basis (announced in the audit); false when nothing moved. */
export async function rebaseTask(run: PathwayRun, t: TaskState, basis: DeadlineBasis, actor: Actor): Promise<boolean> {
  const d = await deadlineFor(run, t.type, basis);
  if (d.dueDate === t.dueDate && d.dueAt === t.dueAt) return false;
  const before = t.dueDate;
  Object.assign(t, d, { basis, reminded: false, overdue: false, escalated: false });
  run.touch(t);
  run.audit(actor, 'DEADLINE_REBASED', { taskId: t.id, before, after: t.dueDate, details: { compressed: d.compressed } });
  return true;
}

/** The working-day deadline basis of a task opening today (the London date of workflow time now). */
export async function workingDaysFromToday(type: TaskType): Promise<DeadlineBasis> {
  return { kind: 'WORKING_DAYS', from: await policy.londonDate({ at: nowIso() }), taskType: type };
}

export function cancelTask(run: PathwayRun, task: TaskState, actor: Actor, reason: string): void {
  if (task.status === 'COMPLETED' || task.status === 'CANCELLED') return;
  const before = task.status;
  task.status = 'CANCELLED';
  run.touch(task);
  run.audit(actor, 'TASK_CANCELLED', { taskId: task.id, before, after: 'CANCELLED', details: { reason } });
}

/** Schedules a step that opens (becomes a task) at the start of a date; replaces one with the same key. */
export async function schedule(run: PathwayRun, type: TaskType, opensOn: string, key: string, pathway: Pathway | null = null, meta?: ScheduledStep['meta']): Promise<void> {
  scheduleAt(run, type, await policy.startOfDay({ date: opensOn }), key, pathway, meta);
}

/** Schedules a step at an instant the policy has already given; replaces one with the same key. */
export function scheduleAt(run: PathwayRun, type: TaskType, opensAt: string, key: string, pathway: Pathway | null = null, meta?: ScheduledStep['meta']): void {
  run.state.scheduled = run.state.scheduled.filter((s) => s.key !== key);
  run.state.scheduled.push({ key, type, opensAt, pathway, meta });
}

export function setStage(run: PathwayRun, next: PathwayState['stage'], actor: Actor = SYSTEM_ACTOR): void {
  const state = run.state;
  if (state.stage === next) return;
  // Custody stages only move forward: a window that opened early (a short sentence) is not
  // undone by finishing an earlier step. Versioned: histories before this change replay as they ran.
  const order = CUSTODY_STAGE_ORDER.indexOf(next);
  if (order >= 0 && order < CUSTODY_STAGE_ORDER.indexOf(state.stage) && run.patched('custody-stages-only-advance')) return;
  run.audit(actor, 'STAGE_CHANGED', { before: state.stage, after: next });
  state.stage = next;
}
