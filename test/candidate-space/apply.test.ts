// The public application page in Chromium, on the real system: staff open the cohort, a person
// applies, confirms the address from the mailbox, lands in the space with the journey started; a
// second application with the same address resumes the first; a robot's honeypot entry records nothing.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { issueApiKey } from '../../api/auth/keys';
import { eventually } from '../support/eventually';
import { messagesTo, waitForMessages } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import { hasChromium, screenshot, seriousViolations, spaceLinkIn, useSpaceInChromium } from './fixture';

const stack = inject('stack');
const env = useSpaceInChromium();

async function submit(page: Page) {
  const [response] = await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').press('Enter')]);
  return response;
}

async function fillApplication(page: Page, email: string) {
  await page.locator('#f-firstName').fill('Camille');
  await page.locator('#f-lastName').fill('Durand');
  await page.locator('#f-email').fill(email);
  await page.locator('#f-route').selectOption('continuing_education');
  await page.locator('#f-degree').selectOption('university_master');
  await page.locator('#f-degreeTitle').fill('Master Finance');
  await page.locator('#f-years').fill('4');
  await page.locator('#f-workStudyYears').fill('1');
  await page.locator('#f-enrolment-0').check();
  await page.locator('#f-consent').check();
}

describe.skipIf(!hasChromium)('online application in Chromium', () => {
  it('applies, confirms from the mailbox, lands in the space; the same address resumes the first application', async () => {
    const code = `APPLY-${randomUUID().slice(0, 8)}`;
    const cohort = await env.db.cohort.create({ data: { code, referentialCode: 'RNCP37332', label: 'Promotion 2027', startsOn: new Date('2027-09-01') } });
    const context = await env.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
    const page = await context.newPage();
    expect((await page.goto(`${env.space.baseUrl}/apply/${code}`))?.status()).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toBe('Les candidatures ne sont pas ouvertes pour cette promotion.');

    // Staff open the cohort's applications (admissions role; read-only may not).
    const { key } = await issueApiKey(env.db, { email: `admissions-${randomUUID()}@staff.test`, name: 'Admissions', role: 'admissions' });
    const opened = await page.request.put(`${env.space.baseUrl}/cohorts/${cohort.id}/intake`, { headers: { Authorization: `Bearer ${key}` }, data: { open: true } });
    expect(opened.status()).toBe(200);
    expect(await opened.json()).toMatchObject({ open: true, applicationPage: `${env.space.baseUrl}/apply/${code}` });

    expect((await page.goto(`${env.space.baseUrl}/apply/${code}`))?.status()).toBe(200);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.locator('main').innerText()).toContain('conservées pendant le parcours puis 3 ans');
    await screenshot(page, '20-apply-form');
    // Nothing filled: each error next to its field, listed at the top.
    expect((await submit(page))?.status()).toBe(422);
    expect(await page.locator('#f-consent-error').innerText()).toContain('Cochez la case');
    expect(await page.locator('#f-email').getAttribute('aria-describedby')).toBe('f-email-error');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '21-apply-errors');

    const email = `camille-${randomUUID()}@candidats.test`;
    await fillApplication(page, email);
    expect((await submit(page))?.status()).toBe(200);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('un e-mail vient d’y être envoyé');
    // Before the address is confirmed there is no candidate.
    expect(await env.db.candidate.count({ where: { cohortId: cohort.id } })).toBe(0);

    const [confirmation] = await waitForMessages(stack.mailboxUrl, email, 1);
    expect(confirmation!.subject).toBe('Confirmez votre adresse pour envoyer votre candidature');
    expectNoCodes(confirmation!.text);
    const confirmLink = /(https?:\/\/\S+\/apply\/confirm\/[A-Za-z0-9_-]{43})/.exec(confirmation!.text)![1]!;
    await page.goto(confirmLink);
    expect(await seriousViolations(page)).toEqual([]);
    expect((await submit(page))?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/space');
    await expect(page.locator('h1').innerText()).resolves.toBe('Mon espace candidat');
    const candidate = await env.db.candidate.findFirstOrThrow({ where: { cohortId: cohort.id } });
    expect(candidate).toMatchObject({ email, firstName: 'Camille', route: 'continuing_education', enrolledBlocks: [] });
    expect(candidate.declaredProfile).toMatchObject({ degrees: [{ kind: 'university_master', title: 'Master Finance' }], experience: { qualifyingYears: 4, excludedYears: 1 } });
    // The journey started exactly as from the staff API: the dossier email follows, the space shows the stage.
    await waitForMessages(stack.mailboxUrl, email, 2);
    await eventually(async () => {
      await page.reload();
      expect(await page.locator('li[aria-current=step]').innerText()).toContain('dossier de candidature');
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '22-space-after-application');

    // The confirmation link works once.
    const again = await (await env.browser.newContext()).request.post(confirmLink, { headers: { origin: env.space.baseUrl } });
    expect(again.status()).toBe(410);

    // A second application with the same address (other case) resumes: a link to the same space, no duplicate.
    const second = await (await env.browser.newContext({ bypassCSP: true, locale: 'fr-FR' })).newPage();
    await second.goto(`${env.space.baseUrl}/apply/${code}`);
    await fillApplication(second, email.toUpperCase());
    expect((await submit(second))?.status()).toBe(200);
    const resume = await eventually(async () => {
      const found = (await messagesTo(stack.mailboxUrl, email)).find((m) => m.subject === 'Votre lien vers votre espace candidat');
      if (!found) throw new Error('no resume email yet');
      return found;
    });
    await second.goto(spaceLinkIn(resume.text));
    await submit(second);
    expect(new URL(second.url()).pathname).toBe('/space');
    expect(await second.locator('main').innerText()).toContain('Bonjour Camille.');
    expect(await env.db.candidate.count({ where: { cohortId: cohort.id } })).toBe(1);
    expect(await env.db.application.count({ where: { cohortId: cohort.id } })).toBe(1);

    // A robot filling the hidden field gets the same answer, and nothing is recorded or sent.
    const robotEmail = `robot-${randomUUID()}@candidats.test`;
    const robot = await page.request.post(`${env.space.baseUrl}/apply/${code}`, {
      headers: { origin: env.space.baseUrl },
      form: { firstName: 'Bot', lastName: 'Bot', email: robotEmail, route: 'student', degree: 'l3', years: '0', enrolment: 'full', consent: 'yes', website: 'http://spam.test' },
    });
    expect(robot.status()).toBe(200);
    expect(await robot.text()).toContain('un e-mail vient d’y être envoyé');
    await new Promise((r) => setTimeout(r, 500));
    expect(await env.db.application.count({ where: { email: robotEmail } })).toBe(0);
    expect(await messagesTo(stack.mailboxUrl, robotEmail)).toEqual([]);
    await context.close();
  }, 180_000);
});
