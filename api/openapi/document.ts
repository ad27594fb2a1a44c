// The OpenAPI 3.1 document, built from the route declarations' zod schemas (z.toJSONSchema), so a
// route cannot exist without being documented and the documented input is exactly what is validated.
import { z } from 'zod';
import type { AnyRouteSpec } from './registry';
import { AUTH_PATHS } from './auth-paths';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return json;
}

export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

const problem = {
  description: 'A problem (RFC 9457): what happened, what to do; for invalid input, `errors` lists each field path.',
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string', description: 'zod issue code (too_small, invalid_format, custom, ...)' }, minimum: { type: 'number' }, maximum: { type: 'number' } }, required: ['path', 'message'] } },
        },
        required: ['title', 'status'],
      },
    },
  },
};

export function buildOpenApiDocument(routes: readonly AnyRouteSpec[], info: { version: string; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, doc] of Object.entries(r.responses)) {
      responses[status] = {
        description: doc.description,
        ...(doc.schema || doc.contentType
          ? { content: { [doc.contentType ?? 'application/json']: { schema: doc.schema ? toSchema(doc.schema, 'output') : { type: 'string' } } } }
          : {}),
      };
    }
    responses['400'] ??= { ...problem, description: 'Invalid input: problem+json listing each field path.' };
    responses['401'] = { ...problem, description: 'No API key, or an unknown or revoked one (audited).' };
    responses['403'] = { ...problem, description: `Role not allowed; admitted roles: ${r.roles.join(', ')} (audited).` };
    const mutating = r.method !== 'get';
    const operation: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      'x-roles': r.roles,
      parameters: [
        ...parameters(r.params, 'path'),
        ...parameters(r.query, 'query'),
        ...(mutating
          ? [{ name: 'Idempotency-Key', in: 'header', required: false, description: 'Repeating the call with the same key returns the first result.', schema: { type: 'string', minLength: 8, maxLength: 200 } }]
          : []),
      ],
      responses,
    };
    if (mutating && r.body) {
      operation.requestBody = {
        required: true,
        content: r.bodyType === 'csv' ? { 'text/csv': { schema: { type: 'string' } } } : { 'application/json': { schema: toSchema(r.body, 'input') } },
      };
    }
    (paths[openApiPath(r.path)] ??= {})[r.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Jalon staff API',
      version: info.version,
      description: 'Cohorts, candidates, CSV import, search, timelines, journey actions and dashboards. Every route needs a staff API key (Bearer) or a console session (cookie, with X-CSRF-Token on mutating calls).',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    security: [{ apiKey: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Staff API key (`npm run api-key`).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'jalon_session', description: 'Console session (sign in at /console); mutating calls also need the X-CSRF-Token header.' },
      },
      schemas: { Problem: problem.content['application/problem+json'].schema },
    },
    paths: { ...paths, ...AUTH_PATHS },
  };
}
