// Candidates: creation starts one journey (re-creation returns it), search with filters and pagination
// over the read model, CSV export, and the per-candidate views.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { journeyWorkflowId } from '../../workflows/messages';
import { messagesTo, waitForMessages } from '../support/mailbox';
import { auth, createCohort, createHarness, type ApiHarness } from './support';

let h: ApiHarness;
let cohort: { id: string; code: string };
beforeAll(async () => {
  h = await createHarness('candidates');
  cohort = await createCohort(h);
});
afterAll(() => h?.close());

const person = (extra: Record<string, unknown> = {}) => ({
  cohortId: cohort.id, externalRef: `APP-${randomUUID().slice(0, 8)}`, firstName: 'Élodie', lastName: 'Martin',
  email: `elodie.${randomUUID().slice(0, 6)}@example.org`, route: 'continuing_education',
  declaredProfile: { degrees: [{ kind: 'university_master' }], experience: { qualifyingYears: 2 }, vappValidated: false }, ...extra,
});

describe('create a candidate', () => {
  it('stores the candidate and starts exactly one journey; the same externalRef returns the existing one', async () => {
    const p = person();
    const res = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send(p);
    expect(res.status).toBe(201);
    const journeyId = journeyWorkflowId('RNCP37332', res.body.id);
    expect(res.body.journey).toMatchObject({ journeyId, created: true });
    const described = await h.client.workflow.getHandle(journeyId).describe();
    expect(described.taskQueue).toBe(h.taskQueue);
    const again = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send(p);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: res.body.id, created: false, journey: { journeyId, created: false } });
    expect(await h.db.candidate.count({ where: { cohortId: cohort.id, externalRef: p.externalRef } })).toBe(1);
    const ensured = await request(h.app).post(`/candidates/${res.body.id}/journey`).set(auth(h, 'admissions'));
    expect(ensured.body).toMatchObject({ journeyId, created: false });
  });

  it('warns staff at creation when the declared profile is missing (the eligibility rules would have nothing to apply)', async () => {
    const { declaredProfile: _omitted, ...withoutProfile } = person();
    const res = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send(withoutProfile);
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([expect.objectContaining({ path: 'body.declaredProfile', message: expect.stringMatching(/eligibility rules cannot apply[\s\S]*Send declaredProfile/) })]);
    const again = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send(withoutProfile);
    expect(again.status).toBe(200);
    expect(again.body.warnings).toHaveLength(1);
    const complete = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send(person());
    expect(complete.body.warnings).toEqual([]);
  });

  it('refuses bad bodies with each field path and blocks unknown to the referential', async () => {
    const res = await request(h.app).post('/candidates').set(auth(h, 'admissions'))
      .send({ ...person(), email: 'nope', route: 'tourism', language: 'de', nickname: 'x', accommodations: { extraTimePercent: 300 } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.email', 'body.route', 'body.language', 'body', 'body.accommodations.extraTimePercent']));
    const blocks = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send(person({ enrolledBlocks: ['BC09'] }));
    expect(blocks.status).toBe(422);
    expect(blocks.body.errors[0].path).toBe('body.enrolledBlocks.0');
    const noCohort = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send(person({ cohortId: randomUUID() }));
    expect(noCohort.status).toBe(404);
  });
});

describe('search, export and candidate views', () => {
  let ids: string[] = [];
  let searchCohort: { id: string };
  beforeAll(async () => {
    searchCohort = await createCohort(h);
    ids = [];
    for (let i = 0; i < 7; i++) {
      const c = await h.db.candidate.create({
        data: { cohortId: searchCohort.id, externalRef: `S-${i}`, firstName: `Prénom${i}`, lastName: `Nom${i}`, email: `s${i}-${searchCohort.id}@ex.org`, route: i % 2 ? 'apprenticeship' : 'student' },
      });
      ids.push(c.id);
      // The read model as the journey writes it (JourneyView is filled by the journey's activities).
      await h.db.journeyView.create({
        data: {
          journeyId: journeyWorkflowId('RNCP37332', c.id), candidateId: c.id, cohortId: searchCohort.id, route: c.route,
          stage: i < 4 ? 'dossier' : 'selection', status: 'active', version: 1,
          awaiting: i < 4 ? [{ who: { role: 'candidate' }, what: 'dossier_pieces', dueAtMs: 0 }] : [{ who: { role: 'juryMember', ref: 'm1' }, what: 'selection_review' }],
          nextDueAt: i < 2 ? new Date(Date.now() - 86_400_000) : new Date(Date.now() + 10 * 86_400_000),
        },
      });
    }
  });

  const search = (q: Record<string, unknown>) => request(h.app).get('/candidates').query({ cohortId: searchCohort.id, ...q }).set(auth(h, 'read_only'));

  it('filters by cohort, stage, route, awaited action and overdue', async () => {
    expect((await search({})).body.items).toHaveLength(7);
    expect((await search({ stage: 'dossier' })).body.items).toHaveLength(4);
    expect((await search({ route: 'apprenticeship' })).body.items).toHaveLength(3);
    expect((await search({ awaiting: 'selection_review' })).body.items).toHaveLength(3);
    const overdue = (await search({ overdue: 'true' })).body.items;
    expect(overdue.map((c: { id: string }) => c.id).sort()).toEqual(ids.slice(0, 2).sort());
    expect(overdue[0].journey.overdue).toBe(true);
    expect((await search({ overdue: 'false' })).body.items).toHaveLength(5);
    expect((await search({ stage: 'nowhere' })).status).toBe(400);
  });

  it('pages with a cursor, never more than the limit, each candidate once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await search({ limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
    expect((await search({ limit: 201 })).status).toBe(400);
  });

  it('exports the same selection as CSV', async () => {
    const res = await request(h.app).get('/candidates/export.csv').query({ cohortId: searchCohort.id, stage: 'selection' }).set(auth(h, 'read_only'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text.trim().split('\r\n'); // RFC 4180: CRLF
    expect(lines[0]).toBe('id,cohortId,externalRef,firstName,lastName,email,route,language,stage,status,nextDueAt,overdue');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((l) => l.includes(',selection,active,'))).toBe(true);
  });

  it('shows one candidate: record, documents, grades, decisions, timeline, emails', async () => {
    const id = ids[0]!;
    await h.db.dossierPiece.create({ data: { candidateId: id, kind: 'cv', recordedBy: 'staff:test' } });
    await h.db.assessmentResult.create({ data: { candidateId: id, blockCode: 'BC01', assessmentCode: 'BC01-A1', attempt: 1, grade: 14.5, assessorRef: 'm1' } });
    await h.db.eligibilityResult.create({ data: { candidateId: id, category: 'by_right', reasons: [] } });
    for (let i = 0; i < 3; i++) await h.db.auditEvent.create({ data: { candidateId: id, actor: 'system', action: `step.${i}` } });

    const detail = await request(h.app).get(`/candidates/${id}`).set(auth(h, 'read_only'));
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id, journey: { stage: 'dossier' }, eligibility: { category: 'by_right' } });
    const docs = await request(h.app).get(`/candidates/${id}/documents`).set(auth(h, 'read_only'));
    expect(docs.body.items.map((d: { kind: string }) => d.kind)).toEqual(['cv']);
    expect(docs.body.missing).toContain('motivation_letter');
    const grades = await request(h.app).get(`/candidates/${id}/grades`).set(auth(h, 'read_only'));
    expect(grades.body.assessments[0]).toMatchObject({ assessmentCode: 'BC01-A1', grade: '14.5' });
    const decisions = await request(h.app).get(`/candidates/${id}/decisions`).set(auth(h, 'read_only'));
    expect(decisions.body).toMatchObject({ eligibility: { category: 'by_right' }, admission: null, juries: [] });
    const t1 = await request(h.app).get(`/candidates/${id}/timeline`).query({ limit: 2 }).set(auth(h, 'read_only'));
    expect(t1.body.items.map((e: { action: string }) => e.action)).toEqual(['step.2', 'step.1']);
    const t2 = await request(h.app).get(`/candidates/${id}/timeline`).query({ limit: 2, cursor: t1.body.nextCursor }).set(auth(h, 'read_only'));
    expect(t2.body.items.map((e: { action: string }) => e.action)).toEqual(['step.0']);
    const emails = await request(h.app).get(`/candidates/${id}/emails`).set(auth(h, 'read_only'));
    expect(emails.body).toEqual({ items: [], nextCursor: null });
    expect((await request(h.app).get(`/candidates/${randomUUID()}/grades`).set(auth(h, 'read_only'))).status).toBe(404);
  });

  it('resends one of the journey\'s emails, counted and audited', async () => {
    const id = ids[1]!;
    const recipient = `resend-${randomUUID()}@example.org`;
    const row = await h.db.outboxEmail.create({
      data: {
        idempotencyKey: `test:${randomUUID()}`, kind: 'dossier_reminder', recipient, language: 'fr', journeyId: journeyWorkflowId('RNCP37332', id),
        status: 'sent', sentAt: new Date(), payload: { subject: 'Votre dossier / Your application', text: 'Pièces manquantes', html: '<p>Pièces manquantes</p>', attachments: [] },
      },
    });
    const list = await request(h.app).get(`/candidates/${id}/emails`).set(auth(h, 'read_only'));
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([row.id]);
    // Staff read the subject the recipient read, never the body.
    expect(list.body.items[0].subject).toBe('Votre dossier / Your application');
    expect(JSON.stringify(list.body)).not.toContain('Pièces manquantes');
    expect((await request(h.app).post(`/candidates/${id}/emails/${row.id}/resend`).set(auth(h, 'read_only'))).status).toBe(403);
    const res = await request(h.app).post(`/candidates/${id}/emails/${row.id}/resend`).set(auth(h, 'admissions'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outboxId: row.id, resendCount: 1 });
    const [mail] = await waitForMessages(inject('stack').mailboxUrl, recipient);
    expect(mail!.subject).toBe('Votre dossier / Your application');
    expect(await h.db.auditEvent.count({ where: { action: 'email.resent', actor: `staff:${h.staffIds.admissions}` } })).toBe(1);
    // The timeline says it in words, with the staff member's name.
    const timeline = await request(h.app).get(`/candidates/${id}/timeline`).set(auth(h, 'read_only'));
    const resent = timeline.body.items.find((e: { action: string }) => e.action === 'api.resendEmail');
    expect(resent).toMatchObject({ label: { fr: 'E-mail renvoyé (équipe)', en: 'Email sent again (staff)' }, actorName: 'admissions tester' });
    const other = await request(h.app).post(`/candidates/${ids[2]}/emails/${row.id}/resend`).set(auth(h, 'admissions'));
    expect(other.status).toBe(404);
  });

  it('resends through the delivery claim: one being sent answers 409 and sends nothing; a queued one goes now, once, with its own Message-ID', async () => {
    const id = ids[1]!;
    const row = async (status: string, extra: object = {}) => h.db.outboxEmail.create({
      data: {
        idempotencyKey: `test:${randomUUID()}`, kind: 'dossier_reminder', recipient: `queued-${randomUUID()}@example.org`, language: 'fr', journeyId: journeyWorkflowId('RNCP37332', id),
        status, payload: { subject: 'Votre dossier / Your application', text: 'Pièces manquantes', html: '<p>Pièces manquantes</p>', attachments: [] }, ...extra,
      },
    });
    const sending = await row('sending', { leaseUntil: new Date(Date.now() + 60_000), messageId: 'x' });
    const busy = await request(h.app).post(`/candidates/${id}/emails/${sending.id}/resend`).set(auth(h, 'admissions'));
    expect(busy.status).toBe(409);
    expect(busy.body.title).toBe('Email being sent');
    expect(await h.db.outboxEmail.findUniqueOrThrow({ where: { id: sending.id } })).toMatchObject({ status: 'sending', resendCount: 0, attempts: 0 });
    expect(await messagesTo(inject('stack').mailboxUrl, sending.recipient)).toHaveLength(0);

    const queued = await row('queued');
    const res = await request(h.app).post(`/candidates/${id}/emails/${queued.id}/resend`).set(auth(h, 'admissions'));
    expect(res.status).toBe(200);
    // Not yet sent: this is its delivery (not counted as a resend), with the Message-ID of its first delivery.
    expect(res.body).toMatchObject({ outboxId: queued.id, resendCount: 0 });
    const [mail, ...more] = await waitForMessages(inject('stack').mailboxUrl, queued.recipient);
    expect(more).toHaveLength(0);
    expect(mail!.messageId).toBe(`<outbox-${queued.id}@jalon>`);
    expect(await h.db.outboxEmail.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: 'sent', resendCount: 0, leaseUntil: null });
  });
});

describe('identity correction', () => {
  it('changes names, email, phone and language with a reason (audited); refuses without a reason, with another candidate\'s email, or for read_only', async () => {
    const cohort = await createCohort(h);
    const make = (n: number) => h.db.candidate.create({ data: { cohortId: cohort.id, firstName: 'Ana', lastName: `Lopes${n}`, email: `ana${n}-${cohort.id}@ex.org`, route: 'student', language: 'fr' } });
    const [a, b] = [await make(1), await make(2)];
    const noReason = await request(h.app).patch(`/candidates/${a.id}`).set(auth(h, 'admissions')).send({ phone: '+33 6 00 00 00 00' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toContain('body.reason');
    const clash = await request(h.app).patch(`/candidates/${a.id}`).set(auth(h, 'admissions')).send({ email: b.email, reason: 'typo in the file' });
    expect(clash.status).toBe(409);
    expect(clash.body.errors[0].path).toBe('body.email');
    expect((await request(h.app).patch(`/candidates/${a.id}`).set(auth(h, 'read_only')).send({ lastName: 'X', reason: 'typo in the file' })).status).toBe(403);
    expect(await h.db.candidate.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ email: a.email, phone: null, lastName: 'Lopes1' });

    const ok = await request(h.app).patch(`/candidates/${a.id}`).set(auth(h, 'admissions')).send({ lastName: 'Lopes-Martin', language: 'en', reason: 'married name, asked by the candidate' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ lastName: 'Lopes-Martin', language: 'en', email: a.email });
    const audit = await h.db.auditEvent.findFirstOrThrow({ where: { candidateId: a.id, action: 'candidate.identity_corrected' } });
    expect(audit.before).toMatchObject({ lastName: 'Lopes1', language: 'fr' });
    expect(audit.after).toMatchObject({ lastName: 'Lopes-Martin', language: 'en', reason: 'married name, asked by the candidate' });
  });
});
