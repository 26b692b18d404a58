import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { RequestMethod } from '@nestjs/common';
import type { Action } from '@ttg/contracts';
import { ALLOW_KEY, PUBLIC_KEY } from '../auth/decorators';

/** One route of the running app, as Nest registered it, with the authorisation its decorators declare. */
export interface Route {
  method: string;
  /** The path pattern (`/api/v1/cases/:id`). */
  path: string;
  controller: string;
  handler: string;
  public: boolean;
  /** The action of `@Allow` (the handler's, else its controller's); undefined: any signed-in user. */
  action: Action | undefined;
}

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter((p) => p !== '').join('/')}`;

/** Every route of every controller, read from Nest's route metadata (what the router and the AuthGuard read): the OpenAPI document's error responses and the authorisation table test use it. */
export function routesOf(app: INestApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctor = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!ctor) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, ctor) as string | string[] | undefined].flat().filter((p): p is string => p !== undefined);
      const proto = ctor.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (paths === undefined || method === undefined) continue;
        const allow = (Reflect.getMetadata(ALLOW_KEY, handler) ?? Reflect.getMetadata(ALLOW_KEY, ctor)) as Action | undefined;
        const isPublic = (Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, ctor)) === true;
        for (const b of base.length ? base : ['']) {
          for (const p of [paths].flat()) routes.push({ method: RequestMethod[method], path: join(b, p), controller: ctor.name, handler: name, public: isPublic, action: allow });
        }
      }
    }
  }
  return routes;
}

/** A route's path with every parameter filled in (`:id` → the value given for it, else a random-looking id). */
export function fill(path: string, values: Record<string, string> = {}): string {
  return path.replace(/:(\w+)|\*(\w+)/g, (_m, param: string | undefined, wild: string | undefined) => values[param ?? wild ?? ''] ?? (wild ? 'none.css' : '00000000-0000-4000-8000-000000000000'));
}
