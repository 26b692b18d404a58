import { SignJWT } from 'jose';
import { cookieHeader, Stack } from './stack';

/**
 * Sessions: short access tokens, rotating refresh tokens kept hashed in PostgreSQL, revoked at
 * once by sign-out, deactivation and a password reset (the token version), a used refresh token
 * presented again ending its whole family; the pages' cookie session renewing itself from its
 * refresh cookie while the user is active and ending at sign-out.
 */
jest.setTimeout(120_000);

let s: Stack;
beforeAll(async () => {
  s = await Stack.start();
  // A user of this file's own (deactivated and reset below), with the demo password.
  await s.ds.query(
    `INSERT INTO users (id, username, password_hash, display_name, role, prison_code, team_code, region_code, email)
     SELECT 'u-refresh', 'refresh.staff', password_hash, 'Refresh Staff', 'PRISON_STAFF', 'LEI', NULL, 'YH', 'refresh.staff@ttg.local' FROM users WHERE username = 'prison.staff'
     ON CONFLICT (id) DO UPDATE SET active = true, must_change_password = false`,
  );
});
afterAll(async () => s?.stop());

async function signIn(username = 'refresh.staff') {
  const res = await s.request('POST', '/api/v1/auth/token', { body: { username, password: 'e2e-password' } });
  expect(res.status).toBe(200);
  return res.body as { accessToken: string; expiresIn: number; refreshToken: string; refreshExpiresIn: number };
}
const refresh = (refreshToken: string) => s.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
const me = async (token: string) => (await s.request('GET', '/api/v1/me', { token })).status;

describe('refresh tokens', () => {
  it('gives a short access token and a refresh token, stored only as a hash', async () => {
    const session = await signIn();
    expect(session).toMatchObject({ tokenType: 'Bearer', expiresIn: 300, refreshExpiresIn: 8 * 3600 });
    expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows: { token_hash: string; expires_in: number }[] = await s.ds.query(
      `SELECT token_hash, EXTRACT(EPOCH FROM expires_at - created_at)::int AS expires_in FROM refresh_tokens WHERE user_id = 'u-refresh' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toContain(session.refreshToken);
    expect(rows[0]?.expires_in).toBe(8 * 3600);
  });

  it('rotates: a refresh gives a working access token and a new refresh token, once', async () => {
    const first = await signIn();
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 300 });
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(await me(second.body.accessToken)).toBe(200);
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    expect(await me(third.body.accessToken)).toBe(200);
  });

  it('refuses a used refresh token (401) and ends its whole family, but not the user\'s other sign-ins', async () => {
    const other = await signIn();
    const first = await signIn();
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('used before') });
    // The family is dead: the refresh token the rotation gave is refused too.
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    // Another sign-in of the same user goes on.
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('ends a sign-in at its limit however often it was refreshed (SESSION_MAX_SECONDS, 12 hours by default)', async () => {
    const first = await signIn();
    const family = async (token: string) =>
      ((await s.ds.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [token])) as { family_id: string }[])[0]?.family_id;
    const familyId = await family(first.refreshToken);
    expect(familyId).toBeDefined();
    // The sign-in began 11 hours ago: the next token lasts only to the twelfth hour, not 8 hours more.
    await s.ds.query(`UPDATE refresh_tokens SET created_at = created_at - interval '11 hours' WHERE family_id = $1`, [familyId]);
    const late = await refresh(first.refreshToken);
    expect(late.status).toBe(200);
    expect(late.body.refreshExpiresIn).toBeGreaterThan(3600 - 60);
    expect(late.body.refreshExpiresIn).toBeLessThanOrEqual(3600);
    expect(await family(late.body.refreshToken)).toBe(familyId);
    // Past the twelfth hour the family's tokens are refused, unused as they are.
    await s.ds.query(`UPDATE refresh_tokens SET created_at = created_at - interval '2 hours' WHERE family_id = $1`, [familyId]);
    const over = await refresh(late.body.refreshToken);
    expect(over.status).toBe(401);
    expect(over.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('ends every refresh token at sign-out, at once', async () => {
    const a = await signIn();
    const b = await signIn();
    expect((await s.request('POST', '/api/v1/auth/sign-out', { token: a.accessToken })).status).toBe(204);
    expect((await refresh(a.refreshToken)).status).toBe(401);
    expect((await refresh(b.refreshToken)).status).toBe(401);
    expect(await me(b.accessToken)).toBe(401);
    const revoked: { open: string }[] = await s.ds.query(`SELECT count(*) AS open FROM refresh_tokens WHERE user_id = 'u-refresh' AND revoked_at IS NULL AND used_at IS NULL`);
    expect(revoked[0]?.open).toBe('0');
  });

  it('ends refresh tokens when an administrator deactivates the user or resets their password', async () => {
    const admin = (await signIn('admin')).accessToken;
    const before = await signIn();
    expect((await s.request('PATCH', '/api/v1/admin/users/u-refresh', { token: admin, body: { active: false } })).status).toBe(200);
    expect((await refresh(before.refreshToken)).status).toBe(401);
    expect((await s.request('PATCH', '/api/v1/admin/users/u-refresh', { token: admin, body: { active: true } })).status).toBe(200);
    const after = await signIn();
    const reset = await s.request('POST', '/api/v1/admin/users/u-refresh/password-reset', { token: admin, body: {} });
    expect(reset.status).toBeLessThan(300);
    expect((await refresh(after.refreshToken)).status).toBe(401);
    await s.ds.query(`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username = 'prison.staff'), must_change_password = false WHERE id = 'u-refresh'`);
  });

  it('does not let an administrator deactivate, re-role or reset themselves (409), so their sessions go on', async () => {
    const admin = await signIn('admin');
    for (const [method, url, body] of [
      ['PATCH', '/api/v1/admin/users/u-admin', { active: false }],
      ['PATCH', '/api/v1/admin/users/u-admin', { role: 'MANAGER', regionCode: 'YH' }],
      ['POST', '/api/v1/admin/users/u-admin/password-reset', {}],
    ] as const) {
      const res = await s.request(method, url, { token: admin.accessToken, body });
      expect({ url, body, status: res.status, code: res.body.code }).toEqual({ url, body, status: 409, code: 'INVALID_STATE' });
    }
    expect(await me(admin.accessToken)).toBe(200);
    expect((await refresh(admin.refreshToken)).status).toBe(200);
    const rows: { active: boolean; role: string; must_change_password: boolean }[] = await s.ds.query(`SELECT active, role, must_change_password FROM users WHERE id = 'u-admin'`);
    expect(rows[0]).toEqual({ active: true, role: 'ADMIN', must_change_password: false });
  });

  it('refuses an expired access token, an unknown refresh token and a bad body', async () => {
    const { accessToken } = await signIn();
    const sub = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as { sub: string; tv: number };
    const secret = new TextEncoder().encode('e2e-secret-at-least-16-chars');
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ tv: sub.tv }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub.sub).setIssuer('ttg').setIssuedAt(now - 400).setExpirationTime(now - 100).sign(secret);
    expect(await me(expired)).toBe(401);
    expect((await s.request('GET', '/cases', { headers: { accept: 'text/html', cookie: `ttg_token=${expired}` }, redirect: 'manual' })).status).toBe(303);
    expect((await refresh('A'.repeat(43))).status).toBe(401);
    const bad = await s.request('POST', '/api/v1/auth/refresh', { body: { token: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('refreshToken');
  });
});

describe('the pages\' session', () => {
  it('renews itself from the refresh cookie when the access cookie has expired, and ends at sign-out', async () => {
    const signedIn = await s.pageSignIn('refresh.staff');
    expect(signedIn.status).toBe(303);
    expect(Object.keys(signedIn.cookies)).toEqual(expect.arrayContaining(['ttg_token', 'ttg_refresh', 'ttg_sid']));
    // The browser dropped the expired access cookie: the refresh cookie alone carries on, transparently.
    const { ttg_token: _expired, ...rest } = signedIn.cookies;
    const page = await s.request('GET', '/cases', { headers: { accept: 'text/html', cookie: cookieHeader(rest) }, redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Refresh Staff');
    const renewed = Object.fromEntries(page.headers.getSetCookie().map((c) => (c.split(';')[0] ?? '').split('=') as [string, string]));
    expect(renewed.ttg_token).toMatch(/^ey/);
    expect(renewed.ttg_refresh).toBeDefined();
    expect(renewed.ttg_refresh).not.toBe(signedIn.cookies.ttg_refresh);
    const cookies = { ...rest, ...renewed };
    expect((await s.request('GET', '/account', { headers: { accept: 'text/html', cookie: cookieHeader(cookies) }, redirect: 'manual' })).status).toBe(200);

    // Sign out (the form on the sign-out page): both cookies go, and copies of them are refused.
    const confirm = await s.request('GET', '/sign-out', { headers: { accept: 'text/html', cookie: cookieHeader(cookies) } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(confirm.text)?.[1] ?? '';
    const out = await s.request('POST', '/sign-out', { body: `_csrf=${encodeURIComponent(csrf)}`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(cookies) }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().filter((c) => /^ttg_(token|refresh)=;/.test(c))).toHaveLength(2);
    const { ttg_token: _kept, ...refreshOnly } = cookies;
    for (const copy of [cookies, refreshOnly]) {
      const replay = await s.request('GET', '/cases', { headers: { accept: 'text/html', cookie: cookieHeader(copy) }, redirect: 'manual' });
      expect(replay.status).toBe(303);
      expect(replay.headers.get('location')).toMatch(/^\/sign-in/);
    }
  });
});
