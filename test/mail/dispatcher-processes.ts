// The dispatcher as its own process role (platform/run-app.ts with START_DISPATCHER only, as the cluster's
// jalon-dispatcher-N runs it), started and killed by the dispatcher tests; and the rows they race on.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../platform/database';
import { projectRoot } from '../../platform/tools';

export interface DispatcherProcess {
  child: ChildProcess;
  /** Whether it listens to PostgreSQL's NOTIFY (it says so when it starts). */
  listening: boolean;
  output: () => string;
  stop(): Promise<void>;
}

export async function startDispatcherProcess(env: { databaseUrl: string; temporalAddress: string; smtpUrl: string; leaseSeconds: number; pollMs: number }): Promise<DispatcherProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'platform', 'run-app.ts')], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      JALON_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'jalon-dispatcher-')),
      DATABASE_URL: env.databaseUrl, TEMPORAL_ADDRESS: env.temporalAddress, SMTP_URL: env.smtpUrl,
      START_API: 'false', START_WORKER: 'false', START_DISPATCHER: 'true', JURY_DIGEST_HOURS: '0',
      OUTBOX_LEASE_SECONDS: String(env.leaseSeconds), OUTBOX_POLL_MS: String(env.pollMs),
      ACTION_LINK_SECRET: 'd'.repeat(40), LOG_LEVEL: 'info', NODE_ENV: 'test',
    },
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  while (!/^\{"ready":true/m.test(out)) {
    if (child.exitCode !== null) throw new Error(`the dispatcher process ended before it was ready:\n${out}`);
    if (Date.now() > deadline) throw new Error(`the dispatcher process was not ready after 120 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    listening: /"msg":"outbox dispatcher running"[^\n]*"listening":true/.test(out),
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `count` queued emails to `<tag>-<n>@dispatch.test`, written at once (as a burst of journeys would). */
export async function queueRows(db: Database, tag: string, count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    idempotencyKey: `${tag}:${n}`,
    kind: 'dossier_reminder',
    recipient: `${tag}-${n}@dispatch.test`,
    language: 'fr',
    status: 'queued',
    payload: { subject: `Votre dossier ${n} / Your application ${n}`, text: `Bonjour ${n}`, html: `<p>Bonjour ${n}</p>`, attachments: [], data: {} },
  }));
  await db.outboxEmail.createMany({ data: rows });
  return rows.map((r) => r.id);
}

/** How many messages the sink holds per Message-ID, for this tag's recipients. */
export function countByMessageId(messages: { messageId: string | undefined; envelopeTo: string[] }[], tag: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) {
    if (!m.envelopeTo.some((to) => to.startsWith(`${tag}-`))) continue;
    counts.set(m.messageId ?? '(none)', (counts.get(m.messageId ?? '(none)') ?? 0) + 1);
  }
  return counts;
}
