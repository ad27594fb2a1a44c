// The official records in the console, in Chromium on the real system, with the keyboard and axe:
// on a certified holder's certification jury, the procès-verbal in French and English, each downloaded
// file hashing to the SHA-256 shown; then the "Déclarations CPF" screen: the awards to declare with their
// deadline, a holder whose identity lacks the birth commune named with the field, a flux built (its
// XML downloaded and valid against the CDC's XSD), its deposit, and the acknowledgement line by line:
// the accepted holder is declared, the rejected one is back to declare with the CDC's reason.
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCpfFlux } from '../../activities/cpf/xsd';
import { saveCpfIdentity } from '../../activities/cpf/identity';
import { cpfIdentitySchema } from '../../domain/index';
import { expectNoCodes } from '../support/person-facing';
import { addStaff, chooseOption, hasChromium, noSerious, press, SCREENSHOTS, signIn, startBrowserStack, tabTo, typeInto, type BrowserStack } from './browser-harness';

let s: BrowserStack;
beforeAll(async () => {
  if (hasChromium) s = await startBrowserStack('official-records');
});
afterAll(async () => s?.close());

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const tag = randomUUID().slice(0, 6);

/** A certified holder as the records keep one: a closed certification jury that awarded, its members and their votes. */
async function holder(firstName: string, lastName: string) {
  const cohort = await s.db.cohort.create({ data: { code: `OR-${randomUUID()}`, referentialCode: 'RNCP37332', label: 'Promotion 2025', startsOn: new Date('2025-09-01') } });
  const candidate = await s.db.candidate.create({ data: { cohortId: cohort.id, firstName, lastName, email: `${randomUUID()}@candidats.test`, route: 'vae' } });
  const jury = await s.db.jury.create({ data: { candidateId: candidate.id, kind: 'certification', status: 'closed', outcome: 'awarded', sittingOn: new Date('2026-10-02'), closedAt: new Date('2026-10-02T14:00:00Z') } });
  const members = [['Élise Martin', 'school'], ['Paul Durand', 'external_professional'], ['Zoé Ngata', 'external_professional']] as const;
  for (const [name, kind] of members) {
    const m = await s.db.juryMember.create({ data: { juryId: jury.id, personRef: randomUUID(), name, email: `${randomUUID()}@jury.test`, kind } });
    await s.db.juryDecision.create({ data: { decisionId: randomUUID(), juryId: jury.id, memberId: m.id, decision: 'award', decidedAt: new Date('2026-10-02T13:00:00Z') } });
  }
  return { candidateId: candidate.id, juryId: jury.id, name: `${firstName} ${lastName}` };
}
const identity = (birthName: string) => cpfIdentitySchema.parse({ birthName, firstNames: ['Anna'], birthDate: '1990-05-04', sex: 'F', bornIn: 'france', birthCommuneInsee: '69123' });

async function download(page: Page, link: ReturnType<Page['getByRole']>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), press(page, link)]);
  return readFile((await file.path())!);
}

describe.skipIf(!hasChromium)('official records in the console', () => {
  it('downloads the procès-verbal with its hash; builds, deposits and acknowledges a CPF flux line by line', { timeout: 240_000 }, async () => {
    const accepted = await holder('Anna', `Accepte-${tag}`);
    const rejected = await holder('Basile', `Rejete-${tag}`);
    const incomplete = await holder('Chloé', `Incomplete-${tag}`);
    await saveCpfIdentity(s.db, accepted.candidateId, identity(`Accepte-${tag}`), 'staff:test');
    await saveCpfIdentity(s.db, rejected.candidateId, identity(`Rejete-${tag}`), 'staff:test');
    // Born in France, the commune not given: the holder cannot be declared yet.
    await s.db.cpfIdentity.create({ data: { candidateId: incomplete.candidateId, birthName: `Incomplete-${tag}`, firstNames: ['Chloé'], birthDate: new Date('1991-01-01'), sex: 'F', bornIn: 'france', recordedBy: 'staff:test' } });
    await s.db.cpfSettings.upsert({ where: { id: 'cpf' }, create: { id: 'cpf', idClient: '0A1B2C3D', idContrat: 'MCF-2026', updatedBy: 'test' }, update: {} });

    const email = `admin-${randomUUID()}@ecole.test`;
    await addStaff(s, email, 'admin', 'Alix Admin');
    const page = await (await s.browser.newContext({ bypassCSP: true, locale: 'fr-FR', acceptDownloads: true })).newPage();
    await signIn(s, page, email);

    // The holder's certification jury: both files, each with the SHA-256 that the downloaded bytes have.
    await page.goto(`${s.baseUrl}/console/candidates/${accepted.candidateId}`);
    const pv = page.getByTestId(`proces-verbal-${accepted.juryId}`);
    await pv.waitFor();
    const frShown = await pv.getByTestId('sha256-fr').innerText();
    const enShown = await pv.getByTestId('sha256-en').innerText();
    expect(frShown).toMatch(/^[0-9a-f]{64}$/);
    expect(enShown).not.toBe(frShown);
    expect(sha256(await download(page, pv.getByRole('link', { name: 'Télécharger le procès-verbal (français, version officielle)' })))).toBe(frShown);
    const en = await download(page, pv.getByRole('link', { name: 'Télécharger la traduction anglaise' }));
    expect(sha256(en)).toBe(enShown);
    expect(en.subarray(0, 5).toString()).toBe('%PDF-');
    await noSerious(page, 'candidate with procès-verbal');

    // The declarations screen, reached from the navigation.
    await press(page, page.getByRole('link', { name: 'Déclarations CPF' }));
    await page.getByRole('heading', { name: 'Registres officiels — Déclarations CPF', level: 1 }).waitFor();
    const toDeclare = page.getByTestId('awards-to-declare');
    const row = (name: string) => toDeclare.getByRole('row').filter({ hasText: name });
    await row(accepted.name).waitFor();
    expect(await row(accepted.name).innerText()).toContain('2 janvier 2027'); // three months after the award, Paris time
    expect(await row(accepted.name).innerText()).toContain('complète');
    expect(await row(incomplete.name).innerText()).toContain('manque : commune de naissance (code INSEE ou code postal)');
    await noSerious(page, 'CPF declarations');

    await press(page, page.getByRole('button', { name: 'Construire un flux avec les titulaires à déclarer' }));
    const built = page.getByRole('status').filter({ hasText: 'construit' });
    await built.waitFor();
    expect(await built.innerText()).toContain(incomplete.name); // left out, and said so
    const idFlux = /Flux (JALON-\S+) construit/.exec(await built.innerText())![1]!;
    const card = page.getByTestId(`flux-${idFlux}`);
    await card.waitFor();
    expect(await card.innerText()).toContain(`${accepted.name} : en attente`);
    expect(await card.innerText()).not.toContain(incomplete.name);
    const xml = (await download(page, card.getByRole('link', { name: `Télécharger le flux ${idFlux} (XML)` }))).toString('utf8');
    expect(validateCpfFlux(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain(`Accepte-${tag}`);

    await press(page, card.getByRole('button', { name: `Enregistrer le dépôt du flux ${idFlux}` }));
    await card.getByText('déposé, en attente de l’accusé').waitFor();
    // Saved with no answer chosen: said in words, nothing recorded.
    await press(page, card.getByRole('button', { name: 'Enregistrer l’accusé' }));
    await card.getByRole('alert').filter({ hasText: 'Choisissez la réponse de la Caisse des Dépôts pour au moins une ligne' }).waitFor();
    expect(await s.db.cpfDeclarationLine.count({ where: { juryId: { in: [accepted.juryId, rejected.juryId] }, status: { not: 'pending' } } })).toBe(0);
    await chooseOption(page, card.getByLabel(`Réponse de la Caisse des Dépôts pour ${accepted.name}`), 'acceptée');
    await chooseOption(page, card.getByLabel(`Réponse de la Caisse des Dépôts pour ${rejected.name}`), 'rejetée');
    await typeInto(page, card.getByLabel(`Motif du rejet pour ${rejected.name}`), 'Date de naissance incohérente');
    await press(page, card.getByRole('button', { name: 'Enregistrer l’accusé' }));
    await card.getByRole('status').filter({ hasText: `Accusé du flux ${idFlux} enregistré.` }).waitFor();
    await page.getByTestId('awards-declared').getByRole('row').filter({ hasText: accepted.name }).waitFor();
    const back = page.getByTestId('awards-rejected').getByRole('row').filter({ hasText: rejected.name });
    await back.waitFor();
    expect(await back.innerText()).toContain('Motif du rejet : Date de naissance incohérente');
    expect(await card.innerText()).toContain(`${accepted.name} : acceptée`);
    expect(await s.db.cpfDeclarationLine.findFirstOrThrow({ where: { juryId: rejected.juryId } })).toMatchObject({ status: 'rejected', rejectionReason: 'Date de naissance incohérente' });
    await noSerious(page, 'CPF declarations acknowledged');
    expectNoCodes((await page.locator('main').innerText()).replace(/JALON-\S+|[0-9a-f]{64}/g, ''));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cpf-declarations.png'), fullPage: true });

    // The same screen in English.
    await press(page, page.getByRole('button', { name: 'Switch to English' }));
    await page.getByRole('heading', { name: 'Official records — CPF declarations', level: 1 }).waitFor();
    await tabTo(page, page.getByRole('link', { name: `Download the flux ${idFlux} (XML)` }));
    await noSerious(page, 'CPF declarations (English)');
  });
});
