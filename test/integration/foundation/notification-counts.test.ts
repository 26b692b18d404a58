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

  it('merges what is addressed to the user with their queue, newest first, page by page, each once', async () => {
    const team = `T-${randomUUID().slice(0, 8)}`;
    const com: Principal = { ...user, id: `u-merge-${randomUUID().slice(0, 8)}`, teamCode: team };
    const manager: Principal = { ...user, id: `u-mgr-${randomUUID().slice(0, 8)}`, role: 'MANAGER', teamCode: null, regionCode: `R-${team}` };
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) - minutes * 60_000);
    const made: [id: string, to: string | null, audience: string, minutes: number][] = [
      [`${com.id}-a`, com.id, 'COMMUNITY', 1],
      [`${com.id}-b`, null, 'COMMUNITY', 2],
      [`${com.id}-c`, com.id, 'COMMUNITY', 3],
      [`${com.id}-d`, null, 'COMMUNITY', 4],
      [`${com.id}-e`, null, 'COMMUNITY', 5],
      // Addressed to the manager and to managers of their region: listed once.
      [`${manager.id}-f`, manager.id, 'MANAGER', 6],
      [`${manager.id}-g`, null, 'MANAGER', 7],
    ];
    for (const [id, to, audience, minutes] of made) {
      await client.query(
        `INSERT INTO notifications (id, case_id, task_id, kind, recipient_user_id, audience, prison_code, region_code, com_team_code, message, created_at)
         VALUES ($1, gen_random_uuid(), NULL, 'HANDOVER', $2, $3, 'LEI', $4, $5, 'A handover to accept', $6)`,
        [id, to, audience, manager.regionCode, team, at(minutes)],
      );
    }
    try {
      const repo = new NotificationRepository(ds);
      const first = await repo.list(com, false, { page: 1, pageSize: 2 }, 'bounded');
      const second = await repo.list(com, false, { page: 2, pageSize: 2 }, 'bounded');
      const third = await repo.list(com, false, { page: 3, pageSize: 2 }, 'bounded');
      expect([first, second, third].map((p) => p.items.map((n) => n.id.slice(-1)))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
      expect({ total: first.total, unread: first.unread }).toEqual({ total: 5, unread: 5 });
      expect((await repo.list(com, false, { page: 1, pageSize: 25 })).total).toBe(5);
      const managers = await repo.list(manager, false, { page: 1, pageSize: 25 }, 'bounded');
      expect(managers.items.map((n) => n.id.slice(-1))).toEqual(['f', 'g']);
      expect({ total: managers.total, unread: managers.unread, badge: await repo.unreadUpTo(manager, 100) }).toEqual({ total: 2, unread: 2, badge: 2 });
    } finally {
      await client.query(`DELETE FROM notifications WHERE id = ANY($1)`, [made.map(([id]) => id)]);
    }
  });
});
