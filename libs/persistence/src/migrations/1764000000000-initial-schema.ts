import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE prisons (code text PRIMARY KEY, name text NOT NULL, region_code text NOT NULL);
      CREATE TABLE probation_teams (code text PRIMARY KEY, name text NOT NULL, region_code text NOT NULL);
      CREATE TABLE users (
        id text PRIMARY KEY,
        username text NOT NULL UNIQUE,
        password_hash text,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('PRISON_STAFF','COM','MANAGER','ADMIN')),
        prison_code text,
        team_code text,
        region_code text,
        email text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE policy_versions (
        id text PRIMARY KEY,
        effective_from date NOT NULL,
        document jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        prison_number text NOT NULL,
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date NOT NULL,
        prison_code text NOT NULL,
        region_code text NOT NULL,
        stage text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        sentence jsonb NOT NULL,
        key_dates jsonb,
        pathways jsonb,
        handover jsonb,
        risk jsonb,
        detail jsonb,
        release_date date,
        handover_date date,
        handover_status text,
        com_user_id text,
        com_team_code text,
        prison_access_until date,
        unmet_needs boolean NOT NULL DEFAULT true,
        overdue_tasks integer NOT NULL DEFAULT 0,
        lost_contact boolean NOT NULL DEFAULT false,
        policy_version text,
        state_version integer NOT NULL DEFAULT 0,
        workflow_id text NOT NULL,
        import_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      );
      CREATE UNIQUE INDEX cases_one_active_per_prison_number ON cases (prison_number) WHERE active;
      CREATE UNIQUE INDEX cases_import_key ON cases (import_key) WHERE import_key IS NOT NULL;
      CREATE INDEX cases_prison_stage ON cases (prison_code, stage, release_date);
      CREATE INDEX cases_region_release ON cases (region_code, release_date) WHERE active;
      CREATE INDEX cases_com_user ON cases (com_user_id) WHERE com_user_id IS NOT NULL;
      CREATE INDEX cases_com_team ON cases (com_team_code) WHERE com_team_code IS NOT NULL;
      CREATE INDEX cases_family_name ON cases (lower(family_name));

      CREATE TABLE tasks (
        id text PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        type text NOT NULL,
        pathway text,
        side text NOT NULL,
        status text NOT NULL,
        assignee text,
        title text NOT NULL,
        prison_code text NOT NULL,
        region_code text NOT NULL,
        com_team_code text,
        due_date date NOT NULL,
        due_at timestamptz NOT NULL,
        overdue boolean NOT NULL DEFAULT false,
        escalated boolean NOT NULL DEFAULT false,
        compressed boolean NOT NULL DEFAULT false,
        outcome jsonb,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        completed_by text,
        state_version integer NOT NULL
      );
      CREATE INDEX tasks_case ON tasks (case_id);
      CREATE INDEX tasks_assignee_open ON tasks (assignee, due_at) WHERE status IN ('OPEN','IN_PROGRESS');
      CREATE INDEX tasks_prison_queue ON tasks (prison_code, side, due_at) WHERE status IN ('OPEN','IN_PROGRESS');
      CREATE INDEX tasks_region_queue ON tasks (region_code, due_at) WHERE status IN ('OPEN','IN_PROGRESS');
      CREATE INDEX tasks_team_queue ON tasks (com_team_code, due_at) WHERE status IN ('OPEN','IN_PROGRESS');
      CREATE INDEX tasks_overdue ON tasks (prison_code, due_at) WHERE overdue AND status IN ('OPEN','IN_PROGRESS');

      CREATE TABLE audit_events (
        id text PRIMARY KEY,
        case_id uuid NOT NULL,
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL,
        task_id text,
        before jsonb,
        after jsonb,
        details jsonb
      );
      CREATE INDEX audit_events_case_at ON audit_events (case_id, at DESC, id DESC);

      CREATE TABLE notifications (
        id text PRIMARY KEY,
        case_id uuid NOT NULL,
        task_id text,
        kind text NOT NULL,
        recipient_user_id text,
        audience text NOT NULL,
        prison_code text NOT NULL,
        region_code text NOT NULL,
        com_team_code text,
        message text NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX notifications_recipient ON notifications (recipient_user_id, created_at DESC);
      CREATE INDEX notifications_audience ON notifications (audience, prison_code, created_at DESC);
      CREATE TABLE notification_reads (
        notification_id text NOT NULL,
        user_id text NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, user_id)
      );
      CREATE TABLE outbox (
        id text PRIMARY KEY,
        notification_id text NOT NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );
      CREATE INDEX outbox_pending ON outbox (created_at) WHERE status = 'PENDING';

      CREATE TABLE contacts (
        id text PRIMARY KEY,
        case_id uuid NOT NULL,
        date date NOT NULL,
        kind text NOT NULL,
        outcome text NOT NULL,
        notes text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      );
      CREATE INDEX contacts_case_date ON contacts (case_id, date DESC);

      CREATE TABLE idempotency_records (
        user_id text NOT NULL,
        key text NOT NULL,
        route text NOT NULL,
        request_hash text NOT NULL,
        status_code integer NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      );
    `);
    await q.query(`
      INSERT INTO prisons (code, name, region_code) VALUES
        ('LEI', 'HMP Leeds', 'YH'), ('WDI', 'HMP Wakefield', 'YH'), ('HMI', 'HMP Humber', 'YH'),
        ('MDI', 'HMP Moorland', 'YH'), ('BMI', 'HMP Birmingham', 'WM'), ('PVI', 'HMP Pentonville', 'LDN');
      INSERT INTO probation_teams (code, name, region_code) VALUES
        ('YH-LEEDS-N', 'Leeds North probation team', 'YH'), ('YH-LEEDS-S', 'Leeds South probation team', 'YH'),
        ('WM-BHAM-C', 'Birmingham Central probation team', 'WM'), ('LDN-ISL', 'Islington probation team', 'LDN');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_records, contacts, outbox, notification_reads, notifications,
      audit_events, tasks, cases, policy_versions, users, probation_teams, prisons`);
  }
}
