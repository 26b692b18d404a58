import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { z } from 'zod';
import { DomainError } from '../common/domain-error';
import { parseInput } from '../common/validation';
import { verifyPassword } from '../../../../libs/persistence/src/password';
import { lineText } from '../../../../libs/contracts/src';
import { CurrentUser, Public } from './decorators';
import type { Principal } from './principal';
import { TokenService } from './token.service';
import { UserRepository } from './user.repository';

const signIn = z.object({ username: lineText(100), password: z.string().min(1).max(200) }).strict();

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
  ) {}

  @Public()
  @Post('auth/token')
  @HttpCode(200)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: 'Sign in with the built-in identity provider; returns a short-lived bearer JWT' })
  @ApiBody({ schema: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } } })
  async token(@Body() body: unknown) {
    const { username, password } = parseInput(signIn, body);
    const user = await this.users.findByUsername(username);
    const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : false;
    if (!user || !ok) throw new DomainError('UNAUTHENTICATED', 'The username or password is not right');
    return this.tokens.issue(user);
  }

  @Post('auth/sign-out')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: every token of yours (bearer and page sessions) stops working at once' })
  async signOut(@CurrentUser() user: Principal): Promise<void> {
    await this.users.revokeSessions(user.id);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who you are signed in as, your role and scope' })
  me(@CurrentUser() user: Principal) {
    return user;
  }
}
