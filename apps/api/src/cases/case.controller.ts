import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { Response } from 'express';
import { z } from 'zod';
import { Allow, CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ApiBodyFrom, ApiQueryFrom, ApiResponseFrom, openApiSchema } from '../common/openapi';
import { caseResponse, caseSummaryResponse, pageResponse, transferResponse } from '../common/response-schemas';
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
  @ApiResponseFrom(201, caseResponse, 'The case received (or, repeated with the same Idempotency-Key, the same answer)')
  @ApiOperation({ summary: 'Receive a person into custody: starts their pathway (409 if the prison number has an active case)' })
  @ApiBody({ schema: NEW_CASE_BODY })
  async create(@CurrentUser() user: Principal, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return (await this.cases.create(user, body, null, key)).case;
  }

  @Get()
  @ApiResponseFrom(200, pageResponse(caseSummaryResponse), 'A page of cases', { csv: true })
  @ApiOperation({ summary: 'List and search cases in your scope; filters, sort, paging; format=csv exports' })
  @ApiQueryFrom(caseListSchema)
  async list(@CurrentUser() user: Principal, @Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const f = parseInput(caseListSchema, query);
    if (f.format === 'csv') return this.exports.casesCsv(user, query, res);
    const page = await this.cases.list(user, f);
    return { ...page, items: page.items.map(presentCase) };
  }

  @Get(':id')
  @ApiResponseFrom(200, caseResponse)
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
  @ApiResponseFrom(200, caseResponse)
  @Allow('case.changeReleaseDates')
  @ApiOperation({ summary: 'Change release dates (with a reason): re-bases every open deadline' })
  @ApiBodyFrom(releaseDatesSchema)
  releaseDates(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.changeReleaseDates(id, user, body, key);
  }

  @Post(':id/transfer')
  @ApiResponseFrom(200, transferResponse)
  @Allow('case.transfer')
  @HttpCode(200)
  @ApiBodyFrom(transferSchema)
  transfer(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.transfer(id, user, body, key);
  }

  @Post(':id/contacts')
  @ApiResponseFrom(201, caseResponse)
  @Allow('case.recordContact')
  @HttpCode(201)
  @ApiBodyFrom(contactBodySchema)
  recordContact(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.recordContact(id, user, body, key);
  }

  @Post(':id/change-of-circumstances')
  @ApiResponseFrom(200, caseResponse)
  @HttpCode(200)
  @ApiBodyFrom(circumstancesSchema)
  circumstances(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.changeOfCircumstances(id, user, body, key);
  }

  @Post(':id/breach')
  @ApiResponseFrom(200, caseResponse)
  @Allow('case.breach')
  @HttpCode(200)
  @ApiBodyFrom(breachSchema)
  breach(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.recordBreach(id, user, body, key);
  }

  @Post(':id/recall')
  @ApiResponseFrom(200, caseResponse)
  @Allow('case.recall')
  @HttpCode(200)
  @ApiBodyFrom(recallSchema)
  recall(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.recall(id, user, body, key);
  }

  @Post(':id/re-release')
  @ApiResponseFrom(200, caseResponse)
  @Allow('case.reRelease')
  @HttpCode(200)
  @ApiBodyFrom(reReleaseSchema)
  reRelease(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.reRelease(id, user, body, key);
  }

  @Post(':id/licence-termination')
  @ApiResponseFrom(200, caseResponse)
  @Allow('case.terminateLicence')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the termination of a licence with no fixed end (COMs and managers): supervision ends and the case goes to closure' })
  @ApiBodyFrom(terminateLicenceSchema)
  terminateLicence(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.lawCommand('terminateLicence', id, user, body, key);
  }

  @Post(':id/unlawfully-at-large')
  @ApiResponseFrom(200, caseResponse)
  @Allow('case.recordUnlawfullyAtLarge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record time unlawfully at large (COMs and managers): every known end date moves later by that many days' })
  @ApiBodyFrom(unlawfullyAtLargeSchema)
  unlawfullyAtLarge(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.lawCommand('recordUnlawfullyAtLarge', id, user, body, key);
  }

  @Post(':id/earlier-release')
  @ApiResponseFrom(200, caseResponse)
  @Allow('case.requestEarlierRelease')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release one eligible working day earlier (COMs and managers, a recorded decision): every deadline re-bases' })
  @ApiBodyFrom(earlierReleaseSchema)
  earlierRelease(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.lawCommand('requestEarlierRelease', id, user, body, key);
  }

  @Post(':id/com')
  @ApiResponseFrom(200, caseResponse)
  @Allow('case.reallocate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reallocate the case to another community offender manager (managers)' })
  @ApiBodyFrom(reallocateSchema)
  reallocate(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.reallocateCom(id, user, body, key);
  }

  @Post(':id/close')
  @ApiResponseFrom(200, caseResponse)
  @Allow('case.close')
  @HttpCode(200)
  @ApiBodyFrom(closeSchema)
  close(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.cases.close(id, user, body, key);
  }
}
