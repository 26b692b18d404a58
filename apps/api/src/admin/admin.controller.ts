import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyFrom } from '../common/openapi';
import { Allow, CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { AdminService, newUserSchema, userChangeSchema } from './admin.service';

@ApiTags('admin')
@ApiBearerAuth()
@Allow('admin.users')
@Controller('api/v1/admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('users')
  users() {
    return this.admin.listUsers().then((items) => ({ items }));
  }

  @Post('users')
  @ApiBodyFrom(newUserSchema)
  @ApiOperation({ summary: 'Create a user with a role and scope (prison, probation team, region); the password is stored as an Argon2id hash' })
  createUser(@Body() body: unknown) {
    return this.admin.createUser(body);
  }

  @Patch('users/:id')
  @ApiBodyFrom(userChangeSchema)
  @ApiOperation({ summary: 'Change a user\'s role, scope or name, or deactivate them (the role and scope must fit: 400 names the field)' })
  changeUser(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.admin.changeUser(id, body, user.id);
  }

  @Post('users/:id/password-reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reset a user\'s password: a temporary one, answered once; their sessions end and they must choose their own at sign-in' })
  resetPassword(@CurrentUser() user: Principal, @Param('id') id: string) {
    return this.admin.resetPassword(id, user.id);
  }

  @Get('reference-data')
  referenceData() {
    return this.admin.referenceData();
  }

  @Get('policy-versions')
  @Allow('policy.manage')
  policies() {
    return { items: this.admin.listPolicies() };
  }

  @Post('policy-versions')
  @Allow('policy.manage')
  @HttpCode(201)
  @ApiBody({ schema: { type: 'object' } })
  @ApiOperation({ summary: 'Add a policy version (validated; 400 names the field). New cases from its effective date use it' })
  addPolicy(@Body() body: unknown) {
    return this.admin.addPolicy(body);
  }
}
