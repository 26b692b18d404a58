import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyFrom, ApiResponseFrom } from '../common/openapi';
import type { Request } from 'express';
import { z } from 'zod';
import { DomainError } from '../common/domain-error';
import { parseInput } from '../common/validation';
import { lineText } from '@ttg/contracts';
import { CurrentUser, Public } from './decorators';
import type { Principal } from './principal';
import { RefreshTokens, type Refusal } from './refresh-tokens';
import { SignInService } from './sign-in.service';

export const signInSchema = z.object({ username: lineText(100), password: z.string().min(1).max(200) }).strict();
export const refreshSchema = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

/** What a sign-in and a refresh answer: the same zod schema documents the response. */
export const sessionSchema = z
  .object({
    accessToken: z.string().describe('A bearer JWT for the API (HS256), valid for expiresIn seconds'),
    expiresIn: z.number().int().positive(),
    tokenType: z.literal('Bearer'),
    refreshToken: z.string().describe('Gets the next session once, at POST /api/v1/auth/refresh; presented again, it ends every session of its sign-in'),
    refreshExpiresIn: z.number().int().positive(),
  })
  .strict();

const REFUSED: Record<Refusal, string> = {
  unknown: 'The refresh token is not known: sign in again',
  expired: 'The refresh token has expired: sign in again',
  reused: 'The refresh token has been used before: every session of that sign-in has ended, sign in again',
  'signed-out': 'You have signed out (or your account or password changed) since this refresh token was issued: sign in again',
};

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  @Public()
  @Post('auth/token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with the built-in identity provider; returns a short-lived bearer JWT and a refresh token' })
  @ApiBodyFrom(signInSchema)
  @ApiResponseFrom(200, sessionSchema, 'Signed in: a short access token and a refresh token')
  async token(@Body() body: unknown, @Req() req: Request) {
    const { username, password } = parseInput(signInSchema, body);
    const user = await this.signIn.authenticate(username, password, req.ip ?? '');
    if (!user) throw new DomainError('UNAUTHENTICATED', 'The username or password is not right');
    if (user.mustChangePassword) throw new DomainError('FORBIDDEN', 'This password is temporary: sign in to the pages and choose your own first');
    return this.refreshTokens.start(user);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token and refresh token for a refresh token, which is then used up (rotation); a used one presented again revokes its whole sign-in' })
  @ApiBodyFrom(refreshSchema)
  @ApiResponseFrom(200, sessionSchema, 'The next session of the same sign-in')
  async refresh(@Body() body: unknown) {
    const next = await this.refreshTokens.rotate(parseInput(refreshSchema, body).refreshToken);
    if ('refused' in next) throw new DomainError('UNAUTHENTICATED', REFUSED[next.refused]);
    return next;
  }

  @Post('auth/sign-out')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: every token of yours (bearer, refresh and page sessions) stops working at once' })
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
