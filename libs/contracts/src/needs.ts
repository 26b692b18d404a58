import { z } from 'zod';
import type { IsoDate, IsoInstant } from '@ttg/policy/types';
import { PATHWAYS, type Actor, type Pathway } from './domain';
import { isoDateSchema } from './schema-parts';
import { pathwayTaskTypes, TASK_TYPES, type TaskType } from './task-catalogue';
import { isUnmetNeed, needRevisionFields, reasonGiven, REASON_REQUIRED, type NeedStatus } from './need-statuses';
import { lineText, longText } from './text';

/**
 * The needs model: one tracked need per resettlement pathway, from custody screening to closure.
 * A need is met only by an outcome that meets it (the policy's need rules), never by a tick.
 */
export * from './need-statuses';

/** One change of a need's status: who, when, why, from → to. */
export interface NeedChange {
  at: IsoInstant;
  by: string;
  role: Actor['role'];
  from: NeedStatus;
  to: NeedStatus;
  reason: string | null;
}

export interface NeedState {
  status: NeedStatus;
  /** Why support was declined or is not required (null otherwise). */
  reason: string | null;
  /** The need's task types whose latest outcome does not yet meet it (or that are still open). */
  open: TaskType[];
  history: NeedChange[];
}

/** A release-readiness alarm: a durable timer before the release date (policy figures). */
export interface ReadinessAlarm {
  key: 'DAYS_BEFORE_RELEASE' | 'WORKING_DAYS_BEFORE_RELEASE';
  at: IsoInstant;
  releaseDate: IsoDate;
  fired: boolean;
  /** What was unmet when it fired (readiness watch keys); null before it fires. */
  raised: string[] | null;
}

/** The living resettlement plan, kept in the pathway's state (absent on cases started before it existed). */
export interface PlanState {
  needs: Record<Pathway, NeedState>;
  immediateNeeds: string[];
  riskFlags: string[];
  /** Outcome assessments by task id: did the recorded outcome meet the need? */
  assessed: Record<string, boolean>;
  alarms: ReadinessAlarm[];
  /** What the last alarm raised and is not yet resolved (readiness watch keys). */
  alarmOpen: string[];
  /** At release: the needs still unmet (null until released). */
  releasedWithUnmetNeeds: Pathway[] | null;
}

/** The pathways whose need is still unmet, in pathway order. */
export function unmetNeedsOf(plan: Pick<PlanState, 'needs'>): Pathway[] {
  return PATHWAYS.filter((p) => isUnmetNeed(plan.needs[p].status));
}

/**
 * The needs a case has unmet now: from its plan; a case screened before the needs model counts a
 * pathway screened as needing help and not yet done (never one screened as no need).
 */
export function unmetNeedList(state: { plan?: PlanState; needs: Partial<Record<Pathway, boolean>>; pathways: Record<Pathway, string> }, isMet: (status: string) => boolean): Pathway[] {
  if (state.plan) return unmetNeedsOf(state.plan);
  return PATHWAYS.filter((p) => state.needs[p] === true && !isMet(state.pathways[p]));
}

// ---- Commands that change the plan ----
export interface AddNeedCommand { pathway: Pathway; reason: string; actor: Actor }
export interface ChangeNeedStatusCommand { pathway: Pathway; status: NeedStatus; reason?: string; actor: Actor }
export interface AddNeedActionCommand { pathway: Pathway; taskType: TaskType; dueDate: IsoDate; title?: string; actor: Actor }

const pathway = z.enum(PATHWAYS, { errorMap: () => ({ message: `must be one of ${PATHWAYS.join(', ')}` }) });

/** Shared by the API (400 naming the field) and the workflow's validators. */
export const addNeedSchema = z.object({ pathway, reason: longText(500, 'must say why the need is added') }).strict();
export const needStatusSchema = z.object({ pathway, ...needRevisionFields }).strict().refine(reasonGiven, REASON_REQUIRED);
export const needActionSchema = z
  .object({ pathway, taskType: z.enum(TASK_TYPES), dueDate: isoDateSchema, title: lineText(200).optional() })
  .strict()
  .refine((b) => pathwayTaskTypes(b.pathway).includes(b.taskType), { message: 'is not an action of that need', path: ['taskType'] });

/** The optional pathways a change of circumstances reopens. */
export const circumstancesPathwaysSchema = z.array(pathway).max(PATHWAYS.length).optional();
