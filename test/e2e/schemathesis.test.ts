import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureTool } from '../../scripts/lib/tools';
import { newCaseBody, today } from './case-bodies';
import { Stack } from './stack';

/**
 * Schemathesis (scripts/tools.sh schemathesis) against the started stack, once for each role,
 * from the served OpenAPI document: generated requests, then its stateful phase, which follows the
 * document's links (a list's first case to that case's commands, a case to its tasks) over real
 * cases. No server error, no answer outside its documented schema, no undocumented status code;
 * and the stateful phase ran and followed links (read from its NDJSON report).
 */
jest.setTimeout(900_000);

const run = promisify(execFile);
const ROLES = ['prison.staff', 'com.officer', 'manager', 'admin'];
/** Not sent: they would end the session under test, count towards the sign-in limits, or repair the shared database. */
const EXCLUDED = ['/api/v1/auth/sign-out', '/api/v1/auth/token', '/api/v1/admin/reconcile'];

let s: Stack;
let st: string;
beforeAll(async () => {
  st = ensureTool('schemathesis');
  s = await Stack.start();
  // Cases for the links to lead to: received at Leeds (prison staff, the manager and the
  // administrator see them), one due out in two months, screened and allocated to the COM.
  const [staff, manager] = [await s.token('prison.staff'), await s.token('manager')];
  for (let i = 0; i < 2; i += 1) expect((await s.request('POST', '/api/v1/cases', { token: staff, body: newCaseBody('S') })).status).toBe(201);
  const soon = (await s.request('POST', '/api/v1/cases', { token: staff, body: newCaseBody('S', { sentenceLengthMonths: 3, conditionalReleaseDate: today(60) }) })).body;
  const screening = (soon.tasks as { id: string; type: string }[]).find((t) => t.type === 'CUSTODY_SCREENING')?.id;
  const needs = { ACCOMMODATION: true, EDUCATION_SKILLS_AND_WORK: false, FINANCE_ID_AND_DEBT: false, DRUGS_AND_ALCOHOL: false, HEALTH: false, CHILDREN_FAMILIES_AND_COMMUNITIES: false, ATTITUDES_THINKING_AND_BEHAVIOUR: false };
  expect((await s.request('POST', `/api/v1/tasks/${screening}/complete`, { token: staff, body: { outcome: { needs } } })).status).toBe(200);
  const allocation = (await s.request('GET', `/api/v1/tasks?caseId=${soon.id}&type=COM_ALLOCATION`, { token: manager })).body.items[0]?.id;
  expect((await s.request('POST', `/api/v1/tasks/${allocation}/complete`, { token: manager, body: { outcome: { comUserId: 'u-com-officer', teamCode: 'YH-LEEDS-N' } } })).status).toBe(200);
});
afterAll(async () => s?.stop());

interface Run {
  user: string;
  code: number;
  operations: number;
  /** Scenarios of the stateful phase, and the links they followed. */
  scenarios: number;
  transitions: number;
  report: string;
}

/** One role's run: its exit code, how many operations it tested, what its stateful phase did, and its output. */
async function schemathesis(user: string): Promise<Run> {
  const token = await s.token(user);
  const reports = mkdtempSync(path.join(os.tmpdir(), `ttg-schemathesis-${user}-`));
  // The stateful phase gets a budget of its own: with a handful of scenarios it may follow no link.
  const config = path.join(reports, 'schemathesis.toml');
  writeFileSync(config, `[generation]\nmax-examples = ${process.env.TTG_SCHEMATHESIS_EXAMPLES ?? '5'}\n\n[phases.stateful.generation]\nmax-examples = 30\n`);
  const args = [
    '--config-file', config,
    'run', `${s.baseUrl}/api/docs-json`, '--url', s.baseUrl,
    '-H', `Authorization: Bearer ${token}`,
    '--checks', 'not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance',
    '--phases', 'examples,coverage,fuzzing,stateful',
    '--seed', '1',
    '--workers', '1',
    '--request-timeout', '15',
    '--no-color',
    '--report', 'ndjson', '--report-ndjson-path', path.join(reports, 'events.ndjson'),
    ...EXCLUDED.flatMap((p) => ['--exclude-path', p]),
  ];
  // Run outside the repository: Schemathesis keeps its example database in the working folder.
  const result = await run(st, args, { maxBuffer: 64 * 1024 * 1024, cwd: os.tmpdir() }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (err: { code?: number; stdout?: string; stderr?: string }) => ({ code: err.code ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` }),
  );
  const operations = Number(/Operations:\s+(\d+) selected/.exec(result.out)?.[1] ?? 0);
  const stateful = statefulOf(path.join(reports, 'events.ndjson'));
  rmSync(reports, { recursive: true, force: true });
  return { user, code: result.code, operations, ...stateful, report: result.code === 0 ? '' : result.out.slice(-20_000) };
}

/** From the NDJSON events: the stateful phase's scenarios and the link transitions they applied. */
function statefulOf(file: string): { scenarios: number; transitions: number } {
  let scenarios = 0;
  let transitions = 0;
  for (const line of existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const event = (JSON.parse(line) as { ScenarioFinished: { phase: string; recorder?: { cases?: Record<string, { is_transition_applied?: boolean }> } | null } }).ScenarioFinished;
    if (event.phase !== 'stateful') continue;
    scenarios += 1;
    transitions += Object.values(event.recorder?.cases ?? {}).filter((c) => c.is_transition_applied === true).length;
  }
  return { scenarios, transitions };
}

it('finds no server error, no answer outside the document and no undocumented status, for every role', async () => {
  // The roles run side by side: the coverage phase of each takes about a minute and a half.
  const results = await Promise.all(ROLES.map(schemathesis));
  process.stdout.write(`schemathesis: ${results.map((r) => `${r.user} ${r.operations} operations, ${r.scenarios} stateful scenarios, ${r.transitions} links followed`).join('; ')}\n`);
  for (const r of results) {
    expect(r.operations).toBeGreaterThan(40);
    expect({ user: r.user, stateful: r.scenarios > 0, followedLinks: r.transitions > 0 }).toEqual({ user: r.user, stateful: true, followedLinks: true });
    expect({ user: r.user, code: r.code, report: r.report }).toEqual({ user: r.user, code: 0, report: '' });
  }
});
