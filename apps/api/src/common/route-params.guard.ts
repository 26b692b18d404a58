import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from './domain-error';
import { ROUTE_LABEL } from './route-label.guard';

/**
 * The form of every id in a route's path, checked once for all routes (API and pages) before a
 * handler or a query sees it: an id ttg could never have given is a 404 (a page "not found" on
 * pages), never a database error answered 500.
 *
 * An `:id` is known by the collection it follows: cases and imports have UUIDs, a task its case's
 * UUID and `-t` with its number, a user `u-` and a UUID (the demo users a readable name). `:pathway`
 * and `:form` are checked by their routes against their lists.
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ID_FORMS: Record<string, RegExp> = {
  tasks: new RegExp(`^${UUID}-t[0-9]{1,9}$`, 'i'),
  users: /^u-[a-z0-9][a-z0-9-]{0,62}$/,
};
const OTHER_ID = new RegExp(`^${UUID}$`, 'i');

/** Whether `value` is a well-formed `name` parameter on the route `route` (its pattern, e.g. /api/v1/cases/:id). */
export function wellFormedParam(name: string, value: string, route: string): boolean {
  if (name !== 'id') return true;
  const collection = /\/([a-z-]+)\/:id(?:\/|$)/.exec(route)?.[1] ?? '';
  return (ID_FORMS[collection] ?? OTHER_ID).test(value);
}

@Injectable()
export class RouteParamsGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request & Record<symbol, string>>();
    const route = req[ROUTE_LABEL] ?? '';
    for (const [name, value] of Object.entries(req.params ?? {})) {
      if (typeof value === 'string' && !wellFormedParam(name, value, route)) throw new DomainError('NOT_FOUND', `Nothing at ${route}: that is not an id ttg gives`);
    }
    return true;
  }
}
