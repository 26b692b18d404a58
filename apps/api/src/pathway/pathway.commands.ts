import { Injectable, Logger } from '@nestjs/common';
import { WorkflowUpdateFailedError, WorkflowNotFoundError, WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import {
  ERROR_CODES,
  PATHWAY_UPDATES,
  PATHWAY_WORKFLOW_TYPE,
  pathwayWorkflowId,
  type CommandResult,
  type ErrorCode,
  type PathwayStartInput,
} from '../../../../libs/contracts/src';
import { DomainError } from '../common/domain-error';
import { TemporalClient } from '../common/temporal';
import { Settings } from '../common/settings';

/**
 * Sends staff commands to a case's pathway workflow as Updates and turns the workflow's typed
 * rejections into DomainErrors. The update id is the Idempotency-Key, so a repeat inside one
 * run has one effect (PostgreSQL idempotency records cover the rest).
 */
@Injectable()
export class PathwayCommands {
  private readonly logger = new Logger(PathwayCommands.name);

  constructor(
    private readonly temporal: TemporalClient,
    private readonly settings: Settings,
  ) {}

  private handle(caseId: string): WorkflowHandle {
    return this.temporal.client.workflow.getHandle(pathwayWorkflowId(caseId));
  }

  async start(input: Omit<PathwayStartInput, 'searchAttributes'>): Promise<CommandResult> {
    try {
      await this.temporal.client.workflow.start(PATHWAY_WORKFLOW_TYPE, {
        taskQueue: this.temporal.taskQueue,
        workflowId: pathwayWorkflowId(input.caseId),
        args: [{ ...input, searchAttributes: this.settings.config.temporal.searchAttributes }],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return this.update(input.caseId, PATHWAY_UPDATES.sync, {}, `start-${input.caseId}`);
  }

  /** False only when Temporal says the case's workflow was never started (unknown when it cannot answer). */
  async mayHaveStarted(caseId: string): Promise<boolean> {
    try {
      await this.handle(caseId).describe();
      return true;
    } catch (err) {
      return !(err instanceof WorkflowNotFoundError);
    }
  }

  /** Sends one of the pathway's Updates (PATHWAY_UPDATES) with its argument. */
  async update<A>(caseId: string, update: UpdateDefinition<CommandResult, [A]>, arg: A, idempotencyKey?: string): Promise<CommandResult> {
    try {
      return await this.handle(caseId).executeUpdate(update, {
        args: [arg],
        updateId: idempotencyKey ? `${update.name}:${idempotencyKey}` : randomUUID(),
      });
    } catch (err) {
      throw this.toDomainError(err);
    }
  }

  private toDomainError(err: unknown): Error {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const type = err.cause.type as ErrorCode;
      if (ERROR_CODES.includes(type)) {
        const detail = err.cause.details?.[0] as { problems?: { field: string; reason: string }[] } | undefined;
        const problems = detail && typeof detail === 'object' && 'problems' in detail ? detail.problems : undefined;
        const current = detail && typeof detail === 'object' && !('problems' in detail) ? detail : undefined;
        return new DomainError(type, err.cause.message, { problems, current });
      }
    }
    if (err instanceof WorkflowNotFoundError) return new DomainError('CASE_CLOSED', 'The case is closed');
    if (err instanceof Error && /workflow execution already completed/i.test(err.message)) {
      return new DomainError('CASE_CLOSED', 'The case is closed');
    }
    const cause = err instanceof Error && err.cause instanceof Error ? ` (cause: ${err.cause.name}: ${err.cause.message})` : '';
    this.logger.error(`${err instanceof Error ? err.stack ?? err.message : String(err)}${cause}`);
    return err instanceof Error ? err : new Error(String(err));
  }
}
