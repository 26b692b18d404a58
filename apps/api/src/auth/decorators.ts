import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Action } from '@ttg/contracts';
import type { Principal } from './principal';

export const PUBLIC_KEY = 'ttg:public';
export const ALLOW_KEY = 'ttg:allow';
/** No sign-in needed (health, metrics, sign-in itself, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Only the roles the permission table gives this action may call the route (403 for the others). */
export const Allow = (action: Action) => SetMetadata(ALLOW_KEY, action);

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ user?: Principal }>();
  if (!req.user) throw new Error('CurrentUser used on a public route');
  return req.user;
});
