import { applyDecorators } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ZodTypeAny } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { routesOf, type Route } from './routes';

type Schema = Record<string, unknown>;

/** A zod schema as OpenAPI 3 JSON Schema: the same schema the route validates with (parseInput). */
export function openApiSchema(schema: ZodTypeAny): SchemaObject {
  const { $schema: _drop, ...json } = zodToJsonSchema(schema, { target: 'openApi3', $refStrategy: 'none' }) as Schema;
  return json as SchemaObject;
}

/** The request body, described by the zod schema that validates it (less the fields the path gives). */
export function ApiBodyFrom(schema: ZodTypeAny, description?: string, fromPath: string[] = []) {
  const json = openApiSchema(schema);
  const properties = Object.fromEntries(Object.entries(json.properties ?? {}).filter(([k]) => !fromPath.includes(k)));
  const required = json.required?.filter((k) => !fromPath.includes(k));
  return ApiBody({ schema: fromPath.length ? { ...json, properties, required } : json, description });
}

/** A success response, described by the zod schema of what the route answers (its presenter's output). */
export function ApiResponseFrom(status: number, schema: ZodTypeAny, description = 'OK', opts: { csv?: boolean } = {}) {
  const content: Record<string, { schema: SchemaObject }> = { 'application/json': { schema: openApiSchema(schema) } };
  if (opts.csv) content['text/csv'] = { schema: { type: 'string', description: 'With format=csv: a header row, then one row an item' } };
  return ApiResponse({ status, description, content });
}

/** The query parameters, one per field of the zod object that validates them. */
export function ApiQueryFrom(schema: ZodTypeAny) {
  const json = openApiSchema(schema);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, s]) => ApiQuery({ name, required: json.required?.includes(name) === true && !('default' in s), schema: s, description: 'description' in s ? s.description : undefined })),
  );
}

const ERROR_BODY: Schema = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', description: 'A stable code (VALIDATION_FAILED, FORBIDDEN, CASE_NOT_FOUND, …)' },
    message: { type: 'string' },
    problems: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } } },
    current: {},
  },
};

const WHY: Record<number, string> = {
  400: 'Bad input: the message and `problems` name each field',
  401: 'No bearer token, or it is invalid, expired or revoked (sign-in and refresh: the credentials or refresh token are not right)',
  403: 'Your role or scope may not do this',
  404: 'Not found, or outside your scope',
  409: 'Conflicts with the current state (the code says how), or the Idempotency-Key was used for another request',
  413: 'The body is too large',
  415: 'The body is not JSON (or, for the import, CSV)',
  429: 'Too many attempts: wait and try again',
  503: 'A service it needs (Temporal, PostgreSQL) did not answer in time: retry after Retry-After seconds',
};

/** The error statuses a route can answer, from what it is: who may call it, what it takes, what it does. */
function errorsOf(route: Route, op: { parameters?: { in?: string }[]; requestBody?: unknown }): number[] {
  const codes = new Set<number>([503]);
  const writes = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);
  if (op.parameters?.length || op.requestBody) codes.add(400);
  if (op.parameters?.some((p) => p.in === 'path')) codes.add(404);
  if (!route.public) [401, 403].forEach((c) => codes.add(c));
  if (writes) [400, 409, 413, 415].forEach((c) => codes.add(c));
  if (route.public && writes) [401, 429].forEach((c) => codes.add(c)); // a sign-in or refresh refused; sign-in limits
  return [...codes].sort();
}

type Operation = { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: Schema }>; links?: Record<string, unknown> }> };

/** The resources whose ids the answers carry, and where in an answer each is found. */
const RESOURCES = [
  { base: '/api/v1/cases', pointers: (props: Schema) => ('items' in props ? ['/items/0/id'] : 'id' in props ? ['/id'] : []) },
  { base: '/api/v1/tasks', pointers: (props: Schema, path: string) => ('tasks' in props ? ['/tasks/0/id'] : 'items' in props && path === '/api/v1/tasks' ? ['/items/0/id'] : path.startsWith('/api/v1/tasks/') && 'id' in props ? ['/id'] : []) },
  { base: '/api/v1/imports', pointers: (props: Schema, path: string) => (path.startsWith('/api/v1/imports') && 'id' in props ? ['/id'] : []) },
];

/**
 * Links from each success answer to the operations on what it names (a case's, its tasks', a
 * list's first item), from the answers' schemas: a client (and Schemathesis's stateful phase)
 * can follow them from a new case to its tasks and commands.
 */
function withLinks(doc: OpenAPIObject): void {
  const ops = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method, op })));
  for (const { path, op } of ops) {
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      const props = (response.content?.['application/json']?.schema?.properties ?? {}) as Schema;
      if (!status.startsWith('2')) continue;
      const links: Record<string, unknown> = {};
      for (const resource of RESOURCES) {
        const targets = ops.filter((t) => t.path.startsWith(`${resource.base}/{id}`) && t.op.operationId);
        if (resource.base === '/api/v1/cases' && !(path === resource.base || path.startsWith(`${resource.base}/{id}`))) continue;
        for (const pointer of resource.pointers(props, path)) {
          for (const t of targets) links[`${t.op.operationId}${pointer === '/id' ? '' : `_${pointer.split('/')[1]}`}`] = { operationId: t.op.operationId, parameters: { id: `$response.body#${pointer}` } };
        }
      }
      if (Object.keys(links).length) response.links = links;
    }
  }
}

/** Adds every error response each operation can give (one error body schema), read from the routes' metadata. */
export function withErrorResponses(doc: OpenAPIObject, app: INestApplication): OpenAPIObject {
  const routes = new Map(routesOf(app).map((r) => [`${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`, r]));
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, Error: ERROR_BODY } };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, { responses?: Record<string, unknown>; parameters?: { in?: string }[]; requestBody?: unknown }>)) {
      const route = routes.get(`${method} ${path}`);
      if (!route || typeof op !== 'object' || op === null) continue;
      op.responses = op.responses ?? {};
      for (const code of errorsOf(route, op)) {
        op.responses[String(code)] ??= { description: WHY[code], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
      }
    }
  }
  withLinks(doc);
  return doc;
}
