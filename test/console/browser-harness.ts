// The console's browser tests on the real system: the Temporal dev server, PostgreSQL, the SMTP sink,
// the journey's worker and the app on a free port, Debian's Chromium through playwright-core. Also the
// keyboard: reaching a control with Tab (proof it is in the tab order), typing, choosing an option with
// the arrow keys, as someone without a mouse would.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import axe from 'axe-core';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { expect, inject } from 'vitest';
import { createApp } from '../../api/app';
import { CONSOLE_DIST } from '../../api/console';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { projectRoot } from '../../platform/tools';
import { createWorker } from '../../platform/worker';
import { startTestDispatcher } from '../support/dispatcher';
import { waitForMessages } from '../support/mailbox';
import { freePort } from '../support/ports';
import { uniqueTaskQueue } from '../support/temporal';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Console browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);
// The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1 npx vitest run test/console; an
// ordinary run writes its pictures under test/artifacts/ (not committed), leaving the tree clean.
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? path.join(projectRoot, 'docs', 'screenshots') : path.join(projectRoot, 'test', 'artifacts', 'console');

export interface BrowserStack {
  stack: ReturnType<typeof inject<'stack'>>;
  db: Database;
  client: Client;
  browser: Browser;
  baseUrl: string;
  /** The worker's task queue, for a journey a test starts itself. */
  taskQueue: string;
  journeys: string[];
  close(): Promise<void>;
}

export async function startBrowserStack(name: string): Promise<BrowserStack> {
  const stack = inject('stack');
  if (!existsSync(path.join(CONSOLE_DIST, 'index.html'))) throw new Error('console/dist is missing: run npm run setup (npm install builds it).');
  const taskQueue = uniqueTaskQueue(name);
  const db = createDatabase(stack.databaseUrl);
  const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const mailer = createMailer(stack.smtpUrl);
  const mailConfig = { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl: baseUrl };
  const worker: Worker = await createWorker({
    connection: await NativeConnection.connect({ address: stack.temporalAddress }), namespace: 'default', taskQueue,
    deps: { db, mailer, clock: () => new Date(), config: mailConfig },
  });
  const run = worker.run();
  const dispatcher = await startTestDispatcher(db, stack.smtpUrl, mailConfig);
  const app = createApp({
    db, temporal: client, log: createLogger({}, 'error', () => undefined), readiness: {},
    config: { taskQueue, publicBaseUrl: baseUrl }, actionLinks: { csrfSecret: 'c'.repeat(32) }, mail: { mailer, config: mailConfig },
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // The browser's own language French, as at the school: date and time fields read day first, 24 h.
    args: ['--lang=fr-FR', '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const journeys: string[] = [];
  return {
    stack, db, client, browser, baseUrl, taskQueue, journeys,
    close: async () => {
      await browser.close();
      await new Promise((r) => server.close(r));
      for (const id of journeys) await client.workflow.getHandle(id).terminate('test finished').catch(() => undefined);
      worker.shutdown();
      await run;
      await dispatcher.stop();
      await client.connection.close();
      await db.$disconnect();
    },
  };
}

export async function seriousViolations(page: Page, screen: string) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as { axe: typeof axe; document: Parameters<typeof axe.run>[0] };
    const r = await g.axe.run(g.document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return { screen, violations: result.filter((v) => v.impact === 'serious' || v.impact === 'critical') };
}
export const noSerious = async (page: Page, screen: string) => expect(await seriousViolations(page, screen)).toEqual({ screen, violations: [] });

/** `npm run staff -- add`, as an administrator would run it. */
export async function addStaff(s: BrowserStack, email: string, role: string, name: string) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'staff.ts'), 'add', email, role, name], {
    cwd: projectRoot, env: { ...process.env, DATABASE_URL: s.stack.databaseUrl },
  });
  expect(stdout).toContain(email);
}

// ------------------------------------------------------------------------------------------ keyboard

// No DOM types in this project's tsconfig: the few properties read in the page, described here.
interface Control { type?: string; name?: string; ownerDocument: { activeElement: unknown }; selectedOptions: { textContent: string | null }[]; options: { textContent: string | null }[] }
// (Functions given to evaluate() run in the page: they may not call anything defined here.)
const isFocused = (l: Locator) => l.evaluate((e) => e === (e as unknown as Control).ownerDocument.activeElement).catch(() => false);

/** Presses Tab until `target` has the focus: it fails if the control cannot be reached with the keyboard. */
export async function tabTo(page: Page, target: Locator, maxPresses = 250): Promise<void> {
  await target.waitFor();
  // A radio group is one tab stop: inside it, the arrow keys move (and choose).
  const radioName = await target.evaluate((e) => ((e as unknown as Control).type === 'radio' ? ((e as unknown as Control).name ?? null) : null));
  for (let i = 0; i < maxPresses; i++) {
    if (await isFocused(target)) return;
    const inGroup = radioName !== null && (await page.evaluate((n) => {
      const a = (globalThis as unknown as { document: { activeElement: Control | null } }).document.activeElement;
      return a?.type === 'radio' && a.name === n;
    }, radioName));
    await page.keyboard.press(inGroup ? 'ArrowDown' : 'Tab');
  }
  throw new Error(`not reachable with Tab in ${maxPresses} presses: ${String(target)}`);
}
/** Tab to a button or link, then Enter. */
export async function press(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Enter');
}
/** Tab to a field, select what it holds, type. */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}
/**
 * A date field, typed segment by segment. The segments' order follows the browser's own language (day
 * first in French, month first in Debian's headless Chromium): if the first order gives another date,
 * Shift+Tab back to the first segment and type the other.
 */
export async function typeDate(page: Page, target: Locator, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-');
  await tabTo(page, target);
  await page.keyboard.type(`${m}${d}${y}`);
  if ((await target.inputValue()) !== iso) {
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(`${d}${m}${y}`);
  }
  expect(await target.inputValue()).toBe(iso);
}
/** A time field: hours then minutes, and AM/PM when the browser's language reads the time on 12 hours. */
export async function typeTime(page: Page, target: Locator, hhmm: string): Promise<void> {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  await tabTo(page, target);
  await page.keyboard.type(hhmm.replace(':', ''));
  if ((await target.inputValue()) !== hhmm) {
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(`${String(h % 12 || 12).padStart(2, '0')}${String(m).padStart(2, '0')}${h < 12 ? 'A' : 'P'}`);
  }
  expect(await target.inputValue()).toBe(hhmm);
}
/** Tab to a select, then arrow keys until the option with this label is chosen. */
export async function chooseOption(page: Page, target: Locator, label: string): Promise<void> {
  await tabTo(page, target);
  const chosen = () => target.evaluate((e) => (e as unknown as Control).selectedOptions[0]?.textContent ?? '');
  const labels = await target.evaluate((e) => [...(e as unknown as Control).options].map((o) => o.textContent ?? ''));
  const want = labels.indexOf(label);
  if (want < 0) throw new Error(`no option "${label}" in ${JSON.stringify(labels)}`);
  for (let i = 0; i < labels.length + 1 && (await chosen()) !== label; i++) {
    const at = labels.indexOf(await chosen());
    await page.keyboard.press(at < want ? 'ArrowDown' : 'ArrowUp');
  }
  expect(await chosen()).toBe(label);
}
/** Tab to a checkbox or radio, then Space. */
export async function toggle(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Space');
}

/** From the sign-in page: ask for the link, open it from the mailbox, confirm; with the keyboard. */
export async function signIn(s: BrowserStack, page: Page, email: string, check = false) {
  await page.goto(`${s.baseUrl}/console`);
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  if (check) await noSerious(page, 'sign-in');
  await typeInto(page, page.getByLabel('Adresse e-mail'), email);
  await press(page, page.getByRole('button', { name: 'Recevoir le lien' }));
  await page.getByRole('status').filter({ hasText: 'lien de connexion vient' }).waitFor();
  const [message] = await waitForMessages(s.stack.mailboxUrl, email);
  const link = /https?:\/\/\S+\/console\/sign-in#token=[A-Za-z0-9_-]{43}/.exec(message!.text)![0];
  expect(new URL(link).origin).toBe(s.baseUrl);
  await page.goto(link);
  await page.getByRole('heading', { name: 'Confirmer la connexion' }).waitFor();
  if (check) await noSerious(page, 'sign-in confirmation');
  await press(page, page.getByRole('button', { name: 'Se connecter' }));
  await page.getByRole('heading', { name: 'Cohortes', level: 1 }).waitFor();
  expect(page.url()).not.toContain('token');
}
