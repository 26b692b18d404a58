import type { Actor, DeadlineBasis, ReallocateComCommand, TaskOutcome } from '../../libs/contracts/src';
import { nowIso, policy, type PathwayRun } from './context';
import { createTask, workingDaysFromToday } from './tasks';

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
