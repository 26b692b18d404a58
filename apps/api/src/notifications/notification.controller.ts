import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiBodyFrom, ApiQueryFrom } from '../common/openapi';
import { z } from 'zod';
import { lineText } from '@ttg/contracts';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { pageQuery } from '../common/page';
import { parseInput } from '../common/validation';
import { NotificationService } from './notification.service';

const listQuery = z.object({ unread: z.enum(['true', 'false']).transform((v) => v === 'true').default('false'), ...pageQuery(50) }).strict();
export const readNotificationsSchema = z.object({ ids: z.union([z.literal('all'), z.array(lineText(200)).min(1).max(500)]) }).strict();

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  @ApiQueryFrom(listQuery)
  @Get()
  list(@CurrentUser() user: Principal, @Query() query: unknown) {
    const q = parseInput(listQuery, query);
    return this.notifications.list(user, q.unread, q);
  }

  @ApiBodyFrom(readNotificationsSchema)
  @Post('read')
  @HttpCode(200)
  async read(@CurrentUser() user: Principal, @Body() body: unknown) {
    const b = parseInput(readNotificationsSchema, body);
    return { marked: await this.notifications.markRead(user, b.ids) };
  }
}
