// Every link page kind in a real Chromium, in French and in English (the recipient's language): what it
// shows (the step's deadline, the case in words, the facts the decision needs), no code, no serious
// axe violation. Links come from emails delivered to the SMTP sink; a GET changes nothing.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import axe from 'axe-core';
import { Client, Connection } from '@temporalio/client';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailActivities } from '../../activities/mail';
import type { ActionKind, EmailRequest, Recipient } from '../../activities/notification-types';
import { formatDateTime } from '../../activities/wording/catalogue';
import { createApp } from '../../api/app';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { waitForMessages } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import { freePort } from '../support/ports';
import { linkIn, mailConfig, SAMPLE_DUE, sampleEmail } from '../mail/fixtures';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);

const stack = inject('stack');
const DAY = 86_400_000;
let db: Database;
let client: Client;
let server: Server;
let browser: Browser;
let baseUrl: string;
let mail: ReturnType<typeof createMailActivities>;
const config = mailConfig();

beforeAll(async () => {
  if (!hasChromium) return;
  db = createDatabase(stack.databaseUrl);
  client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  mail = createMailActivities({ db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config: { ...config, publicBaseUrl: baseUrl } });
  const app = createApp({
    db, temporal: client, log: createLogger({}, 'error', () => undefined), readiness: {},
    config: { taskQueue: 'pages-no-worker', publicBaseUrl: baseUrl, admissionsEmail: config.admissionsEmail }, actionLinks: { csrfSecret: 'z'.repeat(32) },
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await client?.connection.close();
  await db?.$disconnect();
});

type Lang = 'fr' | 'en';

async function person(language: Lang, opts: { route?: string; enrolledBlocks?: string[] } = {}) {
  const suffix = randomUUID().slice(0, 8);
  const cohort = await db.cohort.create({ data: { code: `pages-${suffix}`, referentialCode: 'RNCP37332', label: 'Promotion septembre 2026', startsOn: new Date('2026-09-01') } });
  const candidate = await db.candidate.create({
    data: {
      cohortId: cohort.id, firstName: 'Léa', lastName: `Martin-${suffix}`, email: `lea-${suffix}@candidats.test`, route: opts.route ?? 'apprenticeship', language, enrolledBlocks: opts.enrolledBlocks ?? [],
      declaredProfile: { degrees: [{ kind: 'm1' }], experience: { qualifyingYears: 0 }, vappValidated: false },
    },
  });
  const jury = await db.jury.create({ data: { candidateId: candidate.id, kind: 'certification' } });
  const member = await db.juryMember.create({ data: { juryId: jury.id, personRef: suffix, name: 'Dominique Juré', email: `jury-${suffix}@jury.test`, kind: 'school', language } });
  return { candidate, member, journeyId: `journey:RNCP37332:${candidate.id}` };
}

async function openLink(journeyId: string, to: Recipient, address: string, email: EmailRequest, action: ActionKind, language: Lang, subjectRef?: string) {
  const before = (await waitForMessages(stack.mailboxUrl, address, 0)).length;
  const { outboxId } = await mail.queueEmail({ journeyId, purpose: `${action}-${randomUUID()}`, to, ...email, action: { action, expiresAtMs: SAMPLE_DUE + 30 * DAY, ...(subjectRef ? { subjectRef } : {}) } });
  await mail.deliverEmail(outboxId);
  const message = (await waitForMessages(stack.mailboxUrl, address, before + 1)).at(-1)!;
  const context = await browser.newContext({ bypassCSP: true, locale: language === 'fr' ? 'fr-FR' : 'en-GB' });
  const page = await context.newPage();
  const response = await page.goto(linkIn(message.text));
  expect(response?.status()).toBe(200);
  expect(await page.getAttribute('html', 'lang')).toBe(language);
  const main = await page.locator('main').innerText();
  expectNoCodes(main, await page.title());
  expect(await seriousViolations(page)).toEqual([]);
  return { page, main, close: () => context.close() };
}

async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as { axe: typeof axe; document: Parameters<typeof axe.run>[0] };
    const r = await g.axe.run(g.document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const T = {
  fr: { due: 'À faire avant le', reviewTitle: 'Examen du dossier de candidature', slotTitle: 'Choix du créneau d’entretien', route: 'Contrat d’apprentissage' },
  en: { due: 'To do by', reviewTitle: 'Application dossier review', slotTitle: 'Interview slot choice', route: 'Apprenticeship contract' },
} as const;

describe.skipIf(!hasChromium)('link pages in Chromium, French and English', () => {
  for (const l of ['fr', 'en'] as const) {
    it(`#26 #20 #3 the reviewer's page (${l}) shows the profile, the eligibility reasons, the pieces in words and the step deadline`, async () => {
      const p = await person(l);
      await db.dossierPiece.create({ data: { candidateId: p.candidate.id, kind: 'motivation_letter', recordedBy: 'test' } });
      await db.eligibilityResult.create({ data: { candidateId: p.candidate.id, category: 'derogation_b', reasons: [{ code: 'derogation_b', fr: 'Recevable par dérogation (b) : M1 validé.', en: 'Admissible under derogation (b): validated M1.' }] } });
      const due = Date.UTC(2027, 11, 10, 17, 0);
      const { main, close } = await openLink(p.journeyId, { kind: 'juryMember', memberId: p.member.id }, p.member.email, { template: 'selection_review_request', data: { dueAtMs: due } }, 'selection_review', l);
      expect(main).toContain(T[l].reviewTitle);
      expect(main).toContain(`${p.candidate.firstName} ${p.candidate.lastName}`);
      expect(main).toContain(T[l].route);
      expect(main).toContain(l === 'fr' ? 'Recevable par dérogation (b) : M1 validé.' : 'Admissible under derogation (b): validated M1.');
      expect(main).toContain(l === 'fr' ? 'Lettre de motivation' : 'Motivation letter');
      expect(main).toContain(l === 'fr' ? 'Master 1 (M1) ou équivalent' : 'Master 1 (M1) or equivalent');
      expect(main).toContain(formatDateTime(due, l)); // the step's deadline...
      expect(main).toMatch(new RegExp(`${T[l].due}\\s+${formatDateTime(due, l).replace(/[()]/g, '\\$&')}`));
      expect(main).not.toMatch(new RegExp(`${T[l].due}\\s+${formatDateTime(due + 30 * DAY, l).replace(/[()]/g, '\\$&')}`)); // ...not the link's expiry
      await close();
    });

    it(`#1 the slot page (${l}) lists each slot with its date, time, length and place`, async () => {
      const p = await person(l);
      const { page, main, close } = await openLink(p.journeyId, { kind: 'candidate', candidateId: p.candidate.id }, p.candidate.email, sampleEmail('interview_slots_offered'), 'interview_slot_choice', l);
      expect(main).toContain(T[l].slotTitle);
      expect(await page.locator('label[for="f-slotId-0"]').innerText()).toContain(`${formatDateTime(Date.UTC(2027, 5, 10, 12, 0), l)}, 45 minutes – Campus Lille, salle 2`);
      expect(await page.locator('label[for="f-slotId-1"]').innerText()).toContain(formatDateTime(Date.UTC(2027, 5, 11, 8, 30), l));
      expect(main).not.toMatch(/Créneau s1|Slot s1/);
      await close();
    });

    it(`#12 #20 the assessor's page (${l}) names the block and the assessment, and the attempt`, async () => {
      const p = await person(l);
      const { main, close } = await openLink(p.journeyId, { kind: 'juryMember', memberId: p.member.id }, p.member.email, sampleEmail('assessment_grade_request'), 'assessment_grade', l, 'bc02-functional-specification');
      expect(main).toContain(l === 'fr' ? 'Création d’un cahier des charges fonctionnel' : 'Functional specification');
      expect(main).toContain(l === 'fr' ? 'Bloc 2 – ' : 'Block 2 – ');
      await close();
    });

    it(`#27 #20 the jury page (${l}) shows each block's status and grades, the internship total and the thesis, and can defer some blocks`, async () => {
      const p = await person(l);
      await db.assessmentResult.create({ data: { candidateId: p.candidate.id, blockCode: 'BC01', assessmentCode: 'bc01-case-study', attempt: 1, grade: 14.5, assessorRef: 'a' } });
      await db.internshipPeriod.create({ data: { candidateId: p.candidate.id, organisation: 'ACME', startOn: new Date('2026-01-05'), endOn: new Date('2026-03-05'), fteRatio: 1, confirmedAt: new Date() } });
      await db.thesis.create({ data: { candidateId: p.candidate.id, grade: 15, validated: true } });
      const { page, main, close } = await openLink(p.journeyId, { kind: 'juryMember', memberId: p.member.id }, p.member.email, sampleEmail('jury_decision_request'), 'jury_decision', l, p.member.id);
      expect(main).toContain(l === 'fr' ? 'Étude de cas (dossier + présentation des résultats)\u00a0: 14,5/20' : 'Case study (file and presentation of results): 14.5/20');
      expect(main).toContain(l === 'fr' ? 'en cours' : 'in progress');
      expect(main).toMatch(l === 'fr' ? /2 mois équivalent temps plein confirmés \(minimum 4\)/ : /2 confirmed full-time-equivalent months \(minimum 4\)/);
      expect(main).toContain(l === 'fr' ? 'validée (15/20)' : 'validated (15/20)');
      expect(await page.locator('input[name="deferredBlocks"]').count()).toBe(4);
      await close();
    });

    it(`#5 #27 the VAE jury page (${l}) shows the evidence and no missing internship or thesis`, async () => {
      const p = await person(l, { route: 'vae' });
      await db.auditEvent.create({ data: { journeyId: p.journeyId, actor: 'staff:s', action: 'vae_evidence', after: { item: 'BC01', status: 'validated' } } });
      await db.auditEvent.create({ data: { journeyId: p.journeyId, actor: 'staff:s', action: 'vae_evidence', after: { item: 'in_depth_work', status: 'submitted' } } });
      const { main, close } = await openLink(p.journeyId, { kind: 'juryMember', memberId: p.member.id }, p.member.email, sampleEmail('jury_decision_request'), 'jury_decision', l, p.member.id);
      expect(main).toContain(l === 'fr' ? 'Preuves VAE' : 'VAE evidence');
      expect(main).toMatch(l === 'fr' ? /Bloc 1 – [^\n]+\u00a0: validée/ : /Block 1 – [^\n]+: validated/);
      expect(main).toContain(l === 'fr' ? 'reçue, en examen' : 'received, under review');
      expect(main).toContain(l === 'fr' ? 'Non requis pour la VAE.' : 'Not required for VAE.');
      expect(main).not.toMatch(/Aucune période|No period|en attente \/ pending/);
      await close();
    });

    it(`#27 the jury page (${l}) of a block-only candidate says internship and thesis are not required`, async () => {
      const p = await person(l, { enrolledBlocks: ['BC03'] });
      const { page, main, close } = await openLink(p.journeyId, { kind: 'juryMember', memberId: p.member.id }, p.member.email, sampleEmail('jury_decision_request'), 'jury_decision', l, p.member.id);
      expect(main).toContain(l === 'fr' ? 'Non requis : inscription à des blocs seulement.' : 'Not required: enrolled for some blocks only.');
      expect(main).toContain(l === 'fr' ? 'Bloc 3 – ' : 'Block 3 – ');
      expect(main).not.toContain(l === 'fr' ? 'Bloc 1 – ' : 'Block 1 – ');
      expect(await page.locator('input[name="deferredBlocks"]').count()).toBe(0);
      await close();
    });

    for (const [template, action, title] of [
      ['interview_outcome_request', 'interview_outcome', { fr: 'Résultat de l’entretien de motivation', en: 'Motivation interview outcome' }],
      ['follow_up_survey_request', 'thesis_submission', { fr: 'Dépôt de la thèse professionnelle', en: 'Professional thesis submission' }],
      ['internship_declaration_request', 'internship_declaration', { fr: 'Déclaration d’une période de stage ou d’expérience', en: 'Internship or experience period' }],
      ['follow_up_survey_request', 'follow_up_survey', { fr: 'Enquête de suivi des certifiés', en: 'Follow-up survey of certified people' }],
    ] as const) {
      it(`the ${action} page (${l}) shows its form in the person's language`, async () => {
        const p = await person(l);
        const to: Recipient = action === 'interview_outcome' ? { kind: 'juryMember', memberId: p.member.id } : { kind: 'candidate', candidateId: p.candidate.id };
        const address = action === 'interview_outcome' ? p.member.email : p.candidate.email;
        const { main, close } = await openLink(p.journeyId, to, address, sampleEmail(template), action, l);
        expect(main).toContain(title[l]);
        expect(main).not.toContain(title[l === 'fr' ? 'en' : 'fr']);
        if (action === 'interview_outcome') expect(main).toContain(formatDateTime(Date.UTC(2027, 5, 10, 12, 0), l));
        if (action === 'thesis_submission') expect(main).toContain(l === 'fr' ? 'par courriel au service des admissions' : 'by email to the admissions office'); // #23
        await close();
      });
    }
  }

  it('every page offers the other working language: the switch keeps the link and the form', async () => {
    const p = await person('fr');
    const { page, close } = await openLink(p.journeyId, { kind: 'candidate', candidateId: p.candidate.id }, p.candidate.email, sampleEmail('interview_slots_offered'), 'interview_slot_choice', 'fr');
    const before = page.url();
    await page.getByRole('link', { name: 'Read this page in English' }).click();
    await page.waitForURL(/\?lang=en$/);
    expect(page.url()).toBe(`${before}?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const main = await page.locator('main').innerText();
    expect(main).toContain(T.en.slotTitle);
    expect(await page.locator('label[for="f-slotId-0"]').innerText()).toContain(formatDateTime(Date.UTC(2027, 5, 10, 12, 0), 'en'));
    expect(await seriousViolations(page)).toEqual([]);
    expectNoCodes(main);
    // And back: the link to French is said in French.
    await page.getByRole('link', { name: 'Lire cette page en français' }).click();
    await page.waitForURL(/\?lang=fr$/);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await close();
  });
});
