// A real browser (Chromium) follows a link from a captured email, submits a decision with the keyboard,
// and axe-core finds no serious or critical accessibility violation on the form, error and result pages;
// a second reviewer's link, once the step is closed, shows the closed page (D6).
import { describe, expect, it } from 'vitest';
import * as journey from '../../workflows/journey-client';
import { formatDateTime } from '../../activities/wording/catalogue';
import { expectNoCodes, visibleText } from '../support/person-facing';
import { hasChromium, screenshot, seriousViolations } from './chromium';
import { useJourneyInChromium } from './journey-browser';

const t = useJourneyInChromium();


describe.skipIf(!hasChromium)('action link in Chromium', () => {
  it('opens the link from the email, shows errors accessibly, records the decision, with no serious axe violation', async () => {
    const { journeyId, candidate, links } = await t.js.atSelection();
    expect(links[0]!.origin).toBe(t.baseUrl); // the link as written in the captured email
    // Scripts are not needed by the pages; CSP forbids them, so axe is injected past it.
    const context = await t.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();

    const response = await page.goto(links[0]!.href);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect(page.locator('h1').innerText()).resolves.toContain('Examen du dossier de candidature');
    await expect(page.locator('main').innerText()).resolves.toContain(candidate.lastName);
    expect(await seriousViolations(page)).toEqual([]);

    // Submitting nothing: errors listed at the top and tied to their fields.
    const [invalid] = await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').press('Enter')]);
    expect(invalid?.status()).toBe(422);
    await page.waitForSelector('.summary-errors');
    expect(await page.locator('#f-reasonCode').getAttribute('aria-describedby')).toBe('f-reasonCode-error');
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard only: focus the first choice, pick it with Space, choose a reason, submit.
    await page.locator('#f-decision-0').focus();
    await page.keyboard.press('Space');
    expect(await page.locator('#f-decision-0').isChecked()).toBe(true);
    await page.locator('#f-reasonCode').selectOption('profile_fits');
    await page.locator('#f-comment').fill('Parcours cohérent.');
    await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').press('Enter')]);
    await expect(page.locator('h1').innerText()).resolves.toContain('Décision enregistrée');
    expect(await seriousViolations(page)).toEqual([]);

    const state = await journey.queryJourney(t.js.client, journeyId);
    expect(state.recentEvents.map((e) => e.action)).toContain('selection_decided');
    await context.close();
  });
});

describe.skipIf(!hasChromium)('a link whose step is closed (D6)', () => {
  it('the second reviewer\'s link shows what was decided, when and by whom, with no form; a POST answers the same page', async () => {
    const { journeyId, links } = await t.js.atSelection(2, { policy: { selectionReviews: 'first_answer' } });
    const context = await t.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(links[0]!.href);
    await page.locator('#f-decision-0').check();
    await page.locator('#f-reasonCode').selectOption('profile_fits');
    await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').press('Enter')]);
    await expect(page.locator('h1').innerText()).resolves.toContain('Décision enregistrée');
    await t.js.waitUntilStage(journeyId, 'interview');

    const response = await page.goto(links[1]!.href);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toBe('Cette étape est close');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Avis sur un dossier de candidature\u00a0: Admissible (motif\u00a0: Profil adapté)');
    expect(main).toContain('un autre examinateur du dossier');
    const decided = await t.db.auditEvent.findFirstOrThrow({ where: { journeyId, action: 'selection_decided' } });
    expect(main).toContain(formatDateTime(decided.at.getTime(), 'fr'));
    expect(await page.locator('form').count()).toBe(0);
    expectNoCodes(main);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'closed-step-fr');

    // A POST (a form kept open in another tab) answers the same page, records nothing, shows no code.
    const posted = await fetch(links[1]!.href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=not_admissible&reasonCode=other' });
    expect(posted.status).toBe(409);
    const html = await posted.text();
    expect(visibleText(html)).toContain('Avis sur un dossier de candidature : Admissible (motif : Profil adapté)');
    expect(html).not.toContain('<form');
    expectNoCodes(visibleText(html));
    expect(html).not.toMatch(/\binterview\b/);
    const tokens = await t.db.actionToken.findMany({ where: { journeyId, action: 'selection_review' }, orderBy: { useCount: 'desc' } });
    expect(tokens.map((t) => t.useCount)).toEqual([1, 0]);
    await context.close();
  });
});
