import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { createTimeSkippingEnv, testServerPath } from '../../support/time-skipping';
import { sleepDays } from './workflows';

const DAY_MS = 86_400_000;

describe('the Java time-skipping test server (from scripts/tools.sh)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 60_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it('is the cached wrapper, not an SDK download', () => {
    const wrapper = testServerPath();
    expect(wrapper).toMatch(/temporal-test-server-[\d.]+\/temporal-test-server$/);
    expect(existsSync(wrapper)).toBe(true);
  });

  it('runs a workflow that sleeps 30 days in seconds of wall time', async () => {
    const taskQueue = `foundation-${Date.now()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./workflows'),
    });
    const wallStart = Date.now();
    const serverStart = await env.currentTimeMs();
    const result = await worker.runUntil(
      env.client.workflow.execute(sleepDays, { args: [30], taskQueue, workflowId: `sleep-30-days-${Date.now()}` }),
    );
    const wall = Date.now() - wallStart;
    expect(result.wokeAt - result.startedAt).toBeGreaterThanOrEqual(30 * DAY_MS);
    expect((await env.currentTimeMs()) - serverStart).toBeGreaterThanOrEqual(30 * DAY_MS);
    expect(wall).toBeLessThan(30_000);
  }, 90_000);

  it('skips time on env.sleep', async () => {
    const before = await env.currentTimeMs();
    await env.sleep('7 days');
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(7 * DAY_MS);
  });
});
