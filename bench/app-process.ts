// One more application process beside `npm start`'s (the "split" configuration: the worker and the
// outbox dispatcher alone, START_API=false), as `npm run cluster` runs its `jalon-worker-*` roles.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { rssBytes } from '../scripts/cluster-processes';
import { projectRoot } from '../platform/tools';

export interface AppProcess {
  pid: number;
  rss(): number;
  stop(): Promise<void>;
}

/** Starts platform/run-app.ts with `env` and resolves once it prints {"ready":…} (migrations applied, worker polling). */
export async function startAppProcess(env: NodeJS.ProcessEnv, log: (line: string) => void, timeoutMs = 120_000): Promise<AppProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'platform', 'run-app.ts')], {
    cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  createInterface({ input: proc.stderr! }).on('line', (line) => log(`worker   | ${line}`));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker process was not ready after ${timeoutMs / 1000} s (see the system's output)`)), timeoutMs);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.startsWith('{"ready"')) {
        clearTimeout(timer);
        resolve();
      }
      log(`worker   | ${line}`);
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the worker process exited before it was ready (${signal ?? code}); see the system's output`));
    });
  });
  return {
    pid: proc.pid!,
    rss: () => rssBytes(proc.pid),
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      // Its own stop() closes the worker, the dispatcher and the database, then exits (writing its profile).
      const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
