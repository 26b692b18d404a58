import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The names of the regions prisons and probation teams belong to, so pages say "Yorkshire and
 * the Humber" instead of "YH". A region code with no row here is shown as the code.
 */
export class RegionNames1764000000050 implements MigrationInterface {
  name = 'RegionNames1764000000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE regions (code text PRIMARY KEY, name text NOT NULL)`);
    await q.query(
      `INSERT INTO regions (code, name) VALUES
        ('YH', 'Yorkshire and the Humber'), ('WM', 'West Midlands'), ('LDN', 'London'), ('NE', 'North East'), ('NW', 'North West'),
        ('EM', 'East Midlands'), ('EE', 'East of England'), ('SE', 'South East'), ('SW', 'South West'), ('KSS', 'Kent, Surrey and Sussex'), ('WAL', 'Wales')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS regions`);
  }
}
