// Idempotency-Key on mutating calls. The key (scoped to the staff user) is claimed by inserting its row
// before the handler runs, so of two concurrent duplicates only one runs; the other is told to retry
// and, once the first finished, gets the first result replayed. Server errors release the key so the
// call can be retried; every other answer (including refusals) is what the key means from then on.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type Database } from '../platform/database';
import { HttpProblem } from './problem';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Longer than any request takes (HTTP and Temporal timeouts are far shorter). */
export const STALE_CLAIM_MS = 2 * 60_000;

export const idempotencyKeySchema = z.string().min(8).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

export function requestHash(method: string, url: string, body: unknown): string {
  const hash = createHash('sha256').update(`${method} ${url}\n`);
  return (Buffer.isBuffer(body) ? hash.update(body) : hash.update(typeof body === 'string' ? body : JSON.stringify(body ?? null))).digest('hex');
}

export async function withIdempotency(
  db: Database,
  scope: { staffUserId: string; key: string | undefined; hash: string },
  run: () => Promise<Reply>,
): Promise<Reply> {
  if (scope.key === undefined) return run();
  const parsed = idempotencyKeySchema.safeParse(scope.key);
  if (!parsed.success) {
    throw new HttpProblem(400, 'Invalid Idempotency-Key', 'Idempotency-Key must be 8 to 200 printable ASCII characters without spaces (a UUID is a good choice).', {
      errors: [{ path: 'headers.idempotency-key', message: parsed.error.issues[0]?.message ?? 'invalid' }],
    });
  }
  const key = `${scope.staffUserId}:${parsed.data}`;
  try {
    await db.idempotentRequest.create({ data: { key, requestHash: scope.hash } });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    // A claim never completed long ago is a request whose process died mid-way: free the key and run again
    // (the journey itself dedups a decision by the same key, so a decision it had recorded is not doubled).
    const stale = await db.idempotentRequest.deleteMany({ where: { key, statusCode: null, createdAt: { lt: new Date(Date.now() - STALE_CLAIM_MS) } } });
    if (stale.count > 0) return withIdempotency(db, scope, run);
    return replay(db, key, scope.hash);
  }
  let reply: Reply;
  try {
    reply = await run();
  } catch (error) {
    if (error instanceof HttpProblem && error.status < 500) {
      await db.idempotentRequest.update({
        where: { key },
        data: { statusCode: error.status, responseBody: problemBody(error) as Prisma.InputJsonValue, completedAt: new Date() },
      });
    } else {
      await db.idempotentRequest.delete({ where: { key } }).catch(() => undefined);
    }
    throw error;
  }
  if (reply.status >= 500) {
    await db.idempotentRequest.delete({ where: { key } }).catch(() => undefined);
  } else {
    await db.idempotentRequest.update({
      where: { key },
      data: { statusCode: reply.status, responseBody: (reply.body ?? null) as Prisma.InputJsonValue, completedAt: new Date() },
    });
  }
  return reply;
}

async function replay(db: Database, key: string, hash: string): Promise<Reply> {
  const first = await db.idempotentRequest.findUnique({ where: { key } });
  if (!first) throw new HttpProblem(409, 'Request in progress', 'A request with this Idempotency-Key just failed or is being retried; send it again.');
  if (first.requestHash !== hash) {
    throw new HttpProblem(422, 'Idempotency-Key reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.');
  }
  if (first.statusCode === null) {
    throw new HttpProblem(409, 'Request in progress', 'The first request with this Idempotency-Key is still running; retry in a moment to get its result.', {
      retryAfterSeconds: 1,
    });
  }
  const body = first.responseBody;
  if (first.statusCode >= 400) {
    const b = (body ?? {}) as { title?: string; detail?: string } & Record<string, unknown>;
    const { title, detail, status: _s, type: _t, ...extra } = b;
    throw new HttpProblem(first.statusCode, title ?? 'Error', detail, { ...extra, idempotentReplay: true });
  }
  return { status: first.statusCode, body, headers: { 'Idempotent-Replayed': 'true' } };
}

function problemBody(problem: HttpProblem) {
  return { title: problem.title, detail: problem.detail, status: problem.status, ...problem.extra };
}
