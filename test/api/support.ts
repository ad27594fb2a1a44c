// The staff API on the test stack: the real app over the embedded PostgreSQL and the Temporal dev
// server, one API key per role, and a cohort factory. Each test file gets its own task queue and data.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { expect, inject } from 'vitest';
import { createApp } from '../../api/app';
import { issueApiKey } from '../../api/auth/keys';
import { ROLES, type Role } from '../../api/auth/roles';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { uniqueTaskQueue } from '../support/temporal';
import { eventually } from '../support/eventually';
import { NativeConnection } from '@temporalio/worker';
import { createWorker } from '../../platform/worker';
import { startTestDispatcher } from '../support/dispatcher';

export interface ApiHarness {
  db: Database;
  client: Client;
  app: ReturnType<typeof createApp>;
  taskQueue: string;
  keys: Record<Role, string>;
  staffIds: Record<Role, string>;
  close(): Promise<void>;
}

export async function createHarness(name: string, taskQueue = uniqueTaskQueue(name), extra: Pick<Parameters<typeof createApp>[0], 'staffApi'> = {}): Promise<ApiHarness> {
  const stack = inject('stack');
  const db = createDatabase(stack.databaseUrl);
  const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  const app = createApp({
    db, temporal: client, log: createLogger({ test: name }, 'error', (line) => console.error(line)),
    config: { taskQueue, publicBaseUrl: 'http://localhost' }, readiness: {},
    // The route-by-route checks (test/api/auth-openapi) make more anonymous calls than the default 60 a
    // window from one address; the limit itself is tested in test/security with its own app.
    staffApi: { failedAuth: { max: 10_000, windowMs: 600_000 } },
    ...extra,
    mail: { mailer: createMailer(stack.smtpUrl), config: { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl: 'http://localhost' } },
  });
  const keys = {} as Record<Role, string>;
  const staffIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    const issued = await issueApiKey(db, { email: `${role}-${randomUUID()}@staff.test`, name: `${role} tester`, role });
    keys[role] = issued.key;
    staffIds[role] = issued.staffUserId;
  }
  return {
    db, client, app, taskQueue, keys, staffIds,
    close: async () => {
      await client.connection.close();
      await db.$disconnect();
    },
  };
}

/** Runs the real worker (workflows and activities) on the harness's task queue; answers its stop. */
export async function startJourneyWorker(h: ApiHarness): Promise<() => Promise<void>> {
  const stack = inject('stack');
  const mailConfig = { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl: 'http://localhost' };
  const worker = await createWorker({
    connection: await NativeConnection.connect({ address: stack.temporalAddress }),
    namespace: 'default',
    taskQueue: h.taskQueue,
    deps: { db: h.db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config: mailConfig },
  });
  const running = worker.run();
  const dispatcher = await startTestDispatcher(h.db, stack.smtpUrl, mailConfig);
  return async () => {
    worker.shutdown();
    await running;
    await dispatcher.stop();
  };
}

/** The import's job once it has completed (imports run in the background). */
export async function importFinished(h: ApiHarness, importId: string) {
  return eventually(async () => {
    const res = await request(h.app).get(`/imports/${importId}`).set(auth(h, 'read_only'));
    expect(res.body.status).toBe('completed');
    return res.body;
  }, 60_000, 100);
}

export const auth = (h: ApiHarness, role: Role) => ({ Authorization: `Bearer ${h.keys[role]}` });

export async function createCohort(h: ApiHarness, extra: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
  const res = await request(h.app).post('/cohorts').set(auth(h, 'admissions')).send({
    code: `T-${randomUUID().slice(0, 8)}`, referentialCode: 'RNCP37332', label: 'Promotion test', startsOn: '2027-09-01', endsOn: '2028-06-30', ...extra,
  });
  if (res.status !== 201) throw new Error(`cohort not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
