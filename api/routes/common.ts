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

/**
 * Each list's cursor is of one kind; anything else (a quote, a number past the column's range, a date
 * past the calendar) is refused as the caller's mistake before it reaches the database (it used to 500).
 */
export const cursorAs = {
  uuid(cursor: string): string {
    const parsed = z.uuid().safeParse(cursor);
    if (!parsed.success) throw invalidCursor();
    return parsed.data;
  },
  /** A BIGINT id (PostgreSQL int8). */
  bigint(cursor: string): bigint {
    if (!/^[0-9]{1,19}$/.test(cursor) || BigInt(cursor) > 9_223_372_036_854_775_807n) throw invalidCursor();
    return BigInt(cursor);
  },
  /** An INTEGER (PostgreSQL int4), zero or more. */
  int(cursor: string): number {
    if (!/^[0-9]{1,10}$/.test(cursor) || Number(cursor) > 2_147_483_647) throw invalidCursor();
    return Number(cursor);
  },
  /** "<epoch ms>_<text>": a keyset on a date then a text id. */
  dateAndText(cursor: string): { at: Date; text: string } {
    const match = /^([0-9]{1,15})_(.{1,200})$/.exec(cursor);
    const at = match ? new Date(Number(match[1])) : undefined;
    if (!match || !at || Number.isNaN(at.getTime())) throw invalidCursor();
    return { at, text: match[2]! };
  },
};

export function notFound(what: string, id: string): HttpProblem {
  return new HttpProblem(404, `${what} not found`, `No ${what.toLowerCase()} ${id}. Check the id (lists give them).`);
}

/** JSON-safe values: BigInt audit ids and Decimal grades become strings. */
export function jsonSafe<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

export const dateOnly = z.iso.date().describe('YYYY-MM-DD');

// Control characters, and format characters: text-direction overrides (U+202E makes "gpj.exe" read
// "exe.jpg"), zero-width spaces and joiners, the byte-order mark. In a name they only serve to make it
// show as something else, or to make two names look alike; NUL is refused by PostgreSQL itself.
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** A name or label shown to people: NFC, trimmed, from 1 to `max` characters, nothing hidden in it. */
export const displayText = (max: number) =>
  z.string().normalize('NFC').trim().min(1).max(max)
    .refine((v) => !HIDDEN_CHARACTERS.test(v), 'must not contain control, invisible or text-direction characters (copy the text again from a plain source)');

/** The path of the first string holding a NUL character in a parsed body or query, if any. */
export function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(v, `${path}.${k}`) ?? (k.includes('\u0000') ? `${path}.${k}` : undefined);
      if (found) return found;
    }
  }
  return undefined;
}
