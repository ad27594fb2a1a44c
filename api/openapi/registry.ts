// One declaration per route: method, path, roles, zod schemas for params/query/body, responses. The
// same declaration mounts the Express handler (authentication, validation, idempotency, audit) and
// describes the route in the OpenAPI document, so the two cannot drift apart.
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../platform/database';
import { authenticate, type AuthOptions } from '../auth/authenticate';
import { ApiKeyCache } from '../auth/key-cache';
import { DEFAULT_SESSION_OPTIONS, type SessionOptions } from '../auth/sessions';
import type { StaffIdentity } from '../auth/keys';
import type { Role } from '../auth/roles';
import { requestHash, withIdempotency, type Reply } from '../idempotency';
import { HttpProblem, parseInput } from '../problem';
import { RateLimiter, type Limiter, type RateLimit } from '../rate-limit';
import { nulPath } from '../routes/common';
import { CsvEncodingError, decodeCsv } from '../routes/csv-decode';
import type { Logger } from '../../platform/logger';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

export interface Handled<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  staff: StaffIdentity;
  /** For a CSV body: how its bytes were decoded (UTF-8, Windows-1252, ...). */
  bodyEncoding?: string;
  /** The Idempotency-Key sent, if any: passed on to workflow updates as their update id. */
  idempotencyKey?: string;
  req: Request;
  res: Response;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Express syntax, e.g. /cohorts/:id */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  roles: readonly Role[];
  params?: P;
  query?: Q;
  body?: B;
  /** 'csv' reads the body as text/csv; default JSON. */
  bodyType?: 'json' | 'csv';
  responses: Record<number, ResponseDoc>;
  /** Returns the reply; a handler that streams its own response returns nothing. */
  handler: (ctx: Handled<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<Reply | void>;
}

// Erased form kept in the registry (the handler's types matter only where it is declared).
export type AnyRouteSpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

const empty = z.strictObject({});
// The bytes, as sent: their encoding is found by looking at them (csv-decode.ts), not trusted from a header.
const csvBody = express.raw({ type: ['text/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream'], limit: '20mb' });

export interface RegistryOptions {
  /** Console sessions (defaults when absent) and the site's address (the Origin check of session calls). */
  sessions?: SessionOptions;
  publicBaseUrl?: string;
  /** Failed authentications allowed per client address and window (then 429, not audited). */
  failedAuth?: RateLimit;
  /** The store of the limiter (memory by default). */
  limiter?: (scope: string, limit: RateLimit) => Limiter;
  log?: Pick<Logger, 'warn'>;
  /** How long a valid API key is trusted without a lookup (default 10 s), and the clock (tests). */
  apiKeyCache?: { ttlMs?: number; now?: () => number };
}

export class ApiRegistry {
  readonly routes: AnyRouteSpec[] = [];
  private readonly auth: AuthOptions;

  constructor(
    private readonly db: Database,
    options: RegistryOptions = {},
  ) {
    this.auth = {
      sessions: options.sessions ?? DEFAULT_SESSION_OPTIONS,
      publicBaseUrl: options.publicBaseUrl ?? '',
      apiKeys: new ApiKeyCache(options.apiKeyCache?.ttlMs, options.apiKeyCache?.now),
      failed: {
        limiter: (options.limiter ?? ((_scope, limit) => new RateLimiter(limit)))('staff-failed-auth', options.failedAuth ?? { max: 60, windowMs: 10 * 60_000 }),
        onLimited: (ip) => options.log?.warn('staff API: too many failed authentications', { ip }),
      },
    };
  }

  /** Declares a route and returns a router that serves it. */
  router(build: (add: <P extends z.ZodType = typeof empty, Q extends z.ZodType = typeof empty, B extends z.ZodType = typeof empty>(spec: RouteSpec<P, Q, B>) => void) => void): Router {
    const router = Router();
    build((spec) => {
      const erased = spec as unknown as AnyRouteSpec;
      this.routes.push(erased);
      const middlewares = spec.bodyType === 'csv' ? [csvBody] : [];
      router[spec.method](spec.path, ...middlewares, (req, res) => this.serve(erased, req, res));
    });
    return router;
  }

  private async serve(spec: AnyRouteSpec, req: Request, res: Response) {
    const staff = await authenticate(this.db, req, spec, this.auth);
    // A JSON route sent another type reads as an empty body: say so, rather than list missing fields.
    if (spec.method !== 'get' && spec.bodyType !== 'csv' && hasBody(req) && !req.is('application/json')) {
      throw new HttpProblem(415, 'Unsupported media type', `Send the body as JSON with "Content-Type: application/json" (this request said ${req.get('content-type') ?? 'no Content-Type'}).`);
    }
    // PostgreSQL refuses NUL in text: said as the caller's mistake, not a 500.
    const nul = nulPath(req.query, 'query') ?? nulPath(req.params, 'params') ?? (spec.method === 'get' ? undefined : nulPath(req.body, 'body'));
    if (nul) throw new HttpProblem(400, 'Invalid request', `${nul}: contains a NUL character`, { errors: [{ path: nul, message: 'contains a NUL character (\\u0000), which no field accepts' }] });
    const params = parseInput(spec.params ?? empty, req.params, 'params');
    const query = parseInput(spec.query ?? empty, req.query ?? {}, 'query');
    let body: unknown = undefined;
    let bodyEncoding: string | undefined;
    if (spec.method !== 'get') {
      if (spec.bodyType === 'csv') {
        if (!Buffer.isBuffer(req.body)) throw new HttpProblem(415, 'CSV expected', 'Send the file with Content-Type: text/csv.');
        try {
          const decoded = decodeCsv(req.body);
          bodyEncoding = decoded.encoding;
          body = parseInput(spec.body ?? z.string(), decoded.text, 'body');
        } catch (error) {
          if (error instanceof CsvEncodingError) throw new HttpProblem(415, 'CSV encoding not recognised', error.message);
          throw error;
        }
      } else {
        body = parseInput(spec.body ?? empty, req.body ?? {}, 'body');
      }
    }
    const idempotencyKey = spec.method === 'get' ? undefined : req.get('idempotency-key');
    const ctx = { params, query, body, bodyEncoding, staff, idempotencyKey, req, res };
    const reply = await withIdempotency(
      this.db,
      { staffUserId: staff.staffUserId, key: idempotencyKey, hash: requestHash(req.method, req.originalUrl, req.body) },
      async () => {
        const r = await spec.handler(ctx);
        if (r && spec.method !== 'get' && r.status < 400) {
          await this.db.auditEvent.create({
            data: {
              actor: `staff:${staff.staffUserId}`,
              action: `api.${spec.operationId}`,
              candidateId: candidateIdOf(spec, params),
              after: { method: spec.method.toUpperCase(), route: spec.path, status: r.status, params: params as object },
            },
          });
        }
        return r ?? { status: 0, body: null };
      },
    );
    if (reply.status === 0) return; // streamed by the handler
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.set(k, v);
    res.status(reply.status).json(reply.body);
  }
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

function candidateIdOf(spec: AnyRouteSpec, params: unknown): string | undefined {
  if (!spec.path.startsWith('/candidates/:id')) return undefined;
  return (params as { id?: string }).id;
}
