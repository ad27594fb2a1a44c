// The cluster's processes outlive `npm run cluster -- up`: each runs detached, its output in a log file,
// its pid in `<cluster>/run/<role>.pid` (how `status`, `down`, the drills and `bench --external` find a
// process by its role, never by its name). The state file records what `up` started, in order.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ProcessSpec {
  role: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user (uid, gid): PostgreSQL refuses root. */
  user?: { uid: number; gid: number };
}

export const runDir = (clusterDir: string) => path.join(clusterDir, 'run');
export const logDir = (clusterDir: string) => path.join(clusterDir, 'logs');
export const pidFile = (clusterDir: string, role: string) => path.join(runDir(clusterDir), `${role}.pid`);
export const logFile = (clusterDir: string, role: string) => path.join(logDir(clusterDir), `${role}.log`);

/** Starts a detached process whose output goes (appended) to its log; writes its pid file. */
export function startDetached(clusterDir: string, spec: ProcessSpec): number {
  mkdirSync(runDir(clusterDir), { recursive: true, mode: 0o700 });
  mkdirSync(logDir(clusterDir), { recursive: true, mode: 0o700 });
  const out = openSync(logFile(clusterDir, spec.role), 'a', 0o600);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd, env: spec.env ?? process.env, detached: true, stdio: ['ignore', out, out],
    ...(spec.user ? { uid: spec.user.uid, gid: spec.user.gid } : {}),
  });
  closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new Error(`${spec.role}: could not start ${spec.command}`);
  writePid(clusterDir, spec.role, child.pid);
  return child.pid;
}

export function writePid(clusterDir: string, role: string, pid: number): void {
  mkdirSync(runDir(clusterDir), { recursive: true, mode: 0o700 });
  writeFileSync(pidFile(clusterDir, role), `${pid}\n`, { mode: 0o600 });
}

export function readPid(clusterDir: string, role: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile(clusterDir, role), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The roles that have a pid file, in no particular order. */
export function knownRoles(clusterDir: string): string[] {
  if (!existsSync(runDir(clusterDir))) return [];
  return readdirSync(runDir(clusterDir)).filter((n) => n.endsWith('.pid')).map((n) => n.slice(0, -4));
}

/** Alive and not a zombie (a killed child of this very process may linger until reaped). */
export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Resident memory of a process, in bytes (0 if gone). */
export function rssBytes(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. Answers how it ended. */
export async function stopProcess(pid: number, graceMs = 15_000): Promise<'stopped' | 'killed' | 'not running'> {
  if (!isAlive(pid)) return 'not running';
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
  while (isAlive(pid)) await sleep(100);
  return 'killed';
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

export function removePid(clusterDir: string, role: string): void {
  rmSync(pidFile(clusterDir, role), { force: true });
}

/** Waits until a line of the role's log (written after `fromByte`) matches; fails early if the process dies. */
export async function waitForLog(clusterDir: string, role: string, pattern: RegExp, options: { pid: number; fromByte?: number; timeoutMs: number }): Promise<string> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const text = readLogSince(clusterDir, role, options.fromByte ?? 0);
    const line = text.split('\n').find((l) => pattern.test(l));
    if (line) return line;
    if (!isAlive(options.pid)) throw new Error(`${role} exited while starting; the end of ${logFile(clusterDir, role)}:\n${tail(text, 15)}`);
    if (Date.now() > deadline) throw new Error(`${role} was not ready after ${options.timeoutMs / 1000} s; the end of ${logFile(clusterDir, role)}:\n${tail(text, 15)}`);
    await sleep(200);
  }
}

export function readLogSince(clusterDir: string, role: string, fromByte: number): string {
  try {
    return readFileSync(logFile(clusterDir, role)).subarray(fromByte).toString('utf8');
  } catch {
    return '';
  }
}

export function logSize(clusterDir: string, role: string): number {
  try {
    return statSync(logFile(clusterDir, role)).size;
  } catch {
    return 0;
  }
}

export const tail = (text: string, lines: number) => text.trimEnd().split('\n').slice(-lines).join('\n');
