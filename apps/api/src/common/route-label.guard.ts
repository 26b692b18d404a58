import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';

/** Where the request log finds the route's pattern (`/api/v1/cases/:id`), so it never logs the id or text a path carried. */
export const ROUTE_LABEL = Symbol('ttg:route');

const join = (...parts: unknown[]) => `/${parts.flatMap((p) => (typeof p === 'string' ? [p] : Array.isArray(p) ? [String(p[0])] : [])).map((p) => p.replace(/^\/|\/$/g, '')).filter((p) => p !== '').join('/')}`;

/** Labels each request with its route's pattern before anything else runs; it never refuses. */
@Injectable()
export class RouteLabelGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Record<symbol, string>>();
    req[ROUTE_LABEL] = join(Reflect.getMetadata(PATH_METADATA, ctx.getClass()), Reflect.getMetadata(PATH_METADATA, ctx.getHandler()));
    return true;
  }
}
