import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { ClusterClient, requestJson } from '../../scripts/lib/cluster-client';
import { seededRandom } from '../../bench/lib/load';
import { newCaseBodies } from '../../bench/lib/people';
import { expectConsistent, runJourneys, type Journey } from '../cluster/load';
import { PASSWORD, Product, type Part } from './product';

/**
 * `npm start` under faults: its processes killed (SIGKILL), paused (SIGSTOP) and the supervisor
 * itself killed, each while people are received and their screening claimed and completed, every
 * command with its own Idempotency-Key and repeated (same key) until it is answered. After each
 * fault: every command answered 2xx is in the read model exactly once, the read model equals
 * each workflow's state (queried), the repair check finds no row without a workflow nor a
 * workflow without a row, and the product took a new case again within SERVED_AGAIN_MS (TAKEN_OVER_MS
 * when the supervisor itself was killed).
 */
jest.setTimeout(240_000);

const PEOPLE = 8;
const CONCURRENCY = 4;
/** From the fault to a new case answered 201 (the supervisor's first back-off is 1 s; Temporal and PostgreSQL take a few seconds to start). */
const SERVED_AGAIN_MS = 30_000;
/** A new supervisor first stops what the killed one left (each gracefully) and then starts all four again. */
const TAKEN_OVER_MS = 60_000;

let p: Product;
let http: ClusterClient;
let token: string;
let adminToken: string;

beforeAll(async () => {
  p = await Product.start();
  http = new ClusterClient([p.baseUrl], 120_000, 15_000);
  token = await http.token('prison.staff', PASSWORD);
  adminToken = await http.token('admin', PASSWORD);
});
afterAll(async () => p?.stop());

const countCases = async (prisonNumber: string) => (await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE prison_number = $1', [prisonNumber])).rows[0].n;

async function newBody() {
  const taken = new Set((await p.db.query<{ prison_number: string }>('SELECT prison_number FROM cases')).rows.map((r) => r.prison_number));
  return newCaseBodies(1, seededRandom(Date.now() % 100_000), 'LEI', taken)[0];
}

/**
 * How long after `since` the product took a new case (`body`, chosen before the fault): one create
 * repeated with the same key every 250 ms until it is answered 201; then that person has exactly one case.
 */
async function servedAgain(since: number, body: Awaited<ReturnType<typeof newBody>>): Promise<number> {
  const key = randomUUID();
  for (;;) {
    const res = await requestJson(p.baseUrl, 'POST', '/api/v1/cases', { token, body, idempotencyKey: key, timeoutMs: 15_000 }).catch(() => ({ status: 0 }));
    if (res.status === 201) break;
    if (Date.now() - since > 2 * TAKEN_OVER_MS) throw new Error(`no new case taken within ${2 * TAKEN_OVER_MS} ms (last ${res.status})`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const took = Date.now() - since;
  await expect(countCases(body.prisonNumber)).resolves.toBe(1);
  return took;
}

/** The load, with `fault` run once two people have been taken through. */
async function underLoad(run: string, fault: () => Promise<void>): Promise<Journey[]> {
  let fired: Promise<void> | undefined;
  const journeys = await runJourneys(http, p.db, token, run, PEOPLE, CONCURRENCY, (done) => {
    if (done >= 2) fired ??= fault();
  });
  await fired;
  return journeys;
}

/** Everything answered is there once and agrees with its workflow; the repair check finds nothing to repair. */
async function expectWhole(journeys: Journey[]): Promise<void> {
  await expectConsistent(p.db, p, journeys, PEOPLE);
  const report = await http.call<Record<string, string[]>>('POST', '/api/v1/admin/reconcile', { token: adminToken });
  expect(report.status).toBe(200);
  expect(report.body).toEqual({ rowsWithoutWorkflow: [], workflowsWithoutRow: [], reprojected: [], unrecoverable: [] });
}

const restartLine = (name: string) => new RegExp(`the ${name} stopped unexpectedly \\(SIGKILL\\); starting it again in \\d+ s \\(restart 1 of at most 5 in 10 min\\)`);

it.each<[Part, string]>([
  ['worker', 'worker'],
  ['api', 'api'],
  ['temporal', 'Temporal server'],
  ['postgres', 'PostgreSQL server'],
])('the %s killed with SIGKILL is started again by the supervisor; nothing lost or doubled', async (part, name) => {
  let recovery = 0;
  const journeys = await underLoad(`kill-${part}`, async () => {
    const body = await newBody();
    const old = p.signal(part, 'SIGKILL');
    const since = Date.now();
    await p.restarted(part, old);
    recovery = await servedAgain(since, body);
  });
  process.stderr.write(`fault tier: ${part} killed, a new case taken ${recovery} ms later\n`);
  expect(p.lines.some((l) => restartLine(name).test(l))).toBe(true);
  expect(recovery).toBeLessThan(SERVED_AGAIN_MS);
  await expectWhole(journeys);
});

/**
 * Paused for longer than the SDK's default sandbox bound (5 s), three times under load, so that a
 * pause catches a workflow activation part-way at least once: a worker that took the wall-clock
 * time of its pause for a stuck workflow would shut itself down (once seen in CI), and be restarted.
 */
it('a worker paused with SIGSTOP holds commands up, and they finish once it goes on', async () => {
  let pid = 0;
  const from = p.lines.length;
  const journeys = await underLoad('pause-worker', async () => {
    const body = await newBody();
    pid = p.pid('worker');
    for (let pause = 0; pause < 3; pause++) {
      process.kill(pid, 'SIGSTOP');
      await new Promise((r) => setTimeout(r, 6_000));
      process.kill(pid, 'SIGCONT');
      await new Promise((r) => setTimeout(r, 1_500 + 700 * pause)); // commands flow again between pauses
    }
    expect(await servedAgain(Date.now(), body)).toBeLessThan(SERVED_AGAIN_MS);
  });
  expect(p.lines.slice(from).filter((l) => /stopped unexpectedly|Initiating Worker shutdown/.test(l))).toEqual([]);
  expect(p.pid('worker')).toBe(pid); // paused, not dead: not restarted
  await expectWhole(journeys);
});

it('with Temporal paused, reads keep working and a create is a 503 with Retry-After; repeated later with its key it is done once', async () => {
  const body = await newBody();
  const key = randomUUID();
  const pid = p.signal('temporal', 'SIGSTOP');
  try {
    const list = await requestJson(p.baseUrl, 'GET', '/api/v1/cases', { token, timeoutMs: 5_000 });
    expect(list.status).toBe(200);
    expect(list.ms).toBeLessThan(2_000);
    const started = Date.now();
    const refused = await requestJson<{ code: string }>(p.baseUrl, 'POST', '/api/v1/cases', { token, body, idempotencyKey: key, timeoutMs: 30_000 });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(15_000); // the command bound (10 s) and no more
    expect(await countCases(body.prisonNumber)).toBe(0);
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  const again = await http.call('POST', '/api/v1/cases', { token, body, idempotencyKey: key });
  expect(again.status).toBe(201);
  expect(await countCases(body.prisonNumber)).toBe(1);
});

/**
 * PostgreSQL paused (the postmaster and every backend, SIGSTOP): nothing refuses a connection, so
 * only the API's query bound (DATABASE_QUERY_TIMEOUT_MS, 10 s) stops a request waiting for ever.
 */
it('with PostgreSQL paused, a read and a create are 503s within the query bound; repeated later with its key the create is done once', async () => {
  const body = await newBody();
  const key = randomUUID();
  const postmaster = p.pid('postgres');
  const paused = [postmaster, ...execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number)];
  for (const pid of paused) process.kill(pid, 'SIGSTOP');
  try {
    const started = Date.now();
    const [read, create] = await Promise.all([
      requestJson<{ code: string }>(p.baseUrl, 'GET', '/api/v1/cases', { token, timeoutMs: 40_000 }),
      requestJson<{ code: string }>(p.baseUrl, 'POST', '/api/v1/cases', { token, body, idempotencyKey: key, timeoutMs: 40_000 }),
    ]);
    expect([read.status, read.body.code, create.status, create.body.code]).toEqual([503, 'UNAVAILABLE', 503, 'UNAVAILABLE']);
    expect(Date.now() - started).toBeLessThan(25_000); // the bound, for a pooled connection and then the query, and no more
  } finally {
    for (const pid of paused) process.kill(pid, 'SIGCONT');
  }
  const again = await http.call('POST', '/api/v1/cases', { token, body, idempotencyKey: key });
  expect(again.status).toBe(201);
  expect(await countCases(body.prisonNumber)).toBe(1);
  expect(p.pid('postgres')).toBe(postmaster); // paused, not dead: not restarted
});

it('the supervisor killed with SIGKILL: its children keep serving, and the next npm start takes over from them', async () => {
  const before = { api: p.pid('api'), worker: p.pid('worker') };
  let recovery = 0;
  const journeys = await underLoad('kill-supervisor', async () => {
    const body = await newBody();
    await p.killSupervisor();
    expect((await requestJson(p.baseUrl, 'GET', '/health/live', { timeoutMs: 5_000 })).status).toBe(200);
    const since = Date.now();
    await p.runSupervisor();
    recovery = await servedAgain(since, body);
  });
  expect(p.lines.filter((l) => l.startsWith('ttg:'))).toEqual(expect.arrayContaining([`ttg: stopping the api left running by an earlier run (pid ${before.api})`]));
  expect(p.pid('api')).not.toBe(before.api);
  expect(p.pid('worker')).not.toBe(before.worker);
  process.stderr.write(`fault tier: supervisor killed, a new case taken ${recovery} ms after the next npm start began\n`);
  expect(recovery).toBeLessThan(TAKEN_OVER_MS);
  await expectWhole(journeys);
});
