// The staff console in a real Chromium, on the real system (Temporal dev server, PostgreSQL, SMTP sink,
// the journey's worker): an officer signs in from the link in their mailbox, opens a cohort (the
// server's errors shown next to the fields, in French), imports a CSV watching the progress bar, opens a
// candidate, records the pieces, assigns a reviewer picked from a list; the reviewer decides from the
// link in their mailbox; the officer's page shows the new stage without a reload; slots are offered
// with the Paris date-time picker. axe-core finds no serious or critical violation on any screen. A
// read_only member sees no action and the server refuses their calls anyway. Buttons are pressed with
// the keyboard (focus, then Enter), as someone without a mouse would.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import { CONSOLE_DIST } from '../../api/console';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { projectRoot } from '../../platform/tools';
import { createWorker } from '../../platform/worker';
import { eventually } from '../support/eventually';
import { waitForMessages } from '../support/mailbox';
import { freePort } from '../support/ports';
import { uniqueTaskQueue } from '../support/temporal';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Console browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
// The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1 npx vitest run test/console; an
// ordinary run writes its pictures under test/artifacts/ (not committed), leaving the tree clean.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? path.join(projectRoot, 'docs', 'screenshots') : path.join(projectRoot, 'test', 'artifacts', 'console');

const stack = inject('stack');
const taskQueue = uniqueTaskQueue('console-browser');
let db: Database;
let client: Client;
let worker: Worker;
let run: Promise<void>;
let server: Server;
let browser: Browser;
let baseUrl: string;
const journeys: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  if (!existsSync(path.join(CONSOLE_DIST, 'index.html'))) throw new Error('console/dist is missing: run npm run setup (npm install builds it).');
  db = createDatabase(stack.databaseUrl);
  client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const mailer = createMailer(stack.smtpUrl);
  const mailConfig = { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl: baseUrl };
  worker = await createWorker({
    connection: await NativeConnection.connect({ address: stack.temporalAddress }), namespace: 'default', taskQueue,
    deps: { db, mailer, clock: () => new Date(), config: mailConfig },
  });
  run = worker.run();
  const app = createApp({
    db, temporal: client, log: createLogger({}, 'error', () => undefined), readiness: {},
    config: { taskQueue, publicBaseUrl: baseUrl }, actionLinks: { csrfSecret: 'c'.repeat(32) }, mail: { mailer, config: mailConfig },
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  for (const id of journeys) await client.workflow.getHandle(id).terminate('test finished').catch(() => undefined);
  worker?.shutdown();
  await run;
  await client?.connection.close();
  await db?.$disconnect();
});

async function seriousViolations(page: Page, screen: string) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as { axe: typeof axe; document: Parameters<typeof axe.run>[0] };
    const r = await g.axe.run(g.document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return { screen, violations: result.filter((v) => v.impact === 'serious' || v.impact === 'critical') };
}
const noSerious = async (page: Page, screen: string) => expect(await seriousViolations(page, screen)).toEqual({ screen, violations: [] });

/** `npm run staff -- add`, as an administrator would run it. */
async function addStaff(email: string, role: string, name: string) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'staff.ts'), 'add', email, role, name], {
    cwd: projectRoot, env: { ...process.env, DATABASE_URL: stack.databaseUrl },
  });
  expect(stdout).toContain(email);
}

/** From the sign-in page: ask for the link, open it from the mailbox, confirm. */
async function signIn(page: Page, email: string, check = false) {
  await page.goto(`${baseUrl}/console`);
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  if (check) await noSerious(page, 'sign-in');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('button', { name: 'Recevoir le lien' }).press('Enter');
  await page.getByRole('status').filter({ hasText: 'lien de connexion vient' }).waitFor();
  const [message] = await waitForMessages(stack.mailboxUrl, email);
  const link = /https?:\/\/\S+\/console\/sign-in#token=[A-Za-z0-9_-]{43}/.exec(message!.text)![0];
  expect(new URL(link).origin).toBe(baseUrl);
  await page.goto(link);
  await page.getByRole('heading', { name: 'Confirmer la connexion' }).waitFor();
  if (check) await noSerious(page, 'sign-in confirmation');
  await page.getByRole('button', { name: 'Se connecter' }).press('Enter');
  await page.getByRole('heading', { name: 'Cohortes', level: 1 }).waitFor();
  expect(page.url()).not.toContain('token');
}

describe.skipIf(!hasChromium)('staff console in Chromium', () => {
  it('an officer runs an intake from sign-in to the reviewer\'s decision, seen live', { timeout: 240_000 }, async () => {
    const officer = `officer.${randomUUID().slice(0, 8)}@ecole.test`;
    await addStaff(officer, 'admissions', 'Claire Martin');
    const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, officer, true);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect(page.locator('header').innerText()).resolves.toContain('Claire Martin');
    await noSerious(page, 'cohorts');

    // A cohort: the server's refusals appear next to their fields, in French, and nothing is created.
    const code = `P-${randomUUID().slice(0, 6)}`;
    const before = await db.cohort.count();
    await page.getByLabel('Code', { exact: true }).fill('x');
    await page.getByLabel('Intitulé').fill('Promotion automne');
    await page.getByRole('button', { name: 'Créer la cohorte' }).press('Enter');
    const codeError = page.locator('.field', { has: page.getByLabel('Code', { exact: true }) }).locator('.field-error');
    await expect(codeError.innerText()).resolves.toContain('Lettres, chiffres, - et _');
    const startError = page.locator('.field', { has: page.getByLabel('Début') }).locator('.field-error');
    await expect(startError.innerText()).resolves.toMatch(/Format invalide|obligatoire/);
    expect(await page.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await db.cohort.count()).toBe(before);
    await noSerious(page, 'cohort form with errors');

    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByLabel('Début').fill('2027-09-01');
    await page.getByLabel('Fin').fill('2028-06-30');
    await page.getByLabel('Capacité').fill('40');
    await page.getByRole('button', { name: 'Créer la cohorte' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Cohorte créée' }).getByRole('link', { name: code }).click();
    await page.getByRole('heading', { name: `Tableau de bord — ${code}` }).waitFor();

    // Import: three lines, one of them wrong; the progress bar runs to the end, then the report.
    await page.getByRole('link', { name: 'Importer des candidats (CSV)' }).click();
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
    await page.getByLabel('Fichier CSV').setInputFiles({ name: 'candidats.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`, 'utf8') });
    await page.getByRole('button', { name: 'Lancer l’import' }).press('Enter');
    const progress = page.locator('progress#import-progress');
    await progress.waitFor();
    expect(await progress.getAttribute('max')).toBe('3');
    await page.getByRole('status').filter({ hasText: 'Import terminé : 2 ligne(s) acceptée(s), 1 refusée(s).' }).waitFor({ timeout: 30_000 });
    expect(await progress.getAttribute('value')).toBe('3');
    const rejected = page.locator('tr.rejected');
    await expect(rejected.innerText()).resolves.toMatch(/email/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le rapport (CSV)' }).press('Enter')]);
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
    await page.getByRole('link', { name: `L-${tag}` }).click();
    await page.getByRole('heading', { name: 'Léa FONTAINE' }).waitFor();
    const candidate = await db.candidate.findFirstOrThrow({ where: { email: leaEmail } });
    journeys.push(`journey:RNCP37332:${candidate.id}`);
    const stage = page.getByTestId('stage');
    await eventually(async () => expect(await stage.getAttribute('data-stage')).toBe('dossier'), 20_000, 200);
    await noSerious(page, 'candidate');

    // Identity correction: the reason is required (said next to its field, in French), then audited.
    await page.getByRole('button', { name: 'Corriger l’identité' }).press('Enter');
    const identity = page.locator('form', { has: page.getByRole('heading', { name: 'Corriger l’identité' }) });
    await identity.getByLabel('Téléphone').fill('+33 6 12 34 56 78');
    await identity.getByRole('button', { name: 'Enregistrer la correction' }).press('Enter');
    await expect(identity.locator('.field', { has: page.getByLabel('Motif de la correction (obligatoire)') }).locator('.field-error').innerText()).resolves.toBe('Indiquez le motif en 5 caractères au moins.');
    expect((await db.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).phone).toBeNull();
    await noSerious(page, 'identity correction with an error');
    await identity.getByLabel('Motif de la correction (obligatoire)').fill('Numéro donné au téléphone');
    await identity.getByRole('button', { name: 'Enregistrer la correction' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Identité corrigée' }).waitFor();
    await eventually(async () => expect(await page.locator('dl.identity').innerText()).toContain('+33 6 12 34 56 78'), 10_000, 100);
    expect((await db.auditEvent.findFirstOrThrow({ where: { candidateId: candidate.id, action: 'candidate.identity_corrected' } })).after).toMatchObject({ phone: '+33 6 12 34 56 78', reason: 'Numéro donné au téléphone' });

    // Five pieces, recorded from the form (only the missing ones are offered).
    for (const piece of ['CV', 'Relevés de notes', 'Lettre de recommandation', 'Lettre de motivation', 'Projet professionnel']) {
      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Enregistrer une pièce reçue' }) });
      await form.getByLabel('Pièce').selectOption({ label: piece });
      await form.getByRole('button', { name: 'Enregistrer la pièce' }).press('Enter');
      await eventually(async () => expect(await page.getByTestId('received').innerText()).toContain(piece), 30_000, 100);
    }
    expect(await db.dossierPiece.count({ where: { candidateId: candidate.id } })).toBe(5);

    // The reviewer: added to the list, then picked from it.
    const assign = page.locator('form', { has: page.getByRole('heading', { name: 'Désigner le relecteur du dossier' }) });
    await assign.waitFor({ timeout: 30_000 });
    const reviewer = `paul.${tag}@ecole.test`;
    await assign.getByLabel('Nom', { exact: true }).fill('Paul Relecteur');
    await assign.getByLabel('E-mail', { exact: true }).fill(reviewer);
    await assign.getByRole('button', { name: 'Ajouter à la liste' }).press('Enter');
    await assign.getByLabel('Relecteur').selectOption({ label: `Paul Relecteur (${reviewer})` });
    await noSerious(page, 'candidate with actions');
    await page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await assign.getByRole('button', { name: 'Désigner' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Relecteur désigné' }).waitFor({ timeout: 20_000 });
    await eventually(async () => expect(await stage.getAttribute('data-stage')).toBe('selection'), 20_000, 200);

    // The reviewer decides from the link in their email, in their own browser.
    const [invitation] = await waitForMessages(stack.mailboxUrl, reviewer, 1, 30_000);
    const reviewLink = /https?:\/\/\S+?\/a\/[A-Za-z0-9_-]{43}/.exec(invitation!.text)![0];
    const reviewerContext = await browser.newContext({ locale: 'fr-FR' });
    const reviewerPage = await reviewerContext.newPage();
    await reviewerPage.goto(reviewLink);
    await reviewerPage.locator('#f-decision-0').check();
    await reviewerPage.locator('#f-reasonCode').selectOption('profile_fits');
    await Promise.all([reviewerPage.waitForNavigation(), reviewerPage.locator('button[type=submit]').click()]);
    await expect(reviewerPage.locator('h1').innerText()).resolves.toContain('Décision enregistrée');
    await reviewerContext.close();

    // The officer's page, never reloaded, shows the interview stage within seconds.
    await eventually(async () => expect(await stage.getAttribute('data-stage')).toBe('interview'), 30_000, 250);
    expect(await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect(stage.innerText()).resolves.toBe('Entretien');
    await eventually(async () => expect(await page.getByTestId('juries').innerText()).toContain('Paul Relecteur (École)'), 15_000, 250);
    await eventually(async () => expect(await page.locator('ol.timeline').innerText()).toContain('selection_decided'), 15_000, 250);

    // Interview slots with the Paris picker: a time that does not exist (spring forward) is refused in words.
    const offer = page.locator('form', { has: page.getByRole('heading', { name: 'Proposer des créneaux d’entretien' }) });
    await offer.waitFor({ timeout: 20_000 });
    await offer.getByLabel('Date').fill('2027-03-28');
    await offer.getByLabel('Heure (heure de Paris)').fill('02:30');
    await offer.getByLabel('Nom', { exact: true }).fill('Nadia Jury');
    await offer.getByLabel('E-mail', { exact: true }).fill(`nadia.${tag}@ecole.test`);
    await offer.getByRole('button', { name: 'Ajouter à la liste' }).press('Enter');
    await offer.getByRole('button', { name: 'Proposer les créneaux' }).press('Enter');
    await expect(offer.locator('.field-error').first().innerText()).resolves.toContain('n’existe pas à Paris');
    // An hour that happens twice (autumn) is asked about; the answer picks the instant.
    await offer.getByLabel('Date').fill('2027-10-31');
    await offer.getByLabel('Heure (heure de Paris)').fill('02:30');
    await offer.getByRole('button', { name: 'Proposer les créneaux' }).press('Enter');
    await offer.getByRole('radio', { name: /heure d’hiver/ }).check();
    await noSerious(page, 'interview slots');
    await offer.getByRole('button', { name: 'Proposer les créneaux' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Créneaux proposés' }).waitFor({ timeout: 20_000 });
    // The journey received the instant meant: 02:30 winter time in Paris is 01:30 UTC. (The candidate's
    // email and page do not list slot times yet: the journey sends only slot ids; see the README.)
    const offered = await eventually(async () => {
      const { events } = await client.workflow.getHandle(`journey:RNCP37332:${candidate.id}`).fetchHistory();
      const update = events!.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input).find((i) => i?.name === 'offerInterviewSlots');
      if (!update) throw new Error('no offerInterviewSlots update yet');
      const data = update.args!.payloads![0]!.data!;
      return JSON.parse(Buffer.from(typeof data === 'string' ? Buffer.from(data, 'base64') : data).toString('utf8')) as { slots: { startsAtMs: number }[] };
    }, 20_000, 250);
    expect(offered.slots.map((s) => new Date(s.startsAtMs).toISOString())).toEqual(['2027-10-31T01:30:00.000Z']);
    await eventually(async () => expect(await page.getByTestId('awaiting').innerText()).toContain('choix du créneau par le candidat'), 20_000, 250);
    // Extending what is awaited; a number of days the server refuses is said next to the field, in French.
    const extend = page.locator('form', { has: page.getByRole('heading', { name: 'Prolonger un délai' }) });
    await extend.getByLabel('Étape dont le délai est prolongé').selectOption({ label: 'Choix du créneau' });
    await extend.getByLabel('Nombre de jours').fill('0');
    await extend.getByRole('button', { name: 'Prolonger' }).press('Enter');
    const daysError = extend.locator('.field', { has: page.getByLabel('Nombre de jours') }).locator('.field-error');
    await expect(daysError.innerText()).resolves.toBe('Trop court ou trop petit (minimum : 1).');
    const dueBefore = (await client.workflow.getHandle(`journey:RNCP37332:${candidate.id}`).query<{ awaiting: { what: string; dueAtMs?: number }[] }>('journeyState')).awaiting.find((a) => a.what === 'interview_slot_choice')?.dueAtMs;
    await extend.getByLabel('Nombre de jours').fill('3');
    await extend.getByRole('button', { name: 'Prolonger' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Délai prolongé' }).waitFor({ timeout: 20_000 });
    const dueAfter = (await client.workflow.getHandle(`journey:RNCP37332:${candidate.id}`).query<{ awaiting: { what: string; dueAtMs?: number }[] }>('journeyState')).awaiting.find((a) => a.what === 'interview_slot_choice')?.dueAtMs;
    expect(dueAfter! - dueBefore!).toBe(3 * 24 * 3600_000);
    await noSerious(page, 'candidate after a refusal');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'candidate.png'), fullPage: true });

    // The dashboard and the list.
    await page.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { name: `Tableau de bord — ${code}` }).waitFor();
    await eventually(async () => expect(await page.getByTestId('total').innerText()).toBe('2'), 20_000, 250);
    // Editing the cohort: dates out of order are refused next to the end date, in French; then saved.
    const edit = page.locator('section', { has: page.getByRole('heading', { name: 'Modifier la cohorte' }) });
    await edit.getByLabel('Fin').fill('2027-01-01');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).press('Enter');
    await expect(edit.locator('.field', { has: page.getByLabel('Fin') }).locator('.field-error').innerText()).resolves.toBe('Ne doit pas précéder la date de début.');
    await edit.getByLabel('Fin').fill('2028-07-15');
    await edit.getByLabel('Capacité').fill('35');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).press('Enter');
    await edit.getByRole('status').filter({ hasText: 'Cohorte modifiée' }).waitFor();
    expect(await db.cohort.findUniqueOrThrow({ where: { code } })).toMatchObject({ capacity: 35, endsOn: new Date('2028-07-15') });
    await noSerious(page, 'dashboard');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
    // What needs attention: awaited actions by role (each opens the filtered list), failed emails.
    await expect(page.getByTestId('failed-emails').innerText()).resolves.toBe('0');
    await expect(page.getByTestId('attention').innerText()).resolves.toMatch(/candidat\s+choix du créneau par le candidat\s+1\s+0/);
    await page.getByTestId('attention').getByRole('link', { name: 'choix du créneau par le candidat' }).click();
    await page.getByRole('link', { name: 'FONTAINE Léa' }).waitFor();
    expect(await page.getByRole('link', { name: 'DURAND Marc' }).count()).toBe(0);
    await page.goBack();
    await page.getByRole('heading', { name: `Tableau de bord — ${code}` }).waitFor();
    // The coming weeks: Léa's slot choice falls due, for the candidate.
    await page.getByRole('link', { name: 'Échéances des prochaines semaines' }).click();
    await page.getByRole('heading', { name: 'Échéances à venir' }).waitFor();
    await expect(page.locator('main table').first().innerText()).resolves.toMatch(/candidat\s+—\s+choix du créneau par le candidat\s+1/);
    await noSerious(page, 'workload');
    await page.goBack();
    await page.getByRole('heading', { name: `Tableau de bord — ${code}` }).waitFor();
    await page.getByRole('link', { name: 'Entretien' }).click();
    await page.getByRole('heading', { name: 'Candidats' }).waitFor();
    await page.getByRole('link', { name: 'FONTAINE Léa' }).waitFor();
    expect(await page.getByRole('link', { name: 'DURAND Marc' }).count()).toBe(0);
    const exported = await page.request.get(await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href').then((h) => `${baseUrl}${h}`));
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain(leaEmail);
    await noSerious(page, 'candidate list');

    await page.getByRole('navigation').getByRole('link', { name: 'Statistiques' }).click();
    await page.getByRole('heading', { name: 'Statistiques', level: 1 }).waitFor();
    await noSerious(page, 'statistics');

    // English beside French.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Candidates' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Passer en français' }).click();

    // Sign-out ends the session on the server too.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    const after = await page.evaluate(async () => (await fetch('/cohorts')).status);
    expect(after).toBe(401);
    await context.close();
  });

  it('read_only: no action on any screen, and the server refuses the calls anyway', { timeout: 120_000 }, async () => {
    const viewer = `viewer.${randomUUID().slice(0, 8)}@ecole.test`;
    await addStaff(viewer, 'read_only', 'Victor Lecteur');
    const cohort = await db.cohort.create({ data: { code: `RO-${randomUUID().slice(0, 6)}`, referentialCode: 'RNCP37332', label: 'Lecture', startsOn: new Date('2027-09-01') } });
    const candidate = await db.candidate.create({ data: { cohortId: cohort.id, firstName: 'Rita', lastName: 'Lue', email: `rita.${randomUUID().slice(0, 6)}@candidats.test`, route: 'student', language: 'fr' } });
    const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(page, viewer);
    expect(await page.getByRole('heading', { name: 'Ouvrir une cohorte' }).count()).toBe(0);
    await page.getByRole('link', { name: cohort.code }).click();
    await page.getByRole('heading', { name: `Tableau de bord — ${cohort.code}` }).waitFor();
    expect(await page.getByRole('link', { name: 'Importer des candidats (CSV)' }).count()).toBe(0);
    await page.goto(`${baseUrl}/console/candidates/${candidate.id}`);
    await page.getByRole('heading', { name: 'Rita LUE' }).waitFor();
    await page.getByRole('heading', { name: 'Pièces du dossier' }).waitFor();
    expect(await page.locator('main button').count()).toBe(0);
    expect(await page.locator('main form').count()).toBe(0);
    await noSerious(page, 'candidate (read only)');

    // The same calls the buttons would make, with the session's own CSRF token: refused, nothing changed.
    const answers = await page.evaluate(async ({ cohortId, candidateId }) => {
      const me = (await (await fetch('/auth/session')).json()) as { csrfToken: string };
      const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) }).then((r) => r.status);
      return [
        await post('/cohorts', { code: 'RO-NO', referentialCode: 'RNCP37332', label: 'x', startsOn: '2027-09-01' }),
        await post(`/candidates/${candidateId}/actions/record-piece`, { kind: 'cv' }),
        await fetch(`/cohorts/${cohortId}/imports`, { method: 'POST', headers: { 'content-type': 'text/csv', 'x-csrf-token': me.csrfToken }, body: 'a,b' }).then((r) => r.status),
      ];
    }, { cohortId: cohort.id, candidateId: candidate.id });
    expect(answers).toEqual([403, 403, 403]);
    expect(await db.dossierPiece.count({ where: { candidateId: candidate.id } })).toBe(0);
    expect(await db.cohort.count({ where: { code: 'RO-NO' } })).toBe(0);

    // A session ended elsewhere (here: revoked in the database): the open page goes back to the sign-in.
    await db.staffSession.updateMany({ where: { staffUser: { email: viewer } }, data: { revokedAt: new Date() } });
    await page.getByRole('heading', { name: 'Connexion' }).waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('admin: invites a colleague and deactivates them from the staff screen', { timeout: 120_000 }, async () => {
    const admin = `admin.${randomUUID().slice(0, 8)}@ecole.test`;
    await addStaff(admin, 'admin', 'Ada Admin');
    const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(page, admin);
    await page.getByRole('navigation').getByRole('link', { name: 'Équipe' }).click();
    await page.getByRole('heading', { name: 'Équipe', level: 1 }).waitFor();
    const colleague = `sam.${randomUUID().slice(0, 8)}@ecole.test`;
    await page.getByLabel('E-mail').fill(colleague);
    await page.getByLabel('Nom').fill('Sam Collègue');
    await page.getByLabel('Rôle').selectOption('jury_coordinator');
    await page.getByRole('button', { name: 'Inviter' }).click();
    await page.getByRole('status').filter({ hasText: `${colleague} est invité·e` }).waitFor();
    await waitForMessages(stack.mailboxUrl, colleague);
    await noSerious(page, 'staff');
    // Keyboard only: the two-step deactivation.
    await page.getByRole('button', { name: 'Désactiver Sam Collègue' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Confirmer la désactivation de Sam Collègue' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Sam Collègue est désactivé·e' }).waitFor();
    expect((await db.staffUser.findUniqueOrThrow({ where: { email: colleague } })).deactivatedAt).not.toBeNull();
    await context.close();
  });
});
