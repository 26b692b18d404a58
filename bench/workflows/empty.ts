import { condition, defineSignal, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

/**
 * The bare-Temporal baselines: workflows that do nothing but what Temporal itself must do, run
 * by their own worker on their own task queue next to the product's.
 */

/** Starts and completes in its first workflow task. */
export async function emptyWorkflow(): Promise<void> {
  return;
}

/** A trivial Update: the round trip client → server → worker → server → client, nothing else. */
export const ping = defineUpdate<number, [number]>('ping');
/** The same round trip with one no-op activity awaited inside the handler (as a projection is). */
export const pingWithActivity = defineUpdate<number, [number]>('pingWithActivity');
export const finish = defineSignal('finish');

const { noop } = proxyActivities<{ noop(n: number): Promise<number> }>({ startToCloseTimeout: '10 seconds' });

/** Waits for Updates until signalled to finish. */
export async function updatableWorkflow(): Promise<void> {
  let done = false;
  setHandler(ping, (n) => n + 1);
  setHandler(pingWithActivity, (n) => noop(n));
  setHandler(finish, () => {
    done = true;
  });
  await condition(() => done);
}
