import {
  PATHWAYS,
  SYSTEM_ACTOR,
  type Actor,
  type RoshLevel,
  type TaskOutcome,
  type TaskState,
  type TaskType,
} from '@ttg/contracts';
import { nowIso, policy, type PathwayRun } from './context';
import { comAllocated, handoverDecided, packRevised } from './handover';
import { closeNow, startSupervision, successfulContact } from './supervision';
import { createTask, openTask, setStage, workingDaysFromToday } from './tasks';
import { victimContactRecorded } from './victim';
import { applyPlan, createPathwayTasks, reviewNeeds, handOnUnmetNeeds, needTaskCompleted, planReadinessAlarms, readinessReleaseDate, recordReleaseNeeds, startPlan } from './needs';

/** What completing a task does to the case: one function per task type (TRANSITIONS). */
type Transition<T extends TaskType> = (run: PathwayRun, outcome: TaskOutcome<T>, task: TaskState, actor: Actor) => Promise<void>;

const RISK_NEEDING_PLAN: RoshLevel[] = ['MEDIUM', 'HIGH', 'VERY_HIGH'];

const nothing = async (): Promise<void> => {};

/** A missed first appointment or home visit is not done: it is booked again. */
const contactTask: Transition<'FIRST_APPOINTMENT' | 'HOME_VISIT'> = async (run, o, task, actor) => {
  if (o.outcome === 'ATTENDED') await successfulContact(run, o.date, actor);
  if (o.outcome !== 'ATTENDED') {
    await createTask(run, task.type, { kind: 'WORKING_DAYS', from: o.date, taskType: task.type }, { assignee: task.assignee });
  }
};

/** Exported only so a unit test can check it covers exactly the catalogue's task types. */
export const TRANSITIONS: { [T in TaskType]: Transition<T> } = {
  CUSTODY_SCREENING: async (run, o, task, actor) => {
    const state = run.state;
    if (state.stage === 'RECALLED') return;
    state.needs = o.needs;
    // Needs tracked with their outcomes from here on; cases screened before keep their pathway ticks.
    const started = !state.plan && run.patched('needs-and-outcomes');
    if (started) startPlan(run, o, actor);
    if (run.patched(SCREENING_PATCH)) return screenedInOneCall(run, task, started);
    if (started) await planReadinessAlarms(run);
    setStage(run, 'RISK_SCREENING');
    const screenedOn = await policy.londonDate({ at: task.completedAt ?? nowIso() });
    await createTask(run, 'RISK_SCREENING', { kind: 'WORKING_DAYS', from: screenedOn, taskType: 'RISK_SCREENING' });
    const plan = await createTask(run, 'RESETTLEMENT_PLAN', { kind: 'WORKING_DAYS', from: screenedOn, taskType: 'RESETTLEMENT_PLAN' });
    if (comAllocatedWithPlan(run)) {
      // COM responsible from the start: allocated when the resettlement plan is due.
      await createTask(run, 'COM_ALLOCATION', { kind: 'DATE', on: plan.dueDate });
      state.handover.status = 'ALLOCATION_DUE';
    }
  },
  RISK_SCREENING: async (run, o, _task, actor) => {
    const state = run.state;
    await applyRiskLevel(run, o.roshLevel, actor);
    const on = await policy.londonDate({ at: nowIso() });
    for (const check of ['DOMESTIC_ABUSE_CHECK', 'SAFEGUARDING_CHECK'] as const) {
      if (run.openTasks(check).length === 0) await createTask(run, check, { kind: 'WORKING_DAYS', from: on, taskType: check });
    }
    state.risk.domesticAbuse = state.risk.domesticAbuse ?? 'REQUESTED';
    state.risk.safeguarding = state.risk.safeguarding ?? 'REQUESTED';
    if (state.stage === 'RISK_SCREENING') setStage(run, 'RESETTLEMENT_PLAN');
  },
  DOMESTIC_ABUSE_CHECK: async (run, o) => {
    run.state.risk.domesticAbuse = o.result;
  },
  SAFEGUARDING_CHECK: async (run, o) => {
    run.state.risk.safeguarding = o.result;
  },
  RISK_MANAGEMENT_PLAN: async (run, o) => {
    run.state.risk.riskManagementPlan = o.summary;
  },
  RESETTLEMENT_PLAN: async (run, o, _task, actor) => {
    const state = run.state;
    for (const p of PATHWAYS) state.pathways[p] = o.pathways[p].status;
    if (state.stage === 'RESETTLEMENT_PLAN' || state.stage === 'RISK_SCREENING') setStage(run, 'PATHWAY_WORK');
    for (const p of PATHWAYS) {
      if (o.pathways[p].status !== 'SUPPORT_REQUIRED') continue;
      // The actions the plan chose (plans before the choice open all of them).
      await createPathwayTasks(run, p, o.pathways[p].actions);
      state.pathways[p] = 'IN_PROGRESS';
    }
    await applyPlan(run, o, actor);
  },
  DUTY_TO_REFER: nothing,
  SECURE_ADDRESS: nothing,
  ETE_REFERRAL: nothing,
  BANK_ACCOUNT: nothing,
  ID_DOCUMENTS: nothing,
  DEBT_ADVICE: nothing,
  PATHWAY_SUPPORT: nothing,
  PRE_RELEASE_REVIEW: async (run, o, _task, actor) => {
    const state = run.state;
    // The review revises the needs it names (reviews recorded before it only ticked "needs reviewed").
    if (o.needs && run.patched('pre-release-review-revises-needs')) await reviewNeeds(run, o.needs, actor);
    state.prerelease = {
      releaseAddress: o.releaseAddress ?? null,
      licenceConditions: o.licenceConditions,
      provisionalFirstAppointment: o.provisionalFirstAppointment,
    };
    if (state.keyDates.victimContactEligible) await createTask(run, 'VICTIM_CONTACT', { kind: 'KEY_DATE', keyDate: 'releaseDate' }, { title: 'Tell the victim liaison officer the release date and licence conditions' });
  },
  COM_ALLOCATION: (run, o) => comAllocated(run, o),
  HANDOVER_ACCEPTANCE: (run, o) => handoverDecided(run, o),
  HANDOVER_PACK_REVISION: (run) => packRevised(run),
  VICTIM_CONTACT: (run, o, task) => victimContactRecorded(run, o, task),
  RELEASE_OUTCOMES: async (run, o, _task, actor) => {
    run.state.release = { releasedOn: o.releasedOn, outcomes: o };
    await recordReleaseNeeds(run, actor);
    await startSupervision(run, o.releasedOn, undefined);
    await handOnUnmetNeeds(run, actor);
  },
  FIRST_APPOINTMENT: contactTask,
  HOME_VISIT: contactTask,
  RISK_REVIEW: async (run, o, _task, actor) => {
    await applyRiskLevel(run, o.roshLevel, actor);
  },
  OUTCOME_CHECKPOINT: async (run, _o, task) => {
    run.state.outcomes.push({ months: task.checkpointMonths ?? 0, ...(task.checkpointWeeks ? { weeks: task.checkpointWeeks } : {}), recordedAt: nowIso(), outcome: task.outcome });
  },
  CLOSURE: async (run, o, _task, actor) => {
    run.state.closureSummary = o.summary;
    closeNow(run, actor, 'Supervision ended');
  },
};

/** A completed screening asks the policy once for every date that follows (histories before it: step by step). */
export const SCREENING_PATCH = 'screening-one-policy-call';

/** The COM is responsible from the start and none is allocated yet: allocated when the resettlement plan is due. */
const comAllocatedWithPlan = (run: PathwayRun): boolean =>
  run.state.handover.comResponsibleFromStart && run.openTasks('COM_ALLOCATION').length === 0 && run.state.handover.comUserId === null;

/** The screening's transition with one policy call: readiness alarms, stage, the next tasks and their deadlines. */
async function screenedInOneCall(run: PathwayRun, task: TaskState, started: boolean): Promise<void> {
  const state = run.state;
  const allocateCom = comAllocatedWithPlan(run);
  const p = await policy.planScreened({
    policyVersionId: state.policyVersionId,
    keyDates: state.keyDates,
    completedAt: task.completedAt ?? nowIso(),
    now: nowIso(),
    allocateCom,
    readinessFor: started ? readinessReleaseDate(run) : null,
  });
  if (started) await planReadinessAlarms(run, p.readinessAlarms);
  setStage(run, 'RISK_SCREENING');
  openTask(run, 'RISK_SCREENING', p.riskScreening, { kind: 'WORKING_DAYS', from: p.screenedOn, taskType: 'RISK_SCREENING' });
  const plan = openTask(run, 'RESETTLEMENT_PLAN', p.resettlementPlan, { kind: 'WORKING_DAYS', from: p.screenedOn, taskType: 'RESETTLEMENT_PLAN' });
  if (allocateCom && p.comAllocation) {
    openTask(run, 'COM_ALLOCATION', p.comAllocation, { kind: 'DATE', on: plan.dueDate });
    state.handover.status = 'ALLOCATION_DUE';
  }
}

/** Applies a completed task's effect on the case, then marks pathways whose tasks are all done. */
export async function onCompleted(run: PathwayRun, task: TaskState, actor: Actor): Promise<void> {
  const transition = TRANSITIONS[task.type] as Transition<TaskType>;
  await transition(run, task.outcome as TaskOutcome<TaskType>, task, actor);
  await needTaskCompleted(run, task, actor);
  refreshPathways(run);
}

/** Cases without a needs plan: a pathway is done when its tasks are. With one, a pathway follows its need (needs.ts). */
function refreshPathways(run: PathwayRun): void {
  const state = run.state;
  if (state.plan) return;
  for (const p of PATHWAYS) {
    const related = state.tasks.filter((t) => t.pathway === p && t.status !== 'CANCELLED');
    if (related.length > 0 && related.every((t) => t.status === 'COMPLETED') && state.pathways[p] === 'IN_PROGRESS') {
      state.pathways[p] = 'DONE';
      run.audit(SYSTEM_ACTOR, 'PATHWAY_DONE', { after: { pathway: p } });
    }
  }
}

/** A new risk of serious harm level: medium or above needs a risk management plan in custody, a home visit on supervision. */
export async function applyRiskLevel(run: PathwayRun, level: RoshLevel, actor: Actor): Promise<void> {
  const state = run.state;
  const before = state.risk.roshLevel;
  state.risk.roshLevel = level;
  state.risk.homeVisitRequired = RISK_NEEDING_PLAN.includes(level);
  if (before !== level) run.audit(actor, 'RISK_LEVEL_CHANGED', { before, after: level });
  if (!state.risk.homeVisitRequired) return;
  const inCustody = state.stage !== 'SUPERVISION';
  if (inCustody && !state.risk.riskManagementPlan && run.openTasks('RISK_MANAGEMENT_PLAN').length === 0) {
    await createTask(run, 'RISK_MANAGEMENT_PLAN', { kind: 'KEY_DATE', keyDate: 'handoverOrReview' });
  }
  if (!inCustody && run.openTasks('HOME_VISIT').length === 0 && state.supervision) {
    await createTask(run, 'HOME_VISIT', await workingDaysFromToday('HOME_VISIT'), { assignee: state.handover.comUserId });
  }
}
