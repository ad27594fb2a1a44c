// The pinned Temporal server and its SQL schema tool, built once from the Go module proxy into a cache
// outside the clone (JALON_CLUSTER_CACHE, default ~/.cache/jalon/temporal-v1.32.1): the build takes
// ~16 min on 2 cores, the clone is thrown away. v1.32.1 is the newest that builds with Go 1.26.8.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMPORAL_VERSION = 'v1.32.1';
const MODULE = 'go.temporal.io/server';

export interface TemporalBuild {
  server: string;
  sql: string;
  /** `<cache>/schema/postgresql/v12`, copied from the module so that run time needs only the cache. */
  schemaDir: string;
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.JALON_CLUSTER_CACHE || path.join(os.homedir(), '.cache', 'jalon', `temporal-${TEMPORAL_VERSION}`));
}

export function builtIn(dir: string): TemporalBuild {
  return { server: path.join(dir, 'bin', 'server'), sql: path.join(dir, 'bin', 'sql'), schemaDir: path.join(dir, 'schema', 'postgresql', 'v12') };
}

/** Another `go install` of this server running on the machine (the lead's, or a parallel `up`). */
function buildInProgress(): number | undefined {
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (path.basename(args[0] ?? '') === 'go' && args[1] === 'install' && args.some((a) => a === `${MODULE}/cmd/server@${TEMPORAL_VERSION}`)) return Number(pid);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** The binaries, building them first if the cache lacks them (or waiting for a build already running). */
export async function ensureTemporalBuilt(progress: (msg: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<TemporalBuild> {
  const dir = cacheDir(env);
  const build = builtIn(dir);
  const have = () => existsSync(build.server) && existsSync(build.sql);
  if (!have()) {
    const running = buildInProgress();
    if (running) {
      progress(`a build of Temporal ${TEMPORAL_VERSION} is already running (pid ${running}); waiting for it`);
      while (buildInProgress()) await new Promise((r) => setTimeout(r, 5_000));
    }
  }
  if (!have()) await goInstall(dir, progress, env);
  if (!have()) throw new Error(`the Temporal build finished but ${build.server} or ${build.sql} is missing; see ${path.join(dir, 'build.log')}`);
  if (!existsSync(build.schemaDir)) {
    const moduleDir = path.join(goEnv('GOMODCACHE', env), `${MODULE}@${TEMPORAL_VERSION}`);
    cpSync(path.join(moduleDir, 'schema', 'postgresql', 'v12'), build.schemaDir, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', path.join(dir, 'schema')]); // the module cache is read-only
  }
  return build;
}

function goEnv(name: string, env: NodeJS.ProcessEnv): string {
  return execFileSync('go', ['env', name], { env }).toString().trim();
}

async function goInstall(dir: string, progress: (msg: string) => void, env: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(path.join(dir, 'bin'), { recursive: true });
  const log = path.join(dir, 'build.log');
  progress(`building Temporal server ${TEMPORAL_VERSION} and its SQL tool from the Go module proxy into ${dir} (about 16 min on 2 cores; output in ${log})`);
  const started = Date.now();
  const out = createWriteStream(log);
  const child = spawn('go', ['install', `${MODULE}/cmd/server@${TEMPORAL_VERSION}`, `${MODULE}/cmd/tools/sql@${TEMPORAL_VERSION}`], {
    env: { ...env, GOTOOLCHAIN: 'local', GOBIN: path.join(dir, 'bin') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`cannot run go (is Go ≥ 1.26 installed and on PATH?): ${error.message}`)));
    child.once('exit', resolve);
  });
  out.end();
  if (code !== 0) throw new Error(`go install exited ${code}; see ${log}`);
  progress(`built in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
}
