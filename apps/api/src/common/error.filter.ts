import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger, NotFoundException, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NotFoundPage } from '../web/support/not-found-page';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, httpStatusOf } from './domain-error';
import { safeError } from '@ttg/config/logging';
import { databaseUnavailable, unavailableError } from './unavailable';

const HTTP_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** How long a client is asked to wait before repeating a command refused with 503. */
export const RETRY_AFTER_SECONDS = 5;

/** The one place errors become HTTP: `{ statusCode, code, message }` with a stable code. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(@Optional() private readonly notFoundPage?: NotFoundPage) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    // PostgreSQL away is a 503 like Temporal away: the client is asked to repeat shortly.
    const exception = databaseUnavailable(thrown) ? unavailableError() : thrown;
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    // No route matched and a browser asked: a page, not JSON (the pages' own errors have their filter).
    if (exception instanceof NotFoundException && this.notFoundPage?.wants(req)) {
      this.notFoundPage.render(req, res).catch((err: unknown) => {
        this.logger.error({ err: safeError(err) }, 'failed');
        if (!res.headersSent) res.status(404).type('text').send('Page not found');
      });
      return;
    }
    if (exception instanceof DomainError) {
      const statusCode = httpStatusOf(exception.code);
      if (statusCode === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(statusCode).json({ statusCode, code: exception.code, message: exception.message, ...exception.details });
      return;
    }
    if (exception instanceof ThrottlerException) {
      res.status(429).json({ statusCode: 429, code: 'RATE_LIMITED', message: 'Too many attempts: wait a minute and try again' });
      return;
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const body = exception.getResponse();
      const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
      res.status(statusCode).json({ statusCode, code: HTTP_CODES[statusCode] ?? 'ERROR', message });
      return;
    }
    // Through pino, without the values an error's message may quote (a failed query's parameters).
    this.logger.error({ err: safeError(exception), path: req.path }, 'request failed');
    res.status(500).json({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong; it has been logged' });
  }
}
