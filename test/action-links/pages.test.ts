// The action-link pages on the real database, Temporal and SMTP sink: links are read from delivered
// emails. A GET changes nothing; refusals (unknown, altered, expired, used, forged form, too many
// requests) get their page and status and change nothing.
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailActivities } from '../../activities/mail';
import type { ActionKind, EmailRequest, NotifyInput, TemplateData, TemplateKind } from '../../activities/notification-types';
import { createApp } from '../../api/app';
import { FORMS, parseForm } from '../../api/action-links/forms';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { waitForMessages } from '../support/mailbox';
import { formatDateTime } from '../../activities/wording/catalogue';
import { visibleText } from '../support/person-facing';
import { createCandidate, createJury, linkIn, mailConfig, sampleEmail } from '../mail/fixtures';

const stack = inject('stack');
let db: Database;
let client: Client;
let mail: ReturnType<typeof createMailActivities>;
const logLines: string[] = [];
const makeApp = (actionLinks = {}) =>
  createApp({
    db, temporal: client, log: createLogger({}, 'info', (l) => logLines.push(l)), readiness: {},
    config: { taskQueue: 'action-links-no-worker', publicBaseUrl: 'http://jalon.test' }, actionLinks: { csrfSecret: 'x'.repeat(32), ...actionLinks },
  });
let app: ReturnType<typeof makeApp>;
const inADay = () => Date.now() + 86_400_000;

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  mail = createMailActivities({ db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config: mailConfig() });
  app = makeApp();
});

afterAll(async () => {
  await client?.connection.close();
  await db?.$disconnect();
});

/** Queues and delivers one email with a link, then reads the link from the recipient's inbox. */
// The thesis confirmation page is reached by action links mailed before the thesis emails led to the space
// (they carry the space link now): its tests mail the action link with another candidate email.
async function linkFromInbox(options: { template: TemplateKind; action: ActionKind; to: NotifyInput['to']; email: string; journeyId: string; expiresAtMs?: number; subjectRef?: string; data?: TemplateData }) {
  const before = (await waitForMessages(stack.mailboxUrl, options.email, 0)).length;
  const { outboxId, actionTokenId } = await mail.queueEmail({
    journeyId: options.journeyId, purpose: `${options.template}-${Math.random()}`, to: options.to,
    ...(options.data ? ({ template: options.template, data: options.data } as EmailRequest) : sampleEmail(options.template)),
    action: { action: options.action, expiresAtMs: options.expiresAtMs ?? inADay(), subjectRef: options.subjectRef },
  });
  await mail.deliverEmail(outboxId);
  const messages = await waitForMessages(stack.mailboxUrl, options.email, before + 1);
  const link = linkIn(messages.at(-1)!.text);
  return { path: new URL(link).pathname, tokenId: actionTokenId! };
}

async function snapshot(journeyId: string, tokenId: string) {
  return {
    token: await db.actionToken.findUniqueOrThrow({ where: { id: tokenId } }),
    audit: await db.auditEvent.count({ where: { journeyId } }),
    notes: await db.journeyNote.count({ where: { journeyId } }),
    outbox: await db.outboxEmail.findMany({ where: { journeyId }, orderBy: { id: 'asc' } }),
  };
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1];

describe('the jury form reads chosen blocks', () => {
  it('#27 several ticked blocks become the deferred blocks; a block outside the journey is an error of that field', () => {
    const fields = FORMS.jury_decision.fields({ data: {}, subjectRef: null, blockCodes: ['BC01', 'BC02', 'BC03'], referentialCode: 'RNCP37332' });
    expect(fields.find((f) => f.name === 'deferredBlocks')?.options?.map((o) => o.value)).toEqual(['BC01', 'BC02', 'BC03']);
    expect(parseForm(FORMS.jury_decision, fields, { decision: 'award', deferredBlocks: ['BC01', 'BC03'] })).toEqual({ values: { decision: 'award', deferredBlocks: 'BC01,BC03', comment: undefined } });
    expect(parseForm(FORMS.jury_decision, fields, { decision: 'award', deferredBlocks: ['BC04'] })).toMatchObject({ errors: { deferredBlocks: expect.anything() } });
  });
});

describe('following a link (GET)', () => {
  it('shows a candidate the page with a form, in their language (French), and changes nothing', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const { path, tokenId } = await linkFromInbox({ template: 'follow_up_survey_request', action: 'thesis_submission', to: { kind: 'candidate', candidateId: candidate.id }, email: candidate.email, journeyId });
    const before = await snapshot(journeyId, tokenId);
    for (let i = 0; i < 3; i++) {
      const res = await request(app).get(path);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<html lang="fr">');
      expect(res.text).toContain('Dépôt de la thèse professionnelle');
      expect(res.text).not.toContain('Professional thesis submission');
      expect(res.text).toContain(`${candidate.firstName} ${candidate.lastName}`);
      expect(res.text).toMatch(/<form[^>]* method="post"/);
      expect(csrfOf(res.text)).toBeTruthy();
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['cache-control']).toBe('no-store');
    }
    expect(await snapshot(journeyId, tokenId)).toEqual(before);
  });

  it('shows a certification jury member the case: grades, internship, thesis', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const { members } = await createJury(db, candidate.id);
    await db.assessmentResult.create({ data: { candidateId: candidate.id, blockCode: 'BC01', assessmentCode: 'bc01-case-study', attempt: 1, grade: 14.5, assessorRef: 'a1' } });
    const { path } = await linkFromInbox({ template: 'jury_decision_request', action: 'jury_decision', to: { kind: 'juryMember', memberId: members[1]!.id }, email: members[1]!.email, journeyId, subjectRef: members[1]!.id });
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Décision du jury de certification');
    expect(res.text).toContain('Étude de cas (dossier + présentation des résultats)\u00a0: 14,5/20');
    expect(res.text).not.toContain('bc01-case-study');
    expect(res.text).toContain('Attribuer');
  });

  it('#3 shows the step deadline as it stands (extended by staff), not the link expiry', async () => {
    const { candidate, journeyId, cohort } = await createCandidate(db);
    const { members } = await createJury(db, candidate.id, 'selection');
    const told = Date.UTC(2027, 11, 10, 17, 0);
    const extended = told + 5 * 86_400_000;
    const { path } = await linkFromInbox({ template: 'selection_review_request', action: 'selection_review', to: { kind: 'juryMember', memberId: members[0]!.id }, email: members[0]!.email, journeyId, data: { dueAtMs: told }, expiresAtMs: told + 30 * 86_400_000 });
    const before = await request(app).get(path);
    expect(visibleText(before.text)).toContain(`À faire avant le ${formatDateTime(told, 'fr')}`);
    await db.journeyView.create({
      data: { journeyId, candidateId: candidate.id, cohortId: cohort.id, route: 'student', stage: 'selection', status: 'active', version: 3,
        awaiting: [{ who: { role: 'juryMember', ref: members[0]!.id }, what: 'selection_review', dueAtMs: extended }] },
    });
    const after = visibleText((await request(app).get(path)).text);
    expect(after).toContain(`À faire avant le ${formatDateTime(extended, 'fr')}`);
    expect(after).not.toContain(`À faire avant le ${formatDateTime(told + 30 * 86_400_000, 'fr')}`);
    expect(after).toContain(`Validité technique du lien : ${formatDateTime(told + 30 * 86_400_000, 'fr')}`);
  });

  it.each([
    ['selection_review_request', 'selection_review', 'Examen du dossier de candidature'],
    ['interview_outcome_request', 'interview_outcome', 'Résultat de l’entretien de motivation'],
    ['assessment_grade_request', 'assessment_grade', 'Note d’évaluation'],
  ] as const)('shows a jury member (%s) their form', async (template, action, title) => {
    const { candidate, journeyId } = await createCandidate(db);
    const { members } = await createJury(db, candidate.id, 'selection');
    const { path } = await linkFromInbox({ template, action, to: { kind: 'juryMember', memberId: members[0]!.id }, email: members[0]!.email, journeyId, subjectRef: action === 'assessment_grade' ? 'bc02-functional-specification' : undefined });
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    expect(res.text).toContain(title);
  });

  it.each([
    ['interview_slots_offered', 'interview_slot_choice', 'Choix du créneau d’entretien'],
    ['internship_declaration_request', 'internship_declaration', 'Déclaration d’une période de stage'],
    ['follow_up_survey_request', 'follow_up_survey', 'Enquête de suivi des certifiés'],
  ] as const)('shows a candidate (%s) their form', async (template, action, title) => {
    const { candidate, journeyId } = await createCandidate(db);
    const { path } = await linkFromInbox({ template, action, to: { kind: 'candidate', candidateId: candidate.id }, email: candidate.email, journeyId });
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    expect(res.text).toContain(title);
    if (action === 'interview_slot_choice') {
      expect(res.text).toContain('value="s1"');
      expect(res.text).toContain('jeudi 10 juin 2027 à 14:00 (heure de Paris)');
    }
  });
});

describe('refused links change nothing', () => {
  it('answers 404 for an altered or unknown token, and logs without the token', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const { path, tokenId } = await linkFromInbox({ template: 'follow_up_survey_request', action: 'thesis_submission', to: { kind: 'candidate', candidateId: candidate.id }, email: candidate.email, journeyId });
    const token = path.split('/a/')[1]!;
    const altered = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    const before = await snapshot(journeyId, tokenId);
    for (const bad of [`/a/${altered}`, `/a/${token}x`, '/a/short', `/a/${'A'.repeat(43)}`]) {
      const get = await request(app).get(bad);
      expect(get.status).toBe(404);
      expect(get.text).toContain('Lien invalide');
      const post = await request(app).post(bad).type('form').send({ confirm: 'yes' });
      expect(post.status).toBe(404);
    }
    expect(await snapshot(journeyId, tokenId)).toEqual(before);
    expect(logLines.some((l) => l.includes('action link refused') && l.includes('"reason":"unknown"'))).toBe(true);
    expect(logLines.join('\n')).not.toContain(token);
    expect(logLines.join('\n')).not.toContain(altered);
  });

  it('answers 410 for an expired token, on GET and POST', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const { path, tokenId } = await linkFromInbox({ template: 'follow_up_survey_request', action: 'thesis_submission', to: { kind: 'candidate', candidateId: candidate.id }, email: candidate.email, journeyId, expiresAtMs: Date.now() + 60_000 });
    const csrf = csrfOf((await request(app).get(path)).text);
    const later = makeApp({ clock: () => new Date(Date.now() + 120_000) });
    const before = await snapshot(journeyId, tokenId);
    const get = await request(later).get(path);
    expect(get.status).toBe(410);
    expect(get.text).toContain('Lien expiré');
    const post = await request(later).post(path).type('form').send({ csrf, confirm: 'yes' });
    expect(post.status).toBe(410);
    expect(await snapshot(journeyId, tokenId)).toEqual(before);
  });

  it('refuses a POST without the form\'s CSRF value or from another site (403)', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const { path, tokenId } = await linkFromInbox({ template: 'follow_up_survey_request', action: 'thesis_submission', to: { kind: 'candidate', candidateId: candidate.id }, email: candidate.email, journeyId });
    const csrf = csrfOf((await request(app).get(path)).text)!;
    const before = await snapshot(journeyId, tokenId);
    expect((await request(app).post(path).type('form').send({ confirm: 'yes' })).status).toBe(403);
    expect((await request(app).post(path).type('form').send({ confirm: 'yes', csrf: csrf.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) })).status).toBe(403);
    expect((await request(app).post(path).set('Origin', 'https://evil.example').type('form').send({ confirm: 'yes', csrf })).status).toBe(403);
    expect((await request(app).post(path).set('Origin', 'null').type('form').send({ confirm: 'yes', csrf })).status).toBe(403);
    // The CSRF value of another token does not open this one.
    const other = await linkFromInbox({ template: 'follow_up_survey_request', action: 'thesis_submission', to: { kind: 'candidate', candidateId: candidate.id }, email: candidate.email, journeyId });
    const otherCsrf = csrfOf((await request(app).get(other.path)).text)!;
    expect((await request(app).post(path).type('form').send({ confirm: 'yes', csrf: otherCsrf })).status).toBe(403);
    expect((await snapshot(journeyId, tokenId)).token).toEqual(before.token);
  });

  it('shows errors tied to their fields (422) for an incomplete form', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const { members } = await createJury(db, candidate.id, 'selection');
    const { path, tokenId } = await linkFromInbox({ template: 'selection_review_request', action: 'selection_review', to: { kind: 'juryMember', memberId: members[0]!.id }, email: members[0]!.email, journeyId });
    const csrf = csrfOf((await request(app).get(path)).text);
    const res = await request(app).post(path).type('form').send({ csrf, decision: 'maybe', comment: 'Bon dossier' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain('<p class="error" id="f-decision-error">');
    expect(res.text).toContain('aria-describedby="f-decision-error"');
    expect(res.text).toMatch(/<select id="f-reasonCode" name="reasonCode" required="" aria-describedby="f-reasonCode-error" aria-invalid="true">/);
    expect(res.text).toContain('Bon dossier'); // what was typed is kept
    const token = await db.actionToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(token.useCount).toBe(0);
  });

  it('says why when the journey refuses, and leaves the token usable', async () => {
    // No journey runs for this candidate: the journey client answers JourneyNotFound.
    const { candidate, journeyId } = await createCandidate(db);
    const { path, tokenId } = await linkFromInbox({ template: 'follow_up_survey_request', action: 'thesis_submission', to: { kind: 'candidate', candidateId: candidate.id }, email: candidate.email, journeyId });
    const csrf = csrfOf((await request(app).get(path)).text);
    const res = await request(app).post(path).type('form').send({ csrf, confirm: 'yes' });
    expect(res.status).toBe(404);
    expect(res.text).toContain('Décision non enregistrée');
    expect(res.text).toContain('Aucun parcours en cours');
    const token = await db.actionToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(token).toMatchObject({ useCount: 0, usedAt: null });
    expect(await db.auditEvent.count({ where: { journeyId, action: 'action_link.decision_recorded' } })).toBe(0);
  });

  it('limits requests per token (429 with Retry-After)', async () => {
    const limited = makeApp({ perToken: { max: 3, windowMs: 60_000 } });
    const { candidate, journeyId } = await createCandidate(db);
    const { path } = await linkFromInbox({ template: 'follow_up_survey_request', action: 'thesis_submission', to: { kind: 'candidate', candidateId: candidate.id }, email: candidate.email, journeyId });
    for (let i = 0; i < 3; i++) expect((await request(limited).get(path)).status).toBe(200);
    const res = await request(limited).get(path);
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.text).toContain('Trop de tentatives');
  });

  it('limits requests per address, whatever the token', async () => {
    const limited = makeApp({ perAddress: { max: 5, windowMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await request(limited).get(`/a/${String(i).repeat(43)}`)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
  });
});

describe('a used token', () => {
  async function usedJuryLink(juryStatus: 'open' | 'closed') {
    const { candidate, journeyId } = await createCandidate(db);
    const { jury, members } = await createJury(db, candidate.id);
    const { path, tokenId } = await linkFromInbox({ template: 'jury_decision_request', action: 'jury_decision', to: { kind: 'juryMember', memberId: members[0]!.id }, email: members[0]!.email, journeyId, subjectRef: members[0]!.id });
    // As the POST route leaves it after a recorded decision.
    await db.actionToken.update({ where: { id: tokenId }, data: { useCount: 1, usedAt: new Date(), lastUsedAt: new Date() } });
    await db.auditEvent.create({ data: { journeyId, actor: `juryMember:${members[0]!.id}`, action: 'action_link.decision_recorded', dedupKey: `action-link:${tokenId}`, after: { linkId: tokenId, summary: 'Décision / Decision : Ajourner / Defer' } } });
    if (juryStatus === 'closed') await db.jury.update({ where: { id: jury.id }, data: { status: 'closed', closedAt: new Date() } });
    return { path, tokenId, journeyId };
  }

  it('lets a jury member see their decision and change it while the jury is open', async () => {
    const { path } = await usedJuryLink('open');
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Vous pouvez la modifier jusqu’à la clôture du jury');
    expect(res.text).toContain('Ajourner / Defer');
    expect(csrfOf(res.text)).toBeTruthy();
  });

  it('answers 409 with the recorded decision once the jury is closed', async () => {
    const { path, tokenId, journeyId } = await usedJuryLink('closed');
    const before = await snapshot(journeyId, tokenId);
    const res = await request(app).get(path);
    expect(res.status).toBe(409);
    expect(res.text).toContain('Décision déjà enregistrée');
    expect(res.text).toContain('Ajourner / Defer');
    const post = await request(app).post(path).type('form').send({ decision: 'award' });
    expect(post.status).toBe(409);
    expect(await snapshot(journeyId, tokenId)).toEqual(before);
  });

  it('answers 409 for a used candidate link', async () => {
    const { candidate, journeyId } = await createCandidate(db);
    const { path, tokenId } = await linkFromInbox({ template: 'follow_up_survey_request', action: 'thesis_submission', to: { kind: 'candidate', candidateId: candidate.id }, email: candidate.email, journeyId });
    await db.actionToken.update({ where: { id: tokenId }, data: { useCount: 1, usedAt: new Date() } });
    expect((await request(app).get(path)).status).toBe(409);
  });
});
