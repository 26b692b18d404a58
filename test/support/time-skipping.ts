import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureTool } from '../../scripts/lib/tools';

/** The time-skipping test server wrapper: from the global setup, else built/fetched now. */
export function testServerPath(): string {
  return process.env.TTG_TEST_SERVER_PATH ?? ensureTool('test-server');
}

/**
 * Temporal's Java time-skipping test server (from Maven Central through scripts/tools.sh, not
 * downloaded by the SDK at run time), started on a free port for this test file. Timers are
 * skipped whenever no workflow task is running and a client waits on a result, and on
 * `env.sleep(…)`. Call `env.teardown()` in afterAll.
 */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
}
