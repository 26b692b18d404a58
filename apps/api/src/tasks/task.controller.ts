import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyFrom, ApiQueryFrom, ApiResponseFrom } from '../common/openapi';
import { pageResponse, taskResponse } from '../common/response-schemas';
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
  @ApiResponseFrom(200, pageResponse(taskResponse), 'A page of tasks', { csv: true })
  @ApiOperation({ summary: 'Task list: my tasks, team queue, filters, paging; format=csv exports' })
  @ApiQueryFrom(taskListSchema)
  async list(@CurrentUser() user: Principal, @Query() query: unknown, @Res({ passthrough: true }) res: Response) {
    const f = parseInput(taskListSchema, query);
    if (f.format === 'csv') return this.exports.tasksCsv(user, query, res);
    return this.tasks.list(user, f);
  }

  @Get(':id')
  @ApiResponseFrom(200, taskResponse)
  get(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.tasks.get(id, user);
  }

  @Post('bulk-reassign')
  @HttpCode(200)
  @Allow('task.assignOthers')
  @ApiOperation({ summary: 'Move every open task one officer holds to another (managers)' })
  @ApiBodyFrom(bulkReassignSchema)
  bulkReassign(@CurrentUser() user: Principal, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    const b = parseInput(bulkReassignSchema, body);
    return this.tasks.bulkReassign(user, b.fromUserId, b.toUserId, key);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiResponseFrom(200, taskResponse)
  claim(@CurrentUser() user: Principal, @Param('id') id: string, @Headers('idempotency-key') key?: string) {
    return this.tasks.claim(id, user, key);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiResponseFrom(200, taskResponse)
  release(@CurrentUser() user: Principal, @Param('id') id: string, @Headers('idempotency-key') key?: string) {
    return this.tasks.release(id, user, key);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiResponseFrom(200, taskResponse)
  @Allow('task.assignOthers')
  @ApiBodyFrom(assignSchema)
  assign(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    return this.tasks.assign(id, user, parseInput(assignSchema, body).userId, key);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiResponseFrom(200, taskResponse)
  @ApiOperation({ summary: 'Complete with an outcome; its shape depends on the task type (400 names each bad field)' })
  @ApiBodyFrom(completeSchema, 'outcome: the task type\'s outcome (its schema in the task catalogue); doneOn: the day the work was done when it is recorded later (not in the future, not before reception)')
  complete(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string) {
    const { outcome, doneOn } = parseInput(completeSchema, body);
    return this.tasks.complete(id, user, outcome, key, doneOn);
  }
}
