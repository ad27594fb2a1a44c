// Schemas and helpers shared by the staff routers: ids, cursor pagination, Prisma conflicts.
import { z } from 'zod';
import { localTimeOf, offsetText, resolveLocalTime, zoneOffsetMinutes } from '../../domain/index';
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

export const SCHOOL_ZONE = 'Europe/Paris';

/**
 * A meeting time at the school: Paris wall time without offset ("2027-03-02T10:00"), or an instant with
 * Z or with Paris's own offset on that date. A time that does not exist in Paris (the spring gap) is
 * refused with the nearest valid times; one that happens twice (autumn) asks for its offset; an offset
 * that is not Paris's is refused with the Paris reading, rather than silently moved. Answers epoch ms.
 */
export const parisDateTime = z.string().trim().max(40).transform((value, ctx): number => {
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::00)?$/.exec(value);
  if (local) {
    const wall = `${local[1]}T${local[2]}`;
    const r = resolveLocalTime(wall, SCHOOL_ZONE);
    if (!r) ctx.addIssue({ code: 'custom', message: `${value} is not a date and time: write it as 2027-03-02T10:00 (Paris time)` });
    else if (r.kind === 'nonexistent') ctx.addIssue({ code: 'custom', message: `${wall} does not exist in Paris: clocks go forward that night (summer time). Choose ${r.before.slice(11)} or ${r.after.slice(11)}` });
    else if (r.kind === 'ambiguous') ctx.addIssue({ code: 'custom', message: `${wall} happens twice in Paris: clocks go back that night. Say which one: ${r.candidates.map((c) => `${wall}${c.offset}`).join(' (summer time, the first) or ')} (winter time, the second)` });
    else return r.instantMs;
    return z.NEVER;
  }
  const parsed = z.iso.datetime({ offset: true }).safeParse(value);
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: `${value} is not a date and time: write it as 2027-03-02T10:00 (Paris time), or with an offset (2027-03-02T10:00+01:00)` });
    return z.NEVER;
  }
  const instantMs = Date.parse(value);
  const offset = /(Z|[+-]\d{2}:?\d{2})$/.exec(value)![1]!;
  const paris = zoneOffsetMinutes(instantMs, SCHOOL_ZONE);
  if (offset !== 'Z' && offset.replace(':', '') !== offsetText(paris).replace(':', '')) {
    ctx.addIssue({ code: 'custom', message: `${value} is ${localTimeOf(instantMs, SCHOOL_ZONE).replace('T', ' ')} in Paris, where the offset on that date is ${offsetText(paris)}: give the Paris time without offset (e.g. ${localTimeOf(instantMs, SCHOOL_ZONE)}) or with ${offsetText(paris)}` });
    return z.NEVER;
  }
  return instantMs;
}).describe('Paris time, e.g. 2027-03-02T10:00; or an instant with Z or Paris\'s offset on that date');

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
