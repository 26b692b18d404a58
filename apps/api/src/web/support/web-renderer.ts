import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type nunjucks from 'nunjucks';
import { scopeOf } from '@ttg/contracts';
import type { Principal } from '../../auth/principal';
import { Settings } from '../../common/settings';
import { NotificationService } from '../../notifications/notification.service';
import { CsrfService } from './csrf';
import { ROLE_LABELS } from './labels';
import { isCurrent, navigationOf } from './navigation';
import { createNunjucksEnvironment } from './nunjucks-environment';
import { plainWords } from './plain-words';
import { ReferenceNames } from './reference-names';
import { takeFlash, type Flash, type WebRequest } from './web-session';
import { safeError } from '@ttg/config/logging';

export interface LayoutContext {
  user: { name: string; role: string; scope: string } | null;
  navigation: { text: string; href: string; active: boolean; unread?: string | null }[];
  csrfToken: string;
  flash: Flash | null;
  /** The Notifications badge ("99+" beyond 99), null when nothing is unread. */
  unreadBadge: string | null;
  currentPath: string;
}

/** Renders a page template inside the layout: header, navigation, flash message, CSRF token. */
@Injectable()
export class WebRenderer {
  private readonly logger = new Logger('web');
  private readonly env: nunjucks.Environment;

  constructor(
    settings: Settings,
    private readonly csrf: CsrfService,
    private readonly notifications: NotificationService,
    private readonly reference: ReferenceNames,
  ) {
    this.env = createNunjucksEnvironment({ watch: settings.config.env === 'development' });
  }

  async scopeLabel(user: Principal): Promise<string> {
    switch (scopeOf(user.role)) {
      case 'PRISON':
        return (await this.reference.nameOf(user.prisonCode)) ?? 'No prison';
      case 'TEAM':
        return (await this.reference.nameOf(user.teamCode)) ?? 'No probation team';
      case 'PRISON_OR_REGION':
        return user.prisonCode ? ((await this.reference.nameOf(user.prisonCode)) ?? user.prisonCode) : ((await this.reference.nameOf(user.regionCode)) ?? 'No region');
      case 'EVERYWHERE':
        return 'All prisons and regions';
    }
  }

  private async layout(req: WebRequest, res: Response, opts: { unread: boolean }): Promise<LayoutContext> {
    const user = req.user ?? null;
    const unreadBadge = user && opts.unread ? await this.notifications.unreadBadge(user) : null;
    const path = req.path;
    const navigation = user
      ? [
          ...navigationOf(user.role).map((n) => ({ text: n.text, href: n.href, active: isCurrent(n, path) })),
          { text: 'Notifications', href: '/notifications', active: isCurrent({ href: '/notifications', matches: ['/notifications'] }, path), unread: unreadBadge },
        ]
      : [];
    return {
      user: user ? { name: user.displayName, role: ROLE_LABELS[user.role], scope: await this.scopeLabel(user) } : null,
      navigation,
      csrfToken: this.csrf.token(req, res),
      flash: takeFlash(req, res),
      unreadBadge,
      currentPath: req.originalUrl,
    };
  }

  /** Renders `views/pages/<view>.njk`; pages with personal data are never cached. */
  async page(req: WebRequest, res: Response, view: string, context: object, status = 200): Promise<void> {
    const layout = await this.layout(req, res, { unread: true });
    this.send(res, status, this.env.render(`pages/${view}.njk`, { ...layout, ...context }));
  }

  /** An error page; it must render even when the database is the problem. */
  async error(req: WebRequest, res: Response, status: number, page: { title: string; message: string; next?: { href: string; text: string } }): Promise<void> {
    let html: string;
    try {
      const layout = await this.layout(req, res, { unread: false });
      html = this.env.render('pages/error.njk', { ...layout, status, ...page, message: plainWords(page.message) });
    } catch (err) {
      this.logger.error({ err: safeError(err) }, 'failed');
      html = `<!DOCTYPE html><html lang="en"><head><title>${status} - Through the Gate</title></head><body><h1>${page.title.replace(/[<>&"]/g, '')}</h1></body></html>`;
    }
    this.send(res, status, html);
  }

  private send(res: Response, status: number, html: string): void {
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).type('html').send(html);
  }
}
