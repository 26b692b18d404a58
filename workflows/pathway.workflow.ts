import { allHandlersFinished, condition, continueAsNew, log, workflowInfo } from '@temporalio/workflow';
import type { PathwayStartInput, PathwayState } from '../libs/contracts/src';
import { nowIso, policy, PathwayRun } from './pathway/context';
import { registerHandlers } from './pathway/handlers';
import { initialState } from './pathway/start';
import { createTask } from './pathway/tasks';
import { fireDue, nextWake, scheduleCustodyWindows } from './pathway/timers';

/**
 * One person's pathway through the gate, from reception into custody to the end of community
 * supervision: staff commands arrive as Updates, deadlines are durable timers, and every change
 * is projected to the read model. Long cases continue as new with their state carried over.
 */
export async function pathwayWorkflow(input: PathwayStartInput): Promise<PathwayState> {
  const run = new PathwayRun(input);
  // Handlers are registered first so that a command arriving with the start is held until the
  // case exists (commands wait for `run.ready`), never refused.
  registerHandlers(run);

  // --- start or carry over ------------------------------------------------------------------
  if (input.carried) {
    run.state = input.carried;
  } else {
    const kd = await policy.computeKeyDates({ sentence: input.sentence, policyVersionId: input.policyVersionId, now: nowIso() });
    run.state = initialState(input, kd);
  }

  // --- first run: custody screening, COM allocation when there is a handover date, the dated windows
  if (!input.carried) {
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
    run.ready = true;
  }

  // --- the deadline loop: sleep until the next deadline or change, fire what is due ------------
  const closed = (): boolean => run.state.stage === 'CLOSED';
  for (;;) {
    if (closed()) break;
    const wake = nextWake(run);
    run.woken = false;
    const timeout = wake === undefined ? undefined : Math.max(0, wake - Date.now());
    if (timeout === undefined) await condition(() => run.woken || closed());
    else if (timeout > 0) await condition(() => run.woken || closed(), timeout);
    if (closed()) break;
    if (wake !== undefined && Date.now() >= wake) {
      await condition(() => !run.busy);
      run.busy = true;
      try {
        if (await fireDue(run)) await run.flush();
      } finally {
        run.busy = false;
      }
    }
    // --- continue as new when the history grows long -------------------------------------------
    const limit = input.continueAsNewAfterEvents;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || (limit !== undefined && info.historyLength > limit)) {
      await condition(() => allHandlersFinished() && !run.busy);
      log.info('continuing as new', { caseId: run.state.caseId, historyLength: info.historyLength });
      await continueAsNew<typeof pathwayWorkflow>({ ...input, carried: run.state });
    }
  }
  await condition(allHandlersFinished);
  return run.state;
}
