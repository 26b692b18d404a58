import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { Response } from 'express';
import { createHmac, randomBytes } from 'node:crypto';
import { Settings } from '../../common/settings';
import { CSRF_COOKIE, cookieOptions, sessionIdOf, type WebRequest } from './web-session';

/** A form arrived without a valid CSRF token (double-submit cookie, bound to the session id). */
export class CsrfError extends Error {
  constructor() {
    super('The form has expired or did not come from this service');
    this.name = 'CsrfError';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Issues and checks the `_csrf` field every form carries (csrf-csrf, double-submit). */
@Injectable()
export class CsrfService {
  private readonly csrf: DoubleCsrfUtilities;

  constructor(settings: Settings) {
    const { jwtSecret } = settings.config.auth;
    const secret = jwtSecret ? createHmac('sha256', jwtSecret).update('ttg-web-csrf').digest('hex') : randomBytes(32).toString('hex');
    this.csrf = doubleCsrf({
      getSecret: () => secret,
      getSessionIdentifier: (req) => sessionIdOf(req as WebRequest),
      cookieName: CSRF_COOKIE,
      cookieOptions: { sameSite: 'lax', path: '/', secure: false, httpOnly: true },
      getCsrfTokenFromRequest: (req) => {
        const body: unknown = req.body;
        const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)._csrf : undefined;
        return typeof token === 'string' ? token : undefined;
      },
    });
  }

  /** The token for this page's forms (the cookie is set or reused). */
  token(req: WebRequest, res: Response): string {
    return this.csrf.generateCsrfToken(req, res, { cookieOptions: cookieOptions(req) });
  }

  isValid(req: WebRequest): boolean {
    return this.csrf.validateRequest(req);
  }
}

/** Every state-changing page request must carry the form's CSRF token. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly csrf: CsrfService) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<WebRequest>();
    if (SAFE_METHODS.has(req.method)) return true;
    if (!this.csrf.isValid(req)) throw new CsrfError();
    return true;
  }
}
