// A real browser (Chromium) follows a link from a captured email, submits a decision with the keyboard,
// and axe-core finds no serious or critical accessibility violation on the form, error and result pages.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../../platform/database';
import * as journey from '../../workflows/journey-client';
import { freePort } from '../support/ports';
import { startJourneyStack } from '../action-links/journey-fixture';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);

const stack = inject('stack');
let db: Database;
let js: Awaited<ReturnType<typeof startJourneyStack>>;
let server: Server;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!hasChromium) return;
  db = createDatabase(stack.databaseUrl);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  js = await startJourneyStack(stack, db, baseUrl);
  server = await new Promise<Server>((resolve) => {
    const s = js.app(baseUrl).listen(port, '127.0.0.1', () => resolve(s));
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await js?.stop();
  await db?.$disconnect();
});

async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => {
    // Runs in the page (no DOM types in this project's tsconfig): the page's global axe over its document.
    const page = globalThis as unknown as { axe: typeof axe; document: Parameters<typeof axe.run>[0] };
    const r = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe.skipIf(!hasChromium)('action link in Chromium', () => {
  it('opens the link from the email, shows errors accessibly, records the decision, with no serious axe violation', async () => {
    const { journeyId, candidate, links } = await js.atSelection();
    expect(links[0]!.origin).toBe(baseUrl); // the link as written in the captured email
    // Scripts are not needed by the pages; CSP forbids them, so axe is injected past it.
    const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
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

    const state = await journey.queryJourney(js.client, journeyId);
    expect(state.recentEvents.map((e) => e.action)).toContain('selection_decided');
    await context.close();
  });
});
