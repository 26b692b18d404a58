import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { Public } from '../auth/decorators';
import { TemporalClient } from '../common/temporal';
import { HealthRepository } from './health.repository';

async function timed(check: () => Promise<unknown>, ms = 2000): Promise<{ status: 'UP' | 'DOWN'; error?: string }> {
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

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: HealthRepository,
    private readonly temporal: TemporalClient,
  ) {}

  @Get('live')
  live() {
    return { status: 'UP' };
  }

  /** Ready only when PostgreSQL and Temporal both answer and start-up has finished (the demo caseload, made by scripts/start.ts, exists). */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    const [postgres, temporal] = await Promise.all([
      timed(() => this.db.ping()),
      timed(() => this.temporal.connection.workflowService.getSystemInfo({})),
    ]);
    const flag = process.env.TTG_STARTING_FLAG;
    const startup = flag && existsSync(flag) ? { status: 'DOWN' as const, error: 'the demo caseload is still being created' } : { status: 'UP' as const };
    const up = postgres.status === 'UP' && temporal.status === 'UP' && startup.status === 'UP';
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'UP' : 'DOWN', checks: { postgres, temporal, startup } };
  }
}
