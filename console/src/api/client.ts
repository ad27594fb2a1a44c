// The console's only way to the server: openapi-fetch typed by the staff API's OpenAPI document
// (schema.d.ts, generated), same-origin cookies, and the session's CSRF token on every mutating call.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrf);

export interface ProblemFieldError {
  path: string;
  message: string;
  code?: string;
  minimum?: number;
  maximum?: number;
}

/** A problem+json answer (RFC 9457), thrown so TanStack Query hands it to the screen. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: ProblemFieldError[],
    readonly reason?: { fr: string; en: string },
  ) {
    super(detail ?? title);
  }

  static of(status: number, body: unknown): ApiProblem {
    const b = (body ?? {}) as { title?: string; detail?: string; errors?: ProblemFieldError[]; reason?: { fr: string; en: string } };
    return new ApiProblem(status, b.title ?? `HTTP ${status}`, b.detail, Array.isArray(b.errors) ? b.errors : [], b.reason);
  }
}

/** The data of a typed call (its type from the OpenAPI document), or its problem thrown. */
export async function unwrap<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw ApiProblem.of(response.status, error);
  return data as D;
}

/** The same for a route whose answer the document describes only in words: `T` names its shape (api/types.ts). */
export async function unwrapAs<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  return (await unwrap(call)) as T;
}

/** The sign-in routes live outside the key-authenticated API (and its OpenAPI document). */
export async function authCall<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw ApiProblem.of(res.status, parsed);
  return parsed as T;
}
