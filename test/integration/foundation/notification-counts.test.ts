import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../../apps/api/src/auth/principal';
import { COUNT_CAP } from '../../../apps/api/src/common/page';
import { NotificationRepository } from '../../../apps/api/src/notifications/notification.repository';
import { testDatabaseUrl } from '../../support/database';

/**
 * A user's notifications on a real PostgreSQL: the API counts them exactly; the page counts no
 * further than COUNT_CAP and says there are more, so a team's ever-growing history costs the
 * same to open.
 */
let client: Client;
const ds = { query: async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows } as unknown as DataSource;
const user: Principal = { id: `u-notes-${randomUUID().slice(0, 8)}`, username: 'notes', displayName: 'Noel Notes', role: 'COM', prisonCode: null, teamCode: 'NO-SUCH-TEAM', regionCode: 'YH' };
const MADE = COUNT_CAP + 50;
const READ = 30;

beforeAll(async () => {
  client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query(
    `INSERT INTO notifications (id, case_id, task_id, kind, recipient_user_id, audience, prison_code, region_code, com_team_code, message, created_at)
     SELECT $1 || '-' || i, gen_random_uuid(), NULL, 'HANDOVER', $1, 'COMMUNITY', 'LEI', 'YH', NULL, 'A handover to accept', now() - i * interval '1 minute'
     FROM generate_series(1, ${MADE}) i`,
    [user.id],
  );
  await client.query(`INSERT INTO notification_reads (notification_id, user_id) SELECT $1 || '-' || i, $1 FROM generate_series(1, ${READ}) i`, [user.id]);
});
afterAll(async () => {
  await client.query(`DELETE FROM notification_reads WHERE user_id = $1`, [user.id]);
  await client.query(`DELETE FROM notifications WHERE recipient_user_id = $1`, [user.id]);
  await client.end();
});

describe('counting a user\'s notifications', () => {
  it('counts exactly for the API: every notification, and those unread', async () => {
    const page = await new NotificationRepository(ds).list(user, false, { page: 1, pageSize: 25 });
    expect({ total: page.total, unread: page.unread, items: page.items.length, newest: page.items[0].id }).toEqual({ total: MADE, unread: MADE - READ, items: 25, newest: `${user.id}-1` });
    expect(page).not.toHaveProperty('totalAtLeast');
  });

  it('counts no further than the cap for the page, and says there are more; the newest come first either way', async () => {
    const page = await new NotificationRepository(ds).list(user, false, { page: 1, pageSize: 25 }, 'bounded');
    expect({ total: page.total, unread: page.unread, totalAtLeast: page.totalAtLeast, unreadAtLeast: page.unreadAtLeast, newest: page.items[0].id }).toEqual({
      total: COUNT_CAP,
      unread: COUNT_CAP,
      totalAtLeast: true,
      unreadAtLeast: true,
      newest: `${user.id}-1`,
    });
    // Unread only: the read ones (the newest thirty) are not listed.
    const unread = await new NotificationRepository(ds).list(user, true, { page: 1, pageSize: 25 }, 'bounded');
    expect(unread.items[0].id).toBe(`${user.id}-${READ + 1}`);
  });
});
