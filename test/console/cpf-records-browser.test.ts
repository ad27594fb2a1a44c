// The CPF declarations screen's records, in Chromium on the real system, with the keyboard and axe: the
// school's CDC identifiers missing (admissions is told to ask an administrator; the administrator enters
// them, a wrong one refused next to its field), an award in a flux built but not deposited shown as such
// (not as deposited), a rejection refused without its reason then shown with it, and the rejected
// holder's identity corrected from the screen (a birth date after today refused next to the field).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCpfIdentity } from '../../activities/cpf/identity';
import { cpfIdentitySchema } from '../../domain/index';
import { expectNoCodes } from '../support/person-facing';
import { addStaff, chooseOption, hasChromium, noSerious, press, SCREENSHOTS, signIn, startBrowserStack, typeDate, typeInto, type BrowserStack } from './browser-harness';

let s: BrowserStack;
beforeAll(async () => {
  if (hasChromium) s = await startBrowserStack('cpf-records');
});
afterAll(async () => s?.close());

const tag = randomUUID().slice(0, 6);

async function holder(firstName: string, lastName: string) {
  const cohort = await s.db.cohort.create({ data: { code: `CR-${randomUUID()}`, referentialCode: 'RNCP37332', label: 'Promotion 2025', startsOn: new Date('2025-09-01') } });
  const candidate = await s.db.candidate.create({ data: { cohortId: cohort.id, firstName, lastName, email: `${randomUUID()}@candidats.test`, route: 'student' } });
  const jury = await s.db.jury.create({ data: { candidateId: candidate.id, kind: 'certification', status: 'closed', outcome: 'awarded', closedAt: new Date('2026-10-02T14:00:00Z'), deliberation: '{}' } });
  await saveCpfIdentity(s.db, candidate.id, cpfIdentitySchema.parse({ birthName: lastName, firstNames: [firstName], birthDate: '1990-05-04', sex: 'F', bornIn: 'france', birthCommuneInsee: '69123' }), 'staff:test');
  return { candidateId: candidate.id, juryId: jury.id, name: `${firstName} ${lastName}` };
}

async function staffPage(role: string, name: string) {
  const email = `${role}-${randomUUID()}@ecole.test`;
  await addStaff(s, email, role, name);
  const page = await (await s.browser.newContext({ bypassCSP: true, locale: 'fr-FR' })).newPage();
  await signIn(s, page, email);
  await page.goto(`${s.baseUrl}/console/declarations`);
  await page.getByRole('heading', { name: 'Registres officiels — Déclarations CPF', level: 1 }).waitFor();
  return page;
}

describe.skipIf(!hasChromium)('CPF declaration records in the console', () => {
  it('sets the CDC identifiers, keeps a built flux apart from a deposited one, requires the rejection reason, corrects the identity', { timeout: 300_000 }, async () => {
    const kept = await s.db.cpfSettings.findUnique({ where: { id: 'cpf' } });
    await s.db.cpfSettings.deleteMany();
    const rejected = await holder('Basile', `Rejete-${tag}`);

    // Admissions: told what is missing and who sets it, in words; no button that can only fail.
    const admissions = await staffPage('admissions', 'Claire Martin');
    const note = admissions.getByTestId('cpf-settings');
    await note.getByText('Demandez à un administrateur de Jalon de les saisir sur cet écran.').waitFor();
    expect(await note.innerText()).toContain('Le numéro client et le numéro de contrat de l’école à la Caisse des Dépôts ne sont pas renseignés');
    expect(await admissions.locator('main').innerText()).not.toMatch(/PUT|\/declarations|settings missing/);
    expect(await admissions.getByRole('button', { name: 'Construire un flux avec les titulaires à déclarer' }).count()).toBe(0);
    expect(await note.getByRole('textbox').count()).toBe(0);
    await noSerious(admissions, 'CPF declarations, identifiers missing (admissions)');
    await admissions.screenshot({ path: path.join(SCREENSHOTS, 'cpf-settings-missing.png'), fullPage: true });

    // The administrator enters them: a wrong client number refused next to its field, nothing saved.
    const page = await staffPage('admin', 'Alix Admin');
    const form = page.getByRole('form', { name: 'Identifiants de l’école à la Caisse des Dépôts' });
    await typeInto(page, form.getByLabel('Numéro client (idClient)'), '123');
    await typeInto(page, form.getByLabel('Numéro de contrat (idContrat)'), 'MCF-2026');
    await press(page, form.getByRole('button', { name: 'Enregistrer les identifiants' }));
    await form.getByText('Le numéro client a exactement 8 lettres ou chiffres (par exemple 0A1B2C3D).').waitFor();
    expect(await form.getByLabel('Numéro client (idClient)').getAttribute('aria-invalid')).toBe('true');
    expect(await s.db.cpfSettings.count()).toBe(0);
    await noSerious(page, 'CPF identifiers refused');
    await typeInto(page, form.getByLabel('Numéro client (idClient)'), '0A1B2C3D');
    await press(page, form.getByRole('button', { name: 'Enregistrer les identifiants' }));
    await page.getByRole('status').filter({ hasText: 'Identifiants enregistrés.' }).waitFor();
    expect(await s.db.cpfSettings.findUniqueOrThrow({ where: { id: 'cpf' } })).toMatchObject({ idClient: '0A1B2C3D', idContrat: 'MCF-2026' });

    // Built, not deposited: its own group, the flux named; not "deposited, awaiting the acknowledgement".
    await press(page, page.getByRole('button', { name: 'Construire un flux avec les titulaires à déclarer' }));
    const built = page.getByRole('status').filter({ hasText: 'construit' });
    await built.waitFor();
    const idFlux = /Flux (JALON-\S+) construit/.exec(await built.innerText())![1]!;
    const builtRow = page.getByTestId('awards-built').getByRole('row').filter({ hasText: rejected.name });
    await builtRow.waitFor();
    expect(await builtRow.innerText()).toContain(`flux ${idFlux} construit, à déposer`);
    // Other test files' awards share the database: the groups are checked by this holder's row, not by counts.
    expect(await page.getByTestId('awards-pending').getByRole('row').filter({ hasText: rejected.name }).count()).toBe(0);
    await noSerious(page, 'CPF flux built, not deposited');

    const card = page.getByTestId(`flux-${idFlux}`);
    await press(page, card.getByRole('button', { name: `Enregistrer le dépôt du flux ${idFlux}` }));
    await page.getByTestId('awards-pending').getByRole('row').filter({ hasText: rejected.name }).waitFor();
    // The two groups are re-rendered from one answer: the row leaves the built group too.
    await page.getByTestId('awards-built').getByRole('row').filter({ hasText: rejected.name }).waitFor({ state: 'detached' });

    // Rejected without a reason: said next to the reason's field, nothing recorded.
    await chooseOption(page, card.getByLabel(`Réponse de la Caisse des Dépôts pour ${rejected.name}`), 'rejetée');
    await press(page, card.getByRole('button', { name: 'Enregistrer l’accusé' }));
    const reason = card.getByLabel(`Motif du rejet pour ${rejected.name}`);
    await card.getByText(`Donnez le motif du rejet de ${rejected.name}, tel que l’accusé l’indique`).waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await s.db.cpfDeclarationLine.findFirstOrThrow({ where: { juryId: rejected.juryId } })).toMatchObject({ status: 'pending', rejectionReason: null });
    await noSerious(page, 'CPF rejection without its reason');
    await typeInto(page, reason, 'Nom de naissance inconnu au RNIPP');
    await press(page, card.getByRole('button', { name: 'Enregistrer l’accusé' }));
    const back = page.getByTestId('awards-rejected').getByRole('row').filter({ hasText: rejected.name });
    await back.waitFor();
    expect(await back.innerText()).toContain('Motif du rejet : Nom de naissance inconnu au RNIPP');

    // The identity, viewed and corrected from the rejected row.
    await press(page, back.getByRole('button', { name: `Voir ou corriger l’identité de ${rejected.name}` }));
    const editor = page.getByRole('form', { name: `Identité de ${rejected.name} pour la déclaration` });
    await editor.waitFor();
    expect(await editor.getByLabel('Nom de naissance').inputValue()).toBe(`Rejete-${tag}`);
    expect(await editor.getByLabel('Prénoms').inputValue()).toBe('Basile');
    await typeDate(page, editor.getByLabel('Date de naissance'), '2030-03-21');
    await press(page, editor.getByRole('button', { name: 'Enregistrer l’identité' }));
    await editor.getByText('Cette date de naissance est après aujourd’hui : vérifiez l’année (par exemple 1990 et non 2030).').waitFor();
    expect((await s.db.cpfIdentity.findUniqueOrThrow({ where: { candidateId: rejected.candidateId } })).birthDate.toISOString()).toMatch(/^1990-05-04/);
    await noSerious(page, 'CPF identity refused');
    await typeDate(page, editor.getByLabel('Date de naissance'), '1991-02-03');
    await typeInto(page, editor.getByLabel('Nom de naissance'), `Rejeté-${tag}`);
    await press(page, editor.getByRole('button', { name: 'Enregistrer l’identité' }));
    await page.getByRole('status').filter({ hasText: `Identité de ${rejected.name} enregistrée.` }).waitFor();
    expect(await s.db.cpfIdentity.findUniqueOrThrow({ where: { candidateId: rejected.candidateId } })).toMatchObject({ birthName: `Rejeté-${tag}`, birthDate: new Date('1991-02-03T00:00:00Z') });
    await noSerious(page, 'CPF identity corrected');
    expectNoCodes((await page.locator('main').innerText()).replace(/JALON-\S+|[0-9a-f]{64}/g, ''));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cpf-records.png'), fullPage: true });

    // In English, the same words; admissions now sees the identifiers and the build button.
    await admissions.reload();
    await admissions.getByRole('button', { name: 'Construire un flux avec les titulaires à déclarer' }).waitFor();
    await press(admissions, admissions.getByRole('button', { name: 'Switch to English' }));
    await admissions.getByRole('heading', { name: 'Official records — CPF declarations', level: 1 }).waitFor();
    await admissions.getByRole('heading', { name: /^In a flux built, to deposit \(\d+\)$/ }).waitFor();
    await admissions.getByText('Client number 0A1B2C3D — contract number MCF-2026.').waitFor();
    if (kept) await s.db.cpfSettings.update({ where: { id: 'cpf' }, data: { idClient: kept.idClient, idContrat: kept.idContrat } });
  });
});
