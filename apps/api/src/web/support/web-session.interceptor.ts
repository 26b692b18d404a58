import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { RefreshTokens } from '../../auth/refresh-tokens';
import { Clock } from '../../common/clock';
import { Settings } from '../../common/settings';
import { PAGE_REFRESH_GRACE_SECONDS, REFRESH_COOKIE, TOKEN_COOKIE, readCookie, setSessionCookies, type WebRequest } from './web-session';

/**
 * A sliding session for the pages: once the access token in the cookie is past half its life, a
 * signed-in page request takes the next session of its refresh cookie (a new access token and
 * refresh token), so people working steadily are not signed out, and a session left alone ends
 * when its refresh token expires. (An expired access token is renewed the same way by the AuthGuard.)
 */
@Injectable()
export class WebSessionInterceptor implements NestInterceptor {
  constructor(
    private readonly refreshTokens: RefreshTokens,
    private readonly settings: Settings,
    private readonly clock: Clock,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<WebRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const token = readCookie(req, TOKEN_COOKIE);
    const refresh = readCookie(req, REFRESH_COOKIE);
    const ttl = this.settings.config.auth.jwtTtlSeconds;
    if (!req.user || !token || !refresh || secondsLeft(token, this.clock.now()) > ttl / 2) return next.handle();
    return from(this.refreshTokens.rotate(refresh, PAGE_REFRESH_GRACE_SECONDS)).pipe(
      switchMap((fresh) => {
        // Refused (another request of this browser renewed it a moment ago): the access token still holds.
        if (!('refused' in fresh)) setSessionCookies(req, res, fresh);
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
