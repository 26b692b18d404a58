import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, httpStatusOf } from './domain-error';

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

/** The one place errors become HTTP: `{ statusCode, code, message }` with a stable code. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      const statusCode = httpStatusOf(exception.code);
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
    this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    res.status(500).json({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong; it has been logged' });
  }
}
