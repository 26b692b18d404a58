import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

/**
 * Test-only workflow interceptor: fails the workflow task right after a projection that
 * committed and answered `crashAfter` (the test's activity says so once), as a worker crash
 * between the local activity's commit and the workflow task's completion would.
 */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      async scheduleLocalActivity(input, next) {
        const result: unknown = await next(input);
        if (input.activityType === 'projectCase' && typeof result === 'object' && result !== null && 'crashAfter' in result) {
          throw new Error('test: the workflow task fails after its projection committed');
        }
        return result;
      },
    },
  ],
});
