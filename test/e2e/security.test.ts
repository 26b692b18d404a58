import { newCaseBody, today } from './case-bodies';
import { Stack } from './stack';

/** Attacks on the started product (the issue "Security to the standard of an HMPPS service"). */
jest.setTimeout(180_000);

let s: Stack;
const tokens: Record<string, string> = {};
const newCase = (overrides: Record<string, unknown> = {}) => newCaseBody('S', overrides);

/** A page request as a browser sends it, not following redirects. */
async function page(method: string, url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${s.baseUrl}${url}`, { method, headers: { accept: 'text/html', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers }, body, redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
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

const NEEDS = { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };

/** Staff outside the Yorkshire manager's scope, and one who has left. */
async function insertUser(id: string, role: string, prisonCode: string | null, teamCode: string | null, regionCode: string, active = true): Promise<void> {
  await s.ds.query(
    `INSERT INTO users (id, username, display_name, role, prison_code, team_code, region_code, active) VALUES ($1, $1, $1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
    [id, role, prisonCode, teamCode, regionCode, active],
  );
}

describe('scope cannot be widened by data', () => {
  beforeAll(async () => {
    await insertUser('u-sec-pvi-staff', 'PRISON_STAFF', 'PVI', null, 'LDN');
    await insertUser('u-sec-ldn-com', 'COM', null, 'LDN-ISL', 'LDN');
    await insertUser('u-sec-left', 'PRISON_STAFF', 'LEI', null, 'YH', false);
  });

  async function allocationTask(): Promise<{ caseId: string; taskId: string }> {
    const created = await createCase({ sentenceLengthMonths: 3, conditionalReleaseDate: today(60) });
    const screening = (await s.request('GET', `/api/v1/tasks?caseId=${created.id}&type=CUSTODY_SCREENING`, { token: tokens.manager })).body.items[0];
    expect((await s.request('POST', `/api/v1/tasks/${screening.id}/complete`, { token: tokens['prison.staff'], body: { outcome: { needs: NEEDS } } })).status).toBe(200);
    const allocation = (await s.request('GET', `/api/v1/tasks?caseId=${created.id}&type=COM_ALLOCATION`, { token: tokens.manager })).body.items[0];
    return { caseId: created.id, taskId: allocation.id };
  }

  it('refuses a probation team that does not exist or is outside the manager’s region, and a COM not of that team', async () => {
    const { caseId, taskId } = await allocationTask();
    const complete = (outcome: Record<string, string>) => s.request('POST', `/api/v1/tasks/${taskId}/complete`, { token: tokens.manager, body: { outcome } });
    for (const outcome of [
      { comUserId: 'u-com-officer', teamCode: 'NO-SUCH-TEAM' },
      { comUserId: 'u-com-officer', teamCode: 'LDN-ISL' },
      { comUserId: 'u-sec-ldn-com', teamCode: 'LDN-ISL' },
      { comUserId: 'u-com-officer', teamCode: 'YH-LEEDS-S' },
    ]) {
      const res = await complete(outcome);
      expect({ outcome, status: res.status, fields: res.body.problems?.map((p: { field: string }) => p.field) }).toEqual({ outcome, status: 400, fields: [expect.stringMatching(/^outcome\.(teamCode|comUserId)$/)] });
    }
    expect((await complete({ comUserId: 'u-com-officer', teamCode: 'YH-LEEDS-N' })).status).toBe(200);
    const reallocate = (body: Record<string, string>) => s.request('POST', `/api/v1/cases/${caseId}/com`, { token: tokens.manager, body: { ...body, reason: 'Moved house' } });
    expect((await reallocate({ comUserId: 'u-sec-ldn-com', teamCode: 'LDN-ISL' })).status).toBe(400);
    expect((await reallocate({ comUserId: 'u-com-officer-2', teamCode: 'NO-SUCH-TEAM' })).status).toBe(400);
    const moved = await reallocate({ comUserId: 'u-com-officer-2', teamCode: 'YH-LEEDS-S' });
    expect(moved.status).toBe(200);
    expect(await s.ds.query(`SELECT com_user_id, com_team_code FROM cases WHERE id = $1`, [caseId])).toEqual([{ com_user_id: 'u-com-officer-2', com_team_code: 'YH-LEEDS-S' }]);
  });

  it('assigns a task only to an active officer in scope who may work its side', async () => {
    const created = await createCase();
    const screening = (await s.request('GET', `/api/v1/tasks?caseId=${created.id}&type=CUSTODY_SCREENING`, { token: tokens.manager })).body.items[0];
    for (const userId of ['u-sec-pvi-staff', 'u-sec-left', 'u-com-officer', 'no-such-user']) {
      const res = await s.request('POST', `/api/v1/tasks/${screening.id}/assign`, { token: tokens.manager, body: { userId } });
      expect({ userId, status: res.status, field: res.body.problems?.[0]?.field }).toEqual({ userId, status: 400, field: 'userId' });
    }
    const bulk = await s.request('POST', '/api/v1/tasks/bulk-reassign', { token: tokens.manager, body: { fromUserId: 'u-prison-staff', toUserId: 'u-sec-pvi-staff' } });
    expect(bulk.status).toBe(400);
    expect((await s.request('POST', `/api/v1/tasks/${screening.id}/assign`, { token: tokens.manager, body: { userId: 'u-prison-staff-2' } })).body.assignee).toBe('u-prison-staff-2');
  });
});

describe('sessions end at sign-out and deactivation', () => {
  it('revokes a bearer token at sign-out, at once', async () => {
    const token = await s.token('com.officer');
    expect((await s.request('GET', '/api/v1/me', { token })).status).toBe(200);
    expect((await s.request('POST', '/api/v1/auth/sign-out', { token })).status).toBe(204);
    expect((await s.request('GET', '/api/v1/me', { token })).status).toBe(401);
    const fresh = await s.token('com.officer');
    expect((await s.request('GET', '/api/v1/me', { token: fresh })).status).toBe(200);
    tokens['com.officer'] = fresh;
  });

  it('revokes the page cookie at sign-out, even if the old cookie is kept', async () => {
    const jar = new Map<string, string>();
    const keep = (h: Headers) => {
      for (const c of h.getSetCookie()) {
        const [k, v] = c.split(';')[0].split('=');
        jar.set(k, v);
      }
    };
    const cookie = () => ({ cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') });
    const csrfOf = (html: string) => encodeURIComponent(/name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '');
    const form = await page('GET', '/sign-in', {});
    keep(form.headers);
    const signedIn = await page('POST', '/sign-in', cookie(), `username=manager&password=e2e-password&_csrf=${csrfOf(form.text)}`);
    expect(signedIn.status).toBe(303);
    keep(signedIn.headers);
    const kept = jar.get('ttg_token') ?? '';
    expect((await page('GET', '/cases', { cookie: `ttg_token=${kept}` })).status).toBe(200);
    const confirm = await page('GET', '/sign-out', cookie());
    keep(confirm.headers);
    const out = await page('POST', '/sign-out', cookie(), `_csrf=${csrfOf(confirm.text)}`);
    expect(out.status).toBe(303);
    const replay = await page('GET', '/cases', { cookie: `ttg_token=${kept}` });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toMatch(/^\/sign-in/);
    tokens.manager = await s.token('manager');
  });

  it('revokes every session of a user an administrator deactivates', async () => {
    await insertUser('u-sec-leaver', 'PRISON_STAFF', 'LEI', null, 'YH');
    await s.ds.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE id = 'u-prison-staff') WHERE id = 'u-sec-leaver'`);
    const token = await s.token('u-sec-leaver');
    expect((await s.request('GET', '/api/v1/me', { token })).status).toBe(200);
    expect((await s.request('PATCH', '/api/v1/admin/users/u-sec-leaver', { token: tokens.admin, body: { active: false } })).status).toBe(200);
    expect((await s.request('GET', '/api/v1/me', { token })).status).toBe(401);
    expect((await s.request('PATCH', '/api/v1/admin/users/u-sec-leaver', { token: tokens.admin, body: { active: true } })).status).toBe(200);
    expect((await s.request('GET', '/api/v1/me', { token })).status).toBe(401);
  });
});

describe('dashboards', () => {
  it('answers managers and administrators only, as the dashboard pages do', async () => {
    for (const path of ['overdue-releases', 'caseloads', 'handovers', 'overdue-tasks']) {
      const statuses = Object.fromEntries(await Promise.all(['prison.staff', 'com.officer', 'manager', 'admin'].map(async (u) => [u, (await s.request('GET', `/api/v1/dashboard/${path}`, { token: tokens[u] })).status])));
      expect({ path, statuses }).toEqual({ path, statuses: { 'prison.staff': 403, 'com.officer': 403, manager: 200, admin: 200 } });
    }
  });
});

describe('sign-in', () => {
  const attempt = (username: string, address: string, password = 'wrong-password') =>
    s.request('POST', '/api/v1/auth/token', { body: { username, password }, headers: { 'x-forwarded-for': address } });

  it('takes as long for an unknown username as for a known one with a wrong password', async () => {
    const time = async (username: string, address: string) => {
      const started = performance.now();
      expect((await attempt(username, address)).status).toBe(401);
      return performance.now() - started;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      known.push(await time('wakefield.staff', '192.0.2.10'));
      unknown.push(await time(`nobody.${i}`, '192.0.2.10'));
    }
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('limits failed attempts per account from any address, and per address to any account', async () => {
    const account: number[] = [];
    for (let i = 0; i < 11; i += 1) account.push((await attempt('com.officer2', `198.51.100.${i + 1}`)).status);
    expect(account).toEqual([...Array<number>(10).fill(401), 429]);
    const address: number[] = [];
    for (let i = 0; i < 31; i += 1) address.push((await attempt(`spray.${i}`, '203.0.113.7')).status);
    expect(address).toEqual([...Array<number>(30).fill(401), 429]);
    expect((await attempt('admin', '203.0.113.8', 'e2e-password')).status).toBe(200);
  });
});

describe('smaller things', () => {
  it('tells caches not to keep API answers, and starts CSV downloads with a UTF-8 byte order mark', async () => {
    const me = await s.request('GET', '/api/v1/me', { token: tokens.admin });
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect((await s.request('GET', '/api/v1/nope', { token: tokens.admin })).headers.get('cache-control')).toBe('no-store');
    const res = await fetch(`${s.baseUrl}/api/v1/cases?format=csv`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
