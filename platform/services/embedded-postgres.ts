// PostgreSQL for a machine with nothing installed: PGlite (Postgres compiled to WebAssembly) with its
// data in a folder, served on a local port (platform/services/pglite-server.ts) so that every process
// (API, worker, psql) connects as to any PostgreSQL.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PgliteServer } from './pglite-server';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: {
  dataDir?: string; // undefined: in memory
  port: number; // 0: any free port
  host?: string;
  maxConnections: number;
}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
  const host = options.host ?? '127.0.0.1';
  const server = new PgliteServer(db, options.maxConnections);
  let port: number;
  try {
    port = await server.listen(options.port, host);
  } catch (error) {
    await db.close();
    throw new Error(`Embedded PostgreSQL could not listen on ${host}:${options.port}: ${(error as Error).message}. ` +
      'Free the port or set EMBEDDED_POSTGRES_PORT (or DATABASE_URL to use another PostgreSQL).');
  }
  return {
    url: `postgresql://postgres:postgres@${host}:${port}/postgres`,
    port,
    async stop() {
      await server.close();
      await db.close();
    },
  };
}
