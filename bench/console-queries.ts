// `npm run bench:console`: what the console's list and dashboard ask of the API with 5,000 candidates in
// one cohort, on the embedded defaults (PGlite). Seeds the rows directly (candidates and their journey
// read model, stages and deadlines spread as in a live intake), then times each call the screens make,
// through the real Express app and a console session. Prints the median and the slowest of 10 calls.
// Nothing is asserted. Options: --n 5000
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client } from '@temporalio/client';
import { createApp } from '../api/app';
import { createSession } from '../api/auth/sessions';
import { sessionOptionsOf } from '../api/auth/sessions';
import { applyMigrations } from '../prisma/migrate';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { startEmbeddedPostgres } from '../platform/services/embedded-postgres';

const nArg = process.argv.indexOf('--n');
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : 5000;
const STAGES = ['dossier', 'selection', 'interview', 'training', 'certification_jury'];

const pg = await startEmbeddedPostgres({ port: 0, maxConnections: 20 });
const db = createDatabase(pg.url, 10);
const client = new Client(); // lazy: the calls timed here never reach Temporal
try {
  await applyMigrations(pg.url);
  const cohort = await db.cohort.create({ data: { code: `BENCH-${randomUUID().slice(0, 6)}`, referentialCode: 'RNCP37332', label: 'Bench', startsOn: new Date('2027-09-01') } });
  const seedStart = Date.now();
  const now = Date.now();
  for (let i = 0; i < N; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, N - i) }, (_, k) => {
      const n = i + k;
      return { id: randomUUID(), cohortId: cohort.id, externalRef: `B-${n}`, firstName: `Prénom${n}`, lastName: `Nom${n}`, email: `c${n}@bench.test`, route: n % 7 === 0 ? 'vae' : 'student', language: 'fr' };
    });
    await db.candidate.createMany({ data: rows });
    await db.journeyView.createMany({
      data: rows.map((r, k) => ({
        journeyId: `journey:RNCP37332:${r.id}`, candidateId: r.id, cohortId: cohort.id, route: r.route, stage: STAGES[(i + k) % STAGES.length]!, status: 'active',
        awaiting: [{ who: { role: 'staff' }, what: 'dossier_pieces' }], nextDueAt: new Date(now + (((i + k) % 10) - 2) * 86_400_000), version: 1,
      })),
    });
  }
  console.log(`seeded ${N} candidates and journeys in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  const app = createApp({ db, temporal: client, log: createLogger({}, 'error', () => undefined), readiness: {}, config: { taskQueue: 'bench', publicBaseUrl: 'http://localhost' } });
  const staff = await db.staffUser.create({ data: { email: `bench-${randomUUID()}@staff.test`, name: 'Bench', role: 'read_only' } });
  const { token } = await createSession(db, staff.id, sessionOptionsOf({}));
  const cookie = `jalon_session=${token}`;

  const calls: [string, string][] = [
    ['candidate list, first page (25)', `/candidates?cohortId=${cohort.id}&limit=25`],
    ['candidate list, stage filter', `/candidates?cohortId=${cohort.id}&stage=interview&limit=25`],
    ['candidate list, overdue only', `/candidates?cohortId=${cohort.id}&overdue=true&limit=25`],
    ['candidate list, text search', `/candidates?cohortId=${cohort.id}&q=nom4321&limit=25`],
    ['dashboard: candidates per stage', `/dashboard/stages?cohortId=${cohort.id}`],
    ['dashboard: quotas', `/cohorts/${cohort.id}/quotas`],
    ['overdue list, first page', `/dashboard/overdue?cohortId=${cohort.id}&limit=25`],
  ];
  const rows: string[][] = [];
  for (const [label, url] of calls) {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const res = await request(app).get(url).set('Cookie', cookie);
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    times.sort((a, b) => a - b);
    rows.push([label, `${times[5]!.toFixed(0)} ms`, `${times[9]!.toFixed(0)} ms`]);
  }
  console.log(`\n${N} candidates in one cohort, embedded PostgreSQL (PGlite), 10 calls each, with a console session:\n`);
  console.log('| call | median | slowest |\n|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} finally {
  await db.$disconnect();
  await pg.stop();
}
