// The system as personal data requests meet it: the real app and worker on the Temporal dev server, an
// SMTP sink that keeps its mail in a folder (as `npm start`'s does), a document store in a folder, and a
// candidate created through the API whose journey runs, who has a document and received emails.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { issueApiKey } from '../../api/auth/keys';
import type { Role } from '../../api/auth/roles';
import { documentStoreOf } from '../../documents/index';
import { addPieceVersion } from '../../documents/pieces';
import { storeFile } from '../../documents/store';
import { createDatabase } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { startSmtpSink } from '../../platform/services/smtp-sink';
import { createWorker } from '../../platform/worker';
import { pdf } from '../candidate-space/files';
import { startTestDispatcher } from '../support/dispatcher';
import { waitForMessages } from '../support/mailbox';
import { uniqueTaskQueue } from '../support/temporal';
import { freePort } from '../support/ports';
import type { TestStack } from '../support/global-setup';

export async function startPrivacyStack(stack: TestStack, name: string) {
  const mailDir = await mkdtemp(path.join(os.tmpdir(), 'jalon-privacy-mail-'));
  const documentsDir = await mkdtemp(path.join(os.tmpdir(), 'jalon-privacy-files-'));
  const sink = await startSmtpSink({ dir: mailDir, smtpPort: 0, httpPort: 0 });
  const db = createDatabase(stack.databaseUrl);
  const taskQueue = uniqueTaskQueue(name);
  const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  // The app listens on its own port (a browser follows the emails' links to it).
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const mailConfig = { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl: baseUrl, linkSecret: 'p'.repeat(32) };
  const worker = await createWorker({
    connection: await NativeConnection.connect({ address: stack.temporalAddress }), namespace: 'default', taskQueue,
    deps: { db, mailer: createMailer(sink.smtpUrl), clock: () => new Date(), config: mailConfig },
  });
  const running = worker.run();
  // The journeys queue their emails; the outbox dispatcher delivers them, as in the worker process.
  const dispatcher = await startTestDispatcher(db, sink.smtpUrl, mailConfig);
  const app = createApp({
    db, temporal: client, log: createLogger({ test: name }, 'error', (line) => console.error(line)), readiness: {},
    config: { taskQueue, publicBaseUrl: mailConfig.publicBaseUrl, admissionsEmail: mailConfig.admissionsEmail },
    mail: { mailer: createMailer(sink.smtpUrl), config: mailConfig },
    documents: { dir: documentsDir },
    privacy: { mailboxDir: mailDir },
    actionLinks: { csrfSecret: 'p'.repeat(32) },
  });
  const server = await new Promise<Server>((resolve) => { const srv = app.listen(port, '127.0.0.1', () => resolve(srv)); });
  const store = documentStoreOf(db, { dir: documentsDir });
  const keys = {} as Record<Role, string>;
  for (const role of ['admin', 'admissions', 'read_only'] as Role[]) keys[role] = (await issueApiKey(db, { email: `${role}-${randomUUID()}@staff.test`, name: `${role} tester`, role })).key;
  const auth = (role: Role) => ({ Authorization: `Bearer ${keys[role]}` });

  /** A person with a running journey (dossier stage), a document, emails received, and an Idempotency-Key reply. */
  async function person() {
    const tag = randomUUID().slice(0, 8);
    const who = { firstName: `Zélie${tag}`, lastName: `Quennec${tag}`, email: `zelie.${tag}@candidats.test`, phone: `+33 6 ${tag.replace(/[a-f]/g, '7').replace(/(..)(?=.)/g, '$1 ')}` };
    const cohort = await request(app).post('/cohorts').set(auth('admissions')).send({ code: `P-${tag}`, referentialCode: 'RNCP37332', label: 'Promotion données', startsOn: '2027-09-01' });
    const created = await request(app).post('/candidates').set(auth('admissions')).set('Idempotency-Key', `create-${tag}`).send({
      cohortId: cohort.body.id, ...who, route: 'student',
      declaredProfile: { degrees: [{ kind: 'university_master', title: 'Master' }], experience: { qualifyingYears: 0 }, vappValidated: false },
    });
    if (created.status !== 201) throw new Error(`candidate not created: ${created.status} ${JSON.stringify(created.body)}`);
    const candidateId = created.body.id as string;
    await waitForMessages(sink.mailboxUrl, who.email, 1);
    const file = await storeFile(store, { fileName: 'cv.pdf', bytes: pdf(`CV ${who.firstName} ${who.lastName} ${who.phone}`) }, { ownerRef: `candidate:${candidateId}`, uploadedBy: `candidate:${candidateId}` });
    await addPieceVersion(db, candidateId, 'cv', file.id);
    await db.dossierPiece.upsert({ where: { candidateId_kind: { candidateId, kind: 'cv' } }, create: { candidateId, kind: 'cv', fileName: 'cv.pdf', storageRef: file.id, recordedBy: 'candidate' }, update: {} });
    return { ...who, candidateId, cohortId: cohort.body.id as string, file };
  }

  async function stop() {
    await new Promise((r) => server.close(r));
    await dispatcher.stop();
    worker.shutdown();
    await running;
    await client.connection.close();
    await sink.stop();
    await db.$disconnect();
  }

  return { db, app, baseUrl, client, sink, mailDir, documentsDir, store, taskQueue, auth, person, stop };
}
