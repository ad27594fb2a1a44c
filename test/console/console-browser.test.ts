// The "Done when" flow in a real Chromium, on the real system, with the keyboard alone (Tab to
// each control, typing, arrow keys in lists, Enter and Space; only the CSV file comes from the file
// chooser): an officer signs in from the link in their mailbox, opens a cohort (the server's errors
// shown next to the fields, in French), imports a CSV watching the progress bar, opens a candidate,
// records the pieces, assigns a reviewer picked from a list; the reviewer decides from the link in
// their mailbox; the officer's page shows the new stage without a reload; slots are offered with the
// Paris date-time picker; a bulk extension is simulated, run, then undone. axe-core finds no serious or
// critical violation on any screen.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { waitForMessages } from '../support/mailbox';
import { addStaff, chooseOption, hasChromium, noSerious, press, SCREENSHOTS, signIn, startBrowserStack, tabTo, toggle, typeDate, typeInto, typeTime, type BrowserStack } from './browser-harness';

let s: BrowserStack;
beforeAll(async () => {
  if (hasChromium) s = await startBrowserStack('console-browser');
}, 120_000);
afterAll(async () => s?.close());

describe.skipIf(!hasChromium)('staff console in Chromium, keyboard only', () => {
  it('an officer runs an intake from sign-in to the reviewer\'s decision seen live, then a bulk extension, simulated, run and undone', { timeout: 420_000 }, async () => {
    const { db, client, browser, baseUrl } = s;
    const officer = `officer.${randomUUID().slice(0, 8)}@ecole.test`;
    await addStaff(s, officer, 'admissions', 'Claire Martin');
    const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(s, page, officer, true);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect(page.locator('header').innerText()).resolves.toContain('Claire Martin');
    await noSerious(page, 'cohorts');

    // A cohort: the server's refusals appear next to their fields, in French, and nothing is created.
    const code = `P-${randomUUID().slice(0, 6)}`;
    const before = await db.cohort.count();
    await typeInto(page, page.getByLabel('Code', { exact: true }), 'x');
    await typeInto(page, page.getByLabel('Intitulé'), 'Promotion automne');
    await press(page, page.getByRole('button', { name: 'Créer la cohorte' }));
    const codeError = page.locator('.field', { has: page.getByLabel('Code', { exact: true }) }).locator('.field-error');
    await expect(codeError.innerText()).resolves.toContain('Lettres, chiffres, - et _');
    const startError = page.locator('.field', { has: page.getByLabel('Début') }).locator('.field-error');
    await expect(startError.innerText()).resolves.toMatch(/Format invalide|obligatoire/);
    expect(await page.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await db.cohort.count()).toBe(before);
    await noSerious(page, 'cohort form with errors');

    await typeInto(page, page.getByLabel('Code', { exact: true }), code);
    await typeDate(page, page.getByLabel('Début'), '2027-09-01');
    await typeDate(page, page.getByLabel('Fin'), '2028-06-30');
    await typeInto(page, page.getByLabel('Capacité'), '40');
    await press(page, page.getByRole('button', { name: 'Créer la cohorte' }));
    await press(page, page.getByRole('status').filter({ hasText: 'Cohorte créée' }).getByRole('link', { name: code }));
    await page.getByRole('heading', { name: `Tableau de bord — ${code}` }).waitFor();

    // Import: three lines, one of them wrong; the progress bar runs to the end, then the report.
    await press(page, page.getByRole('link', { name: 'Importer des candidats (CSV)' }));
    await page.getByRole('heading', { name: 'Importer des candidats' }).waitFor();
    await noSerious(page, 'import');
    const tag = randomUUID().slice(0, 6);
    const leaEmail = `lea.${tag}@candidats.test`;
    const csv = [
      'external_ref;first_name;last_name;email;route;language;degrees;qualifying_years;vapp_validated',
      `L-${tag};Léa;Fontaine;${leaEmail};apprenticeship;fr;management_master_cefdg;0;false`,
      `M-${tag};Marc;Durand;marc.${tag}@candidats.test;student;fr;management_master_cefdg;0;false`,
      `N-${tag};Nina;Bad;pas-une-adresse;student;fr;;0;false`,
    ].join('\n');
    // The operating system's file chooser is outside the page: the file is handed to the field.
    await page.getByLabel('Fichier CSV').setInputFiles({ name: 'candidats.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`, 'utf8') });
    await press(page, page.getByRole('button', { name: 'Lancer l’import' }));
    const progress = page.locator('progress#import-progress');
    await progress.waitFor();
    expect(await progress.getAttribute('max')).toBe('3');
    await page.getByRole('status').filter({ hasText: 'Import terminé : 2 ligne(s) acceptée(s), 1 refusée(s).' }).waitFor({ timeout: 30_000 });
    expect(await progress.getAttribute('value')).toBe('3');
    await expect(page.locator('tr.rejected').innerText()).resolves.toMatch(/email/);
    const [download] = await Promise.all([page.waitForEvent('download'), press(page, page.getByRole('button', { name: 'Télécharger le rapport (CSV)' }))]);
    const report = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        let text = '';
        stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      }, reject);
    });
    expect(report).toMatch(/"4","N-[0-9a-f]+","rejected","","email : /);
    await noSerious(page, 'import report');

    // The candidate: opened from the report.
    await press(page, page.getByRole('link', { name: `L-${tag}` }));
    await page.getByRole('heading', { name: 'Léa FONTAINE' }).waitFor();
    const candidate = await db.candidate.findFirstOrThrow({ where: { email: leaEmail } });
    const marc = await db.candidate.findFirstOrThrow({ where: { email: `marc.${tag}@candidats.test` } });
    const journeyId = `journey:RNCP37332:${candidate.id}`;
    s.journeys.push(journeyId, `journey:RNCP37332:${marc.id}`);
    const stage = page.getByTestId('stage');
    await eventually(async () => expect(await stage.getAttribute('data-stage')).toBe('dossier'), 20_000, 200);
    await noSerious(page, 'candidate');

    // Identity correction: the reason is required (said next to its field, in French), then audited.
    await press(page, page.getByRole('button', { name: 'Corriger l’identité' }));
    const identity = page.locator('form', { has: page.getByRole('heading', { name: 'Corriger l’identité' }) });
    await typeInto(page, identity.getByLabel('Téléphone'), '+33 6 12 34 56 78');
    await press(page, identity.getByRole('button', { name: 'Enregistrer la correction' }));
    await expect(identity.locator('.field', { has: page.getByLabel('Motif de la correction (obligatoire)') }).locator('.field-error').innerText()).resolves.toBe('Indiquez le motif en 5 caractères au moins.');
    expect((await db.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).phone).toBeNull();
    await noSerious(page, 'identity correction with an error');
    await typeInto(page, identity.getByLabel('Motif de la correction (obligatoire)'), 'Numéro donné au téléphone');
    await press(page, identity.getByRole('button', { name: 'Enregistrer la correction' }));
    await page.getByRole('status').filter({ hasText: 'Identité corrigée' }).waitFor();
    await eventually(async () => expect(await page.locator('dl.identity').innerText()).toContain('+33 6 12 34 56 78'), 10_000, 100);

    // Five pieces, recorded from the form (only the missing ones are offered).
    for (const piece of ['CV', 'Relevés de notes', 'Lettre de recommandation', 'Lettre de motivation', 'Projet professionnel']) {
      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Enregistrer une pièce reçue' }) });
      await chooseOption(page, form.getByLabel('Pièce'), piece);
      await press(page, form.getByRole('button', { name: 'Enregistrer la pièce' }));
      await eventually(async () => expect(await page.getByTestId('received').innerText()).toContain(piece), 30_000, 100);
    }
    expect(await db.dossierPiece.count({ where: { candidateId: candidate.id } })).toBe(5);

    // The reviewer: added to the list, then picked from it.
    const assign = page.locator('form', { has: page.getByRole('heading', { name: 'Désigner le relecteur du dossier' }) });
    await assign.waitFor({ timeout: 30_000 });
    const reviewer = `paul.${tag}@ecole.test`;
    await typeInto(page, assign.getByLabel('Nom', { exact: true }), 'Paul Relecteur');
    await typeInto(page, assign.getByLabel('E-mail', { exact: true }), reviewer);
    await press(page, assign.getByRole('button', { name: 'Ajouter à la liste' }));
    await chooseOption(page, assign.getByLabel('Relecteur'), `Paul Relecteur (${reviewer})`);
    await noSerious(page, 'candidate with actions');
    await page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await press(page, assign.getByRole('button', { name: 'Désigner' }));
    await page.getByRole('status').filter({ hasText: 'Relecteur désigné' }).waitFor({ timeout: 20_000 });
    await eventually(async () => expect(await stage.getAttribute('data-stage')).toBe('selection'), 20_000, 200);

    // The reviewer decides from the link in their email, in their own browser, with the keyboard too.
    const [invitation] = await waitForMessages(s.stack.mailboxUrl, reviewer, 1, 30_000);
    const reviewLink = /https?:\/\/\S+?\/a\/[A-Za-z0-9_-]{43}/.exec(invitation!.text)![0];
    const reviewerContext = await browser.newContext({ locale: 'fr-FR' });
    const reviewerPage = await reviewerContext.newPage();
    await reviewerPage.goto(reviewLink);
    await toggle(reviewerPage, reviewerPage.locator('#f-decision-0'));
    expect(await reviewerPage.locator('#f-decision-0').isChecked()).toBe(true);
    const reason = reviewerPage.locator('#f-reasonCode');
    await chooseOption(reviewerPage, reason, await reason.locator('option[value="profile_fits"]').innerText());
    await Promise.all([reviewerPage.waitForNavigation(), press(reviewerPage, reviewerPage.locator('button[type=submit]'))]);
    await expect(reviewerPage.locator('h1').innerText()).resolves.toContain('Décision enregistrée');
    await reviewerContext.close();

    // The officer's page, never reloaded, shows the interview stage within seconds.
    await eventually(async () => expect(await stage.getAttribute('data-stage')).toBe('interview'), 30_000, 250);
    expect(await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect(stage.innerText()).resolves.toBe('Entretien');
    await eventually(async () => expect(await page.locator('ol.timeline').innerText()).toContain('Décision du jury de sélection'), 15_000, 250);

    // Interview slots with the Paris picker: a time that does not exist (spring forward) is refused in words.
    const offer = page.locator('form', { has: page.getByRole('heading', { name: 'Proposer des créneaux d’entretien' }) });
    await offer.waitFor({ timeout: 20_000 });
    await typeDate(page, offer.getByLabel('Date'), '2027-03-28');
    await typeTime(page, offer.getByLabel('Heure (heure de Paris)'), '02:30');
    await typeInto(page, offer.getByLabel('Nom', { exact: true }), 'Nadia Jury');
    await typeInto(page, offer.getByLabel('E-mail', { exact: true }), `nadia.${tag}@ecole.test`);
    await press(page, offer.getByRole('button', { name: 'Ajouter à la liste' }));
    await press(page, offer.getByRole('button', { name: 'Proposer les créneaux' }));
    await expect(offer.locator('.field-error').first().innerText()).resolves.toContain('n’existe pas à Paris');
    // An hour that happens twice (autumn) is asked about; the answer picks the instant.
    await typeDate(page, offer.getByLabel('Date'), '2027-10-31');
    await press(page, offer.getByRole('button', { name: 'Proposer les créneaux' }));
    const winter = offer.getByRole('radio', { name: /heure d’hiver/ });
    await tabTo(page, winter);
    if (!(await winter.isChecked())) await page.keyboard.press('Space');
    expect(await winter.isChecked()).toBe(true);
    await noSerious(page, 'interview slots');
    await press(page, offer.getByRole('button', { name: 'Proposer les créneaux' }));
    await page.getByRole('status').filter({ hasText: 'Créneaux proposés' }).waitFor({ timeout: 20_000 });
    const awaitedDue = async () => (await client.workflow.getHandle(journeyId).query<{ awaiting: { what: string; dueAtMs?: number }[] }>('journeyState')).awaiting.find((a) => a.what === 'interview_slot_choice')?.dueAtMs;
    const offered = await eventually(async () => {
      const { events } = await client.workflow.getHandle(journeyId).fetchHistory();
      const update = events!.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input).find((i) => i?.name === 'offerInterviewSlots');
      if (!update) throw new Error('no offerInterviewSlots update yet');
      const data = update.args!.payloads![0]!.data!;
      return JSON.parse(Buffer.from(typeof data === 'string' ? Buffer.from(data, 'base64') : data).toString('utf8')) as { slots: { startsAtMs: number }[] };
    }, 20_000, 250);
    // 02:30 winter time in Paris is 01:30 UTC.
    expect(offered.slots.map((x) => new Date(x.startsAtMs).toISOString())).toEqual(['2027-10-31T01:30:00.000Z']);
    await eventually(async () => expect(await page.getByTestId('awaiting').innerText()).toContain('choix du créneau par le candidat'), 20_000, 250);
    await eventually(async () => expect(await awaitedDue()).toBeDefined(), 20_000, 250);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'candidate.png'), fullPage: true });

    // The dashboard.
    await press(page, page.getByRole('link', { name: code }));
    await page.getByRole('heading', { name: `Tableau de bord — ${code}` }).waitFor();
    await eventually(async () => expect(await page.getByTestId('total').innerText()).toBe('2'), 20_000, 250);
    const edit = page.locator('section', { has: page.getByRole('heading', { name: 'Modifier la cohorte' }) });
    await typeDate(page, edit.getByLabel('Fin'), '2027-01-01');
    await press(page, edit.getByRole('button', { name: 'Enregistrer les modifications' }));
    await expect(edit.locator('.field', { has: page.getByLabel('Fin') }).locator('.field-error').innerText()).resolves.toBe('Ne doit pas précéder la date de début.');
    await typeDate(page, edit.getByLabel('Fin'), '2028-07-15');
    await press(page, edit.getByRole('button', { name: 'Enregistrer les modifications' }));
    await edit.getByRole('status').filter({ hasText: 'Cohorte modifiée' }).waitFor();
    await noSerious(page, 'dashboard');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

    // A bulk extension: both candidates of the intake, found by the list's search and ticked; the dry
    // run says Léa's new date and why Marc is refused; it runs, then is undone.
    await press(page, page.getByRole('navigation').getByRole('link', { name: 'Candidats' }));
    await page.getByRole('heading', { name: 'Candidats', level: 1 }).waitFor();
    await typeInto(page, page.getByLabel('Recherche (nom, e-mail, référence)'), tag);
    await press(page, page.getByRole('button', { name: 'Filtrer' }));
    await page.getByRole('link', { name: 'DURAND Marc' }).waitFor();
    const exported = await page.request.get(`${baseUrl}${await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')}`);
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain(leaEmail);
    await toggle(page, page.getByRole('checkbox', { name: 'Sélectionner FONTAINE Léa' }));
    await toggle(page, page.getByRole('checkbox', { name: 'Sélectionner DURAND Marc' }));
    const bulk = page.locator('section', { has: page.getByRole('heading', { name: 'Opération groupée' }) });
    await bulk.getByText('Les candidats cochés (2)').waitFor();
    await chooseOption(page, bulk.getByLabel('Opération'), 'Prolonger un délai');
    await chooseOption(page, bulk.getByLabel('Étape dont le délai est prolongé'), 'Choix du créneau');
    await typeInto(page, bulk.getByLabel('Nombre de jours'), '400');
    await press(page, bulk.getByRole('button', { name: 'Simuler (rien n’est modifié)' }));
    await expect(bulk.locator('.field', { has: page.getByLabel('Nombre de jours') }).locator('.field-error').innerText()).resolves.toBe('Trop long ou trop grand (maximum : 365).');
    await typeInto(page, bulk.getByLabel('Nombre de jours'), '2');
    const dueBefore = await awaitedDue();
    await press(page, bulk.getByRole('button', { name: 'Simuler (rien n’est modifié)' }));
    await bulk.getByRole('status').filter({ hasText: '1 candidat(s) concerné(s), 1 refusé(s).' }).waitFor({ timeout: 20_000 });
    const dry = page.getByTestId('dry-run');
    await expect(dry.getByRole('row', { name: /FONTAINE Léa/ }).innerText()).resolves.toMatch(/Délai prolongé de 2 jour\(s\) : du .+ au .+/);
    await expect(dry.getByRole('row', { name: /DURAND Marc/ }).innerText()).resolves.toContain('Refusé : Rien n’est attendu sur cette étape en ce moment');
    expect(await awaitedDue()).toBe(dueBefore);
    await noSerious(page, 'bulk dry run');
    await press(page, bulk.getByRole('button', { name: 'Confirmer pour 1 candidat(s)' }));
    await page.getByRole('heading', { name: 'Prolonger un délai — Opération groupée' }).waitFor({ timeout: 20_000 });
    await expect(page.locator('progress#bulk-progress').getAttribute('max')).resolves.toBe('1');
    await eventually(async () => expect(await page.getByTestId('bulk-phase').getAttribute('data-phase')).toBe('done'), 30_000, 250);
    expect(await page.locator('progress#bulk-progress').getAttribute('value')).toBe('1');
    await expect(page.getByTestId('bulk-items').innerText()).resolves.toMatch(/FONTAINE Léa\s+fait\s+annulable/);
    expect(await awaitedDue()).toBe(dueBefore! + 2 * 86_400_000);
    await noSerious(page, 'bulk operation');
    await press(page, page.getByRole('button', { name: 'Annuler l’opération' }));
    await press(page, page.getByRole('button', { name: 'Confirmer l’annulation' }));
    await eventually(async () => expect(await page.getByTestId('bulk-phase').getAttribute('data-phase')).toBe('undone'), 30_000, 250);
    await expect(page.getByTestId('bulk-items').innerText()).resolves.toMatch(/FONTAINE Léa\s+fait\s+annulé/);
    await page.getByRole('status').filter({ hasText: 'Opération annulée' }).waitFor();
    expect(await awaitedDue()).toBe(dueBefore);
    await noSerious(page, 'bulk operation undone');

    // Back to Léa's page: the timeline says both, in words.
    await press(page, page.getByRole('link', { name: 'FONTAINE Léa' }));
    await eventually(async () => expect(await page.locator('ol.timeline').innerText()).toMatch(/Prolongation annulée[\s\S]*Délai prolongé/), 20_000, 250);

    // The other screens, each checked by axe.
    await press(page, page.getByRole('navigation').getByRole('link', { name: 'Échéances' }));
    await page.getByRole('heading', { name: 'Échéances à venir' }).waitFor();
    await noSerious(page, 'workload');
    await press(page, page.getByRole('navigation').getByRole('link', { name: 'Statistiques' }));
    await page.getByRole('heading', { name: 'Statistiques', level: 1 }).waitFor();
    await noSerious(page, 'statistics');

    // English beside French; sign-out ends the session on the server too.
    await press(page, page.getByRole('button', { name: 'Switch to English' }));
    await page.getByRole('navigation').getByRole('link', { name: 'Candidates' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await press(page, page.getByRole('button', { name: 'Passer en français' }));
    await press(page, page.getByRole('button', { name: 'Se déconnecter' }));
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/cohorts')).status)).toBe(401);
    await context.close();
  });
});
