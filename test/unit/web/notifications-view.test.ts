import { notificationsQuery, notificationsView } from '../../../apps/api/src/web/pages/notifications.view-model';

describe('the notifications page', () => {
  it('says "more than" when the page counted no further than the cap', () => {
    const v = notificationsView({ items: [], total: 1000, unread: 1000, totalAtLeast: true, unreadAtLeast: true }, notificationsQuery.parse({}));
    expect(v.tabs.map((t) => t.text)).toEqual(['All', 'Unread (more than 1,000)']);
    expect(v.pagination.summary).toContain('of more than 1,000 notifications');
  });

  it('gives exact counts as they are', () => {
    const v = notificationsView({ items: [], total: 40, unread: 3 }, notificationsQuery.parse({ unread: 'true' }));
    expect(v.tabs.map((t) => t.text)).toEqual(['All', 'Unread (3)']);
    expect(v.pagination.summary).toBe('Showing 1 to 3 of 3 notifications');
  });
});
