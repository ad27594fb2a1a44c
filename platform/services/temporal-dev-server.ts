// The real Temporal server for a single machine: the Temporal CLI's dev server, persisted to a SQLite
// file in the data folder, with its Web UI. Spawned as a child process in our process group, so that
// stopping (or killing) the group stops it too.
import { JOURNEY_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';

export interface TemporalDevServer {
  address: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: {
  cliPath: string;
  dbFile?: string; // undefined: in memory
  port: number;
  uiPort?: number; // undefined: no UI
  namespace: string;
  onOutput?: (line: string) => void;
  readyTimeoutMs?: number;
}): Promise<TemporalDevServer> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--namespace', options.namespace,
    '--log-format', 'json', '--log-level', 'error',
    // WAL with synchronous=NORMAL: about ten times the throughput of the defaults, still durable
    // across a process crash (only an OS crash can lose the last transactions).
    '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal',
    // The journey's search attributes (the Temporal UI filters journeys by them), registered at start.
    ...JOURNEY_SEARCH_ATTRIBUTES.flatMap((a) => ['--search-attribute', `${a.name}=${a.type}`])];
  if (options.dbFile) {
    await mkdir(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  if (options.uiPort !== undefined) args.push('--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1', '--ui-disable-news-fetch');
  else args.push('--headless');

  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((l) => options.onOutput?.(l));
  child.stdout?.on('data', lines);
  child.stderr?.on('data', lines);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.once('error', (error) => (exited = error.message));

  const address = `127.0.0.1:${options.port}`;
  await waitForTemporal(address, options.readyTimeoutMs ?? 60_000, () => exited);
  return {
    address,
    uiUrl: options.uiPort !== undefined ? `http://127.0.0.1:${options.uiPort}` : undefined,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    },
  };
}

/** Resolves when the frontend answers; rejects with the reason when the process dies or time runs out. */
export async function waitForTemporal(address: string, timeoutMs: number, died: () => string | undefined = () => undefined) {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    const death = died();
    if (death) throw new Error(`Temporal dev server ${death}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = (error as Error).message;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal at ${address} was not ready after ${timeoutMs} ms: ${lastError}`);
}
