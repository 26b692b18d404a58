import type { ErrorCode, FieldProblem } from '@ttg/contracts';
import type { PolicyValidationError } from '@ttg/policy';

/** A business rule said no. Mapped to HTTP in one place (DomainErrorFilter). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { problems?: FieldProblem[]; current?: unknown },
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The policy module's refusal of an input as a 400 naming each field (the message lists them all unless given). */
export function policyRefusal(err: PolicyValidationError, message = err.issues.map((p) => `${p.field}: ${p.reason}`).join('; ')): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { problems: err.issues });
}

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'INVALID_OUTCOME':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'CASE_NOT_FOUND':
    case 'TASK_NOT_FOUND':
    case 'USER_NOT_FOUND':
      return 404;
    case 'CASE_ALREADY_ACTIVE':
    case 'CASE_CLOSED':
    case 'TASK_ALREADY_COMPLETED':
    case 'TASK_CANCELLED':
    case 'TASK_CLAIMED_BY_OTHER':
    case 'NOT_ASSIGNED_TO_YOU':
    case 'INVALID_STATE':
    case 'IDEMPOTENCY_KEY_REUSED':
      return 409;
    case 'RATE_LIMITED':
      return 429;
    case 'UNAVAILABLE':
      return 503;
  }
}
