import { newCaseBody } from './case-bodies';
import { Stack } from './stack';

/**
 * Personal data never reaches a log line: traffic with a known name, prison number and date of
 * birth (searches, pages, free text, failed sign-ins, a failing query), then every line the API
 * and its database connections wrote is scanned for them.
 */
jest.setTimeout(180_000);

let s: Stack;
afterAll(async () => s?.stop());

const PERSON = { givenName: 'Zebedee', familyName: 'Quillfeather', dateOfBirth: '1977-07-17', prisonNumber: 'Q7717ZQ' };
const NOTE = 'Zebedee said his sister in Harrogate can put him up';

it('writes no name, prison number, date of birth or free text to the logs', async () => {
  s = await Stack.start({ captureLogs: true });
  const token = await s.token('prison.staff');
  const created = await s.request('POST', '/api/v1/cases', { token, body: newCaseBody('Q', PERSON) });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await s.request('GET', `/api/v1/cases?q=${PERSON.familyName}`, { token })).body.total).toBe(1);
  expect((await s.request('GET', `/api/v1/cases?q=${PERSON.prisonNumber}&format=csv`, { token })).status).toBe(200);
  expect((await s.request('GET', `/cases?q=${PERSON.givenName}`, { headers: { cookie: `ttg_token=${token}`, accept: 'text/html' } })).status).toBe(200);
  expect((await s.request('POST', `/api/v1/cases/${id}/transfer`, { token, body: { prisonCode: 'WDI', reason: NOTE } })).status).toBe(200);
  // A failing query: the database's message quotes the value it could not use.
  expect((await s.request('GET', `/api/v1/cases/${PERSON.prisonNumber}`, { token })).status).toBeGreaterThanOrEqual(400);
  expect((await s.request('GET', `/api/v1/tasks/${PERSON.familyName}-${PERSON.dateOfBirth}`, { token })).status).toBeGreaterThanOrEqual(400);
  expect((await s.request('POST', '/api/v1/auth/token', { body: { username: PERSON.familyName, password: PERSON.dateOfBirth } })).status).toBe(401);
  expect((await s.request('POST', '/api/v1/cases', { token, body: { ...PERSON, prisonCode: 'LEI' } })).status).toBe(400);

  await new Promise((r) => setImmediate(r));
  const lines = s.logs.join('').split('\n').filter((l) => l.trim() !== '');
  // The traffic was logged (so the scan has something to scan), as JSON lines.
  expect(lines.length).toBeGreaterThan(8);
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  expect(lines.filter((l) => l.includes('"url"')).map((l) => JSON.parse(l).route)).toEqual(expect.arrayContaining(['/api/v1/cases?q=~', '/api/v1/cases/:id']));
  const found = [PERSON.givenName, PERSON.familyName, PERSON.prisonNumber, PERSON.dateOfBirth, 'Harrogate'].flatMap((value) => lines.filter((l) => l.toLowerCase().includes(value.toLowerCase())).map((l) => ({ value, line: l.slice(0, 300) })));
  expect(found).toEqual([]);
});
