// The review's candidate page, in Chromium on the real system, keyboard only, with axe: a VAE candidate
// at the evidence stage. The journey map has passed selection, interview and admission; each evidence
// item is named in words with its status and its files (downloaded whole, the download audited); a
// rejection without a reason is refused next to its field and changes nothing; with one it is kept and
// shown; a validation. Nothing on the page is a raw code, in French or in English; no request answers 404
// (the icon). Then a student's work per assessment and attempt and their dossier's files, and a certification jury's outcome and
// each member's vote in words, the procès-verbal's size in ko (kB in English).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReferential } from '../../domain/index';
import * as journey from '../../workflows/journey-client';
import { eventually } from '../support/eventually';
import { candidateOf, sendFile, vaeJourneyAtEvidence } from '../support/evidence-fixtures';
import { expectNoCodes } from '../support/person-facing';
import { addStaff, hasChromium, noSerious, press, SCREENSHOTS, signIn, startBrowserStack, typeInto, type BrowserStack } from './browser-harness';

let s: BrowserStack;
beforeAll(async () => {
  if (hasChromium) s = await startBrowserStack('candidate-evidence');
}, 120_000);
afterAll(async () => s?.close());

const BC01 = { fr: 'Bloc 1 – Concevoir et définir la stratégie commerciale digitale', en: 'Block 1 – Design and define the digital commercial strategy' };
const BC02_FR = /^Bloc 2 – /;

async function download(page: Page, link: ReturnType<Page['getByRole']>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), press(page, link)]);
  return readFile((await file.path())!);
}

describe.skipIf(!hasChromium)('candidate page: VAE evidence, journey map, words', () => {
  it('an officer reviews VAE evidence from the candidate page, rejects with a reason and validates', { timeout: 300_000 }, async () => {
    const c = await candidateOf(s.db, 'vae', 'Preuves');
    const journeyId = await vaeJourneyAtEvidence(s.client, s.taskQueue, c);
    s.journeys.push(journeyId);
    const sent = await sendFile(s.db, c.id, { vae: 'BC01' }, 'preuves-bloc1.pdf');
    // The candidate says BC01 is sent, as the space does; and signs in, records their CPF identity (timeline rows).
    await eventually(async () => journey.recordVaeEvidence(s.client, journeyId, { decisionId: `space-${c.id}`, actor: { kind: 'candidate' }, item: 'BC01', status: 'submitted' }), 30_000, 200);
    await s.db.auditEvent.create({ data: { candidateId: c.id, actor: `candidate:${c.id}`, action: 'candidate.signed_in', after: {} } });
    await s.db.auditEvent.create({ data: { candidateId: c.id, actor: `candidate:${c.id}`, action: 'cpf_identity.recorded', after: { via: 'candidate_space' } } });

    const officer = `officer.${c.id.slice(0, 8)}@ecole.test`;
    await addStaff(s, officer, 'admissions', 'Claire Martin');
    const page = await (await s.browser.newContext({ bypassCSP: true, locale: 'fr-FR', acceptDownloads: true, viewport: { width: 1280, height: 900 } })).newPage();
    const notFound: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404) notFound.push(r.url());
    });
    await signIn(s, page, officer);
    await page.goto(`${s.baseUrl}/console/candidates/${c.id}`);

    // The journey map: the stages before the evidence passed, the evidence current, the rest to come.
    await page.locator('[data-stage="vae_evidence"]').waitFor();
    const pills = await page.locator('.journey-map li').allInnerTexts();
    expect(pills).toEqual([
      'Dossier (étape passée)', 'Recevabilité (étape passée)', 'Sélection sur dossier (étape passée)', 'Entretien (étape passée)', 'Admission (étape passée)',
      'Preuves VAE (étape en cours)', 'Jury de certification (à venir)', 'Suivi (à venir)', 'Clos (à venir)',
    ]);

    // The blocks named by their titles, not their codes.
    await eventually(async () => expect(await page.locator('section[aria-labelledby="journey"]').innerText()).toContain(`${BC01.fr} : pas commencé`), 15_000, 200);
    expectNoCodes(await page.locator('section[aria-labelledby="journey"]').innerText());

    // Each item in words, with its status and files.
    const evidence = page.getByTestId('vae-evidence');
    const item = (code: string) => evidence.locator(`li[data-item="${code}"]`);
    await eventually(async () => expect(await item('BC01').getAttribute('data-status')).toBe('submitted'), 15_000, 200);
    expect(await item('BC01').getByRole('heading', { level: 3 }).innerText()).toBe(BC01.fr);
    expect(await item('BC01').innerText()).toContain('Statut : déposée, à examiner');
    expect(await item('BC01').innerText()).toMatch(/version 1, 1 ko, déposé le \d+ \w+ \d{4} à \d\d:\d\d/);
    expect(await item('BC02').getByRole('heading', { level: 3 }).innerText()).toMatch(BC02_FR);
    expect(await item('in_depth_work').innerText()).toContain('Aucun fichier déposé.');
    const bytes = await download(page, item('BC01').getByRole('link', { name: 'Télécharger preuves-bloc1.pdf' }));
    expect(bytes.equals(sent.bytes)).toBe(true);
    await eventually(async () => expect(await s.db.auditEvent.count({ where: { candidateId: c.id, action: 'document.downloaded' } })).toBe(1));
    await noSerious(page, 'candidate VAE evidence');

    // Rejected without a reason: said next to the field; the journey has nothing more.
    await press(page, item('BC01').getByRole('button', { name: `Refuser « ${BC01.fr} »` }));
    const reasonField = item('BC01').getByLabel('Motif du refus (obligatoire)');
    const fieldError = item('BC01').locator('.field-error');
    await fieldError.waitFor();
    expect(await fieldError.innerText()).toBe('Indiquez pourquoi la preuve est refusée.');
    expect(await reasonField.getAttribute('aria-invalid')).toBe('true');
    expect(await s.db.auditEvent.count({ where: { journeyId, action: 'vae_evidence', actor: { startsWith: 'staff:' } } })).toBe(0);
    await noSerious(page, 'candidate VAE rejection without reason');

    // With a reason: rejected, the reason shown with the item.
    const reason = 'Les preuves ne couvrent pas l’analyse de marché.';
    await typeInto(page, reasonField, reason);
    await press(page, item('BC01').getByRole('button', { name: `Refuser « ${BC01.fr} »` }));
    await page.getByRole('status').filter({ hasText: `Preuve « ${BC01.fr} » refusée.` }).waitFor();
    await eventually(async () => expect(await item('BC01').getAttribute('data-status')).toBe('rejected'), 15_000, 200);
    expect(await item('BC01').innerText()).toContain(`Motif du refus : ${reason}`);
    expect(await item('BC01').getByRole('button').count()).toBe(0);

    await press(page, item('BC02').getByRole('button', { name: /^Valider « Bloc 2 – / }));
    await eventually(async () => expect(await item('BC02').getAttribute('data-status')).toBe('validated'), 15_000, 200);
    expect(await item('BC02').innerText()).toContain('Statut : validée');

    // Words, not codes, in the evidence and the timeline; in French, then in English.
    await eventually(async () => expect(await page.locator('ol.timeline').innerText()).toContain('Motif du refus d’une preuve VAE'), 15_000, 200);
    const timelineFr = await page.locator('ol.timeline').innerText();
    expect(timelineFr).toContain('Connexion à l’espace candidat');
    expect(timelineFr).toContain('Identité CPF enregistrée');
    expect(timelineFr).not.toMatch(/candidate\.signed_in|cpf_identity|vae_evidence|jury_decision/);
    expectNoCodes(await evidence.innerText(), timelineFr);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'candidate-vae-evidence.png'), fullPage: true });

    await press(page, page.getByRole('button', { name: 'Switch to English' }));
    await page.getByRole('heading', { name: 'VAE evidence', level: 2 }).waitFor();
    expect(await item('BC01').getByRole('heading', { level: 3 }).innerText()).toBe(BC01.en);
    expect(await item('BC01').innerText()).toContain('Status: rejected');
    expect(await item('BC01').innerText()).toMatch(/version 1, 1 kB/);
    const pillsEn = await page.locator('.journey-map li').allInnerTexts();
    expect(pillsEn.slice(2, 6)).toEqual(['Dossier selection (passed)', 'Interview (passed)', 'Admission (passed)', 'VAE evidence (current stage)']);
    const timelineEn = await page.locator('ol.timeline').innerText();
    expect(timelineEn).toContain('Signed in to the candidate space');
    expectNoCodes(await evidence.innerText(), timelineEn);
    await noSerious(page, 'candidate VAE evidence (en)');

    // No request of the console answered 404 (the browser's icon included).
    expect(notFound).toEqual([]);
  });

  it('shows a student\'s work per assessment and attempt, and a certification jury\'s outcome and votes in words, sizes in ko', { timeout: 300_000 }, async () => {
    const student = await candidateOf(s.db, 'student', 'Travaux');
    const assessment = getReferential('RNCP37332').blocks[0]!.assessments[0]!;
    const first = await sendFile(s.db, student.id, { assessmentId: assessment.id, attempt: 1 }, 'premier-rendu.pdf');
    await sendFile(s.db, student.id, { assessmentId: assessment.id, attempt: 2 }, 'reprise.pdf');
    const cv = await sendFile(s.db, student.id, { piece: 'cv' }, 'mon-cv.pdf');
    // A certified holder: the jury closed, awarded by two votes to one.
    const holder = await candidateOf(s.db, 'vae', 'Jury');
    const jury = await s.db.jury.create({ data: { candidateId: holder.id, kind: 'certification', status: 'closed', outcome: 'awarded', sittingOn: new Date('2026-10-02'), closedAt: new Date('2026-10-02T14:00:00Z') } });
    for (const [name, decision] of [['Élise Martin', 'award'], ['Paul Durand', 'award'], ['Zoé Ngata', 'not_award']] as const) {
      const m = await s.db.juryMember.create({ data: { juryId: jury.id, personRef: randomUUID(), name, email: `${randomUUID()}@jury.test`, kind: 'external_professional' } });
      await s.db.juryDecision.create({ data: { decisionId: randomUUID(), juryId: jury.id, memberId: m.id, decision, decidedAt: new Date('2026-10-02T13:00:00Z') } });
    }

    const officer = `officer.${student.id.slice(0, 8)}@ecole.test`;
    await addStaff(s, officer, 'admissions', 'Claire Martin');
    const page = await (await s.browser.newContext({ bypassCSP: true, locale: 'fr-FR', acceptDownloads: true })).newPage();
    await signIn(s, page, officer);

    await page.goto(`${s.baseUrl}/console/candidates/${student.id}`);
    const work = page.getByTestId('assessment-work');
    await work.waitFor();
    expect(await work.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual([`${assessment.title.fr} — tentative 1`, `${assessment.title.fr} — tentative 2`]);
    expect(await work.innerText()).toMatch(/^Bloc 1 – /m);
    expect((await download(page, work.getByRole('link', { name: 'Télécharger premier-rendu.pdf' }))).equals(first.bytes)).toBe(true);
    expectNoCodes(await work.innerText());
    // The dossier's files too, each version downloadable.
    const dossier = page.getByTestId('dossier-files');
    expect(await dossier.innerText()).toMatch(/^CV/);
    expect((await download(page, dossier.getByRole('link', { name: 'Télécharger mon-cv.pdf' }))).equals(cv.bytes)).toBe(true);
    await noSerious(page, 'candidate assessment work');

    await page.goto(`${s.baseUrl}/console/candidates/${holder.id}`);
    const juries = page.getByTestId('juries');
    await page.getByTestId(`proces-verbal-${jury.id}`).getByTestId('sha256-en').waitFor();
    const text = await juries.innerText();
    expect(text).toContain('Jury de certification — certification attribuée');
    expect(text).toMatch(/Zoé Ngata : refus \(2 octobre 2026/);
    expect(text).toMatch(/Élise Martin : délivrance/);
    expect(text).toMatch(/\(\d+ ko\)/);
    expect(text).not.toMatch(/awarded|not_award|kB/);
    await press(page, page.getByRole('button', { name: 'Switch to English' }));
    await page.getByText('Certification jury — certification awarded').waitFor();
    const en = await juries.innerText();
    expect(en).toMatch(/Zoé Ngata: no award|Zoé Ngata : no award/);
    expect(en).toMatch(/\(\d+ kB\)/);
    expect(en).not.toMatch(/not_award/);
  });
});
