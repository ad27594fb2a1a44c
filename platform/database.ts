// The Prisma client over node-postgres (driver adapter): works against any PostgreSQL and against the
// embedded PGlite server alike, with no native query engine.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/index.js';

export type Database = PrismaClient;
export { Prisma } from '../generated/prisma/index.js';

export function createDatabase(databaseUrl: string, poolSize = 10): Database {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
}

/** Fails within a few seconds, with a message naming DATABASE_URL, when the database is unreachable. */
export async function checkDatabaseReachable(databaseUrl: string, timeoutMs = 5_000): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const host = safeHost(databaseUrl);
    throw new Error(`DATABASE_URL: cannot reach PostgreSQL at ${host}: ${(error as Error).message || String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function safeHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
