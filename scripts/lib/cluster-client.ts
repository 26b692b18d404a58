/**
 * An HTTP client over the API instances of a cluster, as a load balancer would use them: calls go
 * round-robin, and a call that an instance cannot answer (connection refused or reset, a 5xx, no
 * answer in time) is sent again to the next instance with the same Idempotency-Key, so a command
 * is done at most once whichever instance ends up answering. Used by the cluster tests and the
 * cluster benchmark.
 */
export interface ClusterAnswer<T> {
  status: number;
  body: T;
  /** Round trip of the attempt that answered (ms). */
  ms: number;
  /** How many attempts it took (1 when the first instance answered). */
  attempts: number;
  /** The instance that answered. */
  url: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Send the first attempt to this instance (index into the list). */
  via?: number;
}

/** One JSON call over HTTP; `ms` is the round trip (request sent to body read), `body` null when not JSON. */
export async function requestJson<T>(baseUrl: string, method: string, path: string, opts: CallOptions & { timeoutMs?: number } = {}): Promise<{ status: number; body: T; text: string; ms: number }> {
  const started = process.hrtime.bigint();
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}),
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    signal: opts.timeoutMs ? AbortSignal.timeout(opts.timeoutMs) : undefined,
  });
  const text = await res.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (an error page from something in between)
  }
  return { status: res.status, body: body as T, text, ms };
}

export class ClusterClient {
  private next = 0;

  /**
   * @param urls the API instances (http://127.0.0.1:<port>)
   * @param giveUpMs how long a call keeps retrying while no instance can answer (a restart)
   */
  constructor(
    readonly urls: string[],
    private readonly giveUpMs = 60_000,
    private readonly attemptTimeoutMs = 20_000,
  ) {}

  async call<T>(method: string, path: string, opts: CallOptions = {}): Promise<ClusterAnswer<T>> {
    const deadline = Date.now() + this.giveUpMs;
    let i = opts.via ?? this.next++;
    let lastProblem = '';
    for (let attempt = 1; ; attempt++, i++) {
      const url = this.urls[i % this.urls.length];
      try {
        const res = await requestJson<T>(url, method, path, { ...opts, timeoutMs: this.attemptTimeoutMs });
        if (res.status < 500) return { status: res.status, body: res.body, ms: res.ms, attempts: attempt, url };
        lastProblem = `${res.status} ${res.text.slice(0, 200)}`;
      } catch (err) {
        lastProblem = err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err);
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no instance answered within ${this.giveUpMs / 1000} s (last: ${lastProblem})`);
      // Every instance had its turn: wait a little before the next round.
      if (attempt % this.urls.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
  }

  async token(username: string, password: string): Promise<string> {
    const res = await this.call<{ accessToken: string }>('POST', '/api/v1/auth/token', { body: { username, password } });
    if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }
}
