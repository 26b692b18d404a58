import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { defaultPayloadConverter } from '@temporalio/common';
import { payloadToJson } from '@ttg/codec/data-converter';
import { ALL_NEEDS } from '../support/pathway-fixtures';
import { newCaseBody } from './case-bodies';
import { Stack } from './stack';

/**
 * Workflow history as Temporal keeps it: sealed. Read with the temporal CLI it shows none of a
 * case's personal free text; through the codec endpoint, as an administrator, it does. The codec
 * endpoint answers administrators only, and only the Temporal UI's origin across origins.
 */
jest.setTimeout(240_000);

const run = promisify(execFile);
const NOTE = 'Zebedee self-harm history, staying with aunt Mirabel Quillfeather';
const UI_ORIGIN = 'http://localhost:8233';

let s: Stack;
const tokens: Record<string, string> = {};
let caseId = '';
let prisonNumber = '';

/** `temporal workflow show --output json` for the case's workflow, with any extra options. */
async function show(...extra: string[]): Promise<string> {
  const cli = process.env.TTG_TEMPORAL_CLI ?? '';
  const { stdout } = await run(cli, ['workflow', 'show', '--workflow-id', `pathway-${caseId}`, '--address', s.temporalAddress, '--namespace', 'default', '--output', 'json', ...extra], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The text itself and every base64 value in it, decoded: what anyone reading the output could see. */
const readable = (out: string) => [out, ...[...out.matchAll(/"([A-Za-z0-9+/]{16,}={0,2})"/g)].map((m) => Buffer.from(m[1] ?? '', 'base64').toString('latin1'))].join('\n');

beforeAll(async () => {
  s = await Stack.start();
  for (const u of ['prison.staff', 'manager', 'com.officer', 'admin']) tokens[u] = await s.token(u);
  const created = await s.request('POST', '/api/v1/cases', { token: tokens['prison.staff'], body: newCaseBody('E', { givenName: 'Zebedee', familyName: 'Quillfeather' }) });
  expect(created.status).toBe(201);
  caseId = created.body.id;
  prisonNumber = created.body.prisonNumber;
  const screening = (created.body.tasks as { id: string; type: string }[]).find((t) => t.type === 'CUSTODY_SCREENING')?.id ?? '';
  expect((await s.request('POST', `/api/v1/tasks/${screening}/claim`, { token: tokens['prison.staff'] })).status).toBe(200);
  const done = await s.request('POST', `/api/v1/tasks/${screening}/complete`, { token: tokens['prison.staff'], body: { outcome: { immediateNeeds: [NOTE], riskFlags: ['self-harm history'], needs: ALL_NEEDS } } });
  expect(done.status).toBe(200);
});
afterAll(async () => s?.stop());

describe('the history of a case with personal free text', () => {
  it('read with the temporal CLI without the codec, shows no name, prison number or note', async () => {
    const out = readable(await show());
    expect(out).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    expect(out).toContain('binary/encrypted');
    for (const secret of ['Zebedee', 'Quillfeather', 'Mirabel', prisonNumber, 'self-harm']) expect(out).not.toContain(secret);
  });

  it('read through the codec endpoint as an administrator, shows them', async () => {
    const out = readable(await show('--codec-endpoint', `${s.baseUrl}/codec`, '--codec-auth', `Bearer ${tokens.admin}`));
    expect(out).toContain(NOTE);
    expect(out).toContain(prisonNumber);
    expect(out).not.toContain('binary/encrypted');
  });

  it('read through the codec endpoint as anyone else, fails', async () => {
    await expect(show('--codec-endpoint', `${s.baseUrl}/codec`, '--codec-auth', `Bearer ${tokens.manager}`)).rejects.toThrow(/403|Forbidden|codec/i);
  });
});

describe('the codec endpoint', () => {
  const plain = () => ({ payloads: [payloadToJson(defaultPayloadConverter.toPayload({ note: NOTE }))] });

  it('answers a signed-in administrator (bearer token or page cookie), sealing and opening payloads', async () => {
    const sealed = await s.request('POST', '/codec/encode', { token: tokens.admin, body: plain(), headers: { 'x-namespace': 'default' } });
    expect(sealed.status).toBe(200);
    expect(sealed.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(sealed.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(readable(sealed.text)).not.toContain('Mirabel');
    const opened = await s.request('POST', '/codec/decode', { body: sealed.body, headers: { cookie: `ttg_token=${tokens.admin}`, origin: UI_ORIGIN } });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(opened.headers.get('access-control-allow-credentials')).toBe('true');
    expect(opened.body).toEqual(plain());
  });

  it('refuses everyone else: 401 without credentials, 403 for other roles', async () => {
    expect((await s.request('POST', '/codec/decode', { body: plain() })).status).toBe(401);
    expect((await s.request('POST', '/codec/decode', { body: plain(), headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    for (const u of ['prison.staff', 'com.officer', 'manager']) {
      const res = await s.request('POST', '/codec/decode', { token: tokens[u], body: plain() });
      expect({ u, status: res.status, code: res.body.code }).toEqual({ u, status: 403, code: 'FORBIDDEN' });
    }
    const cookie = await s.request('POST', '/codec/decode', { body: plain(), headers: { cookie: `ttg_token=${tokens.manager}` } });
    expect(cookie.status).toBe(403);
  });

  it('lets only the Temporal UI call it across origins, with JSON bodies only; a bad payload is a 400', async () => {
    const preflight = await fetch(`${s.baseUrl}/codec/decode`, { method: 'OPTIONS', headers: { origin: UI_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/i);
    const evil = await fetch(`${s.baseUrl}/codec/decode`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const form = await s.request('POST', '/codec/decode', { token: tokens.admin, body: 'payloads=x', headers: { 'content-type': 'text/plain' } });
    expect(form.status).toBe(415);
    const tampered = { payloads: [{ metadata: { encoding: Buffer.from('binary/encrypted').toString('base64'), 'encryption-key-id': Buffer.from('e2e').toString('base64') }, data: Buffer.from('x'.repeat(40)).toString('base64') }] };
    const bad = await s.request('POST', '/codec/decode', { token: tokens.admin, body: tampered });
    expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await s.request('POST', '/codec/decode', { token: tokens.admin, body: { payloads: 'x' } })).status).toBe(400);
  });
});

describe('the case page', () => {
  const casePage = (user: string) => fetch(`${s.baseUrl}/cases/${caseId}`, { headers: { accept: 'text/html', cookie: `ttg_token=${tokens[user]}` }, redirect: 'manual' }).then(async (r) => ({ status: r.status, text: await r.text() }));

  it('links to the Temporal UI for administrators only', async () => {
    const admin = await casePage('admin');
    expect(admin.status).toBe(200);
    expect(admin.text).toContain(`/namespaces/default/workflows/pathway-${caseId}`);
    for (const u of ['prison.staff', 'manager']) {
      const other = await casePage(u);
      expect({ u, status: other.status }).toEqual({ u, status: 200 });
      expect(other.text).not.toContain('Temporal UI');
      expect(other.text).not.toContain('/namespaces/');
    }
  });
});
