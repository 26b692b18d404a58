import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyFrom, ApiResponseFrom } from '../common/openapi';
import { caseResponse } from '../common/response-schemas';
import { addNeedSchema, needActionSchema, needStatusSchema } from '@ttg/contracts';
import { Allow, CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { NeedsService } from './needs.service';


/**
 * The living resettlement plan: add a need, change a need's status (with a reason when support
 * is declined or not required), add an action to a need, at any time before the case closes.
 */
@ApiTags('needs')
@ApiBearerAuth()
@Controller('api/v1/cases/:id/needs')
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  @Post()
  @HttpCode(201)
  @ApiResponseFrom(201, caseResponse)
  @Allow('case.planNeeds')
  @ApiOperation({ summary: 'Add a need to the plan (a pathway with no open need): support required, its work opened' })
  @ApiBodyFrom(addNeedSchema)
  add(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.needs.add(id, user, body, key);
  }

  @Post(':pathway/status')
  @HttpCode(200)
  @ApiResponseFrom(200, caseResponse)
  @Allow('case.planNeeds')
  @ApiOperation({ summary: "Change a need's status: SUPPORT_REQUIRED, or SUPPORT_DECLINED / SUPPORT_NOT_REQUIRED with a reason" })
  @ApiBodyFrom(needStatusSchema, undefined, ['pathway'])
  status(@CurrentUser() user: Principal, @Param('id') id: string, @Param('pathway') pathway: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.needs.changeStatus(id, user, pathway, body, key);
  }

  @Post(':pathway/actions')
  @HttpCode(201)
  @ApiResponseFrom(201, caseResponse)
  @Allow('case.planNeeds')
  @ApiOperation({ summary: 'Add an action (a task of the need) with its due date' })
  @ApiBodyFrom(needActionSchema, undefined, ['pathway'])
  action(@CurrentUser() user: Principal, @Param('id') id: string, @Param('pathway') pathway: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.needs.addAction(id, user, pathway, body, key);
  }
}
