// A candidate asks for their data from their space: the button in the space, the email as delivered
// (French first, English beside, the link), the link's page, one download of the archive, then refusals.
import { strFromU8, unzipSync } from 'fflate';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { hasChromium, launchChromium, seriousViolations, spaceLinkIn } from '../candidate-space/fixture';
import { waitForMessages } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import { startPrivacyStack } from './privacy-stack';

let s: Awaited<ReturnType<typeof startPrivacyStack>>;
beforeAll(async () => {
  s = await startPrivacyStack(inject('stack'), 'privacy-space');
});
afterAll(async () => s?.stop());

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, '\'').replace(/\s+/g, ' ');

describe('a candidate asks for their data from their space', () => {
  it('gets an email link that downloads the archive once', { timeout: 60_000 }, async () => {
    const p = await s.person();
    const [dossier] = await waitForMessages(s.sink.mailboxUrl, p.email, 1);
    const signIn = new URL(spaceLinkIn(dossier!.text));
    const agent = request.agent(s.app);
    expect((await agent.post(signIn.pathname).set('Origin', s.baseUrl)).status).toBe(303);
    const space = await agent.get('/space');
    expect(space.status).toBe(200);
    expect(textOf(space.text)).toContain('Vos données personnelles');
    expect(space.text).toContain('Recevoir mes données par e-mail');
    const csrf = /name="csrf" value="([^"]+)"/.exec(space.text)![1]!;

    const forged = await agent.post('/space/personal-data/export').set('Origin', 'http://evil.test').type('form').send({ csrf });
    expect(forged.status).toBe(403);
    const asked = await agent.post('/space/personal-data/export').set('Origin', s.baseUrl).type('form').send({ csrf });
    expect(asked.status).toBe(200);
    expect(textOf(asked.text)).toContain('un e-mail avec un lien de téléchargement vient de partir');
    const again = await agent.post('/space/personal-data/export').set('Origin', s.baseUrl).type('form').send({ csrf });
    expect(textOf(again.text)).toContain('déjà demandé vos données il y a moins de 10 minutes');

    const messages = await waitForMessages(s.sink.mailboxUrl, p.email, 2);
    const mail = messages.find((m) => m.subject.startsWith('Vos données personnelles'))!;
    expect(mail.subject).toBe('Vos données personnelles : votre export est prêt');
    expect(mail.text).toContain('une copie de toutes les données que nous conservons à votre sujet');
    expect(mail.text).toContain('From your candidate space, you asked for a copy of all the data we keep about you.');
    expect(mail.text).toContain('Le lien ne sert qu’une fois');
    expectNoCodes(mail.text);
    expect(messages.filter((m) => m.subject.startsWith('Vos données personnelles'))).toHaveLength(1);
    const link = new URL(/(https?:\/\/\S+\/space\/personal-data\/[A-Za-z0-9_-]{43})/.exec(mail.text)![1]!);

    // A mail scanner's GET uses nothing; the person's POST downloads once.
    const page = await request(s.app).get(link.pathname);
    expect(page.status).toBe(200);
    expect(textOf(page.text)).toContain('Télécharger l’archive');
    const zip = await request(s.app).post(link.pathname).set('Origin', s.baseUrl).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(zip.status).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(zip.body as Buffer));
    expect(JSON.parse(strFromU8(entries['data/Candidate.json']!))[0]).toMatchObject({ id: p.candidateId, email: p.email, firstName: p.firstName });
    expect(Object.keys(entries).some((k) => k.startsWith(`files/${p.file.id}`))).toBe(true);

    const twice = await request(s.app).post(link.pathname).set('Origin', s.baseUrl);
    expect(twice.status).toBe(410);
    expect(textOf(twice.text)).toContain('Ce lien a déjà servi');
    const unknown = await request(s.app).get('/space/personal-data/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(404);
    // Expired: an hour past its 72 hours.
    await s.db.personalDataExport.updateMany({ where: { candidateId: p.candidateId }, data: { usedAt: null, expiresAt: new Date(Date.now() - 3_600_000) } });
    expect((await request(s.app).get(link.pathname)).status).toBe(410);
  });
});

describe.skipIf(!hasChromium)('in Chromium', () => {
  it('the space\'s button, the confirmation, the link\'s page and the download, with no serious axe violation', { timeout: 90_000 }, async () => {
    const p = await s.person();
    const [dossier] = await waitForMessages(s.sink.mailboxUrl, p.email, 1);
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ bypassCSP: true, locale: 'fr-FR', acceptDownloads: true })).newPage();
      await page.goto(spaceLinkIn(dossier!.text));
      await Promise.all([page.waitForURL(/\/space$/), page.locator('form[method=post] button[type=submit]').first().click()]);
      const button = page.getByRole('button', { name: 'Recevoir mes données par e-mail' });
      await expect(button.isVisible()).resolves.toBe(true);
      await Promise.all([page.waitForURL(/personal-data\/export/), button.click()]);
      expect(await page.locator('body').innerText()).toContain('Demande enregistrée');
      expect(await seriousViolations(page)).toEqual([]);

      const mail = (await waitForMessages(s.sink.mailboxUrl, p.email, 2)).find((m) => m.subject.startsWith('Vos données personnelles'))!;
      const link = /(https?:\/\/\S+\/space\/personal-data\/[A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
      await page.goto(link);
      expect(await page.locator('h1').innerText()).toContain('Télécharger mes données');
      expect(await seriousViolations(page)).toEqual([]);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger l’archive' }).click()]);
      expect(download.suggestedFilename()).toBe(`jalon-donnees-personnelles-${p.candidateId}.zip`);
      const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
      expect(JSON.parse(strFromU8(entries['data/Candidate.json']!))[0]).toMatchObject({ id: p.candidateId, lastName: p.lastName });
    } finally {
      await browser.close();
    }
  });
});
