// A real PostgreSQL server for a test file (Debian's binaries, as the cluster runs them), in a temporary
// folder, with the schema applied; undefined when the machine has none (then PGlite only, said aloud).
// CI's TEST_EXTERNAL_DATABASE_URL is used when set (migrated by the global set-up).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { applyMigrations } from '../../prisma/migrate';
import { initPostgres, startPostgres, stopPostgres, superUrl, type PostgresCluster } from '../../scripts/cluster-postgres';
import { freePort } from './ports';

export async function startDebianPostgres(): Promise<{ url: string; stop(): Promise<void> } | undefined> {
  const external = process.env.TEST_EXTERNAL_DATABASE_URL;
  if (external) return { url: external, stop: async () => undefined };
  if (!existsSync('/usr/lib/postgresql')) return undefined;
  // Under /tmp: when this runs as root, PostgreSQL runs as `postgres`, which must reach the folder.
  const root = mkdtempSync(path.join(os.tmpdir(), 'jalon-test-pg-'));
  const cluster: PostgresCluster = { dir: path.join(root, 'pg'), port: await freePort(), superPassword: randomBytes(12).toString('hex') };
  initPostgres(cluster, root);
  startPostgres(cluster);
  const url = superUrl(cluster);
  await applyMigrations(url);
  return {
    url,
    async stop() {
      stopPostgres(cluster, 'immediate');
      rmSync(root, { recursive: true, force: true });
    },
  };
}
