import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { CookieOptions, NextFunction, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import { Settings } from '../../common/settings';

/** Cookies of the pages. The access token cookie is the one the global AuthGuard reads. */
export const TOKEN_COOKIE = 'ttg_token';
export const SESSION_COOKIE = 'ttg_sid';
export const CSRF_COOKIE = 'ttg_csrf';
export const FLASH_COOKIE = 'ttg_flash';
/** The pages' refresh token: renews the access token cookie while the user is active (see AuthGuard). */
export const REFRESH_COOKIE = 'ttg_refresh';
/** Pages load in parallel: a refresh cookie another request of the browser used this recently is refused without ending the session. */
export const PAGE_REFRESH_GRACE_SECONDS = 30;

/** A page request after cookie-parser and, once signed in, the AuthGuard. */
export type WebRequest = Request & { user?: Principal; cookies: Record<string, unknown> };

const SECURE_COOKIES = Symbol('ttg:secure-cookies');

/** Cookies are Secure when the configured public address is HTTPS (TLS may end at a proxy), else when this connection is. */
export function markSecureCookies(req: Request, publicUrl: string | undefined): void {
  (req as Request & { [SECURE_COOKIES]?: boolean })[SECURE_COOKIES] = publicUrl?.startsWith('https:') === true;
}

export function cookieOptions(req: Request, extra: CookieOptions = {}): CookieOptions {
  const secure = (req as Request & { [SECURE_COOKIES]?: boolean })[SECURE_COOKIES] === true || req.secure;
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', ...extra };
}

export function readCookie(req: WebRequest, name: string): string | undefined {
  const value = req.cookies?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A page session's cookies: the access token for its lifetime, the refresh token for its own. */
export function setSessionCookies(req: Request & { cookies?: Record<string, unknown> }, res: Response, session: { accessToken: string; expiresIn: number; refreshToken: string; refreshExpiresIn: number }): void {
  res.cookie(TOKEN_COOKIE, session.accessToken, cookieOptions(req, { maxAge: session.expiresIn * 1000 }));
  res.cookie(REFRESH_COOKIE, session.refreshToken, cookieOptions(req, { maxAge: session.refreshExpiresIn * 1000 }));
  // The rest of this request reads the new ones.
  req.cookies = { ...req.cookies, [TOKEN_COOKIE]: session.accessToken, [REFRESH_COOKIE]: session.refreshToken };
}

export function clearSessionCookies(req: Request, res: Response): void {
  res.clearCookie(TOKEN_COOKIE, cookieOptions(req));
  res.clearCookie(REFRESH_COOKIE, cookieOptions(req));
}

const SID = /^[0-9a-f]{64}$/;

/** Starts a new anonymous browser session (a random id the CSRF tokens are bound to). */
export function rotateSession(req: WebRequest, res: Response): void {
  const sid = randomBytes(32).toString('hex');
  res.cookie(SESSION_COOKIE, sid, cookieOptions(req));
  req.cookies = { ...req.cookies, [SESSION_COOKIE]: sid };
}

export function sessionIdOf(req: WebRequest): string {
  return readCookie(req, SESSION_COOKIE) ?? '';
}

/** Gives every browser a session id before the CSRF guard and the pages need it. */
@Injectable()
export class WebSessionMiddleware implements NestMiddleware {
  constructor(private readonly settings: Settings) {}

  use(req: WebRequest, res: Response, next: NextFunction): void {
    markSecureCookies(req, this.settings.config.http.publicUrl);
    const sid = readCookie(req, SESSION_COOKIE);
    if (!sid || !SID.test(sid)) rotateSession(req, res);
    next();
  }
}

export interface Flash {
  kind: 'success' | 'error';
  title: string;
  text?: string;
  /** Where to go next (a local path), shown as a link in the banner. */
  next?: { href: string; text: string };
}

/** A message for the next page after a redirect (Post/Redirect/Get). */
export function setFlash(req: WebRequest, res: Response, flash: Flash): void {
  const value = Buffer.from(JSON.stringify({ ...flash, title: flash.title.slice(0, 300), text: flash.text?.slice(0, 1000), next: flash.next ? { href: flash.next.href, text: flash.next.text.slice(0, 300) } : undefined })).toString('base64url');
  res.cookie(FLASH_COOKIE, value, cookieOptions(req, { maxAge: 60_000 }));
}

export function takeFlash(req: WebRequest, res: Response): Flash | null {
  const raw = readCookie(req, FLASH_COOKIE);
  if (!raw) return null;
  res.clearCookie(FLASH_COOKIE, cookieOptions(req));
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { kind, title, text, next } = parsed as Record<string, unknown>;
    if ((kind !== 'success' && kind !== 'error') || typeof title !== 'string') return null;
    const link = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : null;
    const nextLink = link && typeof link.text === 'string' && safeReturnTo(link.href) !== '/' ? { href: safeReturnTo(link.href), text: link.text } : undefined;
    return { kind, title, text: typeof text === 'string' ? text : undefined, next: nextLink };
  } catch {
    return null;
  }
}

/** A local path to return to after sign-in; anything else (another site, `//host`) is refused. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 500) return '/';
  if (value.startsWith('/sign-in') || value.startsWith('/sign-out')) return '/';
  return value;
}
