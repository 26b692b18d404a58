import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { PageRequest } from '../common/page';
import { NotificationRepository } from './notification.repository';

/** The most unread notifications the header's badge counts; beyond it, "99+". */
export const UNREAD_BADGE_LIMIT = 99;

/** The notifications a user reads: the API's and the pages' one way to them. */
@Injectable()
export class NotificationService {
  constructor(private readonly notifications: NotificationRepository) {}

  /** A page of the user's notifications (only unread ones if asked), with the unread count. */
  list(user: Principal, unreadOnly: boolean, page: PageRequest, counting: 'exact' | 'bounded' = 'exact') {
    return this.notifications.list(user, unreadOnly, page, counting);
  }

  /** The header's badge: how many of the user's notifications are unread, as "99+" beyond 99. */
  async unreadBadge(user: Principal): Promise<string | null> {
    const n = await this.notifications.unreadUpTo(user, UNREAD_BADGE_LIMIT + 1);
    return n === 0 ? null : n > UNREAD_BADGE_LIMIT ? `${UNREAD_BADGE_LIMIT}+` : String(n);
  }

  /** Marks the given notifications (or all) as read; how many were marked. */
  markRead(user: Principal, ids: string[] | 'all'): Promise<number> {
    return this.notifications.markRead(user, ids);
  }
}
