// Where a drill runs, and how it injects its fault there. Embedded: `npm start`'s supervisor with its
// embedded services (it restarts what dies). Cluster: the processes of `npm run cluster -- up`, found by
// their pid files; nothing restarts them but the drill itself, as a service manager would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startSystem } from '../bench/system';
import { projectRoot } from '../platform/tools';
import { apiReady, postgresHealth, tcpOpen } from './cluster-health';
import { isAlive, waitForExit } from './cluster-processes';
import { postgresOf, startRole, stopRole, pidOf as clusterPid } from './cluster-roles';
import { clusterDirOf, jalonDatabaseUrl, readOrCreateSecrets, readState } from './cluster-state';
import { restartPostgres } from './cluster-postgres';

/** The parts a drill can hit. */
export type Part = 'worker' | 'api' | 'postgres' | 'history' | 'smtp';

export interface DrillSystem {
  kind: 'embedded' | 'cluster';
  api: string;
  mailbox: string;
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  /** SIGKILL the part's process; answers its pid. */
  kill(part: Part): number;
  /** A clean restart (SIGTERM, then started again once it exited). */
  restart(part: Part): Promise<void>;
  /** Stops the part until `start` (the SMTP outage). */
  stop(part: Part): Promise<void>;
  start(part: Part): Promise<void>;
  /** After a kill: started again (the embedded supervisor does it; on the cluster, the drill). */
  recovered(part: Part): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/**
 * An SMTP sink the drill runs itself, so that it can be stopped for minutes (npm start's would be
 * restarted). Its first start binds ports of the kernel's choice (port 0: no race with other programs);
 * it comes back on the same ones.
 */
async function ownSink(dataDir: string, log: (line: string) => void) {
  let ports = { smtp: '0', http: '0' };
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'platform/run-smtp-sink.ts')], {
      cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, JALON_DATA_DIR: dataDir, EMBEDDED_SMTP_PORT: ports.smtp, EMBEDDED_MAILBOX_PORT: ports.http },
    });
    const ready = new Promise<{ ready: string; mailbox: string }>((resolve, reject) => {
      createInterface({ input: proc!.stdout! }).on('line', (l) => (l.startsWith('{"ready"') ? resolve(JSON.parse(l)) : log(`sink | ${l}`)));
      proc!.once('exit', (code) => reject(new Error(`the drill's SMTP sink exited (${code}); see the drill's log`)));
    });
    createInterface({ input: proc.stderr! }).on('line', (l) => log(`sink | ${l}`));
    const urls = await ready;
    ports = { smtp: new URL(urls.ready).port, http: new URL(urls.mailbox).port };
  };
  const stop = async () => {
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc!.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  };
  await start();
  return { url: `smtp://127.0.0.1:${ports.smtp}`, mailbox: `http://127.0.0.1:${ports.http}`, start, stop };
}

const SCRIPT: Record<Part, string | undefined> = {
  worker: 'platform/run-app.ts', api: 'platform/run-app.ts', postgres: 'platform/run-embedded-postgres.ts', smtp: 'platform/run-smtp-sink.ts', history: undefined,
};

/** `npm start` in a fresh data folder; with `stoppableSmtp`, the SMTP server is one the drill controls. */
export async function embeddedSystem(options: { stoppableSmtp?: boolean; logFile: string }): Promise<DrillSystem> {
  const logStream = createWriteStream(options.logFile, { flags: 'a' });
  const log = (line: string) => logStream.write(`${line}\n`);
  const sinkDir = await mkdtemp(path.join(os.tmpdir(), 'jalon-drill-sink-'));
  const sink = options.stoppableSmtp ? await ownSink(sinkDir, log) : undefined;
  const system = await startSystem({ ...(sink ? { SMTP_URL: sink.url } : {}), LOG_LEVEL: 'info' }, log, sink?.mailbox);
  const killed = new Map<Part, number>();
  const scriptOf = (part: Part) => {
    const script = SCRIPT[part];
    if (!script) throw new Error(`the embedded system has no separate ${part} process: run this drill with --cluster`);
    return script;
  };
  const healthy = async (part: Part) => {
    if (part === 'api' || part === 'worker') return (await apiReady(system.api)).ok;
    if (part === 'postgres') return (await postgresHealth(system.databaseUrl)).ok;
    return (await tcpOpen(Number(new URL(system.mailbox).port))).ok;
  };
  const recovered = async (part: Part) => {
    const before = killed.get(part);
    await until(`${part} running again`, async () => {
      const pid = system.pidOf(scriptOf(part));
      return pid !== undefined && pid !== before && (await healthy(part));
    });
  };
  return {
    kind: 'embedded',
    api: system.api, mailbox: system.mailbox, databaseUrl: system.databaseUrl, temporalAddress: system.temporalAddress, namespace: 'default',
    kill(part) {
      const pid = system.pidOf(scriptOf(part));
      if (!pid) throw new Error(`no ${part} process running`);
      process.kill(pid, 'SIGKILL');
      killed.set(part, pid);
      return pid;
    },
    async restart(part) {
      const pid = system.pidOf(scriptOf(part));
      if (!pid) throw new Error(`no ${part} process running`);
      killed.set(part, pid);
      process.kill(pid, 'SIGTERM'); // the supervisor starts it again, as after any exit
      await recovered(part);
    },
    async stop(part) {
      if (part !== 'smtp' || !sink) throw new Error('only the drill\'s own SMTP server can be stopped on the embedded system');
      await sink.stop();
    },
    async start(part) {
      if (part !== 'smtp' || !sink) throw new Error('only the drill\'s own SMTP server can be started on the embedded system');
      await sink.start();
    },
    recovered,
    async close() {
      await system.stop();
      await sink?.stop();
      await rm(sinkDir, { recursive: true, force: true });
      logStream.end();
    },
  };
}

const CLUSTER_ROLE: Record<Part, string> = {
  worker: 'jalon-worker-1', api: 'jalon-api', postgres: 'postgres', history: 'temporal-history-1', smtp: 'smtp',
};

/** The cluster `npm run cluster -- up` started (it must be up). */
export function clusterSystem(): DrillSystem {
  const { clusterDir } = clusterDirOf();
  const state = readState(clusterDir);
  if (!state) throw new Error(`no cluster in ${clusterDir}: run \`npm run cluster -- up\` first`);
  if (!state.smtp.sink) throw new Error('the drills read emails at the cluster\'s SMTP sink: bring the cluster up without SMTP_URL');
  const secrets = readOrCreateSecrets(clusterDir);
  const role = (part: Part) => CLUSTER_ROLE[part];
  return {
    kind: 'cluster',
    api: state.app.apiUrl, mailbox: state.smtp.sink.mailboxUrl, databaseUrl: jalonDatabaseUrl(state, secrets),
    temporalAddress: state.temporal.address, namespace: state.namespace,
    kill(part) {
      const pid = clusterPid(state, secrets, role(part));
      if (!isAlive(pid)) throw new Error(`${role(part)} is not running: check \`npm run cluster -- status\``);
      process.kill(pid!, 'SIGKILL');
      return pid!;
    },
    async restart(part) {
      if (part === 'postgres') return restartPostgres(postgresOf(state, secrets));
      await stopRole(state, secrets, role(part));
      await startRole(state, secrets, role(part));
    },
    async stop(part) {
      await stopRole(state, secrets, role(part));
    },
    async start(part) {
      await startRole(state, secrets, role(part));
    },
    async recovered(part) {
      const pid = clusterPid(state, secrets, role(part));
      if (pid) await waitForExit(pid, 10_000);
      await startRole(state, secrets, role(part));
    },
    async close() {},
  };
}
