import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createMailActivities, type MailTransport } from '../../../activities/mail.activities';
import { createDataSource } from '@ttg/persistence/data-source';

/** The email outbox against the real PostgreSQL: each message is sent once, retries included. */
describe('mail outbox delivery', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = createDataSource(process.env.TTG_TEST_DATABASE_URL ?? '', { poolSize: 4 });
    await ds.initialize();
  });
  afterAll(async () => ds?.destroy());

  it('holds a message until the workflow task timeout has passed, and drops one whose notification was taken back', async () => {
    const fresh = `test-${randomUUID()}`;
    const ghost = `test-${randomUUID()}`;
    await ds.query(
      `INSERT INTO notifications (id, case_id, kind, audience, prison_code, region_code, message, created_at)
       VALUES ($1, gen_random_uuid(), 'OVERDUE', 'PRISON', 'LEI', 'YH', 'A task is overdue', now())`,
      [`n-${fresh}`],
    );
    await ds.query(`INSERT INTO outbox (id, notification_id, to_address, subject, body) VALUES ($1, $2, 'a@example.org', 's', 'b')`, [fresh, `n-${fresh}`]);
    await ds.query(`INSERT INTO outbox (id, notification_id, to_address, subject, body, created_at) VALUES ($1, $2, 'b@example.org', 's', 'b', now() - interval '1 minute')`, [ghost, `n-${ghost}`]);
    const sent: string[] = [];
    const mail = createMailActivities({ ds, transport: { sendMail: async (m) => sent.push(m.messageId) }, from: 'x@example.org' });
    await mail.deliverPendingMail(50);
    expect(sent.filter((m) => m === `<${fresh}@ttg>` || m === `<${ghost}@ttg>`)).toEqual([]);
    expect(Object.values(await statuses([fresh, ghost])).map((s) => s.status)).toEqual(['PENDING', 'PENDING']);
    await ds.query(`DELETE FROM outbox WHERE id = ANY($1)`, [[fresh, ghost]]);
  });

  async function enqueue(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const id = `test-${randomUUID()}`;
      await ds.query(
        `INSERT INTO notifications (id, case_id, kind, audience, prison_code, region_code, message, created_at)
         VALUES ($1, gen_random_uuid(), 'OVERDUE', 'PRISON', 'LEI', 'YH', 'A task is overdue', now())`,
        [`n-${id}`],
      );
      await ds.query(`INSERT INTO outbox (id, notification_id, to_address, subject, body, created_at) VALUES ($1, $2, $3, 'ttg: overdue', 'A task is overdue', now() - interval '1 minute')`, [id, `n-${id}`, `officer${i}@example.org`]);
      ids.push(id);
    }
    return ids;
  }

  async function statuses(ids: string[]): Promise<Record<string, { status: string; attempts: number }>> {
    const rows: { id: string; status: string; attempts: number }[] = await ds.query(`SELECT id, status, attempts FROM outbox WHERE id = ANY($1)`, [ids]);
    return Object.fromEntries(rows.map((r) => [r.id, { status: r.status, attempts: r.attempts }]));
  }

  beforeEach(async () => {
    await ds.query(`DELETE FROM outbox`);
  });

  it('sends each message once even when the activity is retried and runs twice at the same time', async () => {
    const ids = await enqueue(6);
    const sent: string[] = [];
    let failNext = true;
    const transport: MailTransport = {
      async sendMail(m) {
        await new Promise((r) => setTimeout(r, 5));
        if (failNext && m.to === 'officer2@example.org') {
          failNext = false;
          throw new Error('421 try again later');
        }
        sent.push(m.messageId);
      },
    };
    const mail = createMailActivities({ ds, transport, from: 'ttg@example.org', settleSeconds: 0 });
    const [a, b] = await Promise.all([mail.deliverPendingMail(50), mail.deliverPendingMail(50)]);
    const retry = await mail.deliverPendingMail(50); // a retried run finds whatever is still pending
    expect(a.sent + b.sent + retry.sent).toBe(6);
    expect(a.failed + b.failed + retry.failed).toBe(1);
    expect(await mail.deliverPendingMail(50)).toEqual({ sent: 0, recorded: 0, failed: 0 });
    expect(sent).toHaveLength(6); // one successful send per message, no duplicates
    expect([...sent].sort()).toEqual(ids.map((id) => `<${id}@ttg>`).sort());
    const st = await statuses(ids);
    expect(Object.values(st).every((s) => s.status === 'SENT')).toBe(true);
    expect(st[ids[2]].attempts).toBe(2);
  });

  it('records messages for reading in the app when no SMTP server is configured', async () => {
    const ids = await enqueue(2);
    const report = await createMailActivities({ ds, transport: null, from: 'ttg@localhost', settleSeconds: 0 }).deliverPendingMail(10);
    expect(report).toEqual({ sent: 0, recorded: 2, failed: 0 });
    expect(Object.values(await statuses(ids)).map((s) => s.status)).toEqual(['RECORDED', 'RECORDED']);
  });

  it('gives up after the maximum attempts and marks the message FAILED', async () => {
    const [id] = await enqueue(1);
    const mail = createMailActivities({ ds, transport: { sendMail: () => Promise.reject(new Error('550 no such user')) }, from: 'x@example.org', maxAttempts: 2, settleSeconds: 0 });
    await mail.deliverPendingMail(10);
    await mail.deliverPendingMail(10);
    expect((await statuses([id]))[id]).toEqual({ status: 'FAILED', attempts: 2 });
  });
});
