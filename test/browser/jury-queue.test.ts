// The jury member's queue in a real Chromium, on real journeys: one person reviews two candidates, gets
// one digest for both, signs in with its single-use link, sees both pending decisions (deadline in Paris
// time, candidate, step in words), decides one with the keyboard only, and the decision is the same as from the email's link
// (same token, same decision id: the email's link then says it is used). axe: no serious violation.
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { formatDateTime } from '../../activities/wording/catalogue';
import { mintQueueLink } from '../../api/jury-queue/sessions';
import { ensureJuryDigests } from '../../workflows/digest-client';
import { linkIn } from '../mail/fixtures';
import { waitForMessages } from '../support/mailbox';
import * as journey from '../../workflows/journey-client';
import type { Reviewer } from '../action-links/journey-fixture';
import { expectNoCodes } from '../support/person-facing';
import { documentStoreOf } from '../../documents/index';
import { addPieceVersion } from '../../documents/pieces';
import { storeFile } from '../../documents/store';
import { pdf } from '../candidate-space/files';
import { hasChromium, screenshot, seriousViolations } from './chromium';
import { useJourneyInChromium } from './journey-browser';

const stack = inject('stack');
const t = useJourneyInChromium({ digest: true });

const person = (language = 'fr'): Reviewer => ({ personRef: `person-${randomUUID()}`, name: 'Camille Examinatrice', email: `camille-${randomUUID()}@jury.test`, language });

describe.skipIf(!hasChromium)('the jury member\'s queue', () => {
  it('lists the person\'s pending decisions across candidates and records one, keyboard only, as the email\'s link would', async () => {
    const camille = person();
    const first = await t.js.atSelection(1, { people: [camille] });
    const second = await t.js.atSelection(1, { people: [camille] });
    // The first candidate's CV, as the candidate space stores it: the reviewer opens it from the queue.
    const cvBytes = pdf();
    const cv = await storeFile(documentStoreOf(t.db), { fileName: 'CV Léa.pdf', bytes: cvBytes }, { ownerRef: `candidate:${first.candidate.id}`, uploadedBy: 'candidate' });
    await addPieceVersion(t.db, first.candidate.id, 'cv', cv.id);
    // Both requests wait for Camille's digest: one email for the two, each with its own link, and the queue's.
    await ensureJuryDigests(t.js.client, t.js.taskQueue, { everyMs: 60_000, minIntervalMs: 86_400_000 });
    const [digest] = await waitForMessages(stack.mailboxUrl, camille.email, 1);
    expect(digest!.subject).toBe('Jalon : 2 décision(s) en attente');
    expectNoCodes(digest!.subject, digest!.text);
    const lineOf = (c: { lastName: string }) => digest!.text.split('\n').find((l) => l.includes(c.lastName)) ?? '';
    const firstLink = new URL(linkIn(lineOf(first.candidate)));
    const queueLink = /(https?:\/\/\S+\/jury\/sign-in\/[A-Za-z0-9_-]{43})/.exec(digest!.text)![1]!;
    const context = await t.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();

    // The link's GET spends nothing (mail scanners): a button does.
    await page.goto(queueLink);
    await expect(page.locator('h1').innerText()).resolves.toBe('Ouvrir mes décisions en attente');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('button[type=submit]').focus();
    await Promise.all([page.waitForURL(`${t.baseUrl}/jury`), page.keyboard.press('Enter')]);

    await expect(page.locator('h1').innerText()).resolves.toBe('Mes décisions en attente');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const table = await page.locator('table').innerText();
    for (const c of [first.candidate, second.candidate]) expect(table).toContain(`${c.firstName} ${c.lastName}`);
    expect(table).toContain('Avis sur un dossier de candidature');
    const due = (await journey.queryJourney(t.js.client, first.journeyId)).awaiting.find((a) => a.what === 'selection_review')?.dueAtMs;
    expect(due).toBeDefined();
    expect(table).toContain(formatDateTime(due!, 'fr'));
    expectNoCodes(await page.locator('main').innerText());
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'jury-queue-fr');

    // Keyboard only: the first candidate's "Décider" link, the review, the reason, submit.
    await page.locator(`a[aria-label="Décider pour ${first.candidate.firstName} ${first.candidate.lastName}"]`).focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Examen du dossier de candidature');
    // The CV opens from the queue's page, under this decision's address, with the session only.
    const cvLink = page.locator(`a[href$="/documents/${cv.id}"]`);
    expect(await cvLink.getAttribute('href')).toMatch(new RegExp(`^/jury/d/[0-9a-f-]{36}/documents/${cv.id}$`));
    expect(await cvLink.innerText()).toContain('CV');
    const download = await page.request.get(`${t.baseUrl}${await cvLink.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment/);
    expect(Buffer.from(await download.body()).equals(cvBytes)).toBe(true);
    expect((await fetch(`${t.baseUrl}${await cvLink.getAttribute('href')}`)).status).toBe(401); // no session, no file
    await page.locator('#f-decision-0').focus();
    await page.keyboard.press('Space');
    await page.locator('#f-reasonCode').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#f-reasonCode').inputValue()).toBe('profile_fits');
    await page.locator('button[type=submit]').focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Décision enregistrée');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'jury-queue-decided-fr');
    await page.locator('a[href="/jury"]').focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('tbody tr').count()).toBe(1);
    await expect(page.locator('table').innerText()).resolves.toContain(second.candidate.lastName);

    // The same decision as the email's link: that link is now used, and shows the recorded review.
    await t.js.waitUntilStage(first.journeyId, 'interview');
    const fromEmail = await fetch(firstLink.href);
    expect(fromEmail.status).toBe(409);
    expect(await fromEmail.text()).toContain('Admissible');
    const recorded = await t.db.auditEvent.findMany({ where: { journeyId: first.journeyId, action: 'action_link.decision_recorded' } });
    const emailToken = await t.db.actionToken.findFirstOrThrow({ where: { journeyId: first.journeyId, action: 'selection_review' } });
    expect(recorded.map((e) => e.dedupKey)).toEqual([`action-link:${emailToken.id}`]);

    // The sign-in link worked once; without the session, the queue asks for the latest digest's link.
    expect((await fetch(queueLink)).status).toBe(410);
    const anonymous = await fetch(`${t.baseUrl}/jury`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('dernier courriel récapitulatif');
    // Another person's decision is not reachable through this session.
    const other = await t.js.atSelection(1);
    const otherToken = await t.db.actionToken.findFirstOrThrow({ where: { journeyId: other.journeyId, action: 'selection_review' } });
    const response = await page.goto(`${t.baseUrl}/jury/d/${otherToken.id}`);
    expect(response?.status()).toBe(404);

    // Signing out ends the session.
    await page.goto(`${t.baseUrl}/jury`);
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/jury/sign-out"] button').press('Enter')]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Vous êtes déconnecté·e');
    expect((await page.goto(`${t.baseUrl}/jury`))?.status()).toBe(401);
    await context.close();
  });

  it('speaks the person\'s language (English)', async () => {
    const sam = { ...person('en'), name: 'Sam Reviewer' };
    const { candidate } = await t.js.atSelection(1, { people: [sam] });
    const token = await mintQueueLink(t.db, sam.personRef, new Date());
    const context = await t.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/jury/sign-in/${token}`);
    await Promise.all([page.waitForURL(`${t.baseUrl}/jury`), page.locator('button[type=submit]').press('Enter')]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('h1').innerText()).resolves.toBe('My pending decisions');
    await expect(page.locator('table').innerText()).resolves.toContain(`Review of an application dossier`);
    await expect(page.locator('table').innerText()).resolves.toContain(candidate.lastName);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'jury-queue-en');
    await context.close();
  });
});
