// The three configurations `npm run bench` compares, each started fresh for a run:
//   embedded  `npm start`'s defaults: PGlite, the Temporal dev server, the SMTP sink, one app process;
//   postgres  the same with Debian's PostgreSQL (a throw-away server of the bench's own) instead of PGlite;
//   split     Debian's PostgreSQL, and the API and the worker in two processes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { externalSystem } from './external';
import { startBenchPostgres, type BenchPostgres } from './postgres';
import { startSystem, type RunningSystem } from './system';

export const CONFIGS = ['embedded', 'postgres', 'split'] as const;
export type BenchConfig = (typeof CONFIGS)[number] | 'external';

export const CONFIG_WORDS: Record<BenchConfig, string> = {
  embedded: 'embedded defaults (PGlite, one app process)',
  postgres: 'Debian PostgreSQL, one app process',
  split: 'Debian PostgreSQL, API and worker in two processes',
  external: 'the services named by the environment',
};

export interface ConfiguredSystem extends RunningSystem {
  /** The statement log of the bench's PostgreSQL (postgres and split only). */
  statements?: Pick<BenchPostgres, 'logOffset' | 'countStatements'>;
  /** Where the CPU profiles are written (with --profile), one <pid>.cpuprofile per process. */
  profileDir?: string;
}

const hook = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cpu-profile-hook.mjs');

export async function startConfigured(config: BenchConfig, options: { env: Record<string, string>; log: (line: string) => void; profileDir?: string; roundTrips?: boolean }): Promise<ConfiguredSystem> {
  if (config === 'external') return externalSystem();
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
  const env = { ...options.env, ...(options.profileDir ? { JALON_CPU_PROFILE_DIR: options.profileDir } : {}) };
  const nodeOptions = options.profileDir ? `--import ${hook}` : undefined;
  if (config === 'embedded') return { ...(await startSystem(env, options.log, undefined, { nodeOptions })), profileDir: options.profileDir };
  const pg = await startBenchPostgres({ logStatements: options.roundTrips ?? true });
  let system: RunningSystem;
  try {
    system = await startSystem({ ...env, DATABASE_URL: pg.appUrl }, options.log, undefined, { nodeOptions, split: config === 'split' });
  } catch (error) {
    await pg.stop();
    throw error;
  }
  return {
    ...system,
    // The bench's own queries (API key, counts) go as the superuser: not in the statement log.
    databaseUrl: pg.benchUrl,
    rss: (role) => (role === 'postgres' ? pg.rss() : system.rss(role)),
    statements: pg.logsStatements ? pg : undefined,
    profileDir: options.profileDir,
    async stop() {
      try {
        await system.stop();
      } finally {
        await pg.stop();
      }
    },
  };
}
