import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser, Public } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { SignInService } from '../../auth/sign-in.service';
import { RefreshTokens } from '../../auth/refresh-tokens';
import { TokenService } from '../../auth/token.service';
import { homeOf } from '../support/navigation';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { REFRESH_COOKIE, TOKEN_COOKIE, clearSessionCookies, readCookie, rotateSession, safeReturnTo, setFlash, setSessionCookies, type WebRequest } from '../support/web-session';
import { newPasswordErrors, signInErrors } from './sign-in.view-model';
import { optionalLineText } from '@ttg/contracts';
import { ROLE_LABELS } from '../support/labels';

const newPasswordForm = z.object({ changeToken: z.string().max(2000).default(''), password: z.string().max(200).default(''), confirm: z.string().max(200).default(''), returnTo: z.string().optional() });
const signInForm = z.object({ username: optionalLineText(100).default(''), password: z.string().max(200).default(''), returnTo: z.string().optional() });

/** Sign in with the built-in identity provider (as POST /api/v1/auth/token does), sign out, home. */
@WebPages()
@Controller()
export class SignInController {
  constructor(
    private readonly tokens: TokenService,
    private readonly renderer: WebRenderer,
    private readonly signIns: SignInService,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  @Get()
  home(@CurrentUser() user: Principal, @Res() res: Response): void {
    res.redirect(303, homeOf(user.role));
  }

  @Public()
  @Get('sign-in')
  async form(@Req() req: WebRequest, @Res() res: Response, @Query('returnTo') returnTo?: string, @Query('signedOut') signedOut?: string): Promise<void> {
    await this.renderer.page(req, res, 'sign-in', { returnTo: safeReturnTo(returnTo), values: {}, errors: null, signedOut: signedOut === '1' });
  }

  @Public()
  @Post('sign-in')
  async signIn(@Req() req: WebRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const form = signInForm.catch({ username: '', password: '', returnTo: '/' }).parse(body);
    const returnTo = safeReturnTo(form.returnTo);
    const missing = signInErrors(form.username, form.password);
    if (missing) return this.renderer.page(req, res, 'sign-in', { returnTo, values: { username: form.username }, errors: missing }, 400);
    const user = await this.signIns.authenticate(form.username, form.password, req.ip ?? '');
    if (!user) {
      return this.renderer.page(req, res, 'sign-in', { returnTo, values: { username: form.username }, errors: signInErrors(form.username, form.password, true) }, 401);
    }
    if (user.mustChangePassword) {
      const changeToken = await this.tokens.issuePasswordChange(user);
      return this.renderer.page(req, res, 'new-password', { pageTitle: 'Choose your password', changeToken, returnTo, errors: null });
    }
    await this.startSession(req, res, user);
    res.redirect(303, returnTo === '/' ? homeOf(user.role) : returnTo);
  }

  /** After signing in with a temporary password: their own password, then the session starts. */
  @Public()
  @Post('sign-in/new-password')
  async newPassword(@Req() req: WebRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const form = newPasswordForm.catch({ changeToken: '', password: '', confirm: '', returnTo: '/' }).parse(body);
    const returnTo = safeReturnTo(form.returnTo);
    const claims = await this.tokens.verifyPasswordChange(form.changeToken);
    const user = claims ? await this.signIns.mustChangePassword(claims.userId, claims.tokenVersion) : null;
    if (!user) return res.redirect(303, '/sign-in');
    const errors = newPasswordErrors(form.password, form.confirm);
    if (errors) return this.renderer.page(req, res, 'new-password', { pageTitle: 'Choose your password', changeToken: form.changeToken, returnTo, errors }, 400);
    await this.signIns.choosePassword(user.id, form.password);
    await this.startSession(req, res, user);
    setFlash(req, res, { kind: 'success', title: 'Your password has been changed' });
    res.redirect(303, returnTo === '/' ? homeOf(user.role) : returnTo);
  }

  private async startSession(req: WebRequest, res: Response, user: { id: string; tokenVersion: number }): Promise<void> {
    const session = await this.refreshTokens.start(user);
    rotateSession(req, res);
    setSessionCookies(req, res, session);
  }

  /** A bookmarked or typed sign-out link: a page with the (CSRF-protected) sign-out button. */
  @Public()
  @Get('sign-out')
  async confirmSignOut(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    if (!readCookie(req, TOKEN_COOKIE) && !readCookie(req, REFRESH_COOKIE)) return res.redirect(303, '/sign-in');
    await this.renderer.page(req, res, 'sign-out', { pageTitle: 'Sign out' });
  }

  /** Signing out changes state, so it is a form (POST with the CSRF token), never a link. */
  @Public()
  @Post('sign-out')
  async signOut(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    // The tokens themselves stop working too, so a copy of the cookies kept elsewhere is no use;
    // an expired access token leaves the refresh token to say whose session it is.
    const claims = await this.tokens.verify(readCookie(req, TOKEN_COOKIE) ?? '');
    const refresh = readCookie(req, REFRESH_COOKIE);
    const userId = claims?.userId ?? (refresh ? await this.refreshTokens.userOf(refresh) : null);
    if (userId) await this.signIns.signOut(userId);
    clearSessionCookies(req, res);
    rotateSession(req, res);
    res.redirect(303, '/sign-in?signedOut=1');
  }

  @Get('account')
  async account(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.renderer.page(req, res, 'account', { account: { username: user.username, name: user.displayName, role: ROLE_LABELS[user.role], scope: await this.renderer.scopeLabel(user) } });
  }
}
