import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The person's sex, optionally recorded at reception, so that women's outcomes can be reported separately. */
export class PersonSex1764000000011 implements MigrationInterface {
  name = 'PersonSex1764000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN sex text CHECK (sex IN ('FEMALE','MALE'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN sex`);
  }
}
