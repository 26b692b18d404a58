import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyFrom } from '../common/openapi';
import { addNeedSchema, needActionSchema, needStatusSchema, PATHWAY_UPDATES } from '@ttg/contracts';
import { Allow, CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { actorOf, CaseService } from '../cases/case.service';
import { DomainError } from '../common/domain-error';
import { parseInput } from '../common/validation';
import { PathwayCommands } from '../pathway/pathway.commands';

/** The body's fields with the need named in the path (a body must be a JSON object). */
function withPathway(body: unknown, pathway?: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DomainError('VALIDATION_FAILED', '(body): must be a JSON object', { problems: [{ field: '(body)', reason: 'must be a JSON object' }] });
  return pathway === undefined ? { ...body } : { ...body, pathway };
}

/**
 * The living resettlement plan: add a need, change a need's status (with a reason when support
 * is declined or not required), add an action to a need, at any time before the case closes.
 */
@ApiTags('needs')
@ApiBearerAuth()
@Controller('api/v1/cases/:id/needs')
export class NeedsController {
  constructor(
    private readonly cases: CaseService,
    private readonly commands: PathwayCommands,
  ) {}

  @Post()
  @HttpCode(201)
  @Allow('case.planNeeds')
  @ApiOperation({ summary: 'Add a need to the plan (a pathway with no open need): support required, its work opened' })
  @ApiBodyFrom(addNeedSchema)
  add(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    const b = parseInput(addNeedSchema, withPathway(body));
    return this.cases.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.addNeed, { ...b, actor: actorOf(user) }, key));
  }

  @Post(':pathway/status')
  @HttpCode(200)
  @Allow('case.planNeeds')
  @ApiOperation({ summary: "Change a need's status: SUPPORT_REQUIRED, or SUPPORT_DECLINED / SUPPORT_NOT_REQUIRED with a reason" })
  @ApiBodyFrom(needStatusSchema, undefined, ['pathway'])
  status(@CurrentUser() user: Principal, @Param('id') id: string, @Param('pathway') pathway: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    const b = parseInput(needStatusSchema, withPathway(body, pathway));
    return this.cases.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.changeNeedStatus, { ...b, actor: actorOf(user) }, key));
  }

  @Post(':pathway/actions')
  @HttpCode(201)
  @Allow('case.planNeeds')
  @ApiOperation({ summary: 'Add an action (a task of the need) with its due date' })
  @ApiBodyFrom(needActionSchema, undefined, ['pathway'])
  action(@CurrentUser() user: Principal, @Param('id') id: string, @Param('pathway') pathway: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    const b = parseInput(needActionSchema, withPathway(body, pathway));
    return this.cases.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.addNeedAction, { ...b, actor: actorOf(user) }, key));
  }
}
