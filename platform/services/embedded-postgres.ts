// PostgreSQL for a machine with nothing installed: PGlite (Postgres compiled to WebAssembly) with its
// data in a folder, served on a local port (platform/services/pglite-server.ts) so that every process
// (API, worker, psql) connects as to any PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { EMBEDDED_USER, PgliteServer } from './pglite-server';

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
  /** The password clients must give (SCRAM-SHA-256); a random one when absent. */
  password?: string;
}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const password = options.password ?? randomBytes(24).toString('hex');
  const db = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
  const host = options.host ?? '127.0.0.1';
  const server = new PgliteServer(db, options.maxConnections, password);
  let port: number;
  try {
    port = await server.listen(options.port, host);
  } catch (error) {
    await db.close();
    throw new Error(`Embedded PostgreSQL could not listen on ${host}:${options.port}: ${(error as Error).message}. ` +
      'Free the port or set EMBEDDED_POSTGRES_PORT (or DATABASE_URL to use another PostgreSQL).');
  }
  return {
    url: `postgresql://${EMBEDDED_USER}:${encodeURIComponent(password)}@${host}:${port}/postgres`,
    port,
    async stop() {
      await server.close();
      await db.close();
    },
  };
}
