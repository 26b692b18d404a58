import { sleep } from '@temporalio/workflow';

/** Sleeps for `days` days of workflow time; returns the workflow clock before and after. */
export async function sleepDays(days: number): Promise<{ startedAt: number; wokeAt: number }> {
  const startedAt = Date.now(); // the workflow's deterministic clock, not the host's
  await sleep(`${days} days`);
  return { startedAt, wokeAt: Date.now() };
}
