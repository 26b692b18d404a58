import { PATHWAYS, type PathwayStartInput, type PathwayState } from '@ttg/contracts';
import type { KeyDatesResult } from '../../activities/pathway-activities.types';
import { ms, nowIso, policy, type PathwayRun } from './context';
import { createTask, openTask, scheduleAt } from './tasks';
import { scheduleCustodyWindows } from './timers';
import { openVictimReferral } from './victim';

/** A new case's state on reception: in custody screening, with its key dates and nothing yet done. */
export function initialState(input: PathwayStartInput, kd: KeyDatesResult): PathwayState {
  return {
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

/**
 * A new case's first run: its key dates, the custody screening, the COM allocation when there
 * is a handover date, and the dated windows, all in one turn ending projected. With the lean
 * start the policy is asked once (`planFirstRun`) and a reminder whose time has already passed
 * is not sent (the deadline loop would otherwise flush a second time at once); histories before
 * it ask step by step.
 */
export async function firstRun(run: PathwayRun): Promise<void> {
  const input = run.input;
  if (!run.lean) {
    const kd = await policy.computeKeyDates({ sentence: input.sentence, policyVersionId: input.policyVersionId, now: nowIso() });
    run.state = initialState(input, kd);
    await run.exclusive(async () => {
      const state = run.state;
      run.audit(input.startedBy, 'CASE_STARTED', { after: { policyVersionId: state.policyVersionId, keyDates: state.keyDates } });
      await createTask(run, 'CUSTODY_SCREENING', { kind: 'INSTANT', at: input.sentence.receptionAt });
      if (state.handover.handoverDate && !state.handover.comResponsibleFromStart) {
        await createTask(run, 'COM_ALLOCATION', { kind: 'COM_ALLOCATION', handoverDate: state.handover.handoverDate });
        state.handover.status = 'ALLOCATION_DUE';
      }
      await scheduleCustodyWindows(run);
    }, true);
    return;
  }
  // Planned at reception by the API (the input is in the history), or asked of the policy here.
  const plan = input.firstRun ?? (await policy.planFirstRun({ sentence: input.sentence, policyVersionId: input.policyVersionId, now: nowIso() }));
  run.state = { ...initialState(input, plan), ...(input.person ? { person: input.person } : {}) };
  await run.exclusive(async () => {
    const state = run.state;
    run.audit(input.startedBy, 'CASE_STARTED', { after: { policyVersionId: state.policyVersionId, keyDates: state.keyDates } });
    openTask(run, 'CUSTODY_SCREENING', plan.screening, { kind: 'INSTANT', at: input.sentence.receptionAt });
    if (plan.comAllocation && state.handover.handoverDate) {
      openTask(run, 'COM_ALLOCATION', plan.comAllocation, { kind: 'COM_ALLOCATION', handoverDate: state.handover.handoverDate });
      state.handover.status = 'ALLOCATION_DUE';
    }
    if (plan.preReleaseReviewOpensAt) scheduleAt(run, 'PRE_RELEASE_REVIEW', plan.preReleaseReviewOpensAt, 'pre-release-review');
    if (plan.releaseDayAt) scheduleAt(run, 'RELEASE_OUTCOMES', plan.releaseDayAt, 'release-day');
    await openVictimReferral(run, input.firstRun?.victimReferral);
    const now = Date.now();
    for (const t of run.openTasks()) if (t.reminderAt && ms(t.reminderAt) <= now) t.reminded = true;
  }, true);
}
