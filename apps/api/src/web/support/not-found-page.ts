import { Injectable, Logger } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import type { Request, Response } from 'express';
import { TokenService } from '../../auth/token.service';
import { UserRepository } from '../../auth/user.repository';
import { WebRenderer } from './web-renderer';
import { TOKEN_COOKIE, readCookie, type WebRequest } from './web-session';
import { safeError } from '@ttg/config/logging';

/** Paths that belong to machines: they keep the JSON 404 of the API. */
const MACHINE_PATHS = /^\/(api|health|metrics|assets)(\/|$)/;

/**
 * A browser asking for an address no route answers gets the GOV.UK "Page not found" page (with
 * its header, when the cookie says who is signed in) instead of the API's JSON.
 */
@Injectable()
export class NotFoundPage {
  private readonly logger = new Logger('web');
  private readonly parseCookies = cookieParser();

  constructor(
    private readonly renderer: WebRenderer,
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
  ) {}

  /** Whether this request should get the page rather than JSON. */
  wants(req: Request): boolean {
    return (req.method === 'GET' || req.method === 'HEAD') && !MACHINE_PATHS.test(req.path) && req.accepts(['json', 'html']) === 'html';
  }

  async render(req: Request, res: Response): Promise<void> {
    const web = req as WebRequest;
    await new Promise<void>((resolve) => this.parseCookies(req, res, () => resolve()));
    web.user = await this.signedIn(web).catch((err: unknown) => {
      this.logger.warn({ err: safeError(err) }, 'not-found page without the signed-in user');
      return undefined;
    });
    await this.renderer.error(web, res, 404, { title: 'Page not found', message: 'If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.' });
  }

  private async signedIn(req: WebRequest) {
    const token = readCookie(req, TOKEN_COOKIE);
    const claims = token ? await this.tokens.verify(token) : null;
    const user = claims?.userId ? await this.users.findById(claims.userId) : null;
    return user ? UserRepository.toPrincipal(user) : undefined;
  }
}
