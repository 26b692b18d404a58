import { allHandlersFinished, condition, continueAsNew, log, workflowInfo } from '@temporalio/workflow';
import type { PathwayStartInput, PathwayState } from '@ttg/contracts';
import { Alarm } from './pathway/alarm';
import { LEAN_PATCH, PathwayRun } from './pathway/context';
import { registerHandlers } from './pathway/handlers';
import { firstRun } from './pathway/start';
import { fireDue, nextWake } from './pathway/timers';

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

  // --- start or carry over; the first run: custody screening, COM allocation when there is a
  // handover date, the dated windows (one policy call and no reminder already past, when lean)
  run.lean = run.patched(LEAN_PATCH);
  if (input.carried) {
    run.state = input.carried;
  } else {
    await firstRun(run);
    run.ready = true;
    // The read model kept the prison number for another active case: this one ends, refused.
    if (run.refused) {
      await condition(allHandlersFinished);
      return run.state;
    }
  }

  // --- the deadline loop: sleep until the next deadline or change, fire what is due ------------
  const closed = (): boolean => run.state.stage === 'CLOSED';
  const alarm = new Alarm();
  for (;;) {
    if (closed()) break;
    const wake = nextWake(run);
    run.woken = false;
    const timeout = wake === undefined ? undefined : Math.max(0, wake - Date.now());
    if (run.lean) {
      if (timeout !== 0) {
        alarm.set(wake);
        await condition(() => run.woken || closed() || alarm.rang);
      }
    } else if (timeout === undefined) await condition(() => run.woken || closed());
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
