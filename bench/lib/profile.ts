import { Session, type Profiler } from 'node:inspector';

/**
 * A CPU profile of this process's main thread (the API, the activities, the Temporal client and
 * the worker's bridge to its core; the workflow sandbox runs in a worker thread and the core in
 * Rust threads, which /proc counts but this does not), taken with the inspector around chosen
 * blocks and summed by part: where a start's CPU goes, from samples rather than guesses.
 */
export interface ProfileSummary {
  /**
   * Sampled ms of the main thread, not idle, over the profiled blocks. Samples are wall-clock
   * intervals: on a machine this busy they include time the thread waited for a core, so the
   * shares are the figure, not the absolute sum.
   */
  sampledMs: number;
  parts: { part: string; ms: number }[];
  /** The functions with the most self time. */
  top: { fn: string; where: string; ms: number }[];
  /** The Node.js runtime's share by who called into it (the nearest frame outside the runtime, by part). */
  runtimeCallers: { part: string; ms: number }[];
}

/** Which part of the stack a sampled frame belongs to, from its script's path. */
const PARTS: [RegExp, string][] = [
  [/node_modules\/@temporalio\//, 'Temporal SDK (client, worker bridge, payloads)'],
  [/node_modules\/(@grpc|protobufjs|long)\//, 'gRPC and protobuf'],
  [/node_modules\/(@nestjs|express|router|body-parser|rxjs|reflect-metadata|path-to-regexp|helmet|cookie-parser|raw-body|iconv-lite|finalhandler|on-finished|send|qs|type-is|mime|negotiator|content-type|accepts|debug)\//, 'HTTP: Nest, Express, rxjs'],
  [/node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+|typeorm|buffer-writer|packet-reader)\//, 'PostgreSQL client (pg, TypeORM)'],
  [/node_modules\/zod\//, 'validation (zod)'],
  [/node_modules\/jose\//, 'JWT (jose)'],
  [/node_modules\/luxon\//, 'date library (luxon)'],
  [/node_modules\/date-holidays/, 'bank-holiday calendar'],
  [/node_modules\/(pino|nestjs-pino|pino-http|sonic-boom|fast-redact|thread-stream)/, 'logging'],
  [/node_modules\//, 'other packages'],
  [/dist\/apps\/api\//, 'API code'],
  [/dist\/apps\/worker\//, 'worker code'],
  [/dist\/libs\/policy\//, 'policy (dates and deadlines)'],
  [/dist\/libs\/persistence\//, 'projection and read model code'],
  [/dist\/libs\//, 'shared libraries'],
  [/dist\/activities\//, 'activities'],
  [/dist\/bench\/|dist\/scripts\//, 'benchmark load generator'],
  [/^node:/, 'Node.js runtime (net, streams, timers, crypto)'],
];
const RUNTIME = 'Node.js runtime (net, streams, timers, crypto)';

/** A frame's part; native code (no script) counts for the nearest caller that has one (JSON.parse under pg is pg's). */
function partOf(node: Profiler.ProfileNode, parents: Map<number, Profiler.ProfileNode>): string {
  if (node.callFrame.functionName === '(garbage collector)') return 'garbage collection';
  let frame: Profiler.ProfileNode | undefined = node;
  while (frame && !frame.callFrame.url) frame = parents.get(frame.id);
  const url = frame?.callFrame.url;
  if (!url) return 'native code with no script caller (the SDK core bridge, I/O callbacks)';
  return PARTS.find(([re]) => re.test(url))?.[1] ?? 'other';
}

export class MainThreadProfiler {
  private session?: Session;
  private readonly parts = new Map<string, number>();
  private readonly functions = new Map<string, number>();
  private readonly runtimeCallers = new Map<string, number>();
  private sampled = 0;

  private post<T>(method: string, params?: object): Promise<T> {
    return new Promise((resolve, reject) => this.session!.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
  }

  /** Profiles `fn` and adds its samples to the sums. */
  async around<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.session) {
      this.session = new Session();
      this.session.connect();
      await this.post('Profiler.enable');
      await this.post('Profiler.setSamplingInterval', { interval: 1000 });
    }
    await this.post('Profiler.start');
    try {
      return await fn();
    } finally {
      const { profile } = await this.post<{ profile: Profiler.Profile }>('Profiler.stop');
      this.add(profile);
    }
  }

  private add(profile: Profiler.Profile): void {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parents = new Map<number, Profiler.ProfileNode>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n);
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i += 1) {
      const node = nodes.get(samples[i]);
      const ms = (deltas[i] ?? 0) / 1000;
      if (!node || node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue;
      this.sampled += ms;
      const part = partOf(node, parents);
      this.parts.set(part, (this.parts.get(part) ?? 0) + ms);
      if (part === RUNTIME) {
        let caller: Profiler.ProfileNode | undefined = node;
        while (caller && (!caller.callFrame.url || caller.callFrame.url.startsWith('node:'))) caller = parents.get(caller.id);
        const by = caller ? partOf(caller, parents) : 'the event loop (I/O callbacks, timers)';
        this.runtimeCallers.set(by, (this.runtimeCallers.get(by) ?? 0) + ms);
      }
      const where = node.callFrame.url.replace(/^.*\/(node_modules|dist)\//, '').replace(/^file:\/\//, '');
      const key = `${node.callFrame.functionName || '(anonymous)'}\u0000${where}:${node.callFrame.lineNumber + 1}`;
      this.functions.set(key, (this.functions.get(key) ?? 0) + ms);
    }
  }

  /** Sums per operation (`ops` operations profiled). */
  summary(ops: number): ProfileSummary {
    const n = Math.max(1, ops);
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
    return {
      sampledMs: this.sampled / n,
      parts: sorted(this.parts).map(([part, ms]) => ({ part, ms: ms / n })),
      runtimeCallers: sorted(this.runtimeCallers).map(([part, ms]) => ({ part, ms: ms / n })),
      top: sorted(this.functions).slice(0, 12).map(([key, ms]) => {
        const [fn, where] = key.split('\u0000');
        return { fn, where, ms: ms / n };
      }),
    };
  }

  async stop(): Promise<void> {
    if (!this.session) return;
    await this.post('Profiler.disable').catch(() => undefined);
    this.session.disconnect();
    this.session = undefined;
  }
}
