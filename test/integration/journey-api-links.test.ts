// One journey on the real dev server, driven only as its people would: staff through the HTTP API (with
// an API key), the candidate, reviewers, interviewer, assessors and the certification jury through the
// links in the emails they receive from the SMTP sink. From the application to the award, when the
// follow-up starts (its 6-month wait is the time-skipping tests' business).
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import { issueApiKey } from '../../api/auth/keys';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { createWorker } from '../../platform/worker';
import { startTestDispatcher } from '../support/dispatcher';
import type { OutboxDispatcher } from '../../activities/mail/dispatcher';
import { Client, Connection } from '@temporalio/client';
import { eventually } from '../support/eventually';
import { messagesTo } from '../support/mailbox';
import { uniqueTaskQueue } from '../support/temporal';

const stack = inject('stack');
const publicBaseUrl = 'http://jalon.test';
const taskQueue = uniqueTaskQueue('journey-api-links');
let db: Database;
let client: Client;
let worker: Worker;
let run: Promise<void>;
let dispatcher: OutboxDispatcher | undefined;
let app: ReturnType<typeof createApp>;
let key: string;
let journeyId: string | undefined;

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  const mailer = createMailer(stack.smtpUrl);
  const mailConfig = { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl };
  worker = await createWorker({
    connection: await NativeConnection.connect({ address: stack.temporalAddress }), namespace: 'default', taskQueue,
    deps: { db, mailer, clock: () => new Date(), config: mailConfig },
  });
  run = worker.run();
  dispatcher = await startTestDispatcher(db, stack.smtpUrl, mailConfig);
  app = createApp({
    db, temporal: client, log: createLogger({}, 'error', () => undefined), readiness: {},
    config: { taskQueue, publicBaseUrl }, actionLinks: { csrfSecret: 'z'.repeat(32) }, mail: { mailer, config: mailConfig },
  });
  key = (await issueApiKey(db, { email: `coordinator-${randomUUID()}@staff.test`, name: 'Coordination', role: 'admin' })).key;
});

afterAll(async () => {
  if (journeyId) await client.workflow.getHandle(journeyId).terminate('test finished').catch(() => undefined);
  worker?.shutdown();
  await run;
  await dispatcher?.stop();
  await client?.connection.close();
  await db?.$disconnect();
});

const api = () => ({ Authorization: `Bearer ${key}` });
const post = async (path: string, body: unknown) => {
  const res = await request(app).post(path).set(api()).set('Idempotency-Key', randomUUID()).send(body as object);
  if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};
// Each link once: an email carries it in both of its languages.
const linksIn = (text: string) => [...new Set([...text.matchAll(/https?:\/\/\S+?\/a\/[A-Za-z0-9_-]{43}/g)].map((m) => new URL(m[0]).pathname))];

/** Every link received by `email` whose page shows a form with `field` and is still open. */
async function openForms(email: string, field: string): Promise<{ path: string; csrf: string; html: string }[]> {
  const forms = [];
  for (const message of await messagesTo(stack.mailboxUrl, email)) {
    for (const path of linksIn(message.text)) {
      const page = await request(app).get(path);
      if (page.status === 200 && page.text.includes(`name="${field}"`)) {
        forms.push({ path, csrf: /name="csrf" value="([^"]+)"/.exec(page.text)![1]!, html: page.text });
      }
    }
  }
  return forms;
}

/** Waits for a form link in `email`'s inbox and submits it; returns the page the person sees. */
async function decide(email: string, field: string, values: Record<string, string>, count = 1): Promise<void> {
  const forms = await eventually(async () => {
    const found = await openForms(email, field);
    if (found.length < count) throw new Error(`${email}: ${found.length}/${count} open "${field}" forms`);
    return found;
  }, 30_000, 200);
  for (const form of forms) {
    const res = await request(app).post(form.path).type('form').send({ csrf: form.csrf, ...values });
    expect(res.status, `${form.path}: ${res.text.replace(/<style[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 600)}`).toBe(200);
    expect(res.text).toContain('Décision enregistrée');
  }
}

async function state(candidateId: string) {
  return (await request(app).get(`/candidates/${candidateId}/state`).set(api())).body as {
    stage: string; awaiting: { what: string; subjectRef?: string }[]; blocks: { code: string; status: string }[]; recentEvents: { action: string }[];
  };
}
const until = (candidateId: string, check: (s: Awaited<ReturnType<typeof state>>) => boolean, what: string) =>
  eventually(async () => {
    const s = await state(candidateId);
    if (!check(s)) throw new Error(`waiting for ${what}; journey at ${s.stage}, awaiting ${s.awaiting?.map((a) => a.what).join(', ')}`);
    return s;
  }, 30_000, 100);

describe('one journey through the API and the email links, on the real dev server', () => {
  it('takes a candidate from the application to the award', { timeout: 240_000 }, async () => {
    const cohort = await post('/cohorts', { code: `E2E-${randomUUID().slice(0, 8)}`, referentialCode: 'RNCP37332', label: 'Promotion bout en bout', startsOn: '2026-09-01', endsOn: '2027-12-31' });
    const email = `lea.${randomUUID().slice(0, 8)}@candidats.test`;
    const candidate = await post('/candidates', {
      cohortId: cohort.id, externalRef: `E2E-${randomUUID().slice(0, 6)}`, firstName: 'Léa', lastName: 'Fontaine', email, route: 'apprenticeship',
      declaredProfile: { degrees: [{ kind: 'management_master_cefdg' }], experience: { qualifyingYears: 0 }, vappValidated: false },
    });
    journeyId = candidate.journey.journeyId;
    const id = candidate.id as string;

    // Dossier: staff record the five pieces; the journey moves on to the selection by itself.
    for (const kind of ['cv', 'transcripts', 'recommendation_letter', 'motivation_letter', 'professional_project']) {
      await post(`/candidates/${id}/actions/record-piece`, { kind });
    }
    await until(id, (s) => s.awaiting.some((a) => a.what === 'assign_selection_reviewers'), 'the selection');

    // Selection: a reviewer registered and assigned by staff decides from the link in their email.
    const reviewer = `reviewer.${randomUUID().slice(0, 8)}@ecole.test`;
    const selection = await post(`/candidates/${id}/juries`, { kind: 'selection', members: [{ name: 'Paul Relecteur', email: reviewer, kind: 'school' }] });
    await post(`/candidates/${id}/actions/assign-selection-reviewers`, { memberIds: [selection.members[0].id] });
    await decide(reviewer, 'decision', { decision: 'admissible', reasonCode: 'profile_fits', comment: 'Dossier solide.' });

    // Interview: staff offer slots; the candidate chooses one from their email; the interviewer records the outcome.
    await until(id, (s) => s.stage === 'interview', 'the interview stage');
    const interviewer = `interviewer.${randomUUID().slice(0, 8)}@ecole.test`;
    const interviewJury = await post(`/candidates/${id}/juries`, { kind: 'interview', members: [{ name: 'Nadia Jury', email: interviewer, kind: 'school' }] });
    // The outcome request goes out when the interview starts: a slot a few seconds ahead, on a real clock.
    const startsAt = new Date(Date.now() + 8_000).toISOString();
    await post(`/candidates/${id}/actions/offer-interview-slots`, { slots: [{ slotId: 'slot-1', startsAt }], juryMemberIds: [interviewJury.members[0].id] });
    await decide(email, 'slotId', { slotId: 'slot-1' });
    await decide(interviewer, 'outcome', { outcome: 'admitted' });
    const training = await until(id, (s) => s.recentEvents.some((e) => e.action === 'training_started'), 'the training');
    expect(training.blocks.map((b) => b.code)).toEqual(['BC01', 'BC02', 'BC03', 'BC04']);

    // Blocks: one assessor per block, assigned by staff for each assessment, grades from their links.
    let firstAssessor: string | undefined;
    for (const block of training.blocks) {
      const assessorEmail = `assessor.${block.code.toLowerCase()}.${randomUUID().slice(0, 6)}@ecole.test`;
      firstAssessor ??= assessorEmail;
      const assessors = await post(`/candidates/${id}/juries`, { kind: 'assessment', members: [{ name: `Évaluateur ${block.code}`, email: assessorEmail, kind: 'school' }] });
      // The assessments of the block, as the cohort's referential lists them for staff.
      const referential = (await request(app).get(`/cohorts/${cohort.id}`).set(api())).body.referential as { blocks: { code: string; assessments: { id: string }[] }[] };
      const assessments = referential.blocks.find((b) => b.code === block.code)!.assessments;
      for (const a of assessments) {
        await eventually(() => post(`/candidates/${id}/actions/assign-assessor`, { blockCode: block.code, assessmentId: a.id, memberId: assessors.members[0].id }), 30_000, 200);
      }
      await decide(assessorEmail, 'grade', { grade: '14,5' }, assessments.length);
    }
    await until(id, (s) => s.blocks.every((b) => b.status === 'validated'), 'four validated blocks');

    // Internship declared by the candidate from their email, confirmed by staff. The thesis is uploaded in the
    // candidate space (its email leads there; test/candidate-space/space.test.ts): here staff record it.
    await decide(email, 'organisation', { organisation: 'Maison Dupont', startOn: '2026-10-01', endOn: '2027-03-31', percent: '100' });
    const period = await eventually(async () => db.internshipPeriod.findFirstOrThrow({ where: { candidateId: id } }));
    await post(`/candidates/${id}/actions/confirm-internship-period`, { periodId: period.id });
    await until(id, (s) => s.awaiting.some((a) => a.what === 'thesis_submission'), 'the thesis awaited');
    await post(`/candidates/${id}/actions/submit-thesis`, {});
    await post(`/candidates/${id}/actions/schedule-thesis-defence`, { defenceOn: new Date().toISOString().slice(0, 10) });
    await post(`/candidates/${id}/actions/record-thesis-result`, { grade: 15 });

    // Certification jury: composed by the coordinator (checked by the journey), each member decides from their link.
    await until(id, (s) => s.awaiting.some((a) => a.what === 'compose_certification_jury'), 'the certification jury');
    const members = ['school', 'external_professional', 'external_professional'].map((kind, i) => ({ name: `Membre ${i + 1}`, email: `jury${i + 1}.${randomUUID().slice(0, 6)}@jury.test`, kind, inActivity: true }));
    // Impartiality: an assessor of the candidate's blocks cannot sit; the refusal leaves nothing behind.
    const juriesBefore = await db.jury.count({ where: { candidateId: id, kind: 'certification' } });
    const partial = await request(app).post(`/candidates/${id}/actions/compose-jury`).set(api()).send({ sittingOn: new Date().toISOString().slice(0, 10), members: [{ ...members[0], email: firstAssessor! }, members[1], members[2]] });
    expect(partial.status).toBe(422);
    expect(JSON.stringify(partial.body)).toMatch(/formé|évalué|trained|assessed/i);
    expect(await db.jury.count({ where: { candidateId: id, kind: 'certification' } })).toBe(juriesBefore);
    await post(`/candidates/${id}/actions/compose-jury`, { sittingOn: new Date().toISOString().slice(0, 10), members });
    for (const m of members) await decide(m.email, 'decision', { decision: 'award', comment: 'Très bon parcours.' });

    const awarded = await until(id, (s) => s.stage === 'follow_up', 'the award');
    expect(awarded.awaiting.length).toBeGreaterThanOrEqual(0);
    const jury = await db.jury.findFirstOrThrow({ where: { candidateId: id, kind: 'certification' } });
    expect(jury.outcome).toBe('awarded');
    expect(await db.juryDecision.count({ where: { juryId: jury.id, supersededAt: null } })).toBe(3);

    // What staff see: the read model, the timeline and the emails; the candidate was told the outcome.
    const view = (await request(app).get(`/candidates/${id}`).set(api())).body;
    expect(view.journey.stage).toBe('follow_up');
    const emails = (await request(app).get(`/candidates/${id}/emails`).set(api())).body.items as { template?: string; kind?: string; status: string }[];
    expect(emails.length).toBeGreaterThan(5);
    await eventually(async () => {
      const inbox = await messagesTo(stack.mailboxUrl, email);
      expect(inbox.some((m) => /certification/i.test(m.subject))).toBe(true);
    });
    // The comments went to the database, never into the workflow's history.
    const history = JSON.stringify(await client.workflow.getHandle(journeyId!).fetchHistory());
    expect(history).not.toContain('Dossier solide.');
    expect(history).not.toContain(email);
  });
});
