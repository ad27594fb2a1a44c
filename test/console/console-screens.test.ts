// The console's other screens in Chromium on the real system, with the keyboard: what a read_only member
// sees (no action, no bulk operation, no reminder) and the server refusing their calls anyway; the
// overdue screen's one-click reminder (an email the candidate receives again) and one-week extension;
// the juries screen showing conflicts of interest before a certification jury is composed, and a
// composition against the rules refused with the reasons in words; the admin's staff screen.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { messagesTo, waitForMessages } from '../support/mailbox';
import { addStaff, chooseOption, hasChromium, noSerious, press, signIn, startBrowserStack, typeInto, type BrowserStack } from './browser-harness';

let s: BrowserStack;
beforeAll(async () => {
  if (hasChromium) s = await startBrowserStack('console-screens');
}, 120_000);
afterAll(async () => s?.close());

const newCohort = () => s.db.cohort.create({ data: { code: `S-${randomUUID().slice(0, 6)}`, referentialCode: 'RNCP37332', label: 'Écrans', startsOn: new Date('2027-09-01') } });
const newCandidate = (cohortId: string, firstName: string, lastName: string) =>
  s.db.candidate.create({ data: { cohortId, firstName, lastName, email: `${firstName.toLowerCase()}.${randomUUID().slice(0, 6)}@candidats.test`, route: 'student', language: 'fr' } });
/** The same call the console makes, with the page's session and CSRF token: answers the status. */
const call = (page: Page, method: string, url: string, body?: unknown) => page.evaluate(async ({ method, url, body }) => {
  const me = (await (await fetch('/auth/session')).json()) as { csrfToken: string };
  return (await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) })).status;
}, { method, url, body });

describe.skipIf(!hasChromium)('console screens in Chromium', () => {
  it('read_only: no action on any screen, no bulk operation or reminder, and the server refuses the calls anyway', { timeout: 180_000 }, async () => {
    const viewer = `viewer.${randomUUID().slice(0, 8)}@ecole.test`;
    await addStaff(s, viewer, 'read_only', 'Victor Lecteur');
    const cohort = await newCohort();
    const candidate = await newCandidate(cohort.id, 'Rita', 'Lue');
    // An overdue journey in the read model, so the overdue screen has a row the viewer may not act on.
    await s.db.journeyView.create({ data: { journeyId: `journey:RNCP37332:${candidate.id}`, candidateId: candidate.id, cohortId: cohort.id, route: 'student', stage: 'dossier', status: 'active', awaiting: [{ who: { role: 'candidate' }, what: 'dossier_pieces', dueAtMs: Date.now() - 86_400_000 }], nextDueAt: new Date(Date.now() - 86_400_000), version: 1 } });
    const context = await s.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(s, page, viewer);
    expect(await page.getByRole('heading', { name: 'Ouvrir une cohorte' }).count()).toBe(0);
    await press(page, page.getByRole('link', { name: cohort.code }));
    await page.getByRole('heading', { name: `Tableau de bord — ${cohort.code}` }).waitFor();
    expect(await page.getByRole('link', { name: 'Importer des candidats (CSV)' }).count()).toBe(0);
    await page.goto(`${s.baseUrl}/console/candidates/${candidate.id}`);
    await page.getByRole('heading', { name: 'Rita LUE' }).waitFor();
    await page.getByRole('heading', { name: 'Pièces du dossier' }).waitFor();
    expect(await page.locator('main button').count()).toBe(0);
    expect(await page.locator('main form').count()).toBe(0);
    await noSerious(page, 'candidate (read only)');
    await press(page, page.getByRole('navigation').getByRole('link', { name: 'Candidats' }));
    await page.getByRole('heading', { name: 'Candidats' }).first().waitFor();
    // This cohort's list: in the whole suite, the first page of every candidate may not reach her name.
    await page.goto(`${s.baseUrl}/console/candidates?cohortId=${cohort.id}`);
    await page.getByRole('link', { name: 'LUE Rita' }).first().waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(1); // the "overdue only" filter, no ticks
    expect(await page.getByRole('heading', { name: 'Opération groupée' }).count()).toBe(0);
    await press(page, page.getByRole('navigation').getByRole('link', { name: 'Retards' }));
    await page.getByRole('heading', { name: 'Retards et relances' }).waitFor();
    await page.getByTestId('overdue').getByRole('link', { name: 'LUE Rita' }).waitFor();
    expect(await page.locator('main button').count()).toBe(0);
    await noSerious(page, 'overdue (read only)');

    // The same calls the buttons would make, with the session's own CSRF token: refused, nothing changed.
    const bulk = { selection: { candidateIds: [candidate.id] }, operation: { kind: 'extend_deadline', step: 'dossier', days: 3 } };
    expect([
      await call(page, 'POST', '/cohorts', { code: 'RO-NO', referentialCode: 'RNCP37332', label: 'x', startsOn: '2027-09-01' }),
      await call(page, 'POST', `/candidates/${candidate.id}/actions/record-piece`, { kind: 'cv' }),
      await call(page, 'POST', '/bulk-operations/dry-run', bulk),
      await call(page, 'POST', '/bulk-operations', bulk),
      await call(page, 'POST', `/bulk-operations/${'0'.repeat(32)}/undo`, {}),
      await call(page, 'POST', `/candidates/${candidate.id}/actions/extend-deadline`, { step: 'dossier', days: 7 }),
    ]).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await s.db.dossierPiece.count({ where: { candidateId: candidate.id } })).toBe(0);
    expect(await s.db.cohort.count({ where: { code: 'RO-NO' } })).toBe(0);

    // A session ended elsewhere (here: revoked in the database): the open page goes back to the sign-in.
    await s.db.staffSession.updateMany({ where: { staffUser: { email: viewer } }, data: { revokedAt: new Date() } });
    await page.getByRole('heading', { name: 'Connexion' }).waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('overdue: what is late, by whom, since when; one-click reminder and extension', { timeout: 180_000 }, async () => {
    const officer = `overdue.${randomUUID().slice(0, 8)}@ecole.test`;
    await addStaff(s, officer, 'admissions', 'Odile Relance');
    const cohort = await newCohort();
    const candidate = await newCandidate(cohort.id, 'Hugo', 'Tardif');
    const context = await s.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(s, page, officer);
    expect(await call(page, 'POST', `/candidates/${candidate.id}/journey`)).toBe(200);
    const journeyId = `journey:RNCP37332:${candidate.id}`;
    s.journeys.push(journeyId);
    const [opened] = await waitForMessages(s.stack.mailboxUrl, candidate.email, 1, 30_000);
    await eventually(async () => expect((await s.db.outboxEmail.findFirst({ where: { journeyId, status: 'sent' } }))).not.toBeNull(), 20_000, 200);
    // The dossier's deadline is months away: the read model is moved as if it had passed 3 days ago.
    const late = Date.now() - 3 * 86_400_000;
    await s.db.journeyView.update({ where: { journeyId }, data: { awaiting: [{ who: { role: 'candidate' }, what: 'dossier_pieces', dueAtMs: late }], nextDueAt: new Date(late) } });

    await press(page, page.getByRole('navigation').getByRole('link', { name: 'Retards' }));
    await page.getByRole('heading', { name: 'Retards et relances' }).waitFor();
    const row = page.getByTestId('overdue').getByRole('row', { name: /TARDIF Hugo/ });
    await expect(row.innerText()).resolves.toMatch(/TARDIF Hugo\s+Dossier\s+pièces du dossier\s+TARDIF Hugo \(candidat\)\s+\d+ \w+ \d{4}/);
    await noSerious(page, 'overdue');
    await press(page, row.getByRole('button', { name: 'Relancer TARDIF Hugo' }));
    await page.getByRole('status').filter({ hasText: 'Relance envoyée pour TARDIF Hugo.' }).waitFor({ timeout: 20_000 });
    const received = await waitForMessages(s.stack.mailboxUrl, candidate.email, 2, 20_000);
    expect(received[1]!.subject).toBe(opened!.subject);
    await press(page, row.getByRole('button', { name: 'Prolonger de 7 jours pour TARDIF Hugo' }));
    await page.getByRole('status').filter({ hasText: 'Délai prolongé de 7 jours pour TARDIF Hugo.' }).waitFor({ timeout: 20_000 });
    // The journey recorded the extension (and its read model a new, later deadline): the row goes.
    await eventually(async () => expect((await s.db.auditEvent.findMany({ where: { journeyId, action: 'deadline_extended' } })).length).toBe(1), 20_000, 200);
    await eventually(async () => expect(await page.getByTestId('overdue').getByRole('row', { name: /TARDIF Hugo/ }).count()).toBe(0), 30_000, 500);
    expect((await messagesTo(s.stack.mailboxUrl, candidate.email)).length).toBe(2);
    await context.close();
  });

  it('juries: people, conflicts of interest shown first, a composition against the rules refused in words', { timeout: 180_000 }, async () => {
    const coordinator = `jury.${randomUUID().slice(0, 8)}@ecole.test`;
    await addStaff(s, coordinator, 'jury_coordinator', 'Jules Coordination');
    const cohort = await newCohort();
    const candidate = await newCandidate(cohort.id, 'Inès', 'Juste');
    const t = randomUUID().slice(0, 6);
    const person = (name: string, kind: 'school' | 'external_professional') => {
      const email = `${name.split(' ')[0]!.normalize('NFD').replace(/[^a-zA-Z]/g, '').toLowerCase()}.${t}@jury.test`;
      return { name, email, kind, personRef: email };
    };
    const alice = person(`Alice Évaluatrice ${t}`, 'school');
    const bruno = person(`Bruno École ${t}`, 'school');
    const chloe = person(`Chloé Pro ${t}`, 'external_professional');
    const david = person(`David Pro ${t}`, 'external_professional');
    await s.db.jury.create({ data: { candidateId: candidate.id, kind: 'assessment', members: { create: [alice] } } });
    const other = await newCandidate(cohort.id, 'Autre', 'Candidat');
    await s.db.jury.create({ data: { candidateId: other.id, kind: 'interview', members: { create: [bruno, chloe, david] } } });

    const context = await s.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(s, page, coordinator);
    await press(page, page.getByRole('navigation').getByRole('link', { name: 'Jurys' }));
    await page.getByRole('heading', { name: 'Jurys', level: 1 }).waitFor();
    await page.getByTestId('jury-people').getByRole('row', { name: new RegExp(alice.name) }).waitFor();
    await noSerious(page, 'juries');
    await typeInto(page, page.getByLabel('Candidat (nom, e-mail ou référence)'), candidate.email);
    await press(page, page.getByRole('button', { name: 'Chercher' }));
    await chooseOption(page, page.getByLabel('Candidat', { exact: true }), 'JUSTE Inès');
    await expect(page.getByTestId('conflicts').innerText()).resolves.toContain(`${alice.name} (${alice.email}) : a évalué un bloc de ce candidat`);
    await chooseOption(page, page.getByLabel('Membres du jury 1'), `${alice.name} — École — Conflit d’intérêts`);
    await chooseOption(page, page.getByLabel('Membres du jury 2'), `${chloe.name} — Professionnel extérieur`);
    await press(page, page.getByRole('button', { name: 'Vérifier la composition' }));
    const reasons = page.getByTestId('jury-reasons');
    await expect(reasons.innerText()).resolves.toContain('Le jury doit comprendre exactement 2 professionnel(s) externe(s) ; 1 proposé(s).');
    await expect(reasons.innerText()).resolves.toContain(`${alice.name} a formé ou évalué le candidat : impartialité non garantie.`);
    await noSerious(page, 'jury composition refused');
    await chooseOption(page, page.getByLabel('Membres du jury 1'), `${bruno.name} — École`);
    await chooseOption(page, page.getByLabel('Membres du jury 3'), `${david.name} — Professionnel extérieur`);
    await press(page, page.getByRole('button', { name: 'Vérifier la composition' }));
    await page.getByRole('status').filter({ hasText: 'Composition conforme au référentiel.' }).waitFor();
    expect(await s.db.jury.count({ where: { candidateId: candidate.id, kind: 'certification' } })).toBe(0);
    await context.close();
  });

  it('admin: invites a colleague and deactivates them from the staff screen', { timeout: 120_000 }, async () => {
    const admin = `admin.${randomUUID().slice(0, 8)}@ecole.test`;
    await addStaff(s, admin, 'admin', 'Ada Admin');
    const context = await s.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    await signIn(s, page, admin);
    await press(page, page.getByRole('navigation').getByRole('link', { name: 'Équipe' }));
    await page.getByRole('heading', { name: 'Équipe', level: 1 }).waitFor();
    const colleague = `sam.${randomUUID().slice(0, 8)}@ecole.test`;
    await typeInto(page, page.getByLabel('E-mail'), colleague);
    await typeInto(page, page.getByLabel('Nom'), 'Sam Collègue');
    await chooseOption(page, page.getByLabel('Rôle'), 'coordination des jurys');
    await press(page, page.getByRole('button', { name: 'Inviter' }));
    await page.getByRole('status').filter({ hasText: `${colleague} est invité·e` }).waitFor();
    await waitForMessages(s.stack.mailboxUrl, colleague);
    await noSerious(page, 'staff');
    await press(page, page.getByRole('button', { name: 'Désactiver Sam Collègue' }));
    await press(page, page.getByRole('button', { name: 'Confirmer la désactivation de Sam Collègue' }));
    await page.getByRole('status').filter({ hasText: 'Sam Collègue est désactivé·e' }).waitFor();
    expect((await s.db.staffUser.findUniqueOrThrow({ where: { email: colleague } })).deactivatedAt).not.toBeNull();
    await context.close();
  });
});
