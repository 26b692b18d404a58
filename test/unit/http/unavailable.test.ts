import { Client } from 'pg';
import { QueryFailedError } from 'typeorm';
import { databaseUnavailable } from '../../../apps/api/src/common/unavailable';
import { freePort } from '../../../scripts/lib/ports';

/** PostgreSQL away is a 503 (repeat shortly); a query PostgreSQL refuses is not. */
describe('a database that is away', () => {
  it('is recognised from a refused connection', async () => {
    const client = new Client({ host: '127.0.0.1', port: await freePort(), user: 'x', password: 'x', database: 'x', connectionTimeoutMillis: 2000 });
    const err = await client.connect().then(() => null, (e: unknown) => e);
    expect(err).not.toBeNull();
    expect(databaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command', true],
    ['08006', 'connection failure', true],
    ['53300', 'sorry, too many clients already', true],
    ['22P02', 'invalid input syntax for type uuid', false],
    ['23505', 'duplicate key value violates unique constraint', false],
  ])('a query failing with SQLSTATE %s (%s): %s', (code, message, away) => {
    const driverError = Object.assign(new Error(message), { code });
    expect(databaseUnavailable(new QueryFailedError('SELECT 1', [], driverError))).toBe(away);
  });

  it('is recognised from the pool\'s own words, and a bug is not', () => {
    expect(databaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(databaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(databaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(databaseUnavailable(undefined)).toBe(false);
  });
});
