import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * CPU time spent by each part of the system under test (Linux /proc; zeros elsewhere), to show
 * where the time of a measurement goes on a machine whose two cores everything shares.
 */
export interface CpuSample {
  /** This process: the API, the worker, the load generator and the bare client (ms). */
  bench: number;
  /** The Temporal server (ms). */
  temporal: number;
  /** PostgreSQL: the postmaster, its exited children and its live backends (ms). */
  postgres: number;
  /** All CPUs of the machine, busy and total (ms), including work that is not ours. */
  machineBusy: number;
  machineTotal: number;
}

export interface CpuSources {
  temporalPid?: number;
  postgresDataDir?: string;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime (+ cutime + cstime with `children`) of a process, in ms. */
export function processMs(pid: number, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
    const f = (n: number) => Number(fields[n - 3]);
    return (f(14) + f(15) + (children ? f(16) + f(17) : 0)) * TICK_MS;
  } catch {
    return 0;
  }
}

function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === ppid) out.push(Number(e));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export function postgresMs(dataDir: string | undefined): number {
  if (!dataDir) return 0;
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return 0;
  }
  if (!Number.isInteger(postmaster) || postmaster <= 0) return 0;
  return processMs(postmaster, true) + childrenOf(postmaster).reduce((a, pid) => a + processMs(pid), 0);
}

function machineMs(): { busy: number; total: number } {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = cpu[3] + cpu[4];
    return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export function sampleCpu(sources: CpuSources): CpuSample {
  const self = process.cpuUsage();
  const m = machineMs();
  return {
    bench: (self.user + self.system) / 1000,
    temporal: sources.temporalPid ? processMs(sources.temporalPid, true) : 0,
    postgres: postgresMs(sources.postgresDataDir),
    machineBusy: m.busy,
    machineTotal: m.total,
  };
}

/** Accumulates CPU deltas over several blocks of one kind of work. */
export class CpuMeter {
  private acc: CpuSample = { bench: 0, temporal: 0, postgres: 0, machineBusy: 0, machineTotal: 0 };

  constructor(private readonly sources: CpuSources) {}

  async around<T>(fn: () => Promise<T>): Promise<T> {
    const a = sampleCpu(this.sources);
    try {
      return await fn();
    } finally {
      const b = sampleCpu(this.sources);
      for (const k of Object.keys(this.acc) as (keyof CpuSample)[]) this.acc[k] += b[k] - a[k];
    }
  }

  /** CPU ms per operation, and how busy the whole machine was meanwhile (0..1). */
  per(ops: number): { bench: number; temporal: number; postgres: number; machineBusy: number } {
    const n = Math.max(1, ops);
    return { bench: this.acc.bench / n, temporal: this.acc.temporal / n, postgres: this.acc.postgres / n, machineBusy: this.acc.machineTotal ? this.acc.machineBusy / this.acc.machineTotal : 0 };
  }
}
