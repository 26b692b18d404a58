import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { type Action, can, rolesFor } from '@ttg/contracts';
import { DomainError } from '../common/domain-error';
import { ALLOW_KEY, PUBLIC_KEY } from './decorators';
import type { Principal } from './principal';
import { PAGE_REFRESH_GRACE_SECONDS, REFRESH_COOKIE, setSessionCookies, TOKEN_COOKIE } from '../web/support/web-session';
import { RefreshTokens } from './refresh-tokens';
import { TokenService } from './token.service';
import { UserRepository } from './user.repository';

/** Every route needs a signed-in user unless marked @Public(); @Allow(action) narrows it to the roles the permission table gives (403). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    const token = credentialOf(req);
    const claims = (token ? await this.tokens.verify(token) : null) ?? (await this.renewPageSession(req, ctx.switchToHttp().getResponse<Response>()));
    if (!token && !claims) throw new DomainError('UNAUTHENTICATED', 'Sign in first: send a bearer token');
    if (!claims) throw new DomainError('UNAUTHENTICATED', 'The token is invalid or has expired: sign in again');
    const user = claims.userId ? await this.users.signedIn(claims.userId) : await this.users.findByUsername(claims.username ?? '');
    if (!user) throw new DomainError('UNAUTHENTICATED', 'The signed-in user is not known to ttg');
    if (claims.userId && claims.tokenVersion !== user.tokenVersion) throw new DomainError('UNAUTHENTICATED', 'You have signed out since this token was issued: sign in again');
    req.user = UserRepository.toPrincipal(user);
    const action = this.reflector.getAllAndOverride<Action | undefined>(ALLOW_KEY, targets);
    if (action && !can(req.user.role, action)) {
      throw new DomainError('FORBIDDEN', `This needs one of the roles ${rolesFor(action).join(', ')}; you are ${req.user.role}`);
    }
    return true;
  }

  /**
   * The pages' session goes on while its user is active: a page request whose access token cookie
   * has expired (or gone with it) gets the next session of its refresh cookie, transparently. The
   * API takes bearer tokens only; its clients call POST /api/v1/auth/refresh.
   */
  private async renewPageSession(req: Request, res: Response): Promise<Claims | null> {
    const refresh = isApiPath(req.path) || /^Bearer\s/i.test(req.headers.authorization ?? '') ? undefined : readCookie(req.headers.cookie, REFRESH_COOKIE);
    if (!refresh) return null;
    const next = await this.refreshTokens.rotate(refresh, PAGE_REFRESH_GRACE_SECONDS);
    if ('refused' in next) return null;
    setSessionCookies(req, res, next);
    return this.tokens.verify(next.accessToken);
  }
}

type Claims = NonNullable<Awaited<ReturnType<TokenService['verify']>>>;

/** The API's routes, which take bearer tokens (and JSON bodies) only. */
export function isApiPath(path: string): boolean {
  return path.startsWith('/api/');
}

/**
 * The API takes a bearer token only: a browser adds cookies to any site's requests, and the API
 * has no CSRF check. The pages take their cookie (their forms carry CSRF tokens).
 */
function credentialOf(req: Request): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return isApiPath(req.path) ? bearer : bearer ?? readCookie(req.headers.cookie, TOKEN_COOKIE);
}

function readCookie(cookie: string | undefined, name: string): string | undefined {
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
