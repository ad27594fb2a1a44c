// The whole system as `npm start` runs it: a person applies, confirms, uploads their CV in the space;
// the system is killed with SIGKILL (every process of its group) and started again on the same data
// folder: the file is still there, whole, for the same session, and no partial file was left.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../api/auth/keys';
import { readUrls } from '../../bench/system';
import { createDatabase } from '../../platform/database';
import { projectRoot } from '../../platform/tools';
import { eventually } from '../support/eventually';
import { waitForMessages } from '../support/mailbox';
import { freePort } from '../support/ports';
import { pdf } from './files';

const running: ChildProcess[] = [];
let dataDir: string;

async function start(env: NodeJS.ProcessEnv) {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'start.ts')], { cwd: projectRoot, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(proc);
  let output = '';
  proc.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  await eventually(() => {
    if (proc.exitCode !== null) throw new Error(`the system exited:\n${output}`);
    expect(output).toContain('Ctrl-C stops everything.');
  }, 150_000, 200);
  return { proc, ...readUrls(output, dataDir), exited: new Promise((r) => proc.once('exit', r)) };
}

afterAll(async () => {
  for (const proc of running) {
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a stored file and the whole system', () => {
  it('survives a SIGKILL of the system and a restart on the same data folder', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'jalon-space-system-'));
    const [temporalPort, uiPort] = await Promise.all([freePort(), freePort()]);
    const env = {
      JALON_DATA_DIR: dataDir, API_PORT: '0', EMBEDDED_POSTGRES_PORT: '0', EMBEDDED_TEMPORAL_PORT: String(temporalPort), EMBEDDED_TEMPORAL_UI_PORT: String(uiPort),
      EMBEDDED_SMTP_PORT: '0', EMBEDDED_MAILBOX_PORT: '0', TEMPORAL_TASK_QUEUE: 'space-system', DATABASE_URL: '', TEMPORAL_ADDRESS: '', SMTP_URL: '', LOG_LEVEL: 'warn',
    };
    const first = await start(env);
    const db = createDatabase(first.databaseUrl, 1);
    const { key } = await issueApiKey(db, { email: `admissions-${randomUUID()}@staff.test`, name: 'Admissions', role: 'admissions' });
    await db.$disconnect();
    const asStaff = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const cohort = await (await fetch(`${first.api}/cohorts`, { method: 'POST', headers: asStaff, body: JSON.stringify({ code: 'SYS-2027', referentialCode: 'RNCP37332', label: 'Promotion système', startsOn: '2027-09-01' }) })).json() as { id: string };
    expect((await fetch(`${first.api}/cohorts/${cohort.id}/intake`, { method: 'PUT', headers: asStaff, body: JSON.stringify({ open: true }) })).status).toBe(200);

    const email = `sam-${randomUUID()}@candidats.test`;
    const origin = { origin: first.api };
    const applied = await fetch(`${first.api}/apply/SYS-2027`, {
      method: 'POST', headers: origin,
      body: new URLSearchParams({ firstName: 'Sam', lastName: 'Leroy', email, route: 'student', degree: 'university_master', years: '0', enrolment: 'full', consent: 'yes' }),
    });
    expect(applied.status).toBe(200);
    const [confirmation] = await waitForMessages(first.mailbox, email, 1, 60_000);
    const confirmLink = /(https?:\/\/\S+\/apply\/confirm\/[A-Za-z0-9_-]{43})/.exec(confirmation!.text)![1]!;
    const confirmed = await fetch(confirmLink, { method: 'POST', headers: origin, redirect: 'manual' });
    expect(confirmed.status).toBe(303);
    const cookie = confirmed.headers.get('set-cookie')!.split(';')[0]!;
    // The journey opened the dossier (its email is the sign that the stage is open).
    await waitForMessages(first.mailbox, email, 2, 60_000);
    const csrf = await eventually(async () => {
      const page = await (await fetch(`${first.api}/space`, { headers: { cookie } })).text();
      expect(page).toContain('piece-cv');
      return /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    }, 30_000, 200);
    const form = new FormData();
    form.append('csrf', csrf);
    form.append('file', new Blob([pdf('Sam Leroy – CV')], { type: 'application/pdf' }), 'CV Sam.pdf');
    const uploaded = await fetch(`${first.api}/space/pieces/cv`, { method: 'POST', headers: { cookie, ...origin }, body: form, redirect: 'manual' });
    expect(uploaded.status).toBe(303);
    const fileId = /\/space\/files\/([0-9a-f-]{36})/.exec(await (await fetch(`${first.api}/space`, { headers: { cookie } })).text())![1]!;

    process.kill(-first.proc.pid!, 'SIGKILL');
    await first.exited;
    const second = await start(env);
    const again = await fetch(`${second.api}/space/files/${fileId}`, { headers: { cookie } });
    expect(again.status).toBe(200);
    expect(again.headers.get('content-disposition')).toMatch(/^attachment; filename="CV Sam.pdf"/);
    expect(Buffer.from(await again.arrayBuffer())).toEqual(pdf('Sam Leroy – CV'));
    const left = (await readdir(path.join(dataDir, 'files'), { recursive: true })).filter((f) => path.basename(String(f)).startsWith('.tmp-'));
    expect(left).toEqual([]);
    process.kill(-second.proc.pid!, 'SIGINT');
    await second.exited;
  }, 420_000);
});
