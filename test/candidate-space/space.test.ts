// The candidate space in Chromium, on the real system: the candidate opens it from the dossier email,
// bad files are refused next to the field with nothing stored, five PDFs move the journey to selection,
// the files survive a restart, and every page has no serious or critical axe violation.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { filesOfPerson } from '../../documents/store';
import { createSpaceLink, spaceSignInUrl } from '../../activities/mail/space-link';
import * as journey from '../../workflows/journey-client';
import { staff } from '../action-links/journey-fixture';
import { linkIn } from '../mail/fixtures';
import { eventually } from '../support/eventually';
import { waitForMessages } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import { executable, pdf } from './files';
import { hasChromium, screenshot, seriousViolations, spaceLinkIn, useSpaceInChromium } from './fixture';

const stack = inject('stack');
const PIECES: [string, string][] = [['cv', 'CV'], ['transcripts', 'Relevés'], ['recommendation_letter', 'Recommandation'], ['motivation_letter', 'Lettre'], ['professional_project', 'Projet']];
const env = useSpaceInChromium();

async function submit(page: Page, selector: string) {
  const [response] = await Promise.all([page.waitForNavigation(), page.locator(selector).press('Enter')]);
  return response;
}

async function upload(page: Page, kind: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.locator(`#piece-${kind}`).setInputFiles(file);
  return submit(page, `#piece-${kind} ~ button[type=submit]`);
}

describe.skipIf(!hasChromium)('candidate space in Chromium', () => {
  it('opens from the dossier email, refuses bad files, takes five PDFs to selection; the reviewer opens the CV; the candidate chooses a slot and gets the ICS', async () => {
    const { candidate, journeyId, reviewer, dossierEmail } = await env.space.atDossier();
    // The email, as delivered: words, the deadline, and a personal link to the space.
    expect(dossierEmail.subject).toBe('Votre dossier de candidature est ouvert');
    expect(dossierEmail.text).toContain('Mon espace candidat');
    expect(dossierEmail.text).toContain('heure de Paris');
    expectNoCodes(dossierEmail.text);
    const link = spaceLinkIn(dossierEmail.text);
    expect(new URL(link).origin).toBe(env.space.baseUrl);

    const context = await env.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toBe('Ouvrir mon espace candidat');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '01-sign-in');
    expect((await submit(page, 'main button[type=submit]'))?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/space');
    const cookie = (await context.cookies()).find((c) => c.name === 'jalon_candidate');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    // The space at the dossier stage: stages, what is expected and by when (Paris), the five pieces.
    const main = await page.locator('main').innerText();
    expect(main).toContain('Les étapes de votre parcours');
    expect(await page.locator('li[aria-current=step]').innerText()).toContain('dossier de candidature');
    expect(main).toMatch(/Envoyer les pièces manquantes de votre dossier – avant le .+ \(heure de Paris\)/);
    expect(main).toContain('Parcours commencé');
    expectNoCodes(main);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '02-dossier-stage');

    // Bad files: each refused with its reason next to the field; nothing stored.
    const owner = `candidate:${candidate.id}`;
    const bad: [{ name: string; mimeType: string; buffer: Buffer }, RegExp][] = [
      [{ name: 'cv.pdf', mimeType: 'application/pdf', buffer: executable() }, /ni un PDF, ni une image PNG ou JPEG/],
      [{ name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf(), Buffer.alloc(11 * 1024 * 1024, 0x20)]) }, /dépasse 10 Mo/],
      [{ name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) }, /est vide/],
    ];
    for (const [file, message] of bad) {
      const response = await upload(page, 'cv', file);
      expect(response?.status()).toBe(422);
      expect(await page.locator('#piece-cv-error').innerText()).toMatch(message);
      expect(await page.locator('#piece-cv').getAttribute('aria-describedby')).toBe('piece-cv-error');
      expect(await seriousViolations(page)).toEqual([]);
    }
    await screenshot(page, '03-file-refused');
    expect(await filesOfPerson(env.db, owner)).toEqual([]);

    // The five pieces, as PDFs, with the keyboard.
    for (const [kind, name] of PIECES) {
      const response = await upload(page, kind, { name: `${name} Inès.pdf`, mimeType: 'application/pdf', buffer: pdf(`${kind} of ${candidate.lastName}`) });
      expect(response?.status()).toBe(200);
      await expect(page.locator('[role=status]').first().innerText()).resolves.toContain('est bien reçue');
    }
    expect((await filesOfPerson(env.db, owner)).map((f) => f.fileName)).toEqual(PIECES.map(([, name]) => `${name} Inès.pdf`));
    const pieces = await env.db.dossierPiece.findMany({ where: { candidateId: candidate.id } });
    expect(pieces.map((p) => p.recordedBy)).toEqual(PIECES.map(() => owner));

    // The journey moved on, exactly as with staff's record-piece: the space says so.
    await env.space.waitUntilStage(journeyId, 'selection');
    await page.reload();
    expect(await page.locator('li[aria-current=step]').innerText()).toContain('jury de sélection');
    expect(await page.locator('main').innerText()).toContain('Dossier complet');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '04-selection-stage');

    // Their own file comes back as a download, whole; another person's id is not theirs.
    const first = (await filesOfPerson(env.db, owner))[0]!;
    const download = await page.request.get(`${env.space.baseUrl}/space/files/${first.id}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="CV Ines.pdf"/);
    expect(download.headers()['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(await download.body())).toEqual(pdf(`cv of ${candidate.lastName}`));

    // A restart of the system: the same files, the same session.
    await env.space.close();
    await env.space.listen();
    const again = await page.request.get(`${env.space.baseUrl}/space/files/${first.id}`);
    expect(Buffer.from(await again.body())).toEqual(pdf(`cv of ${candidate.lastName}`));
    const state = await journey.queryJourney(env.space.client, journeyId);
    expect(state.stage).toBe('selection');

    // A name with a folder path, sent by a client that does not strip it: refused in words, nothing stored.
    const csrf = await page.locator('input[name=csrf]').first().getAttribute('value');
    const traversal = await page.request.post(`${env.space.baseUrl}/space/pieces/cv`, {
      headers: { origin: env.space.baseUrl }, maxRedirects: 0,
      multipart: { csrf: csrf!, file: { name: '../../etc/cv.pdf', mimeType: 'application/pdf', buffer: pdf('traversal') } },
    });
    expect(traversal.status()).toBe(409); // the dossier is complete: no piece is taken any more
    expect((await filesOfPerson(env.db, owner))).toHaveLength(5);

    // The selection reviewer opens the CV from their page (profile, degrees, eligibility in words).
    await journey.assignSelectionReviewers(env.space.client, journeyId, { decisionId: `assign-${journeyId}`, actor: staff, memberIds: [reviewer.id] });
    const [reviewEmail] = await waitForMessages(stack.mailboxUrl, reviewer.email, 1);
    const reviewerContext = await env.browser.newContext({ bypassCSP: true, locale: 'fr-FR', acceptDownloads: true });
    const reviewerPage = await reviewerContext.newPage();
    await reviewerPage.goto(linkIn(reviewEmail!.text));
    const reviewMain = await reviewerPage.locator('main').innerText();
    expect(reviewMain).toContain('Documents du dossier');
    expect(reviewMain).toContain('Diplôme universitaire de 3e cycle (Master, DEA, DESS) (Master Management)');
    expect(reviewMain).toContain('Recevable de droit : Diplôme de 3e cycle universitaire');
    expectNoCodes(reviewMain);
    expect(await seriousViolations(reviewerPage)).toEqual([]);
    await screenshot(reviewerPage, '05-reviewer-page');
    const cvLink = reviewerPage.locator('a', { hasText: 'CV – CV Inès.pdf' });
    const [saved] = await Promise.all([reviewerPage.waitForEvent('download'), cvLink.focus().then(() => reviewerPage.keyboard.press('Enter'))]);
    expect(saved.suggestedFilename()).toBe('CV Inès.pdf');
    expect(await readFile((await saved.path())!)).toEqual(pdf(`cv of ${candidate.lastName}`));
    const cvHref = new URL(await cvLink.getAttribute('href') ?? '', env.space.baseUrl).href;
    // Scoped: another candidate's file id under this link is not found.
    const other = (await env.db.storedFile.findFirst({ where: { ownerRef: { not: owner }, pieceVersions: { some: {} } } }));
    if (other) expect((await reviewerPage.request.get(cvHref.replace(/[^/]+$/, other.id))).status()).toBe(404);

    // The reviewer decides; the link's documents close with the step.
    await reviewerPage.locator('#f-decision-0').check();
    await reviewerPage.locator('#f-reasonCode').selectOption('profile_fits');
    await submit(reviewerPage, 'form button[type=submit]');
    await env.space.waitUntilStage(journeyId, 'interview');
    expect((await reviewerPage.request.get(cvHref)).status()).toBe(410);
    await reviewerContext.close();

    // Staff offer two slots; the candidate chooses one in the space, with the keyboard.
    const startsAtMs = Date.parse('2027-01-12T09:30:00Z'); // 10:30 in Paris (winter)
    await eventually(() => journey.offerInterviewSlots(env.space.client, journeyId, {
      decisionId: `offer-${journeyId}`, actor: staff, juryMemberIds: [reviewer.id],
      slots: [{ slotId: 'slot-a', startsAtMs, durationMinutes: 30, place: 'Salle 204, 12 rue des Écoles, Paris' }, { slotId: 'slot-b', startsAtMs: startsAtMs + 3_600_000, durationMinutes: 30 }],
    }));
    await eventually(async () => {
      await page.goto(`${env.space.baseUrl}/space`);
      expect(await page.locator('main').innerText()).toContain('Choix du créneau');
    });
    expect(await page.locator('main').innerText()).toContain('mardi 12 janvier 2027 à 10:30 (heure de Paris), 30 minutes – Salle 204');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '06-choose-slot');
    await page.locator('input[name=slotId][value=slot-a]').focus();
    await page.keyboard.press('Space');
    expect((await submit(page, 'form[action^="/space/tasks/"] button[type=submit]'))?.status()).toBe(200);
    await expect(page.locator('[role=status]').first().innerText()).resolves.toContain('C’est enregistré');
    // One answer: the emailed slot link now says it was recorded (same decision id, same token).
    const slotEmail = (await waitForMessages(stack.mailboxUrl, candidate.email, 1)).find((m) => m.subject.includes('créneau'))!;
    const viaLink = await page.request.get(linkIn(slotEmail.text));
    expect(viaLink.status()).toBe(409);
    expect(await viaLink.text()).toContain('Décision déjà enregistrée');

    // The confirmation with its ICS reaches the candidate; the space shows the times and offers the same file.
    const confirmation = await eventually(async () => {
      const found = (await waitForMessages(stack.mailboxUrl, candidate.email, 1)).find((m) => m.attachments?.some((a) => a.filename?.endsWith('.ics')));
      if (!found) throw new Error('no confirmation yet');
      return found;
    }, 20_000);
    const emailIcs = confirmation.attachments!.find((a) => a.filename?.endsWith('.ics'))!;
    await eventually(async () => {
      await page.goto(`${env.space.baseUrl}/space`);
      expect(await page.locator('#interview ~ p').first().innerText()).toBe('Entretien prévu le mardi 12 janvier 2027 à 10:30 (heure de Paris), 30 minutes – Salle 204, 12 rue des Écoles, Paris.');
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '07-interview-set');
    const ics = await page.request.get(`${env.space.baseUrl}/space/interview.ics`);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    const icsText = await ics.text();
    expect(icsText).toContain('DTSTART;TZID=Europe/Paris:20270112T103000');
    expect(icsText).toContain('DTEND;TZID=Europe/Paris:20270112T110000');
    expect(emailIcs.content.replace(/\r\n/g, '\n')).toBe(icsText.replace(/\r\n/g, '\n'));

    await context.close();
  }, 240_000);

  it('in training, the candidate declares an internship period and submits the thesis file in the space', async () => {
    const { journeyId, candidate, reviewers } = await env.space.atSelection();
    await journey.recordSelectionReview(env.space.client, journeyId, { decisionId: `review-${journeyId}`, actor: { kind: 'juryMember', memberId: reviewers[0]!.id }, decision: 'admissible', reasonCode: 'profile_fits' });
    await env.space.waitUntilStage(journeyId, 'interview');
    // A slot a few seconds ahead, so that the interview has taken place when its outcome is recorded.
    const startsAtMs = Date.now() + 6_000;
    await eventually(() => journey.offerInterviewSlots(env.space.client, journeyId, { decisionId: `offer-${journeyId}`, actor: staff, juryMemberIds: [reviewers[0]!.id], slots: [{ slotId: 'soon', startsAtMs, durationMinutes: 30 }] }));
    await eventually(() => journey.chooseInterviewSlot(env.space.client, journeyId, { decisionId: `choose-${journeyId}`, actor: { kind: 'candidate' }, slotId: 'soon' }));
    await new Promise((r) => setTimeout(r, Math.max(0, startsAtMs - Date.now() + 500)));
    await journey.recordInterviewOutcome(env.space.client, journeyId, { decisionId: `outcome-${journeyId}`, actor: staff, outcome: 'admitted' });
    const token = await createSpaceLink(env.db, candidate.id, new Date(Date.now() + 3_600_000));
    const context = await env.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(spaceSignInUrl(env.space.baseUrl, token));
    await submit(page, 'main button[type=submit]');

    await eventually(async () => {
      await page.goto(`${env.space.baseUrl}/space`);
      const text = await page.locator('main').innerText();
      expect(text).toContain('Dépôt de la thèse professionnelle');
      expect(text).toContain('Déclaration d’une période de stage ou d’expérience');
      expect(text).not.toContain('Choisir un créneau');
      // Never on a waiting list: no such stage.
      expect(text).not.toContain('en attente d’une place');
    }, 30_000);
    // What is expected: the thesis by its deadline; the assessments' first work without the retakes' deadline.
    const todo = await page.locator('#todo + ul').innerText();
    expect(todo).toMatch(/Déposer votre thèse professionnelle – avant le /);
    expect(todo).toMatch(/Remettre le travail de vos évaluations ci-dessous$/m);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '08-training');
    await page.locator('#f-organisation').fill('Banque Lumière');
    await page.locator('#f-startOn').fill('2027-03-01');
    await page.locator('#f-endOn').fill('2027-08-31');
    await page.locator('#f-percent').fill('100');
    expect((await submit(page, 'form[action^="/space/tasks/"]:has(#f-organisation) button[type=submit]'))?.status()).toBe(200);
    expect(await env.db.internshipPeriod.count({ where: { candidateId: candidate.id, organisation: 'Banque Lumière' } })).toBe(1);
    await page.locator('#f-file').setInputFiles({ name: 'these.pdf', mimeType: 'application/pdf', buffer: executable() });
    expect((await submit(page, 'form[action^="/space/tasks/"]:has(#f-file) button[type=submit]'))?.status()).toBe(422);
    expect(await page.locator('#f-file-error').innerText()).toContain('ni un PDF');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#f-file').setInputFiles({ name: 'Thèse Inès.pdf', mimeType: 'application/pdf', buffer: pdf('thèse') });
    expect((await submit(page, 'form[action^="/space/tasks/"]:has(#f-file) button[type=submit]'))?.status()).toBe(200);
    const thesisFiles = await env.db.dossierPieceVersion.findMany({ where: { candidateId: candidate.id, kind: 'thesis' }, include: { file: true } });
    expect(thesisFiles.map((v) => v.file.fileName)).toEqual(['Thèse Inès.pdf']);
    await eventually(async () => {
      const events = (await journey.queryJourney(env.space.client, journeyId)).recentEvents.map((e) => e.action);
      expect(events).toEqual(expect.arrayContaining(['internship_period_declared', 'thesis_submitted']));
    });
    // Reloaded once the journey recorded it: the thesis is no longer asked, neither as a form nor as a task.
    await page.goto(`${env.space.baseUrl}/space`);
    const after = await page.locator('main').innerText();
    expect(after).not.toContain('Dépôt de la thèse professionnelle');
    expect(after).not.toContain('Déposer votre thèse professionnelle');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${env.space.baseUrl}/space?lang=en`);
    const english = await page.locator('main').innerText();
    expect(english).not.toContain('Submit your professional thesis');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '09-thesis-submitted');
    await context.close();
  }, 240_000);

  it('refuses a file name with ../ next to the field, and the link works once; lost link and sign-out', async () => {
    const { candidate, dossierEmail } = await env.space.atDossier({ language: 'en' });
    const link = spaceLinkIn(dossierEmail.text);
    const context = await env.browser.newContext({ bypassCSP: true, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(link);
    await submit(page, 'main button[type=submit]');
    await expect(page.locator('h1').innerText()).resolves.toBe('My candidate space');
    const csrf = await page.locator('input[name=csrf]').first().getAttribute('value');
    const traversal = await page.request.post(`${env.space.baseUrl}/space/pieces/cv`, {
      headers: { origin: env.space.baseUrl }, maxRedirects: 0,
      multipart: { csrf: csrf!, file: { name: '../../etc/cv.pdf', mimeType: 'application/pdf', buffer: pdf('traversal') } },
    });
    expect(traversal.status()).toBe(422);
    expect(await traversal.text()).toContain('This file’s name contains a folder path');
    // Without the CSRF value, nothing either.
    const forged = await page.request.post(`${env.space.baseUrl}/space/pieces/cv`, { headers: { origin: env.space.baseUrl }, maxRedirects: 0, multipart: { file: { name: 'cv.pdf', mimeType: 'application/pdf', buffer: pdf() } } });
    expect(forged.status()).toBe(403);
    expect(await filesOfPerson(env.db, `candidate:${candidate.id}`)).toEqual([]);

    // The emailed link worked once: opened again, it says so and offers a new one.
    const reused = await (await env.browser.newContext()).request.post(link, { headers: { origin: env.space.baseUrl } });
    expect(reused.status()).toBe(410);
    expect(await reused.text()).toContain('already used');

    // Sign out (keyboard), then ask for a new link: the same answer for a known and an unknown address.
    await submit(page, 'nav button[type=submit]');
    await expect(page.locator('main').innerText()).resolves.toContain('You are signed out');
    expect((await page.goto(`${env.space.baseUrl}/space`))?.status()).toBe(401);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '10-lost-link');
    const answers = [];
    for (const email of [candidate.email.toUpperCase(), `nobody-${candidate.id}@candidats.test`]) {
      await page.goto(`${env.space.baseUrl}/space/lost-link?lang=en`);
      await page.locator('#f-email').fill(email);
      const response = await submit(page, 'main button[type=submit]');
      answers.push([response?.status(), await page.locator('main').innerText()]);
    }
    expect(answers[0]).toEqual(answers[1]);
    const messages = await waitForMessages(stack.mailboxUrl, candidate.email, 2);
    const fresh = messages.find((m) => m.subject === 'Your link to your candidate space')!;
    expectNoCodes(fresh.text);
    await page.goto(spaceLinkIn(fresh.text));
    await submit(page, 'main button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/space');
    await context.close();
  });
});
