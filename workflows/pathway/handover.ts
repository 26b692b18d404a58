import type { Actor, DeadlineBasis, ReallocateComCommand, TaskOutcome } from '@ttg/contracts';
import type { IsoDate } from '@ttg/policy';
import { nowIso, policy, type PathwayRun } from './context';
import { cancelTask, createTask, rebaseTask, workingDaysFromToday } from './tasks';

/**
 * The handover from prison to the community offender manager (COM): allocation, acceptance or
 * sending back, revision, and reallocation.
 */

/** A COM is allocated: the handover waits for their acceptance, and community tasks go to them. */
export async function comAllocated(run: PathwayRun, o: TaskOutcome<'COM_ALLOCATION'>): Promise<void> {
  const handover = run.state.handover;
  handover.comUserId = o.comUserId;
  handover.comTeamCode = o.teamCode;
  handover.status = 'AWAITING_ACCEPTANCE';
  const basis: DeadlineBasis = handover.handoverDate ? { kind: 'DATE', on: handover.handoverDate } : await workingDaysFromToday('HANDOVER_ACCEPTANCE');
  await createTask(run, 'HANDOVER_ACCEPTANCE', basis, { assignee: o.comUserId });
  run.notify('HANDOVER', null, 'COMMUNITY', o.comUserId, 'A case has been allocated to you: the handover pack is ready to accept.');
  // Community tasks opened before allocation go to the new COM.
  for (const t of run.openTasks()) {
    if (t.side === 'COMMUNITY' && t.assignee === null) {
      t.assignee = o.comUserId;
      run.touch(t);
    }
  }
}

/** The COM accepts the handover (prison staff keep read access for a while) or sends it back for revision. */
export async function handoverDecided(run: PathwayRun, o: TaskOutcome<'HANDOVER_ACCEPTANCE'>): Promise<void> {
  const state = run.state;
  if (o.decision === 'ACCEPTED') {
    state.handover.status = 'ACCEPTED';
    state.handover.acceptedAt = nowIso();
    state.handover.sentBackReason = null;
    state.handover.prisonAccessUntil = await policy.prisonAccessUntil({ policyVersionId: state.policyVersionId, acceptedAt: state.handover.acceptedAt });
    run.notify('HANDOVER', null, 'PRISON', null, `The handover was accepted; prison staff can read the case until ${state.handover.prisonAccessUntil}.`);
  } else {
    state.handover.status = 'SENT_BACK';
    state.handover.sentBackReason = o.reason ?? null;
    await createTask(run, 'HANDOVER_PACK_REVISION', await workingDaysFromToday('HANDOVER_PACK_REVISION'));
    run.notify('HANDOVER', null, 'PRISON', null, `The handover was sent back: ${o.reason ?? ''}`);
  }
}

/** The revised pack goes back to the COM to accept. */
export async function packRevised(run: PathwayRun): Promise<void> {
  run.state.handover.status = 'AWAITING_ACCEPTANCE';
  const basis = await workingDaysFromToday('HANDOVER_ACCEPTANCE');
  await createTask(run, 'HANDOVER_ACCEPTANCE', basis, { assignee: run.state.handover.comUserId });
}

/** Another COM takes the case over, with the community tasks that were the previous COM's or nobody's. */
export function reallocateCom(run: PathwayRun, cmd: ReallocateComCommand, actor: Actor): void {
  const handover = run.state.handover;
  const before = { comUserId: handover.comUserId, comTeamCode: handover.comTeamCode };
  handover.comUserId = cmd.comUserId;
  handover.comTeamCode = cmd.teamCode;
  for (const t of run.openTasks()) {
    if (t.side === 'COMMUNITY' && (t.assignee === null || t.assignee === before.comUserId)) {
      t.assignee = cmd.comUserId;
      run.touch(t);
    }
  }
  run.audit(actor, 'COM_REALLOCATED', { before, after: { comUserId: cmd.comUserId, comTeamCode: cmd.teamCode }, details: { reason: cmd.reason } });
  run.notify('HANDOVER', null, 'COMMUNITY', cmd.comUserId, `A case has been reallocated to you: ${cmd.reason}`);
}

/**
 * The handover follows every change of dates: the handover rule is decided again and the COM
 * allocation created, re-based or cancelled to match, the acceptance moved with the handover date
 * (a due date on a non-working day moves earlier; never due after release). Versioned: histories
 * before this replay as they ran.
 */
export const HANDOVER_FOLLOWS_DATES = 'handover-follows-every-date-change';

/** The COM allocation's deadline basis under the case's key dates now; null when none is due yet. */
async function allocationBasis(run: PathwayRun): Promise<DeadlineBasis | null> {
  const state = run.state;
  const plan = state.tasks.find((t) => t.type === 'RESETTLEMENT_PLAN' && t.status !== 'CANCELLED');
  const basis = await policy.comAllocationBasis({ keyDates: state.keyDates, resettlementPlanDueOn: plan?.dueDate ?? null });
  if (!basis.needed) return null;
  if (basis.basis === 'HANDOVER_DATE') return { kind: 'COM_ALLOCATION', handoverDate: basis.on };
  return basis.on ? { kind: 'DATE', on: basis.on } : null;
}

export async function reconcileHandover(run: PathwayRun, actor: Actor, previousHandoverDate: IsoDate | null): Promise<void> {
  const state = run.state;
  const handover = state.handover;
  if (handover.comUserId !== null) {
    // Allocated: the acceptance due on the handover date moves with it.
    for (const t of run.openTasks('HANDOVER_ACCEPTANCE')) {
      if (t.basis.kind === 'DATE' && t.basis.on === previousHandoverDate && handover.handoverDate) await rebaseTask(run, t, { kind: 'DATE', on: handover.handoverDate }, actor);
    }
    return;
  }
  const wanted = await allocationBasis(run);
  const [kept, ...extra] = run.openTasks('COM_ALLOCATION');
  for (const t of wanted ? extra : run.openTasks('COM_ALLOCATION')) cancelTask(run, t, actor, 'The handover rule changed with the release dates');
  if (!wanted) {
    handover.status = 'NOT_DUE';
    handover.allocationOverdue = false;
    handover.allocationEscalated = false;
    return;
  }
  if (!kept) await createTask(run, 'COM_ALLOCATION', wanted);
  else if (await rebaseTask(run, kept, wanted, actor)) {
    handover.allocationOverdue = false;
    handover.allocationEscalated = false;
  }
  handover.status = 'ALLOCATION_DUE';
}
