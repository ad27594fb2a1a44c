// Digests on the time-skipping server, with the real activities, database and SMTP sink: ten requests held
// for one person become one digest that day (each item with its candidate, its step in words, its
// deadline in Paris time and its own working link, plus the queue's link); two more requests the same day
// wait for the next day's digest; a day with nothing new sends nothing.
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import type { ActionKind, EmailRequest } from '../../activities/notification-types';
import { formatDateTime } from '../../activities/wording/catalogue';
import { createApp } from '../../api/app';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { workflowBundle } from '../../platform/worker';
import { ensureJuryDigests } from '../../workflows/digest-client';
import { createCandidate, mailConfig, sampleEmail } from '../mail/fixtures';
import { messagesTo } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import { createTimeSkippingEnv, uniqueTaskQueue } from '../support/temporal';
import { startTestDispatcher } from '../support/dispatcher';
import type { OutboxDispatcher } from '../../activities/mail/dispatcher';

const stack = inject('stack');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STEPS: [EmailRequest['template'], ActionKind, string][] = [
  ['selection_review_request', 'selection_review', 'Avis sur un dossier de candidature'],
  ['interview_outcome_request', 'interview_outcome', 'Résultat d’un entretien de motivation'],
  ['assessment_grade_request', 'assessment_grade', 'Note d’une évaluation'],
  ['jury_decision_request', 'jury_decision', 'Décision du jury de certification'],
];
let env: TestWorkflowEnvironment;
let db: Database;
let worker: Worker;
let running: Promise<void>;
let dispatcher: OutboxDispatcher | undefined;
const taskQueue = uniqueTaskQueue('digest');
const config = { ...mailConfig(), linkSecret: 'd'.repeat(64), requestDigest: true };
let activities: ReturnType<typeof createActivities>;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  db = createDatabase(stack.databaseUrl, 1);
  activities = createActivities({ db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config });
  worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
  running = worker.run();
  dispatcher = await startTestDispatcher(db, stack.smtpUrl, config);
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await dispatcher?.stop();
  await env?.teardown();
  await db?.$disconnect();
});

const person = { personRef: `person-${randomUUID()}`, name: 'Claude Jury', email: `claude-${randomUUID()}@jury.test` };

/** One request held for the person: a candidate, a jury seat, the email the journey would queue. */
async function heldRequest(n: number, nowMs: number) {
  const { candidate, journeyId } = await createCandidate(db, { firstName: 'Alex', lastName: `Numéro${n}-${randomUUID().slice(0, 4)}` });
  const jury = await db.jury.create({ data: { candidateId: candidate.id, kind: 'selection' } });
  const member = await db.juryMember.create({ data: { juryId: jury.id, ...person, kind: 'school' } });
  const [template, action] = STEPS[n % STEPS.length]!;
  const dueAtMs = nowMs + (10 + n) * DAY;
  const email = { ...sampleEmail(template), data: { ...sampleEmail(template).data, dueAtMs } } as EmailRequest;
  const queued = await activities.queueEmail({
    journeyId, purpose: `request:${n}`, to: { kind: 'juryMember', memberId: member.id }, ...email,
    action: { action, expiresAtMs: nowMs + 60 * DAY, subjectRef: action === 'assessment_grade' ? 'bc02-functional-specification' : member.id },
  });
  // The journey delivers each email it queues: a held request sends nothing now.
  expect(await activities.deliverEmail(queued.outboxId)).toBe('held_for_digest');
  return { candidate, dueAtMs, step: STEPS[n % STEPS.length]![2] };
}

const digestsOf = async () => (await messagesTo(stack.mailboxUrl, person.email)).filter((m) => m.subject.startsWith('Jalon :'));

async function untilDigests(count: number) {
  for (let i = 0; i < 200; i++) {
    const found = await digestsOf();
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${count} digest(s) to ${person.email}, got ${(await digestsOf()).length}`);
}

describe('daily digests of requests to jury members (time-skipping server)', () => {
  it('10 pending items for one person → one digest a day, only when something new is pending', async () => {
    const startMs = Date.now();
    const requests = [];
    for (let n = 0; n < 10; n++) requests.push(await heldRequest(n, startMs));
    expect(await messagesTo(stack.mailboxUrl, person.email)).toHaveLength(0);

    const workflowId = await ensureJuryDigests(env.client, taskQueue, { everyMs: HOUR, minIntervalMs: DAY });
    const [first] = await untilDigests(1);
    expect(first!.subject).toBe('Jalon : 10 décision(s) en attente');
    const text = first!.text;
    for (const r of requests) {
      // Each item: the candidate, the step in words, the deadline in Paris time, its own link.
      const line = text.split('\n').find((l) => l.includes(`${r.candidate.firstName} ${r.candidate.lastName}`));
      expect(line, `no line for ${r.candidate.lastName} in:\n${text}`).toBeDefined();
      expect(line).toContain(r.step);
      expect(line).toContain(formatDateTime(r.dueAtMs, 'fr'));
      expect(line).toMatch(/\/a\/[A-Za-z0-9_-]{43}/);
    }
    // As every email: the person's language first, the other one below it.
    expect(text.indexOf('Bonjour Claude Jury')).toBeLessThan(text.indexOf('Hello Claude Jury'));
    expect(text).toContain('Review of an application dossier');
    expectNoCodes(first!.subject, text);
    expect(text).not.toContain('JALONDIGEST');

    // Each item's link works on its own (the decision page of that step), and so does the queue's link.
    const app = createApp({ db, temporal: env.client, log: createLogger({}, 'error', () => undefined), readiness: {}, config: { taskQueue, publicBaseUrl: config.publicBaseUrl }, actionLinks: { csrfSecret: 'd'.repeat(64) } });
    const links = [...text.matchAll(/https?:\/\/\S+?(\/a\/[A-Za-z0-9_-]{43})/g)].map((m) => m[1]!);
    expect(new Set(links).size).toBe(10);
    for (const path of links.slice(0, 4)) expect((await request(app).get(path)).status).toBe(200);
    const queue = /https?:\/\/\S+?(\/jury\/sign-in\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
    expect(queue).toBeDefined();
    expect((await request(app).get(queue!)).status).toBe(200);
    // The held requests are now sent, within the digest.
    // (Marked by the dispatcher just after the server accepted the digest.)
    const held = async () => (await db.outboxEmail.findMany({ where: { recipient: person.email, kind: { not: 'jury_digest' } } })).map((h) => h.status);
    await expect.poll(held, { timeout: 10_000 }).toEqual(Array(10).fill('sent'));

    // Two more requests later that day: no second digest until a day has passed since the first.
    await env.sleep(3 * HOUR);
    requests.push(await heldRequest(10, startMs), await heldRequest(11, startMs));
    await env.sleep(18 * HOUR);
    expect(await digestsOf()).toHaveLength(1);
    await env.sleep(4 * HOUR);
    const [, second] = await untilDigests(2);
    expect(second!.subject).toBe('Jalon : 12 décision(s) en attente');
    expect(second!.text).toContain('dont 2 nouvelle(s)');

    // Two days with nothing new: no digest (the ladder's reminders are not digests; none are queued here).
    await env.sleep(2 * DAY + HOUR);
    expect(await digestsOf()).toHaveLength(2);
    const rows = await db.juryDigest.findMany({ where: { personRef: person.personRef }, orderBy: { at: 'asc' } });
    expect(rows.map((r) => [r.itemCount, r.newCount])).toEqual([[10, 10], [12, 2]]);
    expect(rows[1]!.at.getTime() - rows[0]!.at.getTime()).toBeGreaterThanOrEqual(DAY);
    await env.client.workflow.getHandle(workflowId).cancel();
  });
});
