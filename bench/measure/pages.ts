import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/api/src/create-app';
import { Clock } from '../../apps/api/src/common/clock';
import { seedDemoUsers } from '@ttg/persistence/seed';
import { freePort } from '../../scripts/lib/ports';
import { LatencyHistogram, msSince, type Latency } from '../lib/histogram';
import { BENCH_PASSWORD, type Infra } from '../lib/infra';
import { benchApiConfig } from '../lib/stack';
import { DATASET_TODAY } from './dataset';

/** A page is fast when the server answers it, HTML and all, within this (p95, loopback). */
export const PAGE_TARGET_MS = 250;
export const PAGE_GROWTH_TARGET = 1.5;

export const PAGE_WARMUP = 3;
const MIN_CALLS = 10;
const MAX_CALLS = 100;
const TIME_BOUND_MS = 4_000;

export interface PageRow {
  page: string;
  who: string;
  path: string;
  small: Latency;
  large: Latency;
  /** Size of the HTML at 100k cases. */
  bytesLarge: number;
  growth: number;
  met: boolean;
}

export interface PagesResult {
  rows: PageRow[];
}

interface PageSpec {
  page: string;
  who: string;
  username: string;
  /** The path; `{case}` is a case in the user's scope with the latest release date. */
  path: string;
}

const PAGES: PageSpec[] = [
  { page: 'my tasks', who: 'prison officer (LEI)', username: 'prison.staff', path: '/tasks' },
  { page: 'team queue', who: 'prison officer (LEI)', username: 'prison.staff', path: '/tasks?tab=queue' },
  { page: 'team queue', who: 'COM (YH-LEEDS-N)', username: 'com.officer', path: '/tasks?tab=queue' },
  { page: 'all tasks, overdue only', who: 'manager (region YH)', username: 'manager', path: '/tasks?tab=all&overdue=true' },
  { page: 'case list', who: 'prison officer (LEI)', username: 'prison.staff', path: '/cases' },
  { page: 'case list', who: 'manager (region YH)', username: 'manager', path: '/cases' },
  { page: 'case page', who: 'prison officer (LEI)', username: 'prison.staff', path: '/cases/{case}' },
  { page: 'case history', who: 'prison officer (LEI)', username: 'prison.staff', path: '/cases/{case}/history' },
  { page: 'notifications', who: 'prison officer (LEI)', username: 'prison.staff', path: '/notifications' },
  { page: 'notifications', who: 'COM (YH-LEEDS-N)', username: 'com.officer', path: '/notifications' },
  { page: 'handover inbox', who: 'COM (YH-LEEDS-N)', username: 'com.officer', path: '/handovers' },
  { page: 'dashboard', who: 'manager (region YH)', username: 'manager', path: '/dashboard' },
  { page: 'resettlement outcomes', who: 'manager (region YH)', username: 'manager', path: '/dashboard/outcomes' },
];

/** The API and web app on one dataset, its clock on the dataset's "today". */
class PageServer {
  private constructor(
    readonly baseUrl: string,
    private readonly app: INestApplication,
    private readonly tokens: Map<string, string>,
    readonly caseId: string,
  ) {}

  static async start(infra: Infra, databaseUrl: string): Promise<PageServer> {
    await seedDemoUsers(databaseUrl, BENCH_PASSWORD);
    const port = await freePort();
    const app = await createApp(benchApiConfig(infra, { port, databaseUrl, taskQueue: 'ttg-bench-pages' }), { logger: false });
    // The dataset's dates are relative to DATASET_TODAY: the pages must see that day as today.
    const clock = app.get(Clock);
    clock.now = () => new Date(`${DATASET_TODAY}T12:00:00Z`);
    await app.listen(port, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${port}`;
    const tokens = new Map<string, string>();
    for (const username of new Set(PAGES.map((p) => p.username))) {
      const res = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
      if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status}`);
      tokens.set(username, ((await res.json()) as { accessToken: string }).accessToken);
    }
    const cases = await fetch(`${baseUrl}/api/v1/cases?sort=releaseDate&order=desc&pageSize=1`, { headers: { authorization: `Bearer ${tokens.get('prison.staff')}` } });
    const caseId = ((await cases.json()) as { items: { id: string }[] }).items[0]?.id;
    if (!caseId) throw new Error('no case in HMP Leeds in the dataset');
    return new PageServer(baseUrl, app, tokens, caseId);
  }

  /** One page, as a signed-in browser asks for it; returns the size of the HTML. */
  async get(spec: PageSpec): Promise<number> {
    const res = await fetch(`${this.baseUrl}${spec.path.replace('{case}', this.caseId)}`, { headers: { accept: 'text/html', cookie: `ttg_token=${this.tokens.get(spec.username)}` }, redirect: 'manual' });
    const html = await res.text();
    if (res.status !== 200) throw new Error(`${spec.path} as ${spec.username}: ${res.status}`);
    return html.length;
  }

  stop(): Promise<void> {
    return this.app.close();
  }
}

/**
 * Measurement 3b: the pages people use most, rendered by the real app (NestJS, Nunjucks, the
 * read model) over HTTP at 10k and 100k cases, alternating call by call between the sizes.
 */
/** The two datasets' names in the log, and the p95 a page must reach on the larger (the national dataset's is the list target). */
export interface PageScale {
  small: string;
  large: string;
  targetMs: number;
}

export const PAGE_SCALE_100K: PageScale = { small: '10k', large: '100k', targetMs: PAGE_TARGET_MS };

export async function measurePages(infra: Infra, urls: { small: string; large: string }, log: (line: string) => void, scale: PageScale = PAGE_SCALE_100K): Promise<PagesResult> {
  const small = await PageServer.start(infra, urls.small);
  let large: PageServer | undefined;
  try {
    large = await PageServer.start(infra, urls.large);
    const rows: PageRow[] = [];
    for (const spec of PAGES) {
      let bytesLarge = 0;
      for (let i = 0; i < PAGE_WARMUP; i += 1) {
        await small.get(spec);
        bytesLarge = await large.get(spec);
      }
      const a = new LatencyHistogram();
      const b = new LatencyHistogram();
      const started = process.hrtime.bigint();
      for (let i = 0; i < MAX_CALLS && (i < MIN_CALLS || msSince(started) < TIME_BOUND_MS); i += 1) {
        await a.time(() => small.get(spec));
        await b.time(() => large!.get(spec));
      }
      const s = a.summary();
      const l = b.summary();
      const growth = l.p95 / s.p95;
      const met = l.p95 <= scale.targetMs && (growth <= PAGE_GROWTH_TARGET || l.p95 <= scale.targetMs / 5);
      rows.push({ page: spec.page, who: spec.who, path: spec.path, small: s, large: l, bytesLarge, growth, met });
      log(`    ${spec.page} — ${spec.who}: p95 ${s.p95.toFixed(1)} ms at ${scale.small}, ${l.p95.toFixed(1)} ms at ${scale.large} (×${growth.toFixed(2)}), ${(bytesLarge / 1024).toFixed(0)} KiB${met ? '' : '  MISS'}`);
    }
    return { rows };
  } finally {
    await large?.stop();
    await small.stop();
  }
}
