import { randomUUID } from 'node:crypto';
import { newCase } from './case-bodies';
import { Stack } from './stack';

/**
 * Bad text never reaches the read model or a workflow: a NUL or a lone surrogate in a command
 * once made the projection retry for ever, wedging every later command on the case.
 */
jest.setTimeout(180_000);

let s: Stack;
let token: string;

beforeAll(async () => {
  s = await Stack.start();
  token = await s.token('prison.staff');
});
afterAll(async () => s?.stop());

describe('text PostgreSQL cannot hold', () => {
  it.each([
    ['a NUL', 'before\u0000after', 'must not contain a NUL character'],
    ['a lone surrogate', 'x\ud800y', 'must not contain broken characters (an unpaired surrogate)'],
  ])('%s in a change of circumstances is a 400 naming the field, and the case takes the next command', async (_what, description, reason) => {
    const created = await s.request('POST', '/api/v1/cases', { token, body: newCase() });
    expect(created.status).toBe(201);
    const path = `/api/v1/cases/${created.body.id}/change-of-circumstances`;

    const bad = await s.request('POST', path, { token, body: { description } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ field: 'description', reason }] });

    const good = await s.request('POST', path, { token, body: { description: 'Moved to a new address' }, headers: { 'Idempotency-Key': randomUUID() } });
    expect(good.status).toBe(200);
    const audit: { n: number }[] = await s.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1 AND action = 'CHANGE_OF_CIRCUMSTANCES'`, [created.body.id]);
    expect(audit[0].n).toBe(1);
  });

  it('a NUL in a name is a 400 naming the field, and no row is written', async () => {
    const body = newCase({ familyName: 'Ok\u0000afor' });
    const res = await s.request('POST', '/api/v1/cases', { token, body });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([{ field: 'familyName', reason: 'must not contain a NUL character' }]);
    const rows: { n: number }[] = await s.ds.query(`SELECT count(*)::int AS n FROM cases WHERE prison_number = $1`, [body.prisonNumber]);
    expect(rows[0].n).toBe(0);
  });

  it('a name of zero-width spaces is as empty as a blank one', async () => {
    const res = await s.request('POST', '/api/v1/cases', { token, body: newCase({ givenName: '\u200b\u200b' }) });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([{ field: 'givenName', reason: 'must contain visible characters' }]);
  });

  it('a NUL in a search term or a sign-in name is a 400, not a 500', async () => {
    expect((await s.request('GET', `/api/v1/cases?q=${encodeURIComponent('Ok\u0000')}`, { token })).status).toBe(400);
    expect((await s.request('POST', '/api/v1/auth/token', { body: { username: 'prison\u0000staff', password: 'x' } })).status).toBe(400);
  });
});
