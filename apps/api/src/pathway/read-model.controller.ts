import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/decorators';
import { parseInput } from '../common/validation';
import { ReadModelRepair } from './read-model.repair';

const counterCheckQuery = z.object({ mend: z.enum(['true', 'false']).default('false') }).strict();

/** Administrators' repairs of the read model from the workflows, the source of truth. */
@ApiTags('admin')
@ApiBearerAuth()
@Allow('admin.readModel')
@Controller('api/v1/admin')
export class ReadModelController {
  constructor(private readonly repair: ReadModelRepair) {}

  @Post('cases/:id/reproject')
  @HttpCode(200)
  @ApiOperation({ summary: "Re-project a case from its workflow's state (after a projection the database refused)" })
  reproject(@Param('id') id: string) {
    return this.repair.reproject(id);
  }

  @Post('reconcile')
  @HttpCode(200)
  @ApiOperation({ summary: 'Find rows without workflows and workflows without rows, and repair what can be' })
  reconcile() {
    return this.repair.reconcile();
  }

  @Post('archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive now the cases closed longer ago than TTG_ARCHIVE_AFTER_DAYS: their tasks, history, contacts and notifications move out of the working tables (the case stays searchable)' })
  archive() {
    return this.repair.archive();
  }

  @Post('counters/check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute the dashboard counters from the rows they count and report any drift; mend=true adds the difference' })
  checkCounters(@Query() query: unknown) {
    return this.repair.checkCounters(parseInput(counterCheckQuery, query).mend === 'true');
  }

  @Get('projection-alerts')
  @ApiOperation({ summary: 'Projections the database refused, not yet resolved by a re-projection' })
  alerts() {
    return this.repair.openAlerts().then((items) => ({ items }));
  }
}
