// #5 and #27 for the VAE route, as people meet them: the candidate reads the evidence request as delivered
// (blocks and the in-depth work in words, the step's deadline, a link to their space), uploads a file per
// item in Chromium (a bad file refused next to its field, nothing stored), the journey learns each item is
// sent and moves to staff's review; once validated, the certification jury's page (from its email's link and
// from the jury queue) shows the validated evidence and opens the files, with nothing said missing. FR and EN.
// A reminder names only the items not yet sent.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../activities/wording/catalogue';
import { mintQueueLink } from '../../api/jury-queue/sessions';
import { filesOfPerson } from '../../documents/store';
import * as journey from '../../workflows/journey-client';
import { JourneyRefusal } from '../../workflows/journey-client';
import { linkIn } from '../mail/fixtures';
import { waitForMessages } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import { DAY, admit, createCandidate, createJury, id, staff, start, today, untilAwaiting, untilEvent } from '../workflows/journey-harness';
import { hasChromium, screenshot, seriousViolations } from '../browser/chromium';
import { executable, pdf } from './files';
import { spaceLinkIn } from './fixture';
import { signInToSpace, uploadInto, useSpaceJourney } from './space-journey';

const t = useSpaceJourney('vae-evidence');
const ITEMS = ['BC01', 'BC02', 'BC03', 'BC04', 'in_depth_work'];

const W = {
  fr: {
    subject: 'VAE : vos preuves par bloc de compétences', block1: 'Bloc 1 – Concevoir et définir la stratégie commerciale digitale', inDepth: 'Un travail approfondi',
    expected: 'Déposer vos preuves VAE ci-dessous, bloc par bloc', nothing: 'rien envoyé pour l’instant', sent: 'preuves envoyées, en cours d’examen', waiting: 'Votre dossier est entre les mains du jury ou du service des admissions.', quota: 'attente d’une place', stopsOn: 'le lien lui-même cesse de fonctionner le', refused: /ni un PDF, ni une image PNG ou JPEG/,
    received: 'est bien reçue', juryTitle: 'Preuves VAE', validated: 'validée', notRequired: 'Non requis pour la VAE.', fileLine: 'Preuve VAE – Bloc 1 – ',
  },
  en: {
    subject: 'VAE: your evidence per competency block', block1: 'Block 1 – Design and define the digital commercial strategy', inDepth: 'An in-depth piece of work',
    expected: 'Upload your VAE evidence below, block by block', nothing: 'nothing sent yet', sent: 'evidence sent, under review', waiting: 'Your dossier is in the hands of the jury or the admissions office.', quota: 'waiting for a place', stopsOn: 'the link itself stops working on', refused: /is not a PDF, a PNG or JPEG image/,
    received: 'is received', juryTitle: 'VAE evidence', validated: 'validated', notRequired: 'Not required for VAE.', fileLine: 'VAE evidence – Block 1 – ',
  },
} as const;

async function juryPageChecks(page: Page, l: 'fr' | 'en', bytesOf: Map<string, Buffer>) {
  const main = await page.locator('main').innerText();
  expectNoCodes(main, await page.title());
  expect(main).toContain(W[l].juryTitle);
  expect(main).toMatch(new RegExp(`${W[l].block1}[^\\n]*${l === 'fr' ? '\u00a0: ' : ': '}${W[l].validated}`)); // each language's colon
  expect(main).toContain(`${W[l].inDepth}`);
  expect(main.split(W[l].notRequired).length - 1).toBe(2); // internship and thesis: not required, not "missing"
  expect(main).not.toMatch(/Aucune note|No grade|aucune note|no grade|Aucune période|No period|pas encore notée|not graded yet|en attente|pending/);
  // Each evidence file opens from the page, whole.
  const link = page.locator('a', { hasText: W[l].fileLine });
  expect(await link.count()).toBe(1);
  const download = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).toString());
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(bytesOf.get('BC01')!)).toBe(true);
  expect(await page.locator('a[href*="/documents/"]').count()).toBe(ITEMS.length);
  expect(await seriousViolations(page)).toEqual([]);
}

describe.skipIf(!hasChromium)('VAE evidence from the candidate space to the certification jury', () => {
  for (const l of ['fr', 'en'] as const) {
    it(`#5 #27 (${l}) the candidate uploads their evidence per block from the email's link; the jury sees it validated, with the files`, async () => {
      const { h } = t;
      const c = await createCandidate(h, { route: 'vae' });
      await h.db.candidate.update({ where: { id: c.candidateId }, data: { language: l } });
      const journeyId = await start(h, c.input);
      await admit(h, journeyId, c.candidateId);
      await untilAwaiting(h, journeyId, 'vae_evidence');

      // The request as delivered: items in words, the step's deadline, the personal link to the space.
      const request = (await waitForMessages(h.stack.mailboxUrl, c.email, 1)).find((m) => m.subject === W[l].subject);
      expect(request, 'the VAE evidence request').toBeDefined();
      const row = await h.db.outboxEmail.findFirstOrThrow({ where: { journeyId, kind: 'vae_evidence_request' } });
      const due = (row.payload as { data: { dueAtMs: number } }).data.dueAtMs;
      expectNoCodes(request!.subject, request!.text);
      expect(request!.text).toContain(W[l].block1);
      expect(request!.text).toContain(W[l].inDepth);
      expect(request!.text).toContain(formatDateTime(due, l));
      // The link outlives the step's deadline (by the space link's days), and the email says how to get a new one.
      const spaceLink = await h.db.candidateSignInLink.findFirstOrThrow({ where: { candidateId: c.candidateId }, orderBy: { createdAt: 'desc' } });
      expect(spaceLink.expiresAt.getTime()).toBeGreaterThanOrEqual(due + 30 * DAY);
      expect(request!.text).toContain(`${W[l].stopsOn} ${formatDateTime(spaceLink.expiresAt.getTime(), l)}`);
      expect(request!.text).toContain(`${t.baseUrl}/space/lost-link`);
      const page = await signInToSpace(t.browser, spaceLinkIn(request!.text), l);

      // "What is expected of you": the evidence by the step's deadline, one form per item.
      const main = await page.locator('main').innerText();
      expect(main).toContain(`${W[l].expected} – ${l === 'fr' ? 'avant le' : 'before'} ${formatDateTime(due, l)}`);
      expect(main.split(W[l].nothing).length - 1).toBe(ITEMS.length);
      expectNoCodes(main);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `vae-evidence-${l}-01`);

      // A program renamed .pdf: refused next to its field, nothing stored, the journey not told.
      const bad = await uploadInto(page, 'vae-BC01', { name: 'preuves.pdf', mimeType: 'application/pdf', buffer: executable() });
      expect(bad?.status()).toBe(422);
      expect(await page.locator('#vae-BC01-error').innerText()).toMatch(W[l].refused);
      expect(await page.locator('#vae-BC01').getAttribute('aria-describedby')).toBe('vae-BC01-error');
      expect(await seriousViolations(page)).toEqual([]);
      expect(await filesOfPerson(h.db, `candidate:${c.candidateId}`)).toEqual([]);

      // One PDF per item, with the keyboard: each said received and "sent, under review".
      const bytesOf = new Map<string, Buffer>();
      for (const [i, item] of ITEMS.entries()) {
        bytesOf.set(item, pdf(`${item} evidence of ${c.candidateId}`));
        const response = await uploadInto(page, `vae-${item}`, { name: `Preuves partie ${i + 1}.pdf`, mimeType: 'application/pdf', buffer: bytesOf.get(item)! });
        expect(response?.status()).toBe(200);
        await expect(page.locator('[role=status]').first().innerText()).resolves.toContain(W[l].received);
      }
      const after = await page.locator('main').innerText();
      expect(after.split(W[l].sent).length - 1).toBe(ITEMS.length);
      expectNoCodes(after);
      // Right after the last upload, nothing more is asked of the candidate: the dossier is with staff.
      expect(after).not.toContain(W[l].expected);
      expect(after).toContain(W[l].waiting);
      // Never on a waiting list: no such stage; one language switch on the page.
      expect(after).not.toContain(W[l].quota);
      expect(await page.locator('a[href*="lang="]').count()).toBe(1);
      await screenshot(page, `vae-evidence-${l}-02`);

      // The journey knows: every item sent, staff's review is awaited (no more reminders for what was sent).
      await untilAwaiting(h, journeyId, 'vae_evidence_review');
      await page.reload();
      const reloaded = await page.locator('main').innerText();
      expect(reloaded).not.toContain(W[l].expected);
      expect(reloaded).toContain(W[l].waiting);
      expect(await seriousViolations(page)).toEqual([]);
      // The candidate may say an item is sent, never validate it; once reviewed, it is staff's.
      const asCandidate = (status: 'submitted' | 'validated') => journey.recordVaeEvidence(h.env.client, journeyId, { decisionId: id(), actor: { kind: 'candidate' }, item: 'BC01', status });
      await expect(asCandidate('validated')).rejects.toBeInstanceOf(JourneyRefusal);
      await journey.recordVaeEvidence(h.env.client, journeyId, { decisionId: id(), actor: staff, item: 'BC01', status: 'validated' });
      await expect(asCandidate('submitted')).rejects.toThrow(/already reviewed/);
      for (const item of ITEMS.slice(1)) await journey.recordVaeEvidence(h.env.client, journeyId, { decisionId: id(), actor: staff, item, status: 'validated' });

      // The certification jury, in the member's language: the page from the email's link...
      await untilAwaiting(h, journeyId, 'compose_certification_jury');
      const jury = await createJury(h, c.candidateId, 'certification', [{ kind: 'school' }, { kind: 'external_professional' }, { kind: 'external_professional' }]);
      await h.db.juryMember.updateMany({ where: { juryId: jury.juryId }, data: { language: l } });
      await journey.composeCertificationJury(h.env.client, journeyId, {
        decisionId: id(), actor: staff, juryId: jury.juryId, sittingOn: await today(h), trainerAndAssessorIds: [],
        members: jury.members.map((x) => ({ memberId: x.id, kind: x.kind, inActivity: x.inActivity })),
      });
      const [juryEmail] = await waitForMessages(h.stack.mailboxUrl, jury.members[0]!.email, 1);
      const juryContext = await t.browser.newContext({ bypassCSP: true });
      const juryPage = await juryContext.newPage();
      expect((await juryPage.goto(linkIn(juryEmail!.text)))?.status()).toBe(200);
      expect(await juryPage.getAttribute('html', 'lang')).toBe(l);
      await juryPageChecks(juryPage, l, bytesOf);
      await screenshot(juryPage, `vae-evidence-${l}-03-jury`);

      // ...and from the member's queue.
      const member = await h.db.juryMember.findUniqueOrThrow({ where: { id: jury.members[1]!.id } });
      const queuePage = await juryContext.newPage();
      await queuePage.goto(`${t.baseUrl}/jury/sign-in/${await mintQueueLink(h.db, member.personRef, new Date())}`);
      await Promise.all([queuePage.waitForURL(`${t.baseUrl}/jury`), queuePage.locator('button[type=submit]').press('Enter')]);
      await Promise.all([queuePage.waitForNavigation(), queuePage.locator('tbody a').first().press('Enter')]);
      await juryPageChecks(queuePage, l, bytesOf);
      await juryContext.close();
      await page.context().close();
    }, 240_000);
  }

  it('#5 #18 (fr) the reminder names only the items still missing, with the link to the space', async () => {
    const { h } = t;
    const c = await createCandidate(h, { route: 'vae' });
    const journeyId = await start(h, c.input);
    await admit(h, journeyId, c.candidateId);
    await untilAwaiting(h, journeyId, 'vae_evidence');
    const request = (await waitForMessages(h.stack.mailboxUrl, c.email, 1)).find((m) => m.subject === W.fr.subject)!;
    const page = await signInToSpace(t.browser, spaceLinkIn(request.text), 'fr');
    expect((await uploadInto(page, 'vae-BC01', { name: 'Preuves.pdf', mimeType: 'application/pdf', buffer: pdf() }))?.status()).toBe(200);
    await page.context().close();
    await untilEvent(h, journeyId, 'vae_evidence');
    // 30 days before the 90-day deadline: the first reminder.
    const before = (await waitForMessages(h.stack.mailboxUrl, c.email, 1)).length;
    await h.env.sleep(61 * DAY);
    const reminder = (await waitForMessages(h.stack.mailboxUrl, c.email, before + 1)).find((m) => m.subject.startsWith('Rappel : vos preuves VAE'));
    expect(reminder, 'the reminder').toBeDefined();
    expectNoCodes(reminder!.subject, reminder!.text);
    const frenchPart = reminder!.text.slice(reminder!.text.indexOf('Bonjour'), reminder!.text.indexOf('Hello'));
    expect(frenchPart).not.toContain(W.fr.block1);
    expect(frenchPart).toContain('Bloc 2 – ');
    expect(frenchPart).toContain(W.fr.inDepth);
    expect(reminder!.text).toMatch(/\/space\/sign-in\/[A-Za-z0-9_-]{43}/);
  }, 240_000);
});
