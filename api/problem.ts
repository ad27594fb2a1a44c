// Errors as RFC 9457 problem+json: a type, a title, what is wrong, and for invalid input the paths.
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export function sendProblem(res: Response, problem: HttpProblem) {
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({ type: 'about:blank', title: problem.title, status: problem.status, detail: problem.detail, ...problem.extra });
}

/** Parses with a zod schema; on failure throws a 400 listing each field path and message. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    // `code` (zod's issue code) and its bound let a client say the message in the reader's language.
    const errors = result.error.issues.map((i) => {
      const bound = 'minimum' in i ? { minimum: Number(i.minimum) } : 'maximum' in i ? { maximum: Number(i.maximum) } : {};
      return { path: [where, ...i.path.map(String)].join('.'), message: i.message, code: i.code, ...bound };
    });
    throw new HttpProblem(400, 'Invalid request', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
  return result.data;
}

export function notFound(_req: Request, _res: Response, next: NextFunction) {
  next(new HttpProblem(404, 'Not found', 'No such route. See GET /openapi.json for the routes.'));
}

export function errorHandler(log: { error(msg: string, f?: Record<string, unknown>): void }) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof HttpProblem) return sendProblem(res, error);
    const e = error as { type?: string; status?: number; message?: string };
    // Express's body parser: malformed JSON or a body too large is the caller's fault.
    if (e.type === 'entity.parse.failed') return sendProblem(res, new HttpProblem(400, 'Malformed JSON', e.message));
    if (e.type === 'entity.too.large') return sendProblem(res, new HttpProblem(413, 'Body too large', e.message));
    if (e.type === 'parameters.too.many') return sendProblem(res, new HttpProblem(413, 'Too many form fields', e.message));
    if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') return sendProblem(res, new HttpProblem(415, 'Unsupported encoding', e.message));
    // An action link's path is its secret: log the route, never the token.
    log.error('unhandled error', { path: req.path.replace(/^\/a\/[^/]+/, '/a/:token'), method: req.method, error });
    sendProblem(res, new HttpProblem(500, 'Internal error', 'Something failed on our side; it was logged. Try again, or contact an administrator.'));
  };
}
