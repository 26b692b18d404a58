import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import { DomainError, httpStatusOf } from '../../common/domain-error';
import { CsrfError } from './csrf';
import { WebRenderer } from './web-renderer';
import { clearSessionCookies, safeReturnTo, type WebRequest } from './web-session';
import { safeError } from '@ttg/config/logging';
import { RETRY_AFTER_SECONDS } from '../../common/error.filter';
import { databaseUnavailable } from '../../common/unavailable';

/**
 * Errors on pages become pages: not signed in (or signed out by expiry) goes to the sign-in page
 * and back again afterwards; the rest get a GOV.UK error page with the right status. Scoped to
 * the page controllers, so the JSON API keeps its own filter.
 */
@Catch()
@Injectable()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('web');

  constructor(private readonly renderer: WebRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<WebRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    void this.handle(exception, req, res).catch((err: unknown) => {
      this.logger.error({ err: safeError(err) }, 'failed');
      if (!res.headersSent) res.status(500).type('text').send('Something went wrong');
    });
  }

  private async handle(exception: unknown, req: WebRequest, res: Response): Promise<void> {
    if (exception instanceof DomainError && exception.code === 'UNAUTHENTICATED') {
      clearSessionCookies(req, res);
      const back = req.method === 'GET' && req.originalUrl !== '/' ? `?returnTo=${encodeURIComponent(req.originalUrl)}` : '';
      res.redirect(303, `/sign-in${back}`);
      return;
    }
    if (exception instanceof CsrfError) {
      return this.renderer.error(req, res, 403, {
        title: 'This form has expired',
        message: 'For your security, forms expire when you sign in again or after a while. Go back, reload the page and try again.',
        next: { href: refererPath(req), text: 'Go back to the page' },
      });
    }
    if (exception instanceof ThrottlerException) {
      return this.renderer.error(req, res, 429, { title: 'Too many attempts', message: 'Wait a minute, then try again.' });
    }
    if (exception instanceof DomainError) {
      const status = httpStatusOf(exception.code);
      if (status === 404) return this.renderer.error(req, res, 404, { title: 'Page not found', message: 'It may have moved, or you may not have access to it.' });
      if (status === 403) return this.renderer.error(req, res, 403, { title: 'You do not have access to this page', message: exception.message });
      return this.renderer.error(req, res, status, { title: 'Sorry, that could not be done', message: exception.message });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return this.renderer.error(req, res, 404, { title: 'Page not found', message: 'If you typed the web address, check it is correct.' });
      return this.renderer.error(req, res, status, { title: 'Sorry, that could not be done', message: exception.message });
    }
    if (databaseUnavailable(exception)) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      return this.renderer.error(req, res, 503, { title: 'Sorry, the service is unavailable', message: 'Try again in a few seconds.' });
    }
    this.logger.error({ err: safeError(exception) }, 'failed');
    return this.renderer.error(req, res, 500, { title: 'Sorry, there is a problem with the service', message: 'Try again later. The problem has been logged.' });
  }
}

/** The page the form was on, when the browser says so and it is this service's. */
function refererPath(req: WebRequest): string {
  const referer = req.get('referer');
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return url.host === req.get('host') ? safeReturnTo(`${url.pathname}${url.search}`) : '/';
  } catch {
    return '/';
  }
}
