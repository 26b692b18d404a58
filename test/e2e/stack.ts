import type { INestApplication } from '@nestjs/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/create-app';
import { createPathwayWorker, installRuntime } from '../../apps/worker/src/pathway-worker';
import { ephemeralPayloadKeys } from '@ttg/codec/data-converter';
import { loadConfig } from '@ttg/config/config';
import { createLogger } from '@ttg/config/logging';
import { createDataSource } from '@ttg/persistence/data-source';
import { PolicyCatalogue } from '@ttg/persistence/policy-catalogue';
import { seedDemoUsers } from '@ttg/persistence/seed';
import { freePort } from '../../scripts/lib/ports';
import { SEARCH_ATTRIBUTES } from '../../scripts/lib/search-attributes';
import { startTemporalDevServer } from '../../scripts/lib/temporal-dev-server';

export const PASSWORD = 'e2e-password';

export interface ApiResponse {
  status: number;
  // An HTTP answer's JSON is untyped by nature; tests assert on its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
  text: string;
}

/**
 * The product as `npm start` runs it, in one test process: a real Temporal dev server (the
 * temporal CLI), the test run's PostgreSQL, the worker and the API on a free loopback port.
 */
export class Stack {
  baseUrl = '';
  temporalAddress = '';
  ds!: DataSource;
  private app?: INestApplication;
  private worker?: Worker;
  private running?: Promise<void>;
  private connection?: NativeConnection;
  private temporal?: { address: string; stop(): Promise<void> };
  private jwksServer?: Server;
  private dir?: string;
  /** A stand-in OpenID Connect issuer on loopback: its JWKS is served, its key signs tokens. */
  oidc!: { issuer: string; sign(claims: Record<string, unknown>, opts?: { issuer?: string; audience?: string }): Promise<string> };

  /** This stack's payload key: the API and the worker seal workflow payloads with it. */
  readonly keys = ephemeralPayloadKeys('e2e');

  /**
   * Every log line the API, the worker (the Temporal SDK's, the workflows' and the activities'
   * lines) and their database connections wrote, when started with `captureLogs` (the first
   * stack of a test file: the worker's runtime is installed once per process).
   */
  logs: string[] = [];

  static async start(opts: { captureLogs?: boolean } = {}): Promise<Stack> {
    const s = new Stack();
    const logStream = opts.captureLogs ? { write: (line: string) => void s.logs.push(line) } : undefined;
    const databaseUrl = process.env.TTG_TEST_DATABASE_URL;
    const cli = process.env.TTG_TEMPORAL_CLI;
    if (!databaseUrl || !cli) throw new Error('run through jest: the global setup provides TTG_TEST_DATABASE_URL and TTG_TEMPORAL_CLI');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ttg-e2e-'));
    s.dir = dir;
    const temporal = await startTemporalDevServer({
      binary: cli,
      dbFile: path.join(dir, 'temporal.db'),
      port: await freePort(),
      uiPort: await freePort(),
      searchAttributes: SEARCH_ATTRIBUTES,
    });
    s.temporal = temporal;
    if (logStream) installRuntime(0, 'debug', '127.0.0.1', logStream);
    s.temporalAddress = temporal.address;
    await seedDemoUsers(databaseUrl, PASSWORD);
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'e2e', alg: 'RS256', use: 'sig' };
    const jwksPort = await freePort();
    s.jwksServer = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(req.url === '/jwks' ? { keys: [jwk] } : {}));
    }).listen(jwksPort, '127.0.0.1');
    const issuer = `http://127.0.0.1:${jwksPort}`;
    const key: KeyLike = privateKey;
    s.oidc = {
      issuer,
      sign: (claims, opts = {}) =>
        new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'e2e' }).setIssuer(opts.issuer ?? issuer).setAudience(opts.audience ?? 'ttg').setIssuedAt().setExpirationTime('5m').sign(key),
    };
    const port = await freePort();
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: 'ttg-e2e',
      JWT_SECRET: 'e2e-secret-at-least-16-chars',
      TTG_WORKER_METRICS_PORT: '0',
      LOG_LEVEL: opts.captureLogs ? 'debug' : 'warn',
      // The tests stand for a proxy on loopback: X-Forwarded-For gives each request its client address.
      TTG_TRUST_PROXY: 'loopback',
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: 'ttg',
      OIDC_JWKS_URL: `${issuer}/jwks`,
      TTG_PAYLOAD_KEYS: s.keys.spec,
    });
    s.ds = createDataSource(databaseUrl, { poolSize: 4, applicationName: 'ttg-e2e', ...(logStream ? { log: createLogger('debug', logStream) } : {}) });
    await s.ds.initialize();
    s.connection = await NativeConnection.connect({ address: temporal.address });
    s.worker = await createPathwayWorker({
      connection: s.connection,
      namespace: 'default',
      taskQueue: 'ttg-e2e',
      dataSource: s.ds,
      policies: await PolicyCatalogue.load(s.ds),
      dataConverter: s.keys.dataConverter,
    });
    s.running = s.worker.run();
    s.app = await createApp(config, logStream ? { logStream } : { logger: false });
    await s.app.listen(port, '127.0.0.1');
    s.baseUrl = `http://127.0.0.1:${port}`;
    return s;
  }

  /** The Nest application (its route metadata, for the authorisation table). */
  get nestApp(): INestApplication {
    if (!this.app) throw new Error('the stack is not started');
    return this.app;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    this.worker?.shutdown();
    await this.running;
    await this.connection?.close();
    await this.ds?.destroy();
    await this.temporal?.stop();
    this.jwksServer?.close();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Stops the worker and the Temporal server (the API stays up), as an outage would. */
  async stopTemporal(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    this.worker = undefined;
    await this.temporal?.stop();
    this.temporal = undefined;
  }

  async token(username: string, password = PASSWORD): Promise<string> {
    const res = await this.request('POST', '/api/v1/auth/token', { body: { username, password } });
    if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { accessToken: string }).accessToken;
  }

  /** Signs in on the sign-in page as a browser does (its session cookie and form token first): the answer's status and the cookies it leaves. */
  async pageSignIn(username: string, password = PASSWORD): Promise<{ status: number; cookies: Record<string, string> }> {
    const cookies: Record<string, string> = {};
    const keep = (res: ApiResponse) => {
      for (const c of res.headers.getSetCookie()) {
        const [k, ...v] = (c.split(';')[0] ?? '').split('=');
        if (k) cookies[k] = v.join('=');
      }
    };
    const form = await this.request('GET', '/sign-in', { headers: { accept: 'text/html' } });
    keep(form);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const body = new URLSearchParams({ username, password, _csrf: csrf }).toString();
    const res = await this.request('POST', '/sign-in', { body, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: cookieHeader(cookies) }, redirect: 'manual' });
    keep(res);
    return { status: res.status, cookies };
  }

  async request(method: string, url: string, opts: { token?: string; body?: unknown; headers?: Record<string, string>; redirect?: 'follow' | 'manual' } = {}): Promise<ApiResponse> {
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: opts.body !== undefined ? (typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)) : undefined,
      redirect: opts.redirect ?? 'follow',
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (CSV, metrics text)
    }
    return { status: res.status, body, headers: res.headers, text };
  }
}

/** A Cookie header from name → value. */
export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}
