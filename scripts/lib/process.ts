import { execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Stops a child process: SIGTERM, then SIGKILL if it has not gone after the grace period. */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Polls until `check` resolves true, with backoff; throws naming what it waited for. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 100;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 1000);
  }
}

/** Whether a process of that number exists (one of another user's counts: EPERM). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's command line (from /proc, else from ps), or '' when it cannot be told. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    } catch {
      return '';
    }
  }
}

/**
 * Stops a process that is not this one's child (one left by a killed run): `signal`, then SIGKILL
 * if it is still there after `killAfterMs`. Resolves true once it has gone, false if it is still
 * there after `timeoutMs` (by default it waits as long as it takes).
 */
export async function stopPid(pid: number, opts: { signal?: NodeJS.Signals; killAfterMs?: number; timeoutMs?: number } = {}): Promise<boolean> {
  const { signal = 'SIGTERM', killAfterMs = 10_000, timeoutMs = Infinity } = opts;
  const since = Date.now();
  let killed = false;
  process.kill(pid, signal);
  while (isAlive(pid)) {
    const waited = Date.now() - since;
    if (waited > timeoutMs) return false;
    if (!killed && waited >= killAfterMs) {
      process.kill(pid, 'SIGKILL');
      killed = true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** Calls `onLine` with each non-blank line a stream writes (the last one too, unterminated). */
export function eachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let buffer = '';
  stream?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  });
  stream?.on('end', () => {
    if (buffer.trim()) onLine(buffer);
  });
}
