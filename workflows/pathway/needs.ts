import {
  PATHWAYS,
  RISK_CATEGORIES,
  SYSTEM_ACTOR,
  TASK_CATALOGUE,
  isOpenTask,
  isUnmetNeed,
  pathwayTaskTypes,
  unmetNeedsOf,
  type Actor,
  type NeedStatus,
  type Pathway,
  type PlanState,
  type ReadinessAlarm,
  type SettableNeedStatus,
  type TaskOutcome,
  type TaskState,
  type TaskType,
} from '@ttg/contracts';
import { ms, nowIso, policy, type PathwayRun } from './context';
import { cancelTask, createTask } from './tasks';

/**
 * The living resettlement plan (needs-and-outcomes): a tracked need per pathway with its history,
 * met only by an outcome that meets it; release-readiness alarms; unmet needs recorded at release.
 */

const describe = (p: Pathway): string => p.toLowerCase().replace(/_/g, ' ');

/** Changes a need's status (and reason), with who, when and why in its history. */
export function setNeed(run: PathwayRun, p: Pathway, to: NeedStatus, reason: string | null, actor: Actor): void {
  const plan = run.state.plan;
  if (!plan) return;
  const need = plan.needs[p];
  if (need.status === to && need.reason === reason) return;
  const from = need.status;
  need.history.push({ at: nowIso(), by: actor.userId, role: actor.role, from, to, reason });
  need.status = to;
  need.reason = to === 'SUPPORT_DECLINED' || to === 'SUPPORT_NOT_REQUIRED' ? reason : null;
  run.audit(actor, 'NEED_STATUS_CHANGED', { before: { pathway: p, status: from }, after: { pathway: p, status: to }, details: { reason } });
  // The pathway's status follows its need: done only when met.
  const state = run.state;
  if (to === 'MET' && state.pathways[p] !== 'DONE') {
    state.pathways[p] = 'DONE';
    run.audit(SYSTEM_ACTOR, 'PATHWAY_DONE', { after: { pathway: p } });
  } else if (to !== 'MET') {
    state.pathways[p] = to;
  }
}

/** Custody screening starts the plan: each pathway's need, the immediate needs and the risk flags. */
export function startPlan(run: PathwayRun, o: TaskOutcome<'CUSTODY_SCREENING'>, actor: Actor): void {
  const needs = Object.fromEntries(PATHWAYS.map((p) => [p, { status: 'NOT_STARTED', reason: null, open: [], history: [] }])) as unknown as PlanState['needs'];
  // The flags ticked by name come first, in words, then any others (screenings before the named flags had only these).
  const riskFlags = [...(o.riskCategories ?? []).map((c) => RISK_CATEGORIES[c]), ...o.riskFlags];
  run.state.plan = { needs, immediateNeeds: o.immediateNeeds, riskFlags, assessed: {}, alarms: [], alarmOpen: [], releasedWithUnmetNeeds: null };
  run.audit(actor, 'NEEDS_SCREENED', { after: { needs: o.needs, immediateNeeds: o.immediateNeeds, riskFlags } });
  for (const p of PATHWAYS) {
    const detail = o.needDetails?.[p];
    if (o.needs[p]) setNeed(run, p, 'SUPPORT_REQUIRED', detail ? `Need found at custody screening: ${detail}` : 'Need found at custody screening', actor);
    else setNeed(run, p, 'SUPPORT_NOT_REQUIRED', 'No need found at custody screening', actor);
  }
}

/** The pathway's own tasks, due with the pre-release review (or on their key date), as the resettlement plan opens them. */
export async function createPathwayTasks(run: PathwayRun, p: Pathway, only?: readonly string[]): Promise<void> {
  for (const type of pathwayTaskTypes(p).filter((t) => !only || only.includes(t))) {
    const deadline = TASK_CATALOGUE[type].deadline;
    const keyDate = deadline.basis === 'KEY_DATE' ? deadline.keyDate : 'preReleaseReviewDue';
    await createTask(run, type, { kind: 'KEY_DATE', keyDate }, { pathway: p, title: type === 'PATHWAY_SUPPORT' ? `Pathway support: ${describe(p)}` : undefined });
  }
}

/** Opens work on a need with no open task: the pathway's tasks in custody, a community follow-up after release. */
export async function openNeedWork(run: PathwayRun, p: Pathway, actor: Actor): Promise<void> {
  const state = run.state;
  if (run.openTasks().some((t) => t.pathway === p)) return;
  if (state.release === null) await createPathwayTasks(run, p);
  else {
    const on = await policy.needFollowUpDue({ policyVersionId: state.policyVersionId, from: await policy.londonDate({ at: nowIso() }) });
    await createTask(run, 'PATHWAY_SUPPORT', { kind: 'DATE', on }, { pathway: p, side: 'COMMUNITY', assignee: state.handover.comUserId, title: `Support after release: ${describe(p)}` });
  }
  await refreshNeed(run, p, actor);
}

/** What is still open on a need: types whose latest completed outcome did not meet it, or that have open tasks. */
function openItems(run: PathwayRun, p: Pathway): { any: boolean; open: TaskType[] } {
  const plan = run.state.plan as PlanState;
  const tasks = run.state.tasks.filter((t) => t.pathway === p && t.status !== 'CANCELLED');
  const types = [...new Set(run.state.tasks.filter((t) => t.pathway === p).map((t) => t.type))];
  const open = types.filter((type) => {
    const ofType = tasks.filter((t) => t.type === type);
    if (ofType.some((t) => isOpenTask(t.status))) return true;
    const done = ofType.filter((t) => t.status === 'COMPLETED').sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? '') || a.createdAt.localeCompare(b.createdAt));
    const latest = done[done.length - 1];
    return latest === undefined || plan.assessed[latest.id] === false;
  });
  return { any: types.length > 0, open };
}

/** Brings a need's status in line with its tasks' outcomes: in progress while work is open, met when every outcome meets it. */
export async function refreshNeed(run: PathwayRun, p: Pathway, actor: Actor = SYSTEM_ACTOR): Promise<void> {
  const plan = run.state.plan;
  if (!plan) return;
  const need = plan.needs[p];
  if (!isUnmetNeed(need.status)) {
    need.open = [];
    return;
  }
  const { any, open } = openItems(run, p);
  need.open = open;
  if (!any) return;
  if (open.length === 0) setNeed(run, p, 'MET', 'Every outcome recorded meets the need', actor);
  else if (need.status === 'SUPPORT_REQUIRED') setNeed(run, p, 'IN_PROGRESS', 'Work on the need has started', actor);
  await clearResolvedAlarm(run);
}

/** A need's task is completed: its outcome is assessed (policy need rules); one that does not meet the need opens the next action. */
export async function needTaskCompleted(run: PathwayRun, task: TaskState, actor: Actor): Promise<void> {
  const plan = run.state.plan;
  const p = task.pathway;
  if (!plan || !p || !isUnmetNeed(plan.needs[p].status)) return;
  const previousUnmet = run.state.tasks.filter((t) => t.pathway === p && t.type === task.type && plan.assessed[t.id] === false).length;
  const a = await policy.assessOutcome({ policyVersionId: run.state.policyVersionId, taskType: task.type, outcome: task.outcome, completedAt: task.completedAt ?? nowIso(), previousUnmet });
  plan.assessed[task.id] = a.meets;
  if (!a.meets && a.followUp) {
    run.audit(actor, 'NEED_OUTCOME_UNMET', { taskId: task.id, details: { pathway: p, means: a.unmetMeans, rulesVersion: a.rulesVersion } });
    const next = await createTask(run, task.type, { kind: 'DATE', on: a.followUp.dueDate }, { pathway: p, assignee: task.assignee, title: a.followUp.title });
    if (a.followUp.escalate) run.notify('ESCALATION', next, 'MANAGER', null, `Escalated: ${describe(p)} need still unmet (${a.unmetMeans ?? 'outcome does not meet the need'}): ${next.title} by ${next.dueDate}.`);
  }
  await refreshNeed(run, p, actor);
}

/** The resettlement plan confirms or revises each need. */
export async function applyPlan(run: PathwayRun, o: TaskOutcome<'RESETTLEMENT_PLAN'>, actor: Actor): Promise<void> {
  const plan = run.state.plan;
  if (!plan) return;
  for (const p of PATHWAYS) {
    const { status, notes } = o.pathways[p];
    const reason = notes ?? 'Recorded in the resettlement plan';
    if (status === 'SUPPORT_DECLINED' || status === 'SUPPORT_NOT_REQUIRED') {
      // Confirmed as screened: the screening's reason stands; revised: the plan's.
      if (plan.needs[p].status !== status) setNeed(run, p, status, reason, actor);
    }
    // A plan no longer says "done" (its schema refuses it): plans accepted before still replay.
    else if ((status as string) === 'DONE') setNeed(run, p, 'MET', reason, actor);
    else if (status === 'SUPPORT_REQUIRED' || status === 'IN_PROGRESS') {
      if (!isUnmetNeed(plan.needs[p].status)) setNeed(run, p, 'SUPPORT_REQUIRED', reason, actor);
      await refreshNeed(run, p, actor);
    }
  }
}

/**
 * A need's status set by hand (the plan's forms, the pre-release review): support required opens
 * its work again; declined or not required cancels its open work, with the reason.
 */
export async function changeNeed(run: PathwayRun, p: Pathway, status: SettableNeedStatus, reason: string | undefined, actor: Actor): Promise<void> {
  if (status === 'SUPPORT_REQUIRED') return reopenNeed(run, p, reason ?? 'Support required', actor);
  for (const t of run.openTasks()) if (t.pathway === p) cancelTask(run, t, actor, reason ?? '');
  setNeed(run, p, status, reason ?? '', actor);
  await refreshNeed(run, p, actor);
}

/** The pre-release review revises the needs it names, each with its reason. */
export async function reviewNeeds(run: PathwayRun, revised: NonNullable<TaskOutcome<'PRE_RELEASE_REVIEW'>['needs']>, actor: Actor): Promise<void> {
  if (!run.state.plan) return;
  for (const p of PATHWAYS) {
    const r = revised[p];
    if (r) await changeNeed(run, p, r.status, r.reason ?? 'Revised at the pre-release review', actor);
  }
}

/** Needs reopened (a change of circumstances, a need added): support required again, with work opened. */
export async function reopenNeed(run: PathwayRun, p: Pathway, reason: string, actor: Actor): Promise<void> {
  const plan = run.state.plan;
  if (!plan) return;
  if (!isUnmetNeed(plan.needs[p].status)) setNeed(run, p, 'SUPPORT_REQUIRED', reason, actor);
  await openNeedWork(run, p, actor);
}

// ---- release readiness ------------------------------------------------------------------------

const alarmsLive = (run: PathwayRun): boolean => {
  const s = run.state;
  return s.plan !== undefined && s.release === null && (s.stage !== 'SUPERVISION' && s.stage !== 'CLOSED' && s.stage !== 'RECALLED');
};

/** The release date whose readiness alarms are to be planned now, when the plan's alarms are live. */
export function readinessReleaseDate(run: PathwayRun): string | null {
  return run.state.plan && alarmsLive(run) ? run.state.keyDates.releaseDate : null;
}

/**
 * (Re)plans the readiness alarms for the release date; an alarm whose instant is unchanged keeps
 * whether it fired. `given`: the alarms the policy already gave in a batched call.
 */
export async function planReadinessAlarms(run: PathwayRun, given?: Pick<ReadinessAlarm, 'key' | 'at'>[] | null): Promise<void> {
  const state = run.state;
  const plan = state.plan;
  const releaseDate = state.keyDates.releaseDate;
  if (!plan || !alarmsLive(run)) return;
  if (!releaseDate) {
    plan.alarms = [];
    return;
  }
  const planned = given ?? (await policy.readinessAlarms({ policyVersionId: state.policyVersionId, releaseDate }));
  plan.alarms = planned.map((a) => {
    const same = plan.alarms.find((b) => b.key === a.key && b.at === a.at);
    return same ?? { key: a.key, at: a.at, releaseDate, fired: false, raised: null };
  });
}

/** The next readiness alarm not yet fired. */
export function alarmWake(run: PathwayRun): number | undefined {
  if (!alarmsLive(run)) return undefined;
  const times = (run.state.plan?.alarms ?? []).filter((a) => !a.fired).map((a) => ms(a.at));
  return times.length ? Math.min(...times) : undefined;
}

/** Fires the alarms that are due: unmet watched needs tell the team and escalate to the manager. True if anything changed. */
export async function fireReadinessAlarms(run: PathwayRun, now: number): Promise<boolean> {
  const plan = run.state.plan;
  if (!plan || !alarmsLive(run)) return false;
  const due = plan.alarms.filter((a) => !a.fired && ms(a.at) <= now);
  for (const alarm of due) {
    const gaps = await policy.readinessGaps({ needs: plan.needs, policyVersionId: run.state.policyVersionId });
    alarm.fired = true;
    alarm.raised = gaps.keys;
    run.audit(SYSTEM_ACTOR, gaps.keys.length ? 'RELEASE_READINESS_ALARM' : 'RELEASE_READINESS_CHECKED', { details: { alarm: alarm.key, releaseDate: alarm.releaseDate, unmet: gaps.keys } });
    if (gaps.keys.length === 0) continue;
    plan.alarmOpen = gaps.keys;
    const what = `Due for release on ${alarm.releaseDate} with unmet needs: ${gaps.labels.join(', ')}.`;
    run.notify('INFO', null, 'PRISON', null, what);
    if (run.state.handover.comTeamCode) run.notify('INFO', null, 'COMMUNITY', run.state.handover.comUserId, what);
    run.notify('ESCALATION', null, 'MANAGER', null, `Escalated: ${what}`);
  }
  return due.length > 0;
}

/** After a need changes: an alarm whose needs are now met is cleared. */
async function clearResolvedAlarm(run: PathwayRun): Promise<void> {
  const plan = run.state.plan;
  if (!plan || plan.alarmOpen.length === 0) return;
  const gaps = await policy.readinessGaps({ needs: plan.needs, policyVersionId: run.state.policyVersionId });
  const still = plan.alarmOpen.filter((k) => gaps.keys.includes(k));
  if (still.length === plan.alarmOpen.length) return;
  const cleared = plan.alarmOpen.filter((k) => !still.includes(k));
  plan.alarmOpen = still;
  run.audit(SYSTEM_ACTOR, 'RELEASE_READINESS_ALARM_CLEARED', { details: { cleared, stillUnmet: still } });
}

/** At release: the needs still unmet are recorded (state, read model, audit), and the probation team takes them on. */
export async function recordReleaseNeeds(run: PathwayRun, actor: Actor): Promise<void> {
  const plan = run.state.plan;
  if (!plan) return;
  const unmet = unmetNeedsOf(plan);
  plan.releasedWithUnmetNeeds = unmet;
  if (unmet.length === 0) return;
  run.audit(actor, 'RELEASED_WITH_UNMET_NEEDS', { details: { pathways: unmet, open: Object.fromEntries(unmet.map((p) => [p, plan.needs[p].open])) } });
  run.notify('ESCALATION', null, 'MANAGER', null, `Released with unmet needs: ${unmet.map(describe).join(', ')}.`);
}

/** After release: each unmet need gets community work (the prison's tasks were cancelled at release). */
export async function handOnUnmetNeeds(run: PathwayRun, actor: Actor): Promise<void> {
  const plan = run.state.plan;
  if (!plan) return;
  for (const p of unmetNeedsOf(plan)) await openNeedWork(run, p, actor);
}
