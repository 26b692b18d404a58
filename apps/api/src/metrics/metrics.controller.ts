import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { Settings } from '../common/settings';
import { MetricsService } from './metrics.service';

@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly settings: Settings,
  ) {}

  /** The API's metrics, followed by the local worker's (Temporal SDK) metrics when it answers. */
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    const own = await this.metrics.registry.metrics();
    const url = this.settings.config.workerMetricsUrl;
    if (!url) return own;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      return res.ok ? `${own}\n${await res.text()}` : own;
    } catch {
      return own;
    }
  }
}
