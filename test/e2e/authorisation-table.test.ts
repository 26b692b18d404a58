import { ACTIONS, can, rolesFor, ROLES, type Action, type Role } from '@ttg/contracts';
import { newCaseBody } from './case-bodies';
import { fill, routesOf, type Route } from '../../apps/api/src/common/routes';
import { Stack } from './stack';

/**
 * The authorisation table, generated: every route Nest registered (API and pages, read from its
 * route metadata and @Allow/@Public) × every role, against the permission table. A role the table
 * gives the route's action passes the AuthGuard (whatever the handler then answers about the
 * made-up ids); any other role gets 403; nobody signed in gets 401 (API) or the sign-in page.
 * Then every case route: a case outside the caller's scope is 404, as if it did not exist.
 */
jest.setTimeout(300_000);
// The OpenAPI checks share this file's stack and its routes.

const USER: Record<Role, string> = { PRISON_STAFF: 'prison.staff', COM: 'com.officer', MANAGER: 'manager', ADMIN: 'admin' };
/** Not called by a role they are allowed for: they would end the caller's session or repair the shared database (tested on their own). */
const NOT_CALLED = new Set(['POST /api/v1/auth/sign-out', 'POST /sign-out', 'POST /api/v1/admin/reconcile', 'POST /sign-in', 'POST /api/v1/auth/token']);

/**
 * Who may do what, as agreed (P prison staff, C COM, M manager, A administrator): a change to the
 * permission table shows here, in review, as well as in the routes it opens or closes.
 */
const AGREED: Record<Action, string> = {
  'case.receive': 'P M A', 'case.import': 'P M A', 'case.changeReleaseDates': 'P M A', 'case.transfer': 'P M A',
  'case.recordContact': 'C M A', 'case.recall': 'C M A', 'case.reRelease': 'P C M A', 'case.breach': 'C M A',
  'case.reallocate': 'M A', 'case.close': 'M A', 'case.terminateLicence': 'C M A', 'case.recordUnlawfullyAtLarge': 'C M A',
  'case.requestEarlierRelease': 'C M A', 'case.planNeeds': 'P C M A', 'handover.inbox': 'C M A',
  'task.workSide.PRISON': 'P M A', 'task.workSide.COMMUNITY': 'C M A', 'task.workSide.MANAGER': 'M A',
  'task.assignOthers': 'M A', 'task.actOnOthersTasks': 'M A', 'dashboard.view': 'M A', 'reports.view': 'M A',
  'admin.users': 'A', 'policy.manage': 'A', 'admin.readModel': 'A', 'admin.workflows': 'A',
};
const LETTER: Record<Role, string> = { PRISON_STAFF: 'P', COM: 'C', MANAGER: 'M', ADMIN: 'A' };

let s: Stack;
let routes: Route[];
const tokens: Record<string, string> = {};
/** Per user: the page cookies (token, session, CSRF) and the form token bound to them. */
const forms: Record<string, { cookie: string; csrf: string }> = {};

const isApi = (r: Route) => r.path.startsWith('/api/') || r.path.startsWith('/codec');
const key = (r: Route) => `${r.method} ${r.path}`;

async function call(r: Route, user: string | null, params: Record<string, string> = {}): Promise<{ status: number; text: string; location: string | null }> {
  const write = r.method !== 'GET';
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (isApi(r)) {
    if (user) headers.authorization = `Bearer ${tokens[user]}`;
    if (write) [headers['content-type'], body] = ['application/json', '{}'];
  } else {
    headers.accept = 'text/html';
    if (user) headers.cookie = forms[user]?.cookie ?? '';
    if (write) [headers['content-type'], body] = ['application/x-www-form-urlencoded', `_csrf=${encodeURIComponent(user ? forms[user]?.csrf ?? '' : '')}`];
  }
  const res = await fetch(`${s.baseUrl}${fill(r.path, params)}`, { method: r.method, headers, body, redirect: 'manual' });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

/** Signs a user in to the pages as a browser would keep them: the token cookie, then a page for its session and form token. */
async function pageSession(user: string): Promise<{ cookie: string; csrf: string }> {
  const jar = new Map<string, string>([['ttg_token', tokens[user] ?? '']]);
  const res = await fetch(`${s.baseUrl}/account`, { headers: { accept: 'text/html', cookie: `ttg_token=${tokens[user]}` } });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const [k, ...v] = (pair ?? '').split('=');
    if (k) jar.set(k, v.join('='));
  }
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf };
}

beforeAll(async () => {
  s = await Stack.start();
  routes = routesOf(s.nestApp);
  for (const u of [...Object.values(USER), 'wakefield.staff']) {
    tokens[u] = await s.token(u);
    forms[u] = await pageSession(u);
  }
});
afterAll(async () => s?.stop());

describe('the authorisation table', () => {
  it('is the permission table as agreed', () => {
    expect(Object.fromEntries(ACTIONS.map((a) => [a, rolesFor(a).map((r) => LETTER[r]).join(' ')]))).toEqual(AGREED);
  });

  it('covers the API and the pages', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.filter(isApi).length).toBeGreaterThan(30);
    expect(routes.filter((r) => !isApi(r)).length).toBeGreaterThan(30);
    expect(routes.every((r) => r.public || r.action === undefined || ROLES.some((role) => can(role, r.action as never)))).toBe(true);
  });

  it('answers every route for every role as the permission table says, and nobody signed in is turned away', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of routes) {
      if (r.public) continue;
      const anon = await call(r, null);
      const turnedAway = isApi(r) ? anon.status === 401 : anon.status === 401 || (anon.status >= 300 && anon.status < 400 && /sign-in/.test(anon.location ?? ''));
      if (!turnedAway) wrong.push(`${key(r)} anonymous: ${anon.status}`);
      for (const role of ROLES) {
        const allowed = r.action === undefined || can(role, r.action);
        if (allowed && NOT_CALLED.has(key(r))) continue;
        const res = await call(r, USER[role]);
        checked += 1;
        const refused = res.status === 403 && (isApi(r) ? /"FORBIDDEN"/.test(res.text) : /do not have access/.test(res.text));
        if (allowed && (res.status === 403 || res.status === 401)) wrong.push(`${key(r)} ${role}: ${res.status} (the table allows ${r.action ?? 'any signed-in user'})`);
        if (!allowed && !refused) wrong.push(`${key(r)} ${role}: ${res.status} (the table refuses ${r.action})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(routes.length * 3);
  });

  it('serves the public routes to nobody signed in', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.public && x.method === 'GET')) {
      const res = await call(r, null);
      if (res.status === 401 || res.status === 403) wrong.push(`${key(r)}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('treats a case outside the caller\'s scope as not there, on every case route that reads', async () => {
    const created = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCaseBody('T') });
    expect(created.status).toBe(201);
    const caseRoutes = routes.filter((r) => r.method === 'GET' && /\/cases\/:id\b/.test(r.path) && (r.action === undefined || can('PRISON_STAFF', r.action)));
    expect(caseRoutes.length).toBeGreaterThan(8);
    const wrong: string[] = [];
    for (const r of caseRoutes) {
      // Real values for a route's other parameters (a need's pathway and form), so only the case decides.
      const params = { id: created.body.id, pathway: 'ACCOMMODATION', form: 'status' };
      const mine = await call(r, 'prison.staff', params);
      const theirs = await call(r, 'wakefield.staff', params);
      if ([401, 403, 404].includes(mine.status)) wrong.push(`${key(r)} in scope: ${mine.status}`);
      if (theirs.status !== 404) wrong.push(`${key(r)} out of scope: ${theirs.status}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the OpenAPI document as a contract', () => {
  type Op = { parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[]; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown> };
  let paths: Record<string, Record<string, Op>>;
  beforeAll(async () => {
    paths = (await s.request('GET', '/api/docs-json')).body.paths;
  });
  const opOf = (r: Route) => paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
  const apiRoutes = () => routes.filter((r) => r.path.startsWith('/api/v1/'));

  it('has every API route, each with every error it can answer', () => {
    const wrong: string[] = [];
    for (const r of apiRoutes()) {
      const op = opOf(r);
      if (!op) {
        wrong.push(`${key(r)}: not documented`);
        continue;
      }
      const expected = ['503', ...(r.public ? [] : ['401', '403']), ...(/:\w+/.test(r.path) ? ['404'] : []), ...(r.method === 'GET' ? [] : ['400', '409', '413', '415'])];
      const missing = expected.filter((c) => !(c in op.responses));
      if (missing.length) wrong.push(`${key(r)}: no ${missing.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('describes every JSON body from the schema the route validates with, not as a bare object', () => {
    const bare = apiRoutes()
      .filter((r) => r.method !== 'GET')
      .filter((r) => {
        const schema = opOf(r)?.requestBody?.content['application/json']?.schema;
        return schema !== undefined && schema.properties === undefined;
      })
      .map(key);
    // The policy version is a whole policy document (validated by the policy module, field by field).
    expect(bare).toEqual(['POST /api/v1/admin/policy-versions']);
    const transfer = opOf(routes.find((r) => key(r) === 'POST /api/v1/cases/:id/transfer') as Route)?.requestBody?.content['application/json']?.schema;
    expect(transfer).toMatchObject({ type: 'object', additionalProperties: false, required: ['prisonCode', 'reason'], properties: { prisonCode: { type: 'string', pattern: '^[A-Z]{3}$' } } });
    const created = opOf(routes.find((r) => key(r) === 'POST /api/v1/cases') as Route)?.requestBody?.content['application/json']?.schema;
    expect(created?.required).toEqual(expect.arrayContaining(['prisonNumber', 'givenName', 'familyName', 'dateOfBirth', 'prisonCode', 'receptionAt', 'sentenceType']));
  });

  it('lists the query parameters each list validates, with their limits', () => {
    const list = opOf(routes.find((r) => key(r) === 'GET /api/v1/cases') as Route);
    const byName = Object.fromEntries((list?.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['active', 'format', 'order', 'overdue', 'page', 'pageSize', 'prisonCode', 'q', 'releaseFrom', 'releaseTo', 'sort', 'stage']);
    expect(byName.pageSize?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 25 });
    expect(byName.sort?.schema).toMatchObject({ enum: ['releaseDate', 'familyName', 'createdAt'] });
    const tasks = opOf(routes.find((r) => key(r) === 'GET /api/v1/tasks') as Route);
    expect((tasks?.parameters ?? []).filter((p) => p.in === 'query').length).toBeGreaterThan(4);
  });
});
