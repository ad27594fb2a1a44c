// Schemas and helpers shared by the staff routers: ids, cursor pagination, Prisma conflicts.
import { z } from 'zod';
import { Prisma } from '../../platform/database';
import { HttpProblem } from '../problem';

export const idParams = z.strictObject({ id: z.uuid() });

export const MAX_LIMIT = 200;
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(50).describe(`Page size, at most ${MAX_LIMIT}.`),
  cursor: z.string().min(1).max(200).optional().describe('The nextCursor of the previous page.'),
};

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Takes `limit + 1` rows: the extra one only says there is a next page. */
export function page<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]!) : null };
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** A cursor that no page of this list gave out: the caller's mistake, said like any invalid input. */
export function invalidCursor(): HttpProblem {
  return new HttpProblem(400, 'Invalid request', 'query.cursor: not a cursor of this list', { errors: [{ path: 'query.cursor', message: 'not a cursor of this list' }] });
}

export function notFound(what: string, id: string): HttpProblem {
  return new HttpProblem(404, `${what} not found`, `No ${what.toLowerCase()} ${id}. Check the id (lists give them).`);
}

/** JSON-safe values: BigInt audit ids and Decimal grades become strings. */
export function jsonSafe<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

export const dateOnly = z.iso.date().describe('YYYY-MM-DD');
