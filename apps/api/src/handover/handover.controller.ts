import { HANDOVER_INBOX_STATUSES } from '@ttg/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, ApiResponseFrom } from '../common/openapi';
import { handoverInboxResponse, handoverPackResponse } from '../common/response-schemas';
import { z } from 'zod';
import { Allow, CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { pageQuery } from '../common/page';
import { parseInput } from '../common/validation';
import { HandoverService } from './handover.service';

const inboxQuery = z
  .object({
    status: z.enum(HANDOVER_INBOX_STATUSES).optional(),
    ...pageQuery(500, 500),
  })
  .strict();

@ApiTags('handovers')
@ApiBearerAuth()
@Controller('api/v1')
export class HandoverController {
  constructor(private readonly handovers: HandoverService) {}

  @ApiQueryFrom(inboxQuery)
  @Get('handovers')
  @ApiResponseFrom(200, handoverInboxResponse)
  @Allow('handover.inbox')
  @ApiOperation({ summary: 'Handover inbox: cases coming to you (COM) or your scope (managers), waiting for a decision first, then by handover date; paged, with the total' })
  async inbox(@CurrentUser() user: Principal, @Query() query: unknown) {
    const q = parseInput(inboxQuery, query);
    return this.handovers.inbox(user, q.status, q);
  }

  @Get('cases/:id/handover-pack')
  @ApiResponseFrom(200, handoverPackResponse)
  @ApiOperation({ summary: 'The handover pack (plan and outcomes per pathway, risk, licence conditions, release address, first appointment, victim contact)' })
  async pack(@CurrentUser() user: Principal, @Param('id') id: string) {
    return (await this.handovers.pack(id, user)).pack;
  }
}
