// The candidate space against the real system: the journey worker with the real activities (emails
// through the SMTP sink), the app with mail and a document store in a temporary folder, Chromium.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApp } from '../../api/app';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import * as journey from '../../workflows/journey-client';
import { startJourneyStack } from '../action-links/journey-fixture';
import type { TestStack } from '../support/global-setup';
import { waitForMessages } from '../support/mailbox';
import { freePort } from '../support/ports';

// The browser and axe helpers are the link pages' (one Chromium set-up for every browser test).
import { hasChromium, launchChromium } from '../browser/chromium';
export { hasChromium, launchChromium, seriousViolations } from '../browser/chromium';
export const ARTIFACTS = path.resolve('test/artifacts/candidate-space');

export const SPACE_LINK = /(https?:\/\/\S+\/space\/sign-in\/[A-Za-z0-9_-]{43})/;
export function spaceLinkIn(text: string): string {
  const match = SPACE_LINK.exec(text);
  if (!match) throw new Error(`no candidate space link in:\n${text}`);
  return match[1]!;
}

export async function startSpaceStack(stack: TestStack, db: Database, options: { maxBytes?: number } = {}) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const js = await startJourneyStack(stack, db, baseUrl);
  const documentsDir = await mkdtemp(path.join(os.tmpdir(), 'jalon-space-files-'));
  // The journey stack's secret: its outbox dispatcher may send the API's emails too (one ACTION_LINK_SECRET, as in production).
  const mailConfig = { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl: baseUrl, linkSecret: 'y'.repeat(32) };
  const app = () => createApp({
    db, temporal: js.client, log: createLogger({}, 'error', () => undefined), readiness: {},
    config: { taskQueue: js.taskQueue, publicBaseUrl: baseUrl, admissionsEmail: 'admissions@jalon.test' },
    actionLinks: { csrfSecret: 'y'.repeat(32) },
    mail: { mailer: createMailer(stack.smtpUrl), config: mailConfig },
    documents: { dir: documentsDir, maxBytes: options.maxBytes ?? 10 * 1024 * 1024 },
  });
  let server: Server | undefined;
  /** Starts (or starts again, as after a restart) the HTTP server on the same port. */
  const listen = () => new Promise<void>((resolve) => {
    server = app().listen(port, '127.0.0.1', () => resolve());
  });
  const close = () => new Promise((r) => (server ? server.close(r) : r(undefined)));
  await listen();

  /** A candidate whose journey is open at the dossier stage; the dossier email reached the sink. */
  async function atDossier(options: { language?: 'fr' | 'en' } = {}) {
    const cohort = await db.cohort.create({ data: { code: `CS-${randomUUID()}`, referentialCode: 'RNCP37332', label: 'Promotion espace candidat', startsOn: new Date('2026-09-01') } });
    const candidate = await db.candidate.create({
      data: {
        cohortId: cohort.id, firstName: 'Inès', lastName: `Bernard-${randomUUID().slice(0, 6)}`, email: `ines-${randomUUID()}@candidats.test`, route: 'student',
        language: options.language ?? 'fr',
        declaredProfile: { degrees: [{ kind: 'university_master', title: 'Master Management' }], experience: { qualifyingYears: 0 }, vappValidated: false },
      },
    });
    const jury = await db.jury.create({ data: { candidateId: candidate.id, kind: 'selection' } });
    const reviewer = await db.juryMember.create({ data: { juryId: jury.id, personRef: randomUUID(), name: 'Dominique Relecteur', email: `reviewer-${randomUUID()}@jury.test`, kind: 'school' } });
    const { journeyId } = await journey.startJourney(js.client, js.taskQueue, { referentialCode: 'RNCP37332', candidateId: candidate.id, cohortId: cohort.id, route: 'student' });
    const [dossierEmail] = await waitForMessages(stack.mailboxUrl, candidate.email, 1);
    return { cohort, candidate, reviewer, journeyId, dossierEmail: dossierEmail! };
  }

  async function stop() {
    await close();
    await js.stop();
  }

  return { ...js, baseUrl, documentsDir, listen, close, atDossier, stop };
}

export type SpaceStack = Awaited<ReturnType<typeof startSpaceStack>>;

/** One test file's candidate space in Chromium (hooks registered): its database client, the served space and the browser. */
export function useSpaceInChromium(options: { maxBytes?: number } = {}) {
  const env = {} as { db: Database; space: SpaceStack; browser: Browser };
  beforeAll(async () => {
    if (!hasChromium) return;
    const stack = inject('stack');
    env.db = createDatabase(stack.databaseUrl);
    env.space = await startSpaceStack(stack, env.db, options);
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.space?.stop();
    await env.db?.$disconnect();
  });
  return env;
}

/** What the candidate sees, kept for people to look at (test/artifacts is not committed). */
export async function screenshot(page: Page, name: string) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
