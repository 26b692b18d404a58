import { Stack } from './stack';

/** Attacks on the started product (the issue "Security to the standard of an HMPPS service"). */
jest.setTimeout(180_000);

let s: Stack;
const tokens: Record<string, string> = {};
let n = 0;
const prisonNumber = () => `S${String(1000 + (n++ % 8999)).padStart(4, '0')}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}`;
const today = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86400_000).toISOString().slice(0, 10);

function newCase(overrides: Record<string, unknown> = {}) {
  return {
    prisonNumber: prisonNumber(),
    givenName: 'Jo',
    familyName: 'Bloggs',
    dateOfBirth: '1990-04-01',
    prisonCode: 'LEI',
    receptionAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sentenceStartDate: today(),
    sentenceType: 'DETERMINATE',
    sentenceLengthMonths: 24,
    conditionalReleaseDate: today(300),
    offenceCategory: 'OTHER',
    ...overrides,
  };
}

async function createCase(overrides: Record<string, unknown> = {}): Promise<{ id: string; prisonNumber: string }> {
  const res = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCase(overrides) });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.body;
}

beforeAll(async () => {
  s = await Stack.start();
  for (const u of ['prison.staff', 'wakefield.staff', 'com.officer', 'com.officer2', 'manager', 'admin']) tokens[u] = await s.token(u);
});
afterAll(async () => s?.stop());

describe('cross-site commands on the API', () => {
  it('does not take the page cookie on API routes: a forged post from another site is refused', async () => {
    const created = await createCase();
    const cookie = `ttg_token=${tokens['prison.staff']}`;
    const forged = await s.request('POST', `/api/v1/cases/${created.id}/transfer`, {
      body: 'prisonCode=WDI&reason=csrf',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: 'http://evil.example' },
    });
    expect(forged.status).toBe(415);
    const withCookie = await s.request('POST', `/api/v1/cases/${created.id}/transfer`, { body: { prisonCode: 'WDI', reason: 'csrf' }, headers: { cookie, origin: 'http://evil.example' } });
    expect(withCookie.status).toBe(401);
    expect((await s.request('GET', '/api/v1/me', { headers: { cookie: `ttg_token=${tokens['prison.staff']}` } })).status).toBe(401);
    const still = await s.request('GET', `/api/v1/cases/${created.id}`, { token: tokens['prison.staff'] });
    expect(still.body.prisonCode).toBe('LEI');
  });

  it('takes only JSON bodies on API routes (415 otherwise), even with a bearer token', async () => {
    const created = await createCase();
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await s.request('POST', `/api/v1/cases/${created.id}/transfer`, { token: tokens['prison.staff'], body: 'prisonCode=WDI&reason=csrf', headers: { 'content-type': type } });
      expect({ type, status: res.status, code: res.body.code }).toEqual({ type, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    const json = await s.request('POST', `/api/v1/cases/${created.id}/transfer`, { token: tokens['prison.staff'], body: { prisonCode: 'WDI', reason: 'Moved for a course' } });
    expect(json.status).toBe(200);
  });

  it('still serves the pages and their CSV downloads with the page cookie', async () => {
    const cookie = { cookie: `ttg_token=${tokens.manager}` };
    const page = await s.request('GET', '/cases', { headers: { ...cookie, accept: 'text/html' } });
    expect(page.status).toBe(200);
    const hrefs = [...page.text.matchAll(/href="([^"]*csv[^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href.startsWith('/api/')).toBe(false);
      const csv = await s.request('GET', href, { headers: cookie });
      expect({ href, status: csv.status, type: csv.headers.get('content-type') }).toEqual({ href, status: 200, type: 'text/csv; charset=utf-8' });
    }
  });
});
