import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AdminRepository } from '../../../apps/api/src/admin/admin.repository';
import { UserRepository } from '../../../apps/api/src/auth/user.repository';
import { testDatabaseUrl } from '../../support/database';

/**
 * An UPDATE through TypeORM answers `[rows, rowCount]`: a repository that counted the answer's
 * length took every update as done. On a real PostgreSQL: a password set for a deactivated user
 * and a change to a user who does not exist say nothing was changed, and write nothing.
 */
let ds: DataSource;
const id = `user-${randomUUID()}`;

beforeAll(async () => {
  ds = await new DataSource({ type: 'postgres', url: testDatabaseUrl() }).initialize();
  await ds.query(`INSERT INTO users (id, username, password_hash, display_name, role, prison_code, active) VALUES ($1, $1, 'old-hash', 'Left the service', 'PRISON_STAFF', 'LEI', false)`, [id]);
});
afterAll(async () => {
  await ds?.query(`DELETE FROM users WHERE id = $1`, [id]);
  await ds?.destroy();
});

const hashOf = async (userId: string) => ((await ds.query(`SELECT password_hash FROM users WHERE id = $1`, [userId])) as { password_hash: string }[])[0]?.password_hash;

it('a deactivated user’s password is not set, and the repository says so', async () => {
  expect(await new UserRepository(ds).setPassword(id, 'new-hash', true)).toBe(false);
  expect(await hashOf(id)).toBe('old-hash');
});

it('an active user’s password is set, and the repository says so', async () => {
  await ds.query(`UPDATE users SET active = true WHERE id = $1`, [id]);
  expect(await new UserRepository(ds).setPassword(id, 'new-hash', false)).toBe(true);
  expect(await hashOf(id)).toBe('new-hash');
});

it('a change to a user who does not exist changes nothing, and the repository says so', async () => {
  expect(await new AdminRepository(ds).updateUser(`user-${randomUUID()}`, { displayName: 'Nobody' })).toBe(false);
  expect(await new AdminRepository(ds).updateUser(id, { displayName: 'Came back' })).toBe(true);
});
