import { Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { TemporalClient } from '../common/temporal';
import { HealthRepository } from './health.repository';

export interface Check {
  status: 'UP' | 'DOWN';
  error?: string;
}

export interface Readiness {
  status: 'UP' | 'DOWN';
  checks: { postgres: Check; temporal: Check; startup: Check };
}

async function timed(check: () => Promise<unknown>, ms = 2000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)))]);
    return { status: 'UP' };
  } catch (err) {
    return { status: 'DOWN', error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the API can serve: PostgreSQL and Temporal answer, and start-up has finished. */
@Injectable()
export class HealthService {
  constructor(
    private readonly db: HealthRepository,
    private readonly temporal: TemporalClient,
  ) {}

  /** Ready only when PostgreSQL and Temporal both answer and start-up has finished (the demo caseload, made by scripts/start.ts, exists). */
  async readiness(): Promise<Readiness> {
    const [postgres, temporal] = await Promise.all([
      timed(() => this.db.ping()),
      timed(() => this.temporal.connection.workflowService.getSystemInfo({})),
    ]);
    const flag = process.env.TTG_STARTING_FLAG;
    const startup: Check = flag && existsSync(flag) ? { status: 'DOWN', error: 'the demo caseload is still being created' } : { status: 'UP' };
    const up = postgres.status === 'UP' && temporal.status === 'UP' && startup.status === 'UP';
    return { status: up ? 'UP' : 'DOWN', checks: { postgres, temporal, startup } };
  }
}
