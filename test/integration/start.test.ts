// `npm start`'s supervisor as a user runs it: the whole system in a process group, on free ports and a
// temporary data folder. Killed with SIGKILL mid-workflow and started again, it finishes the workflow.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../api/auth/keys';
import { createDatabase, type Database } from '../../platform/database';
import { projectRoot } from '../../platform/tools';
import { eventually } from '../support/eventually';
import { messagesTo, waitForMessages } from '../support/mailbox';
import { readUrls } from '../../bench/system';
import { freePort } from '../support/ports';

interface System {
  proc: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

function startSystem(env: NodeJS.ProcessEnv): System {
  const output: string[] = [];
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'start.ts')], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    detached: true, // its own process group, so the test can kill the whole system at once
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
  proc.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, output, exited };
}

async function waitForText(system: System, text: string, timeoutMs = 90_000) {
  await eventually(() => {
    if (system.proc.exitCode !== null) throw new Error(`system exited early:\n${system.output.join('')}`);
    expect(system.output.join('')).toContain(text);
  }, timeoutMs, 100);
}

async function withDatabase<T>(url: string, use: (db: Database) => Promise<T>): Promise<T> {
  const db = createDatabase(url, 1);
  try {
    return await use(db);
  } finally {
    await db.$disconnect();
  }
}

/** Every file and folder under `dir` whose mode lets another user in (relative path and octal mode). */
async function openToOthers(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const stat = await lstat(full);
    if (!stat.isSymbolicLink() && (stat.mode & 0o077) !== 0) found.push(`${path.relative(dir, full)} ${(stat.mode & 0o777).toString(8)}`);
  }
  return found;
}

/** The processes still alive in the system's process group. */
function groupProcesses(system: System): { pid: number; args: string }[] {
  const ps = spawnSync('ps', ['-o', 'pid=,args=', '-g', String(system.proc.pid)], { encoding: 'utf8' });
  return ps.stdout.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => ({ pid: Number(l.split(/\s+/)[0]), args: l.slice(l.indexOf(' ') + 1) }));
}

function killGroup(system: System, signal: NodeJS.Signals) {
  try {
    process.kill(-system.proc.pid!, signal);
  } catch {
    // already gone
  }
}

describe('npm start (scripts/start.ts)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const running: System[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'jalon-start-'));
    // Port 0 wherever our code listens (bound at once, no race); the Temporal CLI needs named ports.
    const [temporalPort, uiPort] = await Promise.all([freePort(), freePort()]);
    env = {
      JALON_DATA_DIR: dataDir,
      API_PORT: '0',
      EMBEDDED_POSTGRES_PORT: '0',
      EMBEDDED_TEMPORAL_PORT: String(temporalPort),
      EMBEDDED_TEMPORAL_UI_PORT: String(uiPort),
      EMBEDDED_SMTP_PORT: '0',
      EMBEDDED_MAILBOX_PORT: '0',
      TEMPORAL_TASK_QUEUE: 'start-test',
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      SMTP_URL: '',
    };
  });

  afterAll(async () => {
    for (const system of running) {
      killGroup(system, 'SIGKILL');
      await system.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts every part, survives SIGKILL mid-workflow, and finishes the workflow after a restart', async () => {
    const first = startSystem(env);
    running.push(first);
    await waitForText(first, 'Ctrl-C stops everything.');
    let { api, mailbox, databaseUrl } = readUrls(first.output.join(''), dataDir);
    const ready = await (await fetch(`${api}/ready`)).json();
    expect(ready).toMatchObject({ status: 'ready', checks: { database: { status: 'up' }, temporal: { status: 'up' }, smtp: { status: 'up' } } });
    const adminKey = await withDatabase(databaseUrl, async (db) => (await issueApiKey(db, { email: 'ops@staff.test', name: 'Ops', role: 'admin' })).key);
    const asAdmin = { authorization: `Bearer ${adminKey}` };
    const getJson = async (url: string) => (await (await fetch(url, { headers: asAdmin })).json()) as Record<string, unknown>;

    const recipient = 'survivor@example.org';
    const started = await fetch(`${api}/system-checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...asAdmin },
      body: JSON.stringify({ recipient, delaySeconds: 6 }),
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    await eventually(async () => expect((await getJson(`${api}/system-checks/${id}`)).workflowStatus).toBe('waiting'));

    killGroup(first, 'SIGKILL');
    await first.exited;

    const second = startSystem(env);
    running.push(second);
    await waitForText(second, 'Ctrl-C stops everything.');
    ({ api, mailbox, databaseUrl } = readUrls(second.output.join(''), dataDir));
    const [mail] = await waitForMessages(mailbox, recipient, 1, 60_000);
    expect(mail!.text).toContain(id);
    await eventually(async () => expect((await getJson(`${api}/system-checks/${id}`)).status).toBe('completed'));
    expect(await messagesTo(mailbox, recipient)).toHaveLength(1);

    // #2: the data folder (records, mail archive with its links, secrets) is private to this user, and
    // the embedded database refuses another process that does not know its password.
    expect(await openToOthers(dataDir)).toEqual([]);
    const intruder = new URL(databaseUrl);
    intruder.username = 'nobody';
    intruder.password = 'wrongpass';
    const client = new pg.Client({ connectionString: intruder.toString() });
    const refused = await client.connect().then(() => 'connected', (error: { code?: string }) => error.code);
    await client.end().catch(() => undefined);
    expect(refused).toBe('28P01');

    // A crashed child (the SMTP sink, then the app itself) is started again on the same ports; the
    // system goes on: a new check is mailed through the restarted sink by the restarted app.
    for (const [name, script] of [['smtp', 'run-smtp-sink'], ['app', 'run-app']] as const) {
      const [pid] = groupProcesses(second).filter((p) => p.args.includes(script)).map((p) => p.pid);
      expect(pid, script).toBeDefined();
      process.kill(pid!, 'SIGKILL');
      await waitForText(second, `${name} is running again`);
    }
    expect(second.output.join('')).toContain('smtp exited unexpectedly (SIGKILL); starting it again in 1 s');
    const again = await fetch(`${api}/system-checks`, { method: 'POST', headers: { 'content-type': 'application/json', ...asAdmin }, body: JSON.stringify({ recipient: 'after-crash@example.org' }) });
    expect(again.status).toBe(202);
    await waitForMessages(mailbox, 'after-crash@example.org', 1, 60_000);

    // Ctrl-C in a terminal signals the whole group: everything stops cleanly, exit 0, nothing left.
    killGroup(second, 'SIGINT');
    expect(await second.exited).toBe(0);
    const output = second.output.join('');
    expect(output).toContain('stopped');
    expect(output).not.toMatch(/IllegalStateError|Not running|unhandled/i);
    await eventually(() => expect(groupProcesses(second)).toEqual([]), 15_000, 200);
  }, 240_000);

  it('#2 refuses, in production, to start the embedded services unless allowed, saying why', async () => {
    const system = startSystem({ ...env, NODE_ENV: 'production', ACTION_LINK_SECRET: 's'.repeat(40) });
    running.push(system);
    expect(await system.exited).toBe(1);
    const output = system.output.join('');
    expect(output).toContain('NODE_ENV=production');
    expect(output).toContain('DATABASE_URL');
    expect(output).toContain('ALLOW_EMBEDDED_IN_PRODUCTION=true');
    expect(output).not.toContain('temporal |'); // nothing was started
  }, 60_000);

  it.each([
    ['DATABASE_URL', 'postgresql://nobody@127.0.0.1:1/none'],
    ['DATABASE_URL', 'mysql://x'],
    ['TEMPORAL_ADDRESS', '127.0.0.1:1'],
    ['TEMPORAL_ADDRESS', 'no-port'],
  ])('fails fast with a one-line error naming %s when it is %s', async (name, value) => {
    const system = startSystem({ ...env, [name]: value });
    running.push(system);
    const code = await system.exited;
    expect(code).toBe(1);
    const errorLines = system.output.join('').split('\n').filter((l) => l.startsWith('jalon: '));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain(name);
  }, 60_000);
});
