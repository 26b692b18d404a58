import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { parseInput } from '../common/validation';
import { CsvExports } from '../exports/csv-exports';
import { assignSchema, bulkReassignSchema, completeSchema, taskListSchema } from './task.schemas';
import { TaskService } from './task.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/v1/tasks')
export class TaskController {
  constructor(
    private readonly tasks: TaskService,
    private readonly exports: CsvExports,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Task list: my tasks, team queue, filters, paging; format=csv exports' })
  @ApiQuery({ name: 'assignee', required: false, description: 'me | unassigned | a user id' })
  async list(@CurrentUser() user: Principal, @Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const f = parseInput(taskListSchema, query);
    if (f.format === 'csv') return this.exports.tasksCsv(user, query, res);
    return this.tasks.list(user, f);
  }

  @Get(':id')
  get(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.tasks.get(id, user);
  }

  @Post('bulk-reassign')
  @HttpCode(200)
  @Allow('task.assignOthers')
  @ApiOperation({ summary: 'Move every open task one officer holds to another (managers)' })
  @ApiBody({ schema: { type: 'object', required: ['fromUserId', 'toUserId'], properties: { fromUserId: { type: 'string' }, toUserId: { type: 'string' } } } })
  bulkReassign(@CurrentUser() user: Principal, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    const b = parseInput(bulkReassignSchema, body);
    return this.tasks.bulkReassign(user, b.fromUserId, b.toUserId, key);
  }

  @Post(':id/claim')
  @HttpCode(200)
  claim(@CurrentUser() user: Principal, @Param('id') id: string, @Headers('idempotency-key') key?: string) {
    return this.tasks.claim(id, user, key);
  }

  @Post(':id/release')
  @HttpCode(200)
  release(@CurrentUser() user: Principal, @Param('id') id: string, @Headers('idempotency-key') key?: string) {
    return this.tasks.release(id, user, key);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Allow('task.assignOthers')
  @ApiBody({ schema: { type: 'object', required: ['userId'], properties: { userId: { type: 'string' } } } })
  assign(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.tasks.assign(id, user, parseInput(assignSchema, body).userId, key);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete with an outcome; its shape depends on the task type (400 names each bad field)' })
  @ApiBody({ schema: { type: 'object', required: ['outcome'], properties: { outcome: { type: 'object' } } } })
  complete(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.tasks.complete(id, user, parseInput(completeSchema, body).outcome, key);
  }
}
