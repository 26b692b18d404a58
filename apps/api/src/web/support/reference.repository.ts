import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The reference tables (prisons, probation teams, regions) and users' display names. */
@Injectable()
export class ReferenceRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every prison, probation team and region, code and name. */
  codeNames(): Promise<{ code: string; name: string }[]> {
    return this.ds.query(`SELECT code, name FROM prisons UNION ALL SELECT code, name FROM probation_teams UNION ALL SELECT code, name FROM regions`);
  }

  /** Display names of the users with these ids. */
  displayNames(ids: string[]): Promise<{ id: string; display_name: string }[]> {
    return this.ds.query(`SELECT id, display_name FROM users WHERE id = ANY($1)`, [ids]);
  }

  prisons(): Promise<{ code: string; name: string; regionCode: string }[]> {
    return this.ds.query(`SELECT code, name, region_code AS "regionCode" FROM prisons ORDER BY name`);
  }

  teams(): Promise<{ code: string; name: string }[]> {
    return this.ds.query(`SELECT code, name FROM probation_teams ORDER BY name`);
  }
}
