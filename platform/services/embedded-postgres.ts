// PostgreSQL for a machine with nothing installed: PGlite (Postgres compiled to WebAssembly) with its
// data in a folder, served on a local port so that every process (API, worker, psql) connects as to
// any PostgreSQL. `maxConnections` matters: the socket server accepts one connection by default.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

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
  const server = new PGLiteSocketServer({ db, port: options.port, host, maxConnections: options.maxConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw new Error(`Embedded PostgreSQL could not listen on ${host}:${options.port}: ${(error as Error).message}. ` +
      'Free the port or set EMBEDDED_POSTGRES_PORT (or DATABASE_URL to use another PostgreSQL).');
  }
  const port = Number(server.getServerConn().split(':').pop());
  return {
    url: `postgresql://postgres:postgres@${host}:${port}/postgres`,
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
