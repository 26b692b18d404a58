import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { NotificationService } from '../../notifications/notification.service';
import { runAction } from '../support/actions';
import { plural } from '../support/format';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { safeReturnTo, type WebRequest } from '../support/web-session';
import { NOTIFICATION_PAGE_SIZE, notificationsQuery, notificationsView, readForm } from './notifications.view-model';

/** Reminders, overdue flags, escalations and handovers addressed to you or your team. */
@WebPages()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  async list(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Query() query: unknown): Promise<void> {
    const q = notificationsQuery.parse(query ?? {});
    const data = await this.notifications.list(user, q.unread === 'true', { page: q.page, pageSize: NOTIFICATION_PAGE_SIZE }, 'bounded');
    await this.renderer.page(req, res, 'notifications', notificationsView(data, q));
  }

  @Post('read')
  async read(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const b = readForm.parse(body ?? {});
    const back = safeReturnTo((body as { returnTo?: unknown } | undefined)?.returnTo);
    await runAction(req, res, back === '/' ? '/notifications' : back, async () => {
      const marked = await this.notifications.markRead(user, b.all === 'true' ? 'all' : b.id ? [b.id] : []);
      return `${plural(marked, 'notification')} marked as read`;
    });
  }
}
