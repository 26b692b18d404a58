import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The projection runs inside the workflow task that made the change (a local activity), so it
 * can commit for a task that then fails and is retried. Every projected row carries the state
 * version and the fence (the workflow task's start time) it was written under; a write with a
 * newer (version, fence) replaces what an older fence wrote of that version or later.
 *
 * - cases, tasks: `projection_fence` next to `state_version`.
 * - audit_events, notifications, contacts: the version and fence that wrote them (NULL before).
 * - idempotency_records: reserved IN_PROGRESS before the work, DONE with the answer after.
 * - projection_alerts: a projection the database refused (a data error), for administrators.
 * - cases.person: nothing new; the row is created by the projection from the workflow's input.
 */
export class FencedProjection1764000000020 implements MigrationInterface {
  name = 'FencedProjection1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases ADD COLUMN projection_fence bigint NOT NULL DEFAULT 0;
      ALTER TABLE tasks ADD COLUMN projection_fence bigint NOT NULL DEFAULT 0;
      ALTER TABLE audit_events ADD COLUMN state_version integer, ADD COLUMN projection_fence bigint;
      ALTER TABLE notifications ADD COLUMN state_version integer, ADD COLUMN projection_fence bigint;
      ALTER TABLE contacts ADD COLUMN state_version integer, ADD COLUMN projection_fence bigint;
      CREATE INDEX notifications_case ON notifications (case_id);

      ALTER TABLE idempotency_records ADD COLUMN status text NOT NULL DEFAULT 'DONE' CHECK (status IN ('IN_PROGRESS','DONE'));
      ALTER TABLE idempotency_records ALTER COLUMN status_code DROP NOT NULL, ALTER COLUMN response DROP NOT NULL;

      CREATE TABLE projection_alerts (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL,
        state_version integer NOT NULL,
        sqlstate text NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      );
      CREATE INDEX projection_alerts_open ON projection_alerts (created_at DESC) WHERE resolved_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE projection_alerts;
      DELETE FROM idempotency_records WHERE status = 'IN_PROGRESS';
      ALTER TABLE idempotency_records DROP COLUMN status, ALTER COLUMN status_code SET NOT NULL, ALTER COLUMN response SET NOT NULL;
      DROP INDEX notifications_case;
      ALTER TABLE contacts DROP COLUMN state_version, DROP COLUMN projection_fence;
      ALTER TABLE notifications DROP COLUMN state_version, DROP COLUMN projection_fence;
      ALTER TABLE audit_events DROP COLUMN state_version, DROP COLUMN projection_fence;
      ALTER TABLE tasks DROP COLUMN projection_fence;
      ALTER TABLE cases DROP COLUMN projection_fence;
    `);
  }
}
