// The candidate space, the link pages and the jury queue served over HTTP on a journey driven on the
// time-skipping server (weeks pass only when a test says so), the emails' links pointing at that server,
// and one Chromium: the candidate, the assessor and the jury act in the browser from the links they receive.
import { mkdtemp } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { createApp } from '../../api/app';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { useJourneyHarness, type JourneyHarness } from '../workflows/journey-harness';
import { hasChromium, launchChromium } from '../browser/chromium';

export interface SpaceJourney {
  h: JourneyHarness;
  baseUrl: string;
  browser: Browser;
}

export function useSpaceJourney(name: string): SpaceJourney {
  const ctx = { baseUrl: '' } as SpaceJourney;
  let server: Server | undefined;
  let app: RequestListener | undefined;
  // Listening before the harness's worker starts (it writes this address into the emails' links), on a
  // port the kernel gives at once: a port picked in advance was once taken by the harness's own Temporal
  // test server before the app bound it, and the browser met a gRPC server there.
  beforeAll(async () => {
    server = createServer((req, res) => (app ? app(req, res) : res.writeHead(503).end()));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    ctx.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  ctx.h = useJourneyHarness(name, { publicBaseUrl: () => ctx.baseUrl });
  beforeAll(async () => {
    if (!hasChromium) return;
    const documentsDir = await mkdtemp(path.join(os.tmpdir(), 'jalon-space-journey-'));
    app = createApp({
      db: ctx.h.db, temporal: ctx.h.env.client, log: createLogger({}, 'error', () => undefined), readiness: {},
      config: { taskQueue: ctx.h.taskQueue, publicBaseUrl: ctx.baseUrl, admissionsEmail: 'admissions@jalon.test' },
      actionLinks: { csrfSecret: 'y'.repeat(32) },
      mail: { mailer: createMailer(ctx.h.stack.smtpUrl), config: { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl: ctx.baseUrl } },
      documents: { dir: documentsDir, maxBytes: 10 * 1024 * 1024 },
    });
    ctx.browser = await launchChromium();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
  });
  return ctx;
}

/** Opens the candidate's space from the personal link of an email (the sign-in button pressed). */
export async function signInToSpace(browser: Browser, link: string, language: 'fr' | 'en'): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true, locale: language === 'fr' ? 'fr-FR' : 'en-GB' });
  const page = await context.newPage();
  expect((await page.goto(link))?.status()).toBe(200);
  const [response] = await Promise.all([page.waitForNavigation(), page.locator('main button[type=submit]').press('Enter')]);
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe('/space');
  return page;
}

/** Chooses a file for the field and sends its form with the keyboard; the response of the page that follows. */
export async function uploadInto(page: Page, fieldId: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.locator(`#${fieldId}`).setInputFiles(file);
  const [response] = await Promise.all([page.waitForNavigation(), page.locator(`#${fieldId} ~ button[type=submit]`).press('Enter')]);
  return response;
}
