import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Page, PageRequest } from '../common/page';
import { NotificationRepository, type NotificationRow } from './notification.repository';

/** The notifications a user reads: the API's and the pages' one way to them. */
@Injectable()
export class NotificationService {
  constructor(private readonly notifications: NotificationRepository) {}

  /** A page of the user's notifications (only unread ones if asked), with the unread count. */
  list(user: Principal, unreadOnly: boolean, page: PageRequest): Promise<Page<NotificationRow> & { unread: number }> {
    return this.notifications.list(user, unreadOnly, page);
  }

  /** How many of the user's notifications are unread (the header's badge). */
  async unreadCount(user: Principal): Promise<number> {
    return (await this.notifications.list(user, true, { page: 1, pageSize: 1 })).unread;
  }

  /** Marks the given notifications (or all) as read; how many were marked. */
  markRead(user: Principal, ids: string[] | 'all'): Promise<number> {
    return this.notifications.markRead(user, ids);
  }
}
