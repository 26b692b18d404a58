import { ACTIONS, can, pathwayTaskTypes, rolesFor, ROLES, type Action, type Role } from '@ttg/contracts';
import { Client, Connection } from '@temporalio/client';
import { newCaseBody, today } from './case-bodies';
import { fill, routesOf, type Route } from '../../apps/api/src/common/routes';
import { Stack } from './stack';

/**
 * The authorisation table, generated: every route Nest registered (API and pages, read from its
 * route metadata and @Allow/@Public) × every role, against the permission table. A role the table
 * gives the route's action passes the AuthGuard (whatever the handler then answers about the
 * made-up ids); any other role gets 403; nobody signed in gets 401 (API) or the sign-in page.
 * Then every route that takes an id (a case, a task, an import; API and pages, reads and
 * commands): for every scoped role, data outside the caller's scope is 404 (the API) or "Page not
 * found" (the pages), as if it did not exist, and nothing is written.
 */
jest.setTimeout(300_000);
// The OpenAPI checks share this file's stack and its routes.

const USER: Record<Role, string> = { PRISON_STAFF: 'prison.staff', COM: 'com.officer', MANAGER: 'manager', ADMIN: 'admin' };
/** Not called by a role they are allowed for: they would end the caller's session or repair the shared database (tested on their own). */
const NOT_CALLED = new Set(['POST /api/v1/auth/sign-out', 'POST /sign-out', 'POST /api/v1/admin/reconcile', 'POST /admin/read-model/reconcile', 'POST /admin/read-model/counters', 'POST /admin/read-model/archive', 'POST /api/v1/admin/archive', 'POST /sign-in', 'POST /api/v1/auth/token']);

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

/** One outsider of each scoped role for a Leeds case nobody is allocated: Wakefield's prison officer, a COM of Leeds North, a manager of Wakefield prison (made below). Administrators see everything. */
const OUTSIDER: Partial<Record<Role, string>> = { PRISON_STAFF: 'wakefield.staff', COM: 'com.officer', MANAGER: 'wakefield.manager' };
/** An import is its uploader's (prison.staff's): another officer of the same prison is outside it too. */
const IMPORT_OUTSIDER: Partial<Record<Role, string>> = { ...OUTSIDER, PRISON_STAFF: 'prison.staff2' };
const IMPORT_HEADER = 'prisonNumber,givenName,familyName,dateOfBirth,prisonCode,receptionAt,sentenceStartDate,sentenceType,sentenceLengthMonths,conditionalReleaseDate,offenceCategory';
type IdKind = 'case' | 'task' | 'import';
/** What a route's `:id` names, from its path. */
const idKindOf = (r: Route): IdKind | undefined => (/^(\/api\/v1)?\/cases\/:id\b/.test(r.path) ? 'case' : /^(\/api\/v1)?\/tasks\/:id\b/.test(r.path) ? 'task' : /^(\/api\/v1)?\/imports\/:id\b/.test(r.path) ? 'import' : undefined);
/** Routes only administrators may call: nothing is outside an administrator's scope. */
const ADMIN_ONLY = (r: Route) => r.action !== undefined && rolesFor(r.action).join() === 'ADMIN';
/** Real values for a route's other parameters, so only the id's scope decides. */
function paramsOf(r: Route): Record<string, string> {
  const form = /sentence-events/.test(r.path) ? 'earlier-release' : /supervision/.test(r.path) ? 'contact' : /manage/.test(r.path) ? 'transfer' : 'status';
  return { pathway: 'ACCOMMODATION', form };
}
/** Valid bodies for the API's commands (an invalid one would be a 400 before the scope is looked at). */
const BODY: Record<string, unknown> = {
  'PUT /api/v1/cases/:id/release-dates': { conditionalReleaseDate: today(290), reason: 'Recalculated by the custody office' },
  'POST /api/v1/cases/:id/transfer': { prisonCode: 'WDI', reason: 'Closer to family' },
  'POST /api/v1/cases/:id/contacts': { date: today(), kind: 'OFFICE', outcome: 'ATTENDED' },
  'POST /api/v1/cases/:id/change-of-circumstances': { description: 'Moved address', pathways: ['ACCOMMODATION'] },
  'POST /api/v1/cases/:id/breach': { action: 'WARNING', reason: 'Missed an appointment' },
  'POST /api/v1/cases/:id/recall': { reason: 'Licence breached' },
  'POST /api/v1/cases/:id/re-release': { releasedOn: today() },
  'POST /api/v1/cases/:id/licence-termination': { terminatedOn: today(), reason: 'Licence ended by the court' },
  'POST /api/v1/cases/:id/unlawfully-at-large': { days: 3, reason: 'Absconded' },
  'POST /api/v1/cases/:id/earlier-release': { reason: 'Release day is a bank holiday' },
  'POST /api/v1/cases/:id/com': { comUserId: 'u-com-officer', teamCode: 'YH-LEEDS-N', reason: 'Caseload balance' },
  'POST /api/v1/cases/:id/close': { reason: 'Supervision complete' },
  'POST /api/v1/cases/:id/needs': { pathway: 'ACCOMMODATION', reason: 'No address on release' },
  'POST /api/v1/cases/:id/needs/:pathway/status': { pathway: 'ACCOMMODATION', status: 'SUPPORT_REQUIRED' },
  'POST /api/v1/cases/:id/needs/:pathway/actions': { pathway: 'ACCOMMODATION', taskType: pathwayTaskTypes('ACCOMMODATION')[0], dueDate: today(30) },
  'POST /api/v1/tasks/:id/assign': { userId: 'u-prison-staff' },
  'POST /api/v1/tasks/:id/complete': { outcome: {} },
};

async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

/** What a case is: its read model rows (the case's and every table's with a case_id) and its workflow's history length. */
async function caseState(caseId: string): Promise<unknown> {
  const tables = ((await s.ds.query(`SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'case_id' ORDER BY table_name`)) as { table_name: string }[]).map((t) => t.table_name);
  const state: Record<string, unknown> = { cases: await s.ds.query(`SELECT * FROM cases WHERE id = $1`, [caseId]) };
  for (const t of tables) state[t] = await s.ds.query(`SELECT * FROM "${t}" WHERE case_id = $1 ORDER BY 1`, [caseId]);
  const connection = await Connection.connect({ address: s.temporalAddress });
  try {
    state.historyEvents = (await new Client({ connection }).workflow.getHandle(`pathway-${caseId}`).fetchHistory()).events?.length;
  } finally {
    await connection.close();
  }
  return state;
}

let s: Stack;
let routes: Route[];
const tokens: Record<string, string> = {};
/** Per user: the page cookies (token, session, CSRF) and the form token bound to them. */
const forms: Record<string, { cookie: string; csrf: string }> = {};

const isApi = (r: Route) => r.path.startsWith('/api/') || r.path.startsWith('/codec');
const key = (r: Route) => `${r.method} ${r.path}`;

async function call(r: Route, user: string | null, params: Record<string, string> = {}, json: unknown = {}): Promise<{ status: number; text: string; location: string | null }> {
  const write = r.method !== 'GET';
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (isApi(r)) {
    if (user) headers.authorization = `Bearer ${tokens[user]}`;
    if (write) [headers['content-type'], body] = ['application/json', JSON.stringify(json)];
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
  // A manager of Wakefield prison only (the demo manager has the whole region): a manager for whom a Leeds case is out of scope.
  await s.ds.query(
    `INSERT INTO users (id, username, password_hash, display_name, role, prison_code, team_code, region_code, email)
     SELECT 'u-manager-wdi', 'wakefield.manager', password_hash, 'Wakefield Manager', 'MANAGER', 'WDI', NULL, 'YH', 'wakefield.manager@ttg.local' FROM users WHERE username = 'manager'
     ON CONFLICT (username) DO NOTHING`,
  );
  for (const u of [...Object.values(USER), ...Object.values(OUTSIDER), 'prison.staff2']) {
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

  it('treats data outside the caller\'s scope as not there, on every route that takes an id, for every scoped role, and writes nothing', async () => {
    const caseId = (await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCaseBody('T') })).body.id as string;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    const taskId = await waitFor(async () => ((await s.ds.query(`SELECT id FROM tasks WHERE case_id = $1 ORDER BY created_at LIMIT 1`, [caseId])) as { id: string }[])[0]?.id);
    const csv = `${IMPORT_HEADER}\nBAD,Ann,Import,1985-05-05,LEI,${new Date().toISOString()},${today()},DETERMINATE,18,${today(200)},OTHER`;
    const imported = await s.request('POST', '/api/v1/imports', { token: tokens['prison.staff'], body: csv, headers: { 'content-type': 'text/csv' } });
    expect(imported.status).toBe(202);
    const ids: Record<IdKind, string> = { case: caseId, task: taskId, import: imported.body.id as string };

    const withId = routes.filter((r) => /:id\b/.test(r.path) && !r.public);
    const unclassified = withId.filter((r) => !idKindOf(r) && !ADMIN_ONLY(r)).map(key);
    expect(unclassified).toEqual([]);
    const tried = withId.filter((r) => idKindOf(r) !== undefined && !ADMIN_ONLY(r));
    expect(tried.filter(isApi).filter((r) => r.method !== 'GET').length).toBeGreaterThan(15);
    expect(tried.filter((r) => !isApi(r) && r.method !== 'GET').length).toBeGreaterThan(10);
    // The case as its reception left it, once the projection has settled (two readings alike).
    let before = await caseState(caseId);
    for (let settled = false; !settled; ) {
      await new Promise((r) => setTimeout(r, 300));
      const again = await caseState(caseId);
      settled = JSON.stringify(again) === JSON.stringify(before);
      before = again;
    }
    const wrong: string[] = [];
    let attempts = 0;
    for (const r of tried) {
      const kind = idKindOf(r) as IdKind;
      const params = { ...paramsOf(r), id: ids[kind] };
      for (const role of ROLES) {
        const outsider = role === 'ADMIN' ? undefined : kind === 'import' ? IMPORT_OUTSIDER[role] : OUTSIDER[role];
        if (!outsider || (r.action !== undefined && !can(role, r.action))) continue;
        const res = await call(r, outsider, params, BODY[key(r)] ?? {});
        attempts += 1;
        const notThere = res.status === 404 && (isApi(r) ? /NOT_FOUND/.test(res.text) : /Page not found/.test(res.text));
        if (!notThere) wrong.push(`${key(r)} as ${outsider}: ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(attempts).toBeGreaterThan(tried.length);
    // Nothing was written: the read model's rows of the case and its workflow's history are as they were.
    expect(await caseState(caseId)).toEqual(before);

    // The same requests in scope (a manager of the region) get past the scope check: the ids, the
    // other parameters and the bodies above are real, so the 404s were the scope's.
    const inScope: string[] = [];
    for (const r of tried) {
      const kind = idKindOf(r) as IdKind;
      const res = await call(r, kind === 'import' ? 'prison.staff' : 'manager', { ...paramsOf(r), id: ids[kind] }, BODY[key(r)] ?? {});
      // A task's outcome is checked against its type, so after the task was found: that 400 is past the scope.
      const badBody = isApi(r) && res.status === 400 && !/"field":"outcome\./.test(res.text);
      if ([401, 403, 404].includes(res.status) || badBody) inScope.push(`${key(r)} in scope: ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(inScope).toEqual([]);
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
    expect(Object.keys(byName).sort()).toEqual(['active', 'after', 'format', 'order', 'overdue', 'page', 'pageSize', 'prisonCode', 'q', 'releaseFrom', 'releaseTo', 'sort', 'stage']);
    expect(byName.pageSize?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 25 });
    expect(byName.after?.schema).toMatchObject({ type: 'string' });
    expect(byName.sort?.schema).toMatchObject({ enum: ['releaseDate', 'familyName', 'createdAt'] });
    const tasks = opOf(routes.find((r) => key(r) === 'GET /api/v1/tasks') as Route);
    expect((tasks?.parameters ?? []).filter((p) => p.in === 'query').length).toBeGreaterThan(4);
  });
});
