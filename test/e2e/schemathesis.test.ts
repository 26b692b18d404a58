import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { ensureTool } from '../../scripts/lib/tools';
import { Stack } from './stack';

/**
 * Schemathesis (scripts/tools.sh schemathesis) against the started stack, once for each role,
 * from the served OpenAPI document: generated requests, including its stateful phase. No server
 * error, no answer outside its documented schema, no undocumented status code.
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
});
afterAll(async () => s?.stop());

/** One role's run: its exit code, how many operations it tested, and its report. */
async function schemathesis(user: string): Promise<{ user: string; code: number; operations: number; report: string }> {
  const token = await s.token(user);
  const args = [
    'run', `${s.baseUrl}/api/docs-json`, '--url', s.baseUrl,
    '-H', `Authorization: Bearer ${token}`,
    '--checks', 'not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance',
    '--phases', 'examples,coverage,fuzzing,stateful',
    '--max-examples', process.env.TTG_SCHEMATHESIS_EXAMPLES ?? '5',
    '--seed', '1',
    '--workers', '1',
    '--request-timeout', '15',
    '--no-color',
    ...EXCLUDED.flatMap((p) => ['--exclude-path', p]),
  ];
  // Run outside the repository: Schemathesis keeps its example database in the working folder.
  const result = await run(st, args, { maxBuffer: 64 * 1024 * 1024, cwd: os.tmpdir() }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (err: { code?: number; stdout?: string; stderr?: string }) => ({ code: err.code ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` }),
  );
  const operations = Number(/Operations:\s+(\d+) selected/.exec(result.out)?.[1] ?? 0);
  return { user, code: result.code, operations, report: result.code === 0 ? '' : result.out.slice(-20_000) };
}

it('finds no server error, no answer outside the document and no undocumented status, for every role', async () => {
  // The roles run side by side: the coverage phase of each takes about a minute and a half.
  const results = await Promise.all(ROLES.map(schemathesis));
  for (const r of results) {
    expect(r.operations).toBeGreaterThan(40);
    expect({ user: r.user, code: r.code, report: r.report }).toEqual({ user: r.user, code: 0, report: '' });
  }
});
