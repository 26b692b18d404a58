import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { computeKeyDates, explainKeyDates, parseTimelineInput, PolicyValidationError, policyDateOfReception, TIMELINE_INPUT_FIELDS } from '@ttg/policy';
import { policyRefusal } from '../common/domain-error';
import { PolicyCatalogueService } from './policy-catalogue.service';

/** The OpenAPI body of the key-dates input, from the policy's one field table (required, meaning, example). */
export const TIMELINE_INPUT_BODY = {
  type: 'object',
  required: Object.entries(TIMELINE_INPUT_FIELDS).filter(([, f]) => f.required === true).map(([name]) => name),
  properties: Object.fromEntries(
    Object.entries(TIMELINE_INPUT_FIELDS).map(([name, f]) => [
      name,
      { description: f.required === 'DETERMINATE' ? `${f.meaning} (required for a DETERMINATE sentence only)` : f.meaning, example: JSON.parse(f.example) as unknown },
    ]),
  ),
};

/** The key-dates calculator over HTTP: the same input and output as `npx ttg timeline`. */
@ApiTags('timeline')
@ApiBearerAuth()
@Controller('api/v1/timeline')
export class TimelineController {
  constructor(private readonly policies: PolicyCatalogueService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Key dates for sentence facts (what-if); explain=true adds the rule behind each date' })
  @ApiQuery({ name: 'explain', required: false })
  @ApiBody({ schema: TIMELINE_INPUT_BODY })
  preview(@Body() body: unknown, @Query('explain') explain?: string) {
    try {
      const input = parseTimelineInput(body);
      const policy = this.policies.current(policyDateOfReception(input.receptionAt));
      return explain === 'true' ? explainKeyDates(input, policy) : computeKeyDates(input, policy);
    } catch (err) {
      if (err instanceof PolicyValidationError) throw policyRefusal(err, err.message);
      throw err;
    }
  }
}
