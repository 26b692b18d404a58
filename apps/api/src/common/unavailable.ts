import type { NextFunction, Request, Response } from 'express';
import { isApiPath } from '../auth/auth.guard';
import { DomainError } from './domain-error';

/**
 * Which failures are a dependency being away rather than a bug, and the request-body failures
 * that are the client's: each gets its own status, so a 500 means a bug and nothing else.
 */

// SQLSTATE classes and codes of a database that is away, restarting or full of connections.
const DB_AWAY_STATES = /^(08|57P0[1-3]|53300|53400)/;
// What node-postgres and the pool say when there is no server to talk to.
const DB_AWAY_MESSAGES = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|timeout exceeded when trying to connect|Query read timeout|the database system is (starting up|shutting down|in recovery)|Client has encountered a connection error/i;

/** PostgreSQL is unreachable, restarting or out of connections: a 503, not a 500. */
export function databaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth += 1) {
    const x = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof x.code === 'string' && (DB_AWAY_STATES.test(x.code) || DB_AWAY_MESSAGES.test(x.code))) return true;
    if (typeof x.message === 'string' && DB_AWAY_MESSAGES.test(x.message)) return true;
    e = x.driverError ?? x.cause;
  }
  return false;
}

/** The one answer to "a dependency is away": 503, with Retry-After set by the filter. */
export function unavailableError(): DomainError {
  return new DomainError('UNAVAILABLE', 'The database is not answering: try again shortly (repeat a command with the same Idempotency-Key)');
}

const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The body is larger than this route takes (1 MB of JSON, 5 MB of CSV)' },
  'entity.parse.failed': { status: 400, code: 'VALIDATION_FAILED', message: '(body): not valid JSON' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The body\'s content encoding is not supported' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as UTF-8' },
  'request.aborted': { status: 400, code: 'VALIDATION_FAILED', message: '(body): the request ended before its body did' },
  'request.size.invalid': { status: 400, code: 'VALIDATION_FAILED', message: '(body): shorter than its Content-Length' },
};

/** After the body parsers: their refusals as the API's JSON errors (413 for a body over the limit), not as 500s or HTML. */
export function bodyErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const type = (err as { type?: unknown } | null)?.type;
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (!known || res.headersSent) return next(err);
  if (isApiPath(req.path)) res.status(known.status).json({ statusCode: known.status, code: known.code, message: known.message });
  else res.status(known.status).type('text').send(known.message);
}
