// The first slice end to end on real peers: HTTP API -> Temporal dev server -> worker -> PostgreSQL
// -> SMTP sink, with the app mounted in-process.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import { issueApiKey } from '../../api/auth/keys';
import { ROLES, type Role } from '../../api/auth/roles';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { checkSmtpReachable, createMailer } from '../../platform/mailer';
import { createWorker } from '../../platform/worker';
import { startTestDispatcher } from '../support/dispatcher';
import type { OutboxDispatcher } from '../../activities/mail/dispatcher';
import { eventually } from '../support/eventually';
import { messagesTo, waitForMessages } from '../support/mailbox';
import { uniqueTaskQueue } from '../support/temporal';

const stack = inject('stack');
const taskQueue = uniqueTaskQueue('api');
let db: Database;
let client: Client;
let worker: Worker;
let workerRun: Promise<void>;
let dispatcher: OutboxDispatcher | undefined;
let app: ReturnType<typeof createApp>;
const keys = {} as Record<Role, string>;
const as = (role: Role) => ({ Authorization: `Bearer ${keys[role]}` });

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  const mailer = createMailer(stack.smtpUrl);
  client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  worker = await createWorker({
    connection: await NativeConnection.connect({ address: stack.temporalAddress }),
    namespace: 'default',
    taskQueue,
    deps: { db, mailer, clock: () => new Date(), config: { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'a@jalon.test', publicBaseUrl: 'http://localhost' } },
  });
  workerRun = worker.run();
  dispatcher = await startTestDispatcher(db, stack.smtpUrl, { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'a@jalon.test', publicBaseUrl: 'http://localhost' });
  for (const role of ROLES) keys[role] = (await issueApiKey(db, { email: `${role}-${randomUUID()}@staff.test`, name: role, role })).key;
  app = createApp({
    db,
    temporal: client,
    log: createLogger({}, 'error', () => undefined),
    config: { taskQueue, publicBaseUrl: 'http://localhost' },
    readiness: {
      database: async () => void (await db.$queryRaw`SELECT 1`),
      temporal: async () => void (await client.connection.workflowService.getSystemInfo({})),
      smtp: () => checkSmtpReachable(mailer),
    },
  });
});

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await dispatcher?.stop();
  await client?.connection.close();
  await db?.$disconnect();
});

describe('health', () => {
  it('GET /health answers while the process lives', async () => {
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /ready reports database, Temporal and SMTP each up', async () => {
    const res = await request(app).get('/ready');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
    for (const name of ['database', 'temporal', 'smtp']) expect(res.body.checks[name].status).toBe('up');
  });

  it('GET /ready says which dependency is down, with 503', async () => {
    const broken = createApp({
      db, temporal: client, log: createLogger({}, 'error', () => undefined), config: { taskQueue, publicBaseUrl: 'http://localhost' },
      readiness: { database: async () => undefined, smtp: () => checkSmtpReachable(createMailer('smtp://127.0.0.1:1')) },
    });
    const res = await request(broken).get('/ready');
    expect(res.status).toBe(503);
    expect(res.body.checks.database.status).toBe('up');
    expect(res.body.checks.smtp.status).toBe('down');
    expect(res.body.checks.smtp.error).toBeTruthy();
  });
});

describe('#1 the system check needs an administrator key', () => {
  it('refuses an anonymous start (401): no record, no workflow, no email', async () => {
    const recipient = `victim-${randomUUID()}@example.org`;
    const before = await db.systemCheck.count();
    const res = await request(app).post('/system-checks').send({ recipient, delaySeconds: 3600 });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await db.systemCheck.count()).toBe(before);
    await new Promise((r) => setTimeout(r, 1_000)); // give a wrongly started check time to send
    expect(await messagesTo(stack.mailboxUrl, recipient)).toHaveLength(0);
  });

  it('refuses every role but admin (403), and an anonymous read of a check (401, no recipient shown)', async () => {
    for (const role of ['admissions', 'jury_coordinator', 'read_only'] as const) {
      const res = await request(app).post('/system-checks').set(as(role)).send({ recipient: 'x@example.org' });
      expect(res.status, role).toBe(403);
    }
    const started = await request(app).post('/system-checks').set(as('admin')).send({ recipient: `ops-${randomUUID()}@example.org`, delaySeconds: 60 });
    expect(started.status).toBe(202);
    const read = await request(app).get(`/system-checks/${started.body.id}`);
    expect(read.status).toBe(401);
    expect(JSON.stringify(read.body)).not.toContain('@example.org');
  });
});

describe('POST /system-checks', () => {
  it('runs the workflow, writes the record and delivers one email', async () => {
    const recipient = `ops-${randomUUID()}@example.org`;
    const res = await request(app).post('/system-checks').set(as('admin')).send({ recipient });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/system-checks/${res.body.id}`);
    const [mail] = await waitForMessages(stack.mailboxUrl, recipient);
    expect(mail!.text).toContain(res.body.id);
    await eventually(async () => {
      const status = await request(app).get(`/system-checks/${res.body.id}`).set(as('admin'));
      expect(status.body).toMatchObject({ status: 'completed', workflowStatus: 'completed', recipient });
    });
    expect(await messagesTo(stack.mailboxUrl, recipient)).toHaveLength(1);
  });

  it('refuses bad input with problem+json naming each field, and starts nothing', async () => {
    const before = await db.systemCheck.count();
    const res = await request(app).post('/system-checks').set(as('admin')).send({ recipient: 'not-an-email', delaySeconds: -1, surprise: true });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.recipient', 'body.delaySeconds', 'body']));
    expect(await db.systemCheck.count()).toBe(before);
  });

  it('refuses malformed JSON with a 400 problem', async () => {
    const res = await request(app).post('/system-checks').set(as('admin')).set('content-type', 'application/json').send('{"recipient":');
    expect(res.status).toBe(400);
    expect(res.body.title).toBe('Malformed JSON');
  });

  it('answers 404 problem for an unknown check and an unknown route', async () => {
    expect((await request(app).get(`/system-checks/${randomUUID()}`).set(as('admin'))).status).toBe(404);
    expect((await request(app).get('/system-checks/not-a-uuid').set(as('admin'))).status).toBe(400);
    const res = await request(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('malformed bodies', () => {
  it('answers 413, not 500, for a form with too many fields on an action link', async () => {
    const fields = Array.from({ length: 50 }, (_, i) => `f${i}=x`).join('&');
    const res = await request(app).post('/a/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').type('form').send(fields);
    expect(res.status).toBe(413);
  });
});
