import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Allow, CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { ImportService } from './import.service';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @HttpCode(202)
  @Allow('case.import')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', description: 'CSV: a header row of field names (key-dates input and person fields), then one row a person' } })
  @ApiOperation({ summary: 'Import cases from CSV: errors by row and column, valid rows started, progress at GET /imports/{id}' })
  start(@CurrentUser() user: Principal, @Req() req: Request, @Body() body: unknown) {
    if (!req.is('text/csv') || typeof body !== 'string') throw new DomainError('VALIDATION_FAILED', '(body): send the file as text/csv');
    return this.imports.start(user, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An import: progress, counts, and errors by row and column' })
  get(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.imports.get(id, user);
  }
}
