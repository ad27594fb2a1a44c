// Starts the whole system as `npm start` does (scripts/start.ts, embedded defaults unless DATABASE_URL…
// is given) in a temporary data folder on free ports, in its own process group, and measures its
// processes. `split`: the API alone there (START_WORKER=false), the worker in a process of its own.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EMBEDDED_POSTGRES_PASSWORD_FILE } from '../platform/secrets';
import { projectRoot } from '../platform/tools';
import { freePort } from '../test/support/ports';
import { startAppProcess, type AppProcess } from './app-process';

/** The parts whose memory the benchmark reports. */
export type MeasuredRole = 'app' | 'temporal' | 'postgres';

export interface RunningSystem {
  api: string;
  mailbox: string;
  databaseUrl: string;
  temporalAddress: string;
  dataDir: string;
  /** Resident memory (bytes) of the processes playing that role (all of them: API and workers are "app"). */
  rss(role: MeasuredRole): number;
  /** The application processes (API, workers), for their CPU profiles. */
  appPids(): number[];
  /** The pid of the supervisor's child whose command line contains `needle` (e.g. `run-app.ts`), if running. */
  pidOf(needle: string): number | undefined;
  stop(): Promise<void>;
}

/** The addresses `npm start` printed; the embedded database's password (not printed) is read from its data folder. */
export function readUrls(output: string, dataDir: string, mailbox?: string, databaseUrl?: string): { api: string; mailbox: string; databaseUrl: string; temporalAddress: string } {
  const value = (name: string) => {
    const m = new RegExp(`\\|\\s+${name}\\s+(\\S+)`).exec(output);
    if (!m) throw new Error(`no "${name}" address in the start output:\n${output}`);
    return m[1]!;
  };
  return {
    api: value('api'),
    mailbox: mailbox ?? value('mailbox'),
    databaseUrl: databaseUrl ?? value('database').replace(':***@', `:${readFileSync(path.join(dataDir, EMBEDDED_POSTGRES_PASSWORD_FILE), 'utf8').trim()}@`),
    temporalAddress: value('temporal'),
  };
}

export interface SystemOptions {
  /** The API in `npm start`'s app process, the worker and dispatcher in a second one. */
  split?: boolean;
  /** NODE_OPTIONS of every Node process of the system (the CPU profile's hook). */
  nodeOptions?: string;
}

/**
 * `mailbox`: the mailbox of the SMTP server given as SMTP_URL in `extraEnv` (npm start then runs no sink).
 * A DATABASE_URL in `extraEnv` is used as given (npm start then runs no embedded PostgreSQL).
 */
export async function startSystem(extraEnv: Record<string, string> = {}, log: (line: string) => void = () => {}, mailbox?: string, options: SystemOptions = {}): Promise<RunningSystem> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'jalon-bench-'));
  // Port 0 (the kernel's choice, bound at once) wherever our own code listens: a port picked in advance
  // can be taken by another process before it is bound. The Temporal CLI needs its ports named.
  const [temporalPort, uiPort] = await Promise.all([freePort(), freePort()]);
  const env = {
    ...process.env,
    JALON_DATA_DIR: dataDir,
    API_PORT: '0',
    EMBEDDED_POSTGRES_PORT: '0',
    EMBEDDED_TEMPORAL_PORT: String(temporalPort),
    EMBEDDED_TEMPORAL_UI_PORT: String(uiPort),
    EMBEDDED_SMTP_PORT: '0',
    EMBEDDED_MAILBOX_PORT: '0',
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    SMTP_URL: '',
    LOG_LEVEL: 'warn',
    // One email per request, as the intake reads the reviewer's link from it: the daily digest would hold
    // it for a day (the digest has its own tests).
    JURY_DIGEST_HOURS: '0',
    ...(options.nodeOptions ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${options.nodeOptions}`.trim() } : {}),
    ...extraEnv,
    ...(options.split ? { START_WORKER: 'false' } : {}),
  };
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'start.ts')], {
    cwd: projectRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (c: Buffer) => {
    output += c.toString();
    for (const line of c.toString().split('\n')) if (line.trim()) log(line);
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  while (!output.includes('Ctrl-C stops everything.')) {
    if (proc.exitCode !== null) throw new Error(`the system did not start:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the system was not ready after 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const groupPids = () =>
    execFileSync('ps', ['-o', 'pid=,rss=,args=', '-g', String(proc.pid)]).toString().trim().split('\n').map((l) => {
      const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)!;
      return { pid: Number(m[1]), rssKb: Number(m[2]), args: m[3]! };
    });
  const urls = readUrls(output, dataDir, mailbox, extraEnv.DATABASE_URL || undefined);
  let worker: AppProcess | undefined;
  try {
    if (options.split) worker = await startAppProcess(workerEnv(env, output, urls), log);
  } catch (error) {
    process.kill(-proc.pid!, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const needles = { app: 'run-app.ts', temporal: 'server start-dev', postgres: 'run-embedded-postgres.ts' };
  return {
    ...urls,
    dataDir,
    rss(role) {
      const found = groupPids().filter((p) => p.args.includes(needles[role]));
      return found.reduce((sum, p) => sum + p.rssKb * 1024, 0) + (role === 'app' && worker ? worker.rss() : 0);
    },
    appPids: () => [...groupPids().filter((p) => p.args.includes(needles.app)).map((p) => p.pid), ...(worker ? [worker.pid] : [])],
    pidOf(needle) {
      return groupPids().find((p) => p.args.includes(needle))?.pid;
    },
    async stop() {
      await worker?.stop();
      try {
        process.kill(proc.pid!, 'SIGINT');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-proc.pid!, 'SIGKILL');
        } catch {
          // gone
        }
      }, 20_000);
      await exited;
      clearTimeout(timer);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The worker process of the split configuration: the services `npm start` started, the API's address for links. */
function workerEnv(env: NodeJS.ProcessEnv, output: string, urls: { api: string; databaseUrl: string; temporalAddress: string }): NodeJS.ProcessEnv {
  // Printed only for the sink npm start runs; one given as SMTP_URL is printed without its password.
  const smtp = env.SMTP_URL || /\|\s+smtp\s+(\S+)/.exec(output)?.[1];
  if (!smtp) throw new Error(`no "smtp" address in the start output:\n${output}`);
  return {
    ...env,
    START_API: 'false',
    START_WORKER: 'true',
    DATABASE_URL: urls.databaseUrl,
    TEMPORAL_ADDRESS: urls.temporalAddress,
    SMTP_URL: smtp,
    // The emails' links point at the API, which runs in the other process.
    PUBLIC_BASE_URL: urls.api,
  };
}
