import { Injectable, Logger } from '@nestjs/common';
import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowIdConflictPolicy, type UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import {
  ERROR_CODES,
  PATHWAY_UPDATES,
  PATHWAY_WORKFLOW_TYPE,
  pathwaySearchAttributes,
  pathwayWorkflowId,
  type CommandResult,
  type ErrorCode,
  type PathwayStartInput,
} from '@ttg/contracts';
import { DomainError } from '../common/domain-error';
import { TemporalClient } from '../common/temporal';
import { Settings } from '../common/settings';
import { safeError } from '@ttg/config/logging';

/** How long a command waits for its Update before answering 503 (the client may repeat it with its key). */
export const COMMAND_DEADLINE_MS = 10_000;
/** After Temporal could not be reached, commands answer 503 at once for this long. */
const UNREACHABLE_BACKOFF_MS = 5_000;
/** gRPC status codes meaning the server could not be reached or did not answer in time. */
const UNREACHABLE_CODES = new Set([4, 14]);

/**
 * Sends staff commands to a case's pathway workflow as Updates and turns the workflow's typed
 * rejections into DomainErrors. The update id is the Idempotency-Key, so a repeat inside one
 * run has one effect (PostgreSQL idempotency records cover the rest). Every call is bounded
 * (COMMAND_DEADLINE_MS); when Temporal is unreachable or slow the answer is 503 with Retry-After.
 */
@Injectable()
export class PathwayCommands {
  private readonly logger = new Logger(PathwayCommands.name);
  /** Until when Temporal is taken to be unreachable (ms since the epoch). */
  private unreachableUntil = 0;

  constructor(
    private readonly temporal: TemporalClient,
    private readonly settings: Settings,
  ) {}

  private handle(caseId: string): WorkflowHandle {
    return this.temporal.client.workflow.getHandle(pathwayWorkflowId(caseId));
  }

  /**
   * Creates a case in one call: starts its workflow unless one with its id runs already, and
   * waits (Update `sync`, its id derived from the case id) until the case's row is projected. A
   * repeat of the same create finds the same workflow and the same Update again.
   */
  async create(input: Omit<PathwayStartInput, 'searchAttributes'>): Promise<CommandResult> {
    const searchAttributes = this.settings.config.temporal.searchAttributes;
    // Set with the start when the plan gives them, so the first run need not upsert them.
    const started = searchAttributes && input.firstRun
      ? { typedSearchAttributes: pathwaySearchAttributes({ stage: 'CUSTODY_SCREENING', prisonCode: input.prisonCode, regionCode: input.regionCode, overdue: false, releaseDate: input.firstRun.keyDates.releaseDate }) }
      : {};
    const startWorkflowOperation = new WithStartWorkflowOperation(PATHWAY_WORKFLOW_TYPE, {
      taskQueue: this.temporal.taskQueue,
      workflowId: pathwayWorkflowId(input.caseId),
      args: [{ ...input, searchAttributes }],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      ...started,
    });
    return this.bounded(() =>
      this.temporal.client.workflow.executeUpdateWithStart(PATHWAY_UPDATES.sync, { args: [{}], updateId: `create:${input.caseId}`, startWorkflowOperation }),
    );
  }

  /** Sends one of the pathway's Updates (PATHWAY_UPDATES) with its argument. */
  async update<A>(caseId: string, update: UpdateDefinition<CommandResult, [A]>, arg: A, idempotencyKey?: string): Promise<CommandResult> {
    return this.bounded(() =>
      this.handle(caseId).executeUpdate(update, {
        args: [arg],
        updateId: idempotencyKey ? `${update.name}:${idempotencyKey}` : randomUUID(),
      }),
    );
  }

  /** One call to Temporal within the command deadline; 503 at once while it is known to be unreachable. */
  private async bounded<T>(call: () => Promise<T>): Promise<T> {
    if (Date.now() < this.unreachableUntil) throw unavailable();
    try {
      return await this.temporal.client.withDeadline(Date.now() + COMMAND_DEADLINE_MS, call);
    } catch (err) {
      if (isUnreachable(err)) {
        // A slow workflow is not an outage: only a server that does not answer a cheap call stops the next commands.
        if (!(await this.answers())) this.unreachableUntil = Date.now() + UNREACHABLE_BACKOFF_MS;
        this.logger.warn({ err: safeError(err) }, 'Temporal did not answer');
        throw unavailable();
      }
      throw this.toDomainError(err);
    }
  }

  /** Does the Temporal server answer a cheap call within a second? */
  private async answers(): Promise<boolean> {
    const connection = this.temporal.connection;
    try {
      await connection.withDeadline(Date.now() + 1_000, () => connection.workflowService.getSystemInfo({}));
      return true;
    } catch {
      return false;
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
    // Through the scrubbing formatter: a failure's message may quote a command's free text.
    this.logger.error({ err: safeError(err), cause: err instanceof Error && err.cause !== undefined ? safeError(err.cause) : undefined }, 'update failed');
    return err instanceof Error ? err : new Error(String(err));
  }
}

function unavailable(): DomainError {
  return new DomainError('UNAVAILABLE', 'The workflow service is not answering: try again shortly (repeat with the same Idempotency-Key)');
}

/** Temporal could not be reached, or did not answer within the deadline. */
function isUnreachable(err: unknown): boolean {
  const causes: unknown[] = [];
  for (let e: unknown = err; e instanceof Error && causes.length < 5; e = e.cause) causes.push(e);
  return causes.some((e) => e instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(e) || (isGrpcServiceError(e) && UNREACHABLE_CODES.has(e.code)));
}
