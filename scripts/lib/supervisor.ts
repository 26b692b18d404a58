import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { consoleLine } from './log-lines';
import { commandLine, eachLine, isAlive, stopPid } from './process';

/**
 * What `npm start` and `npm run start:cluster` share to supervise their processes: start steps a
 * signal waits for, an ordered stop (reverse start order) on SIGINT/SIGTERM/SIGHUP with a 60 s
 * watchdog, Node children in their own process groups with prefixed output, and a state file of
 * child pids so that a run killed outright (SIGKILL) has its leftovers stopped by the next start.
 */
export interface SupervisorState {
  supervisor: number;
  children: Record<string, { pid: number; script: string }>;
}

/** Stops what a killed run (its state file) left running; refuses when that run is still alive. */
export async function clearLeftovers(file: string, supervisorScript: string, warn: (line: string) => void): Promise<void> {
  if (!existsSync(file)) return;
  let state: SupervisorState;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as SupervisorState;
  } catch {
    rmSync(file, { force: true });
    return;
  }
  if (state.supervisor !== process.pid && isAlive(state.supervisor) && commandLine(state.supervisor).includes(supervisorScript)) {
    throw new Error(`ttg is already running from this folder (pid ${state.supervisor}): stop it first, or set TTG_DATA_DIR to run another copy`);
  }
  for (const [name, child] of Object.entries(state.children)) {
    if (!isAlive(child.pid) || !commandLine(child.pid).includes(child.script)) continue;
    warn(`stopping the ${name} left running by an earlier run (pid ${child.pid})`);
    await stopPid(child.pid);
  }
  rmSync(file, { force: true });
}

/** Copies a stream to `out` line by line, each line prefixed with `[name] ` and a log line in short (consoleLine). */
export function prefixLines(name: string, stream: NodeJS.ReadableStream | null, out: NodeJS.WritableStream): void {
  eachLine(stream, (line) => out.write(`[${name}] ${consoleLine(line)}\n`));
}

/** Starts `node <file>` in its own process group with its output prefixed by its name. */
export function spawnNode(name: string, file: string, env: NodeJS.ProcessEnv, cwd: string): ChildProcess {
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
  const child = spawn(process.execPath, [file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  prefixLines(name, child.stdout, process.stdout);
  prefixLines(name, child.stderr, process.stderr);
  return child;
}

export const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export interface RestartPolicy {
  /** More deaths of one process than this within `windowMs` and the supervisor gives up. */
  limit: number;
  windowMs: number;
  /** The wait before the first restart, doubled for each further death within the window. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** `npm start`'s policy: 5 restarts of one process within 10 minutes, after 1, 2, 4, 8 and 16 s. */
export const DEFAULT_RESTARTS: RestartPolicy = { limit: 5, windowMs: 10 * 60_000, firstDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * Starts again a process that died on its own (a worker, an API, Temporal, PostgreSQL): after a
 * back-off that doubles with each death within the window, with a log line each time; when one
 * process dies more than the limit allows, or cannot be started again, everything is stopped
 * (exit 1). A restart that fails counts as another death.
 */
export class Restarts {
  private readonly deaths = new Map<string, number[]>();

  constructor(
    private readonly sup: Supervisor,
    private readonly policy: RestartPolicy = DEFAULT_RESTARTS,
  ) {}

  died(name: string, how: string, restart: () => void | Promise<void>): void {
    if (this.sup.stopping) return;
    const now = Date.now();
    const recent = [...(this.deaths.get(name) ?? []), now].filter((t) => now - t < this.policy.windowMs);
    this.deaths.set(name, recent);
    const window = `${Math.round(this.policy.windowMs / 60_000)} min`;
    if (recent.length > this.policy.limit) {
      void this.sup.shutdown(1, `the ${name} stopped unexpectedly (${how}) ${recent.length} times in ${window}: giving up`);
      return;
    }
    const delay = Math.min(this.policy.firstDelayMs * 2 ** (recent.length - 1), this.policy.maxDelayMs);
    this.sup.warn(`the ${name} stopped unexpectedly (${how}); starting it again in ${(delay / 1000).toFixed(0)} s (restart ${recent.length} of at most ${this.policy.limit} in ${window})`);
    setTimeout(() => {
      if (this.sup.stopping) return;
      Promise.resolve()
        .then(restart)
        .then(() => this.sup.stopping || this.sup.say(`the ${name} started again`))
        .catch((err: unknown) => this.died(name, `starting it failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, restart));
    }, delay);
  }
}

export class Supervisor {
  private readonly running: { name: string; stop: () => Promise<void> }[] = []; // in start order
  private inFlight: Promise<unknown> | undefined;
  private readonly state: SupervisorState = { supervisor: process.pid, children: {} };
  stopping = false;

  constructor(private readonly stateFile: string) {}

  say(line: string): void {
    process.stdout.write(`ttg: ${line}\n`);
  }

  warn(line: string): void {
    process.stderr.write(`ttg: ${line}\n`);
  }

  /** Stops on SIGINT/SIGTERM/SIGHUP (exit 0). */
  handleSignals(): void {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void this.shutdown(0, `${sig} received`));
  }

  /** Clears what a killed run left behind (see clearLeftovers), then records this run. */
  async begin(supervisorScript: string): Promise<void> {
    await clearLeftovers(this.stateFile, supervisorScript, (line) => this.warn(line));
    this.writeState();
  }

  /** Runs one start step so that a signal arriving meanwhile waits for it, then undoes it. */
  async step<T>(work: Promise<T>): Promise<T> {
    this.inFlight = work.catch(() => undefined);
    try {
      return await work;
    } finally {
      this.inFlight = undefined;
    }
  }

  /** Something to stop on shutdown (after everything added later). */
  add(name: string, stop: () => Promise<void>): void {
    this.running.push({ name, stop });
  }

  /** Records a child's pid so that the next start can stop it if this run is killed outright. */
  track(name: string, pid: number | undefined, script: string): void {
    if (pid) this.state.children[name] = { pid, script };
    else delete this.state.children[name];
    this.writeState();
  }

  async shutdown(code: number, why: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.say(`${why}; stopping…`);
    const watchdog = setTimeout(() => {
      this.warn('stopping took longer than 60 s; exiting anyway');
      process.exit(code || 1);
    }, 60_000);
    watchdog.unref();
    await this.inFlight;
    for (const item of [...this.running].reverse()) {
      const since = Date.now();
      try {
        await item.stop();
        this.say(`stopped ${item.name} (${seconds(since)})`);
      } catch (err) {
        this.warn(`stopping ${item.name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    rmSync(this.stateFile, { force: true });
    this.say('stopped');
    process.exit(code);
  }

  private writeState(): void {
    writeFileSync(this.stateFile, `${JSON.stringify(this.state, null, 2)}\n`);
  }
}
