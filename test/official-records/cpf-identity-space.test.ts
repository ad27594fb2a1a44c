// A certified holder gives their CPF identity in their candidate space, in Chromium on the real system:
// the task is listed in "Ce qui est attendu de vous", a missing birth commune and a wrong date are said
// next to their fields (French, then English) with nothing recorded, a correct form is recorded and read
// back by staff through the API; a candidate who is not a holder is not asked; axe finds nothing serious.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { describe, expect, inject, it } from 'vitest';
import { createSpaceLink } from '../../activities/mail/space-link';
import { issueApiKey } from '../../api/auth/keys';
import { expectNoCodes } from '../support/person-facing';
import { hasChromium, screenshot, seriousViolations, useSpaceInChromium } from '../candidate-space/fixture';

const env = useSpaceInChromium();

/** A candidate (a certified holder when `awarded`) and a signed-in page of their space. */
async function signedIn(awarded: boolean, language: 'fr' | 'en' = 'fr') {
  const cohort = await env.db.cohort.create({ data: { code: `CPF-${randomUUID()}`, referentialCode: 'RNCP37332', label: 'Promotion CPF', startsOn: new Date('2025-09-01') } });
  const candidate = await env.db.candidate.create({ data: { cohortId: cohort.id, firstName: 'Maëlle', lastName: `Roux-${randomUUID().slice(0, 6)}`, email: `maelle-${randomUUID()}@candidats.test`, route: 'vae', language } });
  if (awarded) await env.db.jury.create({ data: { candidateId: candidate.id, kind: 'certification', status: 'closed', outcome: 'awarded', closedAt: new Date('2026-10-02T14:00:00Z') } });
  const token = await createSpaceLink(env.db, candidate.id, new Date(Date.now() + 3_600_000));
  const context = await env.browser.newContext({ bypassCSP: true, locale: `${language}-FR` });
  const page = await context.newPage();
  await page.goto(`${env.space.baseUrl}/space/sign-in/${token}`);
  await Promise.all([page.waitForNavigation(), page.getByRole('button').first().press('Enter')]);
  return { candidate, page };
}

async function send(page: Page) {
  const [response] = await Promise.all([page.waitForNavigation(), page.locator('#cpf-identity-title ~ form button[type=submit]').press('Enter')]);
  return response;
}

const errorOf = (page: Page, field: string) => page.locator(`#f-${field}-error`).innerText();

describe.skipIf(!hasChromium)('CPF identity in the candidate space', () => {
  it('asks the holder, refuses a missing commune and a wrong date next to the fields (FR then EN), records a correct identity that staff read', { timeout: 120_000 }, async () => {
    const { candidate, page } = await signedIn(true);
    const todo = await page.locator('#todo ~ ul').first().innerText();
    expect(todo).toContain('Donner votre identité d’état civil');
    expect(await page.locator('#cpf-identity-title').innerText()).toBe('Votre identité pour la déclaration de votre certification');

    await page.fill('#f-birthName', 'Roux');
    await page.fill('#f-firstName1', 'Maëlle');
    await page.fill('#f-birthDate', '1994-03-21');
    await page.check('#f-sex-0');
    await page.check('#f-bornIn-0'); // in France, but no commune given
    expect((await send(page))?.status()).toBe(422);
    expect(await errorOf(page, 'birthCommuneInsee')).toBe('Né·e en France : donnez le code INSEE ou le code postal de votre commune de naissance.');
    expect(await page.locator('.summary-errors').innerText()).toContain('code INSEE');
    expect(await page.inputValue('#f-birthName')).toBe('Roux'); // what was typed is kept
    expect(await env.db.cpfIdentity.findUnique({ where: { candidateId: candidate.id } })).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    expectNoCodes(await page.locator('main').innerText());
    await screenshot(page, 'cpf-identity-refused');

    // The English page says it in English.
    await page.goto(`${env.space.baseUrl}/space?lang=en`);
    await page.fill('#f-birthName', 'Roux');
    await page.fill('#f-firstName1', 'Maëlle');
    await page.check('#f-sex-0');
    await page.check('#f-bornIn-1'); // abroad, with a country code that is not one
    await page.fill('#f-birthCountryCode', 'B1');
    expect((await send(page))?.status()).toBe(422);
    expect(await errorOf(page, 'birthDate')).toBe('Give your complete date of birth: day, month and year (for example 21/03/1994).');
    expect(await errorOf(page, 'birthCountryCode')).toBe('The country is written as its three-letter ISO code (for example BEL for Belgium).');
    expect(await env.db.cpfIdentity.findUnique({ where: { candidateId: candidate.id } })).toBeNull();

    // A birth date after today (2030 for 1990): said next to the field; the summary runs in the fields' order.
    await page.goto(`${env.space.baseUrl}/space`);
    await page.fill('#f-birthDate', '2030-03-21');
    await page.check('#f-sex-0');
    await page.check('#f-bornIn-0');
    await page.fill('#f-birthCommuneInsee', '75056');
    expect((await send(page))?.status()).toBe(422);
    expect(await errorOf(page, 'birthDate')).toBe('Cette date de naissance est après aujourd’hui : vérifiez l’année (par exemple 1990 et non 2030).');
    const summary = await page.locator('.summary-errors li').allInnerTexts();
    expect(summary).toEqual([expect.stringContaining('nom de naissance'), expect.stringContaining('premier prénom'), expect.stringContaining('après aujourd’hui')]);
    expect(await env.db.cpfIdentity.findUnique({ where: { candidateId: candidate.id } })).toBeNull();

    await page.goto(`${env.space.baseUrl}/space`);
    await page.fill('#f-birthName', 'Roux');
    await page.fill('#f-usageName', 'Martin');
    await page.fill('#f-firstName1', 'Maëlle');
    await page.fill('#f-firstName2', 'Jeanne');
    await page.fill('#f-birthDate', '1994-03-21');
    await page.check('#f-sex-0');
    await page.check('#f-bornIn-0');
    await page.fill('#f-birthCommuneInsee', '2a004');
    expect((await send(page))?.status()).toBe(200);
    expect(await page.locator('main').innerText()).toContain('Votre identité est enregistrée pour la déclaration de votre certification.');
    expect(await page.locator('#cpf-identity-title').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    const read = await request(env.space.baseUrl).get(`/candidates/${candidate.id}/cpf-identity`).set('Authorization', `Bearer ${await staffKey()}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ birthName: 'Roux', usageName: 'Martin', firstNames: ['Maëlle', 'Jeanne'], birthDate: '1994-03-21', sex: 'F', bornIn: 'france', birthCommuneInsee: '2A004' });
    const row = await env.db.cpfIdentity.findUniqueOrThrow({ where: { candidateId: candidate.id } });
    expect(row.recordedBy).toBe(`candidate:${candidate.id}`);

    // Sent again (a second click): the same answer. A different identity once one is complete: refused in words.
    const csrf = await page.locator('input[name=csrf]').first().inputValue();
    const form = { csrf, birthName: 'Roux', usageName: 'Martin', firstName1: 'Maëlle', firstName2: 'Jeanne', birthDate: '1994-03-21', sex: 'F', bornIn: 'france', birthCommuneInsee: '2A004' };
    const again = await page.request.post(`${env.space.baseUrl}/space/cpf-identity`, { form, headers: { Origin: env.space.baseUrl }, maxRedirects: 0 });
    expect(again.status()).toBe(303);
    const changed = await page.request.post(`${env.space.baseUrl}/space/cpf-identity`, { form: { ...form, birthName: 'Autre' }, headers: { Origin: env.space.baseUrl } });
    expect(changed.status()).toBe(409);
    expect(await changed.text()).toContain('Votre identité est déjà enregistrée pour la déclaration : rien n’a été changé.');
    expect(await env.db.cpfIdentity.findUniqueOrThrow({ where: { candidateId: candidate.id } })).toEqual(row);
    expect(await env.db.auditEvent.count({ where: { candidateId: candidate.id, action: 'cpf_identity.recorded' } })).toBe(1);
  });

  it('does not ask a candidate who is not a certified holder, and refuses their post in words', { timeout: 60_000 }, async () => {
    const { candidate, page } = await signedIn(false);
    expect(await page.locator('#cpf-identity-title').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain('identité d’état civil');
    const csrf = await page.locator('input[name=csrf]').first().inputValue();
    const res = await page.request.post(`${env.space.baseUrl}/space/cpf-identity`, { form: { csrf, birthName: 'Roux' }, headers: { Origin: env.space.baseUrl } });
    expect(res.status()).toBe(409);
    expect(await res.text()).toContain('ne concerne que les titulaires de la certification');
    expect(await env.db.cpfIdentity.findUnique({ where: { candidateId: candidate.id } })).toBeNull();
  });
});

/** A staff API key (admissions), issued the way the staff API tests issue theirs. */
async function staffKey(): Promise<string> {
  return (await issueApiKey(env.db, { email: `admissions-${randomUUID()}@staff.test`, name: 'Admissions tester', role: 'admissions' })).key;
}
