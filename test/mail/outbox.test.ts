// The outbox on the real database and a real SMTP server (this file's own sink, so refusing mail here
// does not disturb other test files): idempotent queueing, one token per email, hashed storage,
// delivery exactly once, and an outage that delays mail without losing or duplicating it.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailActivities, hashToken, listJourneyEmails, resendEmail } from '../../activities/mail';
import { createDatabase, type Database } from '../../platform/database';
import { createMailer } from '../../platform/mailer';
import { startSmtpSink, type SmtpSink } from '../../platform/services/smtp-sink';
import { eventually } from '../support/eventually';
import { waitForMessages } from '../support/mailbox';
import { uniqueTaskQueue } from '../support/temporal';
import { createCandidate, createJury, linkIn, mailConfig, SAMPLE_DATA } from './fixtures';

const stack = inject('stack');
let db: Database;
let sink: SmtpSink;
let deps: Parameters<typeof createMailActivities>[0];
let mail: ReturnType<typeof createMailActivities>;
const inADay = () => Date.now() + 86_400_000;

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });
  deps = { db, mailer: createMailer(sink.smtpUrl), clock: () => new Date(), config: mailConfig() };
  mail = createMailActivities(deps);
});

afterAll(async () => {
  await sink?.stop();
  await db?.$disconnect();
});

describe('queueEmail', () => {
  it('writes one row and one token for one purpose, however often it is called', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const input = {
      journeyId, purpose: 'thesis-request', template: 'follow_up_survey_request' as const, data: { wave: 6, dueAtMs: inADay() },
      to: { kind: 'candidate' as const, candidateId: candidate.id },
      action: { action: 'thesis_submission' as const, expiresAtMs: inADay() },
    };
    const results = await Promise.all([mail.queueEmail(input), mail.queueEmail(input), mail.queueEmail(input)]);
    expect(new Set(results.map((r) => r.outboxId)).size).toBe(1);
    expect(new Set(results.map((r) => r.actionTokenId)).size).toBe(1);
    expect(await db.outboxEmail.count({ where: { journeyId } })).toBe(1);
    expect(await db.actionToken.count({ where: { journeyId } })).toBe(1);
    const token = await db.actionToken.findUniqueOrThrow({ where: { id: results[0]!.actionTokenId! } });
    expect(token).toMatchObject({ action: 'thesis_submission', recipientRef: `candidate:${candidate.id}`, recipientEmail: candidate.email, useCount: 0 });
  });

  it('stores only the hash of the token; the link in the email hashes to it', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const { actionTokenId, outboxId } = await mail.queueEmail({
      journeyId, purpose: 'slots', template: 'interview_slots_offered', to: { kind: 'candidate', candidateId: candidate.id },
      data: SAMPLE_DATA.interview_slots_offered, action: { action: 'interview_slot_choice', expiresAtMs: inADay() },
    });
    await mail.deliverEmail(outboxId);
    const [delivered] = await waitForMessages(sink.mailboxUrl, candidate.email, 1);
    const token = linkIn(delivered!.text).split('/a/')[1]!;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const stored = await db.actionToken.findUniqueOrThrow({ where: { id: actionTokenId! } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('writes in the recipient\'s language and names the candidate to a jury member', async () => {
    const { candidate, journeyId } = await createCandidate(db, { language: 'en' });
    const { members } = await createJury(db, candidate.id);
    const en = await mail.queueEmail({ journeyId, purpose: 'outcome', template: 'certification_outcome', to: { kind: 'candidate', candidateId: candidate.id }, data: { outcome: 'awarded', deferredBlocks: [], award: 'title', blocks: ['BC01'] } });
    const fr = await mail.queueEmail({
      journeyId, purpose: `jury-${members[0]!.id}`, template: 'jury_decision_request', to: { kind: 'juryMember', memberId: members[0]!.id }, data: SAMPLE_DATA.jury_decision_request,
      action: { action: 'jury_decision', expiresAtMs: inADay() },
    });
    const enRow = await db.outboxEmail.findUniqueOrThrow({ where: { id: en.outboxId } });
    const frRow = await db.outboxEmail.findUniqueOrThrow({ where: { id: fr.outboxId } });
    expect(enRow.language).toBe('en');
    expect((enRow.payload as { text: string }).text).toContain(`Hello ${candidate.firstName} ${candidate.lastName},`);
    expect(frRow.language).toBe('fr');
    expect(frRow.recipient).toBe(members[0]!.email);
    expect((frRow.payload as { subject: string }).subject).toContain(`${candidate.firstName} ${candidate.lastName}`);
  });

  it('refuses, without retrying, a recipient that does not exist', async () => {
    const { journeyId } = await createCandidate(db);
    await expect(mail.queueEmail({ journeyId, purpose: 'x', template: 'dossier_opened', data: SAMPLE_DATA.dossier_opened, to: { kind: 'candidate', candidateId: randomUUID() } }))
      .rejects.toMatchObject({ type: 'RecipientNotFound', nonRetryable: true });
  });
});

describe('deliverEmail', () => {
  it('sends once with a Message-ID from the outbox id; a second call sends nothing', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const { outboxId } = await mail.queueEmail({
      journeyId, purpose: 'interview', template: 'interview_confirmed', to: { kind: 'candidate', candidateId: candidate.id },
      data: { slot: { slotId: 's1', startsAtMs: Date.UTC(2027, 5, 10, 12, 0), durationMinutes: 30, place: 'Campus Lille, salle 2' }, offer: 0, audience: 'candidate' },
    });
    expect(await mail.deliverEmail(outboxId)).toBe('sent');
    expect(await mail.deliverEmail(outboxId)).toBe('already_sent');
    const [message, ...others] = await waitForMessages(sink.mailboxUrl, candidate.email, 1);
    expect(others).toHaveLength(0);
    expect(message!.messageId).toBe(`<outbox-${outboxId}@jalon>`);
    expect(message!.subject).toContain('Entretien confirmé');
    expect(message!.html).toContain('lang="fr"');
    expect(message!.text).toContain('jeudi 10 juin 2027 à 14:00 (heure de Paris)');
    const ics = message!.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(ics?.content).toContain('DTSTART;TZID=Europe/Paris:20270610T140000');
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, messageId: `<outbox-${outboxId}@jalon>` });
  });

  it('records an SMTP failure as "retrying" (attempts, reason, next attempt) and rethrows it for Temporal to retry', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const { outboxId } = await mail.queueEmail({ journeyId, purpose: 'expired', template: 'dossier_expired', data: { missing: ['cv'] }, to: { kind: 'candidate', candidateId: candidate.id } });
    const down = createMailActivities({ ...deps, mailer: createMailer('smtp://127.0.0.1:1') });
    await expect(down.deliverEmail(outboxId)).rejects.toThrow();
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } });
    expect(row.status).toBe('retrying');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(row.leaseUntil).toBeNull();
    expect(await listJourneyEmails(db, journeyId)).toEqual([expect.objectContaining({ id: outboxId, status: 'retrying', attempts: 1, kind: 'dossier_expired' })]);
  });

  it('staff resend sends a second copy with a new Message-ID and audits it', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const { outboxId } = await mail.queueEmail({ journeyId, purpose: 'withdrawn', template: 'journey_withdrawn', data: {}, to: { kind: 'candidate', candidateId: candidate.id } });
    await mail.deliverEmail(outboxId);
    const result = await resendEmail(deps, outboxId, 'staff:alice');
    expect(result).toEqual({ outboxId, status: 'sent', resendCount: 1 });
    const messages = await waitForMessages(sink.mailboxUrl, candidate.email, 2);
    expect(messages.map((m) => m.messageId).sort()).toEqual([`<outbox-${outboxId}-resend-1@jalon>`, `<outbox-${outboxId}@jalon>`].sort());
    const audit = await db.auditEvent.findMany({ where: { journeyId, action: 'email.resent' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('staff:alice');
  });
});

describe('an SMTP outage under Temporal retries', () => {
  let worker: Worker;
  let run: Promise<void>;
  let client: Client;
  const taskQueue = uniqueTaskQueue('mail-outage');

  beforeAll(async () => {
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: path.join(path.dirname(fileURLToPath(import.meta.url)), 'delivery-workflow.ts'),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (m: string) => console.error(m) },
    });
    worker = await Worker.create({
      connection: await NativeConnection.connect({ address: stack.temporalAddress }),
      taskQueue, workflowBundle, activities: createMailActivities(deps),
    });
    run = worker.run();
    client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  });

  afterAll(async () => {
    worker?.shutdown();
    await run;
    await client?.connection.close();
  });

  it('delivers every email exactly once after the server comes back', async () => {
    const people = await Promise.all([1, 2, 3].map(() => createCandidate(db)));
    const ids = await Promise.all(people.map(({ candidate, journeyId }) =>
      mail.queueEmail({ journeyId, purpose: 'reminder-1', template: 'dossier_reminder', to: { kind: 'candidate', candidateId: candidate.id }, data: { missing: ['cv'], dueAtMs: inADay() } })));
    sink.setRefusing(true);
    const handle = await client.workflow.start('deliverAll', { taskQueue, workflowId: `deliver-${randomUUID()}`, args: [ids.map((r) => r.outboxId)] });
    // Each email is refused at least twice while the server is down...
    await eventually(async () => {
      const rows = await db.outboxEmail.findMany({ where: { id: { in: ids.map((r) => r.outboxId) } } });
      expect(rows.every((r) => r.status === 'retrying' && r.attempts >= 2 && /451/.test(r.lastError ?? ''))).toBe(true);
    });
    const recipients = new Set(people.map(({ candidate }) => candidate.email));
    expect((await sink.messages()).filter((m) => m.envelopeTo.some((to) => recipients.has(to)))).toEqual([]);
    sink.setRefusing(false);
    // ...then arrives once, and the workflow ends with every email sent.
    expect(await handle.result()).toEqual(['sent', 'sent', 'sent']);
    for (const { candidate } of people) {
      const messages = await waitForMessages(sink.mailboxUrl, candidate.email, 1);
      expect(messages).toHaveLength(1);
    }
    const rows = await db.outboxEmail.findMany({ where: { id: { in: ids.map((r) => r.outboxId) } } });
    expect(rows.every((r) => r.status === 'sent' && r.lastError === null)).toBe(true);
  });
});
