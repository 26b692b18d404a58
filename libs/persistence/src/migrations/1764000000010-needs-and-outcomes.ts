import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Needs and outcomes: each case's tracked needs (one row per pathway) and every change of a
 * need's status; the custody screening's immediate needs and risk flags; which needs are unmet
 * now and which were unmet at release; the last release-readiness alarm. A case with no row in
 * case_needs was screened before the needs model (its `unmet_needs` comes from its pathways).
 */
export class NeedsAndOutcomes1764000000010 implements MigrationInterface {
  name = 'NeedsAndOutcomes1764000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_needs (
        case_id uuid NOT NULL REFERENCES cases(id),
        pathway text NOT NULL,
        status text NOT NULL CHECK (status IN ('NOT_STARTED','SUPPORT_REQUIRED','IN_PROGRESS','MET','SUPPORT_DECLINED','SUPPORT_NOT_REQUIRED')),
        reason text,
        open_items jsonb NOT NULL DEFAULT '[]',
        state_version integer NOT NULL,
        PRIMARY KEY (case_id, pathway)
      );
      CREATE TABLE need_changes (
        id text PRIMARY KEY,
        case_id uuid NOT NULL,
        pathway text NOT NULL,
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        reason text
      );
      CREATE INDEX need_changes_case ON need_changes (case_id, at, id);
      ALTER TABLE cases
        ADD COLUMN immediate_needs jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN risk_flags jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN unmet_need_list text[] NOT NULL DEFAULT '{}',
        ADD COLUMN released_with_unmet_needs text[],
        ADD COLUMN readiness_alarm jsonb,
        ALTER COLUMN unmet_needs SET DEFAULT false;
      CREATE INDEX cases_released_unmet ON cases (region_code, release_date) WHERE released_with_unmet_needs IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS cases_released_unmet;
      ALTER TABLE cases DROP COLUMN immediate_needs, DROP COLUMN risk_flags, DROP COLUMN unmet_need_list,
        DROP COLUMN released_with_unmet_needs, DROP COLUMN readiness_alarm, ALTER COLUMN unmet_needs SET DEFAULT true;
      DROP TABLE IF EXISTS need_changes, case_needs;
    `);
  }
}
