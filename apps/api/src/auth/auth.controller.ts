import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyFrom } from '../common/openapi';
import type { Request } from 'express';
import { z } from 'zod';
import { DomainError } from '../common/domain-error';
import { parseInput } from '../common/validation';
import { lineText } from '@ttg/contracts';
import { CurrentUser, Public } from './decorators';
import type { Principal } from './principal';
import { SignInService } from './sign-in.service';
import { TokenService } from './token.service';

export const signInSchema = z.object({ username: lineText(100), password: z.string().min(1).max(200) }).strict();

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly tokens: TokenService,
    private readonly signIn: SignInService,
  ) {}

  @Public()
  @Post('auth/token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with the built-in identity provider; returns a short-lived bearer JWT' })
  @ApiBodyFrom(signInSchema)
  async token(@Body() body: unknown, @Req() req: Request) {
    const { username, password } = parseInput(signInSchema, body);
    const user = await this.signIn.authenticate(username, password, req.ip ?? '');
    if (!user) throw new DomainError('UNAUTHENTICATED', 'The username or password is not right');
    if (user.mustChangePassword) throw new DomainError('FORBIDDEN', 'This password is temporary: sign in to the pages and choose your own first');
    return this.tokens.issue(user);
  }

  @Post('auth/sign-out')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: every token of yours (bearer and page sessions) stops working at once' })
  async signOut(@CurrentUser() user: Principal): Promise<void> {
    await this.signIn.signOut(user.id);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who you are signed in as, your role and scope' })
  me(@CurrentUser() user: Principal) {
    return user;
  }
}
