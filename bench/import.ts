// Measures a CSV import of N candidates (default 1000) on the embedded defaults: in-memory PGlite
// (the same maxConnections as `npm start`), the Temporal dev server, the app in-process over HTTP.
// No worker runs: the measure is the import (validation, rows, journey starts), not the journeys.
//   node --import tsx bench/import.ts [N]
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { issueApiKey } from '../api/auth/keys';
import { loadConfig } from '../platform/config';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { startEmbeddedPostgres } from '../platform/services/embedded-postgres';
import { startTemporalDevServer } from '../platform/services/temporal-dev-server';
import { temporalCliPath } from '../platform/tools';
import { applyMigrations } from '../prisma/migrate';
import { freePort } from '../test/support/ports';

const n = Number(process.argv[2] ?? 1000);
const config = loadConfig({});
const pg = await startEmbeddedPostgres({ port: 0, maxConnections: config.EMBEDDED_POSTGRES_MAX_CONNECTIONS });
const temporal = await startTemporalDevServer({ cliPath: temporalCliPath()!, port: await freePort(), namespace: 'default' });
await applyMigrations(pg.url);
const db = createDatabase(pg.url, config.DATABASE_POOL_SIZE);
const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
const app = createApp({ db, temporal: client, log: createLogger({}, 'warn'), config: { taskQueue: 'bench-import', publicBaseUrl: 'http://localhost' }, readiness: {} });
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
try {
  const { key } = await issueApiKey(db, { email: 'bench@staff.test', name: 'bench', role: 'admissions' });
  const headers = { Authorization: `Bearer ${key}` };
  const cohort = await (await fetch(`${base}/cohorts`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ code: `BENCH-${randomUUID().slice(0, 6)}`, referentialCode: 'RNCP37332', label: 'Bench', startsOn: '2027-09-01' }) })).json() as { id: string };
  const csv = ['external_ref,first_name,last_name,email,route,degrees,qualifying_years', ...Array.from({ length: n }, (_, i) => `B-${i},Prénom${i},Nom${i},b${i}@example.org,student,university_master,1`)].join('\n');
  for (const run of ['first run', 'second run (same file)']) {
    const started = performance.now();
    const job = await (await fetch(`${base}/cohorts/${cohort.id}/imports`, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/csv' }, body: csv })).json() as { id: string };
    let status: { status: string; processed: number; accepted: number; rejected: number };
    do {
      await new Promise((r) => setTimeout(r, 200));
      status = await (await fetch(`${base}/imports/${job.id}`, { headers })).json() as typeof status;
    } while (status.status === 'running');
    console.log(JSON.stringify({ run, lines: n, ...status, seconds: Math.round((performance.now() - started) / 100) / 10 }));
  }
  console.log(JSON.stringify({ candidatesInCohort: await db.candidate.count({ where: { cohortId: cohort.id } }) }));
} finally {
  server.close();
  await client.connection.close();
  await db.$disconnect();
  await temporal.stop();
  await pg.stop();
}
