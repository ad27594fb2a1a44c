// Where a person could still be found, read from the stores themselves (not from what the code under
// test says it wrote): every table of PostgreSQL, a folder's files (decoded if they are emails).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Database } from '../../platform/database';

export interface Hit {
  table: string;
  key: Record<string, unknown>;
  text: string;
}

/** Every base table of the public schema with its primary key columns. */
export async function tablesWithKeys(db: Database): Promise<{ table: string; keys: string[] }[]> {
  const rows = await db.$queryRaw<{ table: string; column: string }[]>`
    SELECT tc.table_name::text AS "table", kcu.column_name::text AS "column"
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
    WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public' AND tc.table_name <> '_prisma_migrations' AND tc.table_name <> 'jalon_migrations'
    ORDER BY tc.table_name, kcu.ordinal_position`;
  const byTable = new Map<string, string[]>();
  for (const r of rows) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.column]);
  return [...byTable].map(([table, keys]) => ({ table, keys }));
}

/** Rows of any table whose text (every column, JSON and arrays included) contains one of `needles`, without case. */
export async function rowsMentioning(db: Database, needles: string[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (const { table, keys } of await tablesWithKeys(db)) {
    const where = needles.map((_, i) => `position(lower($${i + 1}) in lower(row_to_json(t)::text)) > 0`).join(' OR ');
    const rows = await db.$queryRawUnsafe<{ j: Record<string, unknown> }[]>(`SELECT row_to_json(t) AS j FROM "${table}" t WHERE ${where}`, ...needles);
    for (const { j } of rows) hits.push({ table, key: Object.fromEntries(keys.map((k) => [k, j[k]])), text: JSON.stringify(j).slice(0, 300) });
  }
  return hits;
}

/** Files under `dir` (recursively) whose bytes, or decoded email parts, contain one of `needles`. */
export async function filesMentioning(dir: string, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  const lower = needles.map((n) => n.toLowerCase());
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) { await walk(full); continue; }
      const raw = await readFile(full);
      let text = raw.toString('utf8');
      if (entry.name.endsWith('.eml')) {
        const m = await simpleParser(raw);
        text += `\n${m.subject ?? ''}\n${m.text ?? ''}\n${typeof m.html === 'string' ? m.html : ''}`;
      }
      if (lower.some((n) => text.toLowerCase().includes(n))) found.push(full);
    }
  };
  await walk(dir);
  return found;
}
