import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { createIndexesConcurrently, dropIndexesConcurrently, type IndexDefinition } from './concurrent-indexes';

/**
 * A user's notifications are theirs or their queue's (a prison's, a team's, a manager's prison
 * or region), listed newest first as two index-ordered arms (`NotificationRepository`), each
 * stopping at the page's end. Until now a team's and a region's queue had no index, so a COM's
 * page sorted every notification of their team (docs/benchmarks.md: 12.6 ms at 10k, 45 ms at
 * 100k). Each index also orders by id, the list's tie-break. Built CONCURRENTLY.
 */
const INDEXES: IndexDefinition[] = [
  ['notifications_recipient_order', `ON notifications (recipient_user_id, created_at DESC, id DESC) WHERE recipient_user_id IS NOT NULL`],
  ['notifications_prison_queue', `ON notifications (prison_code, created_at DESC, id DESC) WHERE recipient_user_id IS NULL AND audience = 'PRISON'`],
  ['notifications_team_queue', `ON notifications (com_team_code, created_at DESC, id DESC) WHERE recipient_user_id IS NULL AND audience = 'COMMUNITY'`],
  ['notifications_manager_prison', `ON notifications (prison_code, created_at DESC, id DESC) WHERE audience = 'MANAGER'`],
  ['notifications_manager_region', `ON notifications (region_code, created_at DESC, id DESC) WHERE audience = 'MANAGER'`],
];

export class NotificationQueues1764000000106 implements MigrationInterface {
  name = 'NotificationQueues1764000000106';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await createIndexesConcurrently(q, INDEXES);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropIndexesConcurrently(q, INDEXES);
  }
}
