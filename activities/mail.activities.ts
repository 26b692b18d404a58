import type { DataSource } from 'typeorm';

/** What sending needs of a mail transport (nodemailer's SMTP transport in production). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; messageId: string }): Promise<unknown>;
}

export interface MailActivityDeps {
  ds: DataSource;
  /** Absent in the embedded default: messages are recorded and read in the app. */
  transport: MailTransport | null;
  from: string;
  maxAttempts?: number;
  /**
   * A message waits this long before it is sent (default: the workflow task timeout, 10 s), and
   * is sent only if its notification still exists: a projection from a workflow task that then
   * failed is taken back by the task's retry within that time.
   */
  settleSeconds?: number;
}

export interface DeliveryReport {
  sent: number;
  recorded: number;
  failed: number;
}

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Delivers the email outbox. Each message is claimed by one delivery at a time (row lock),
 * marked SENT straight after the send succeeds, and never picked again once SENT, so a retried
 * activity sends nothing twice; the Message-ID is the outbox id, so a receiving server can
 * drop the one duplicate a crash between send and mark could cause. A failed send is retried on
 * the next run and never blocks a pathway.
 */
export function createMailActivities(deps: MailActivityDeps) {
  const maxAttempts = deps.maxAttempts ?? 10;
  const settleSeconds = deps.settleSeconds ?? 10;
  return {
    async deliverPendingMail(batchSize = 50): Promise<DeliveryReport> {
      const report: DeliveryReport = { sent: 0, recorded: 0, failed: 0 };
      for (let i = 0; i < batchSize; i += 1) {
        const done = await deps.ds.transaction(async (m) => {
          const rows: OutboxRow[] = await m.query(
            `SELECT id, to_address, subject, body, attempts FROM outbox o WHERE status = 'PENDING'
               AND created_at <= now() - make_interval(secs => $1)
               AND EXISTS (SELECT 1 FROM notifications n WHERE n.id = o.notification_id)
             ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
            [settleSeconds],
          );
          const row = rows[0];
          if (!row) return false;
          if (!deps.transport) {
            await m.query(`UPDATE outbox SET status = 'RECORDED', sent_at = now() WHERE id = $1`, [row.id]);
            report.recorded += 1;
            return true;
          }
          try {
            await deps.transport.sendMail({ from: deps.from, to: row.to_address, subject: row.subject, text: row.body, messageId: `<${row.id}@ttg>` });
            await m.query(`UPDATE outbox SET status = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = $1`, [row.id]);
            report.sent += 1;
          } catch (err) {
            const status = row.attempts + 1 >= maxAttempts ? 'FAILED' : 'PENDING';
            await m.query(`UPDATE outbox SET status = $2, attempts = attempts + 1, last_error = $3, created_at = now() WHERE id = $1`, [row.id, status, err instanceof Error ? err.message : String(err)]);
            report.failed += 1;
          }
          return true;
        });
        if (!done) break;
      }
      return report;
    },
  };
}

export type MailActivities = ReturnType<typeof createMailActivities>;
