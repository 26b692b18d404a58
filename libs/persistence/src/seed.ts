import { createDataSource } from './data-source';
import { hashPassword } from './password';
import type { Role } from '@ttg/contracts';

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  prisonCode: string | null;
  teamCode: string | null;
  regionCode: string | null;
}

/** The demo users of the embedded default (the start-up contract in the README) and a few colleagues. */
export const DEMO_USERS: DemoUser[] = [
  { id: 'u-prison-staff', username: 'prison.staff', displayName: 'Priya Shah', role: 'PRISON_STAFF', prisonCode: 'LEI', teamCode: null, regionCode: 'YH' },
  { id: 'u-prison-staff-2', username: 'prison.staff2', displayName: 'Tom Walsh', role: 'PRISON_STAFF', prisonCode: 'LEI', teamCode: null, regionCode: 'YH' },
  { id: 'u-prison-staff-wdi', username: 'wakefield.staff', displayName: 'Ruth Oduya', role: 'PRISON_STAFF', prisonCode: 'WDI', teamCode: null, regionCode: 'YH' },
  { id: 'u-com-officer', username: 'com.officer', displayName: 'Chris Morgan', role: 'COM', prisonCode: null, teamCode: 'YH-LEEDS-N', regionCode: 'YH' },
  { id: 'u-com-officer-2', username: 'com.officer2', displayName: 'Dee Patel', role: 'COM', prisonCode: null, teamCode: 'YH-LEEDS-S', regionCode: 'YH' },
  { id: 'u-manager', username: 'manager', displayName: 'Sam Evans', role: 'MANAGER', prisonCode: null, teamCode: null, regionCode: 'YH' },
  { id: 'u-admin', username: 'admin', displayName: 'Alex Admin', role: 'ADMIN', prisonCode: null, teamCode: null, regionCode: null },
];

/** Creates (or refreshes the password of) the demo users. Only for the embedded default. */
export async function seedDemoUsers(databaseUrl: string, password: string): Promise<number> {
  const ds = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'ttg-seed' });
  await ds.initialize();
  try {
    const passwordHash = await hashPassword(password);
    for (const u of DEMO_USERS) {
      await ds.query(
        `INSERT INTO users (id, username, password_hash, display_name, role, prison_code, team_code, region_code, email)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
         ON CONFLICT (id) DO UPDATE SET password_hash = EXCLUDED.password_hash`,
        [u.id, u.username, passwordHash, u.displayName, u.role, u.prisonCode, u.teamCode, u.regionCode, `${u.username}@ttg.local`],
      );
    }
    return DEMO_USERS.length;
  } finally {
    await ds.destroy();
  }
}
