import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { TokenService } from '../../auth/token.service';
import { UserRepository } from '../../auth/user.repository';
import { Clock } from '../../common/clock';
import { Settings } from '../../common/settings';
import { TOKEN_COOKIE, cookieOptions, readCookie, type WebRequest } from './web-session';

/**
 * A sliding session for the pages: once the access token in the cookie is past half its life,
 * a signed-in page request gets a fresh one, so people working steadily are not signed out.
 */
@Injectable()
export class WebSessionInterceptor implements NestInterceptor {
  constructor(
    private readonly tokens: TokenService,
    private readonly settings: Settings,
    private readonly clock: Clock,
    private readonly users: UserRepository,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<WebRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const token = readCookie(req, TOKEN_COOKIE);
    const ttl = this.settings.config.auth.jwtTtlSeconds;
    if (!req.user || !token || secondsLeft(token, this.clock.now()) > ttl / 2) return next.handle();
    const user = req.user;
    return from(this.users.signedIn(user.id)).pipe(
      switchMap((row) => (row ? this.tokens.issue(row) : Promise.resolve(null))),
      switchMap((fresh) => {
        if (!fresh) return next.handle();
        res.cookie(TOKEN_COOKIE, fresh.accessToken, cookieOptions(req, { maxAge: fresh.expiresIn * 1000 }));
        return next.handle();
      }),
    );
  }
}

/** Seconds until the (already verified) token expires; Infinity when it does not say. */
function secondsLeft(token: string, now: Date): number {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const exp = typeof payload === 'object' && payload !== null ? (payload as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' ? exp - now.getTime() / 1000 : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
