import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiBodyFrom, ApiQueryFrom, openApiSchema } from '../common/openapi';
import { TIMELINE_INPUT_BODY } from '../timeline/timeline.controller';
import { pageQuery } from '../common/page';
import { parseInput } from '../common/validation';
import { CsvExports } from '../exports/csv-exports';
import { presentCase } from './case.presenter';
import {
  breachSchema, caseListSchema, circumstancesSchema, closeSchema, contactBodySchema, earlierReleaseSchema, personSchema, reallocateSchema,
  recallSchema, releaseDatesSchema, reReleaseSchema, terminateLicenceSchema, transferSchema, unlawfullyAtLargeSchema,
} from './case.schemas';
import { CaseService } from './case.service';

const pageSchema = z.object(pageQuery(50)).strict();
/** A new case: the person and the sentence facts (the key-dates input), in one object. */
const personBody = openApiSchema(personSchema);
const NEW_CASE_BODY: SchemaObject = { type: 'object', required: [...(personBody.required ?? []), ...TIMELINE_INPUT_BODY.required], properties: { ...TIMELINE_INPUT_BODY.properties, ...personBody.properties } };

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CaseController {
  constructor(
    private readonly cases: CaseService,
    private readonly exports: CsvExports,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Receive a person into custody: starts their pathway (409 if the prison number has an active case)' })
  @ApiBody({ schema: NEW_CASE_BODY })
  async create(@CurrentUser() user: Principal, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return (await this.cases.create(user, body, null, key)).case;
  }

  @Get()
  @ApiOperation({ summary: 'List and search cases in your scope; filters, sort, paging; format=csv exports' })
  @ApiQueryFrom(caseListSchema)
  async list(@CurrentUser() user: Principal, @Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const f = parseInput(caseListSchema, query);
    if (f.format === 'csv') return this.exports.casesCsv(user, query, res);
    const page = await this.cases.list(user, f);
    return { ...page, items: page.items.map(presentCase) };
  }

  @Get(':id')
  get(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.cases.view(id, user);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The audit history of a case, newest first' })
  @ApiQueryFrom(pageSchema)
  history(@CurrentUser() user: Principal, @Param('id') id: string, @Query() query: unknown) {
    const p = parseInput(pageSchema, query);
    return this.cases.history(id, user, p.page, p.pageSize);
  }

  @Get(':id/contacts')
  contacts(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.cases.contacts(id, user);
  }

  @Put(':id/release-dates')
  @ApiOperation({ summary: 'Change release dates (with a reason): re-bases every open deadline' })
  @ApiBodyFrom(releaseDatesSchema)
  releaseDates(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.changeReleaseDates(id, user, body, key);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @ApiBodyFrom(transferSchema)
  transfer(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.transfer(id, user, body, key);
  }

  @Post(':id/contacts')
  @HttpCode(201)
  @ApiBodyFrom(contactBodySchema)
  recordContact(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.recordContact(id, user, body, key);
  }

  @Post(':id/change-of-circumstances')
  @HttpCode(200)
  @ApiBodyFrom(circumstancesSchema)
  circumstances(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.changeOfCircumstances(id, user, body, key);
  }

  @Post(':id/breach')
  @HttpCode(200)
  @ApiBodyFrom(breachSchema)
  breach(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.recordBreach(id, user, body, key);
  }

  @Post(':id/recall')
  @HttpCode(200)
  @ApiBodyFrom(recallSchema)
  recall(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.recall(id, user, body, key);
  }

  @Post(':id/re-release')
  @HttpCode(200)
  @ApiBodyFrom(reReleaseSchema)
  reRelease(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.reRelease(id, user, body, key);
  }

  @Post(':id/licence-termination')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the termination of a licence with no fixed end (COMs and managers): supervision ends and the case goes to closure' })
  @ApiBodyFrom(terminateLicenceSchema)
  terminateLicence(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.lawCommand('terminateLicence', id, user, body, key);
  }

  @Post(':id/unlawfully-at-large')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record time unlawfully at large (COMs and managers): every known end date moves later by that many days' })
  @ApiBodyFrom(unlawfullyAtLargeSchema)
  unlawfullyAtLarge(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.lawCommand('recordUnlawfullyAtLarge', id, user, body, key);
  }

  @Post(':id/earlier-release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release one eligible working day earlier (COMs and managers, a recorded decision): every deadline re-bases' })
  @ApiBodyFrom(earlierReleaseSchema)
  earlierRelease(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.lawCommand('requestEarlierRelease', id, user, body, key);
  }

  @Post(':id/com')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reallocate the case to another community offender manager (managers)' })
  @ApiBodyFrom(reallocateSchema)
  reallocate(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.reallocateCom(id, user, body, key);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiBodyFrom(closeSchema)
  close(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.close(id, user, body, key);
  }
}
