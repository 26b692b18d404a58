import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { getState, PATHWAY_WORKFLOW_TYPE, pathwayWorkflowId, type PathwayState } from '@ttg/contracts';
import type { PathwayDirectory } from '@ttg/persistence/reconciler';

const PREFIX = pathwayWorkflowId('');

/** The pathway workflows as Temporal knows them: running ones listed by visibility, state by query. */
export function temporalPathwayDirectory(client: Client): PathwayDirectory {
  return {
    async *runningCaseIds() {
      for await (const wf of client.workflow.list({ query: `WorkflowType = '${PATHWAY_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'` })) {
        if (wf.workflowId.startsWith(PREFIX)) yield wf.workflowId.slice(PREFIX.length);
      }
    },
    async stateOf(caseId: string): Promise<PathwayState | null> {
      try {
        return await client.workflow.getHandle(pathwayWorkflowId(caseId)).query(getState);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return null;
        throw err;
      }
    },
  };
}
