import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Cases no longer send a note when a deadline is compressed: the task shows it. The notes sent
 * before are removed, so no list or unread count carries them (they never asked anyone to act).
 */
export class NoCompressedNotes1764000000071 implements MigrationInterface {
  name = 'NoCompressedNotes1764000000071';

  async up(q: QueryRunner): Promise<void> {
    const notes = `SELECT id FROM notifications WHERE kind = 'INFO' AND message LIKE '%compressed because the policy deadline had already passed%'`;
    await q.query(`DELETE FROM notification_reads WHERE notification_id IN (${notes})`);
    await q.query(`DELETE FROM notifications WHERE id IN (${notes})`);
  }

  async down(): Promise<void> {
    // The notes are not brought back: they needed no action.
  }
}
