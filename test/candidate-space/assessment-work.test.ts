// #12 and #13 as people meet them: a candidate in training hands in an assessment's work from their space
// (a bad file refused next to its field); the assessor's page (from the email's link and from the jury queue)
// names the block and the assessment, the attempt, and opens the work, or says plainly nothing was handed in.
// A failed grade: the candidate reads the retake's deadline and a link to their space, hands in the new
// work; the retake's grade request comes only when the resubmission window closes, distinct from the first
// (attempt 2, a retake), and its page shows the new work, not the first. French and English.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { assessmentName, formatDateTime } from '../../activities/wording/catalogue';
import { mintQueueLink } from '../../api/jury-queue/sessions';
import { getReferential } from '../../domain/index';
import { filesOfPerson } from '../../documents/store';
import * as journey from '../../workflows/journey-client';
import { linkIn } from '../mail/fixtures';
import type { StoredMessage } from '../../platform/services/smtp-sink';
import { eventually } from '../support/eventually';
import { messagesTo, waitForMessages } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import { DAY, admit, blockState, createCandidate, createJury, id, staff, start, untilEvent } from '../workflows/journey-harness';
import { hasChromium, screenshot, seriousViolations } from '../browser/chromium';
import { executable, pdf } from './files';
import { spaceLinkIn } from './fixture';
import { signInToSpace, uploadInto, useSpaceJourney } from './space-journey';

const t = useSpaceJourney('assessment-work');
const ref = getReferential('RNCP37332');

const W = {
  fr: {
    lost: 'Recevoir le lien', expected: 'Remettre le travail de vos évaluations ci-dessous', regular: 'session normale', noWork: 'Aucun travail remis pour l’instant.',
    refused: /dépasse 10 Mo|ni un PDF/, received: 'est bien reçu', block: 'Bloc 2 – Définir et piloter la mise en œuvre de projets digitaux', nothing: 'Le candidat n’a encore rien remis en ligne pour cette tentative.',
    handedIn: 'remis le', retakeSubject: 'Résultat d’évaluation', retake: 'rattrapage', attempt2: '2e (rattrapage)',
  },
  en: {
    lost: 'Send me the link', expected: 'Hand in the work of your assessments below', regular: 'regular session', noWork: 'No work handed in yet.',
    refused: /exceeds 10 MB|is not a PDF/, received: 'is received', block: 'Block 2 – Define and steer the implementation of digital projects', nothing: 'The candidate has not handed in anything online for this attempt yet.',
    handedIn: 'handed in on', retakeSubject: 'Assessment result', retake: 'retake', attempt2: '2 (retake)',
  },
} as const;

/** The first message to `email` that `ok` accepts, once it arrived. */
const messageTo = (mailboxUrl: string, email: string, ok: (m: StoredMessage) => boolean) =>
  eventually(async () => {
    const found = (await messagesTo(mailboxUrl, email)).find(ok);
    if (!found) throw new Error(`no such message to ${email} yet`);
    return found;
  }, 20_000, 100);

/** The candidate asks for a link to their space with their address, and opens it from the email. */
async function spaceByLostLink(browser: Browser, baseUrl: string, mailboxUrl: string, email: string, l: 'fr' | 'en'): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/space/lost-link?lang=${l}`);
  await page.locator('#f-email').fill(email);
  await Promise.all([page.waitForNavigation(), page.locator('#f-email').press('Enter')]);
  const message = await messageTo(mailboxUrl, email, (m) => /espace candidat|candidate space/.test(m.subject));
  await context.close();
  return signInToSpace(browser, spaceLinkIn(message.text), l);
}

/** The assessor's page from a link; its main text. */
async function assessorPage(page: Page, url: string, l: 'fr' | 'en') {
  expect((await page.goto(url))?.status()).toBe(200);
  expect(await page.getAttribute('html', 'lang')).toBe(l);
  const main = await page.locator('main').innerText();
  expectNoCodes(main, await page.title());
  expect(await seriousViolations(page)).toEqual([]);
  return main;
}

async function download(page: Page, text: string) {
  const link = page.locator('a', { hasText: text });
  expect(await link.count()).toBe(1);
  const response = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).toString());
  expect(response.status()).toBe(200);
  return Buffer.from(await response.body());
}

describe.skipIf(!hasChromium)('assessment work from the candidate space to the assessor', () => {
  for (const l of ['fr', 'en'] as const) {
    it(`#12 #13 (${l}) the candidate hands in the work, the assessor sees it; the retake's request comes after the window, with the new work`, async () => {
      const { h } = t;
      const c = await createCandidate(h, { enrolledBlocks: ['BC02'] });
      await h.db.candidate.update({ where: { id: c.candidateId }, data: { language: l } });
      const journeyId = await start(h, c.input);
      await admit(h, journeyId, c.candidateId);
      await untilEvent(h, journeyId, 'training_started');
      const [first] = (await blockState(h, journeyId, 'BC02')).assessments;
      const assessmentId = first!.assessmentId;
      const title = assessmentName(ref, assessmentId, l);

      // The space lists each assessment of the block awaiting work, with nothing handed in yet.
      const space = await spaceByLostLink(t.browser, t.baseUrl, h.stack.mailboxUrl, c.email, l);
      let main = await space.locator('main').innerText();
      expect(main).toContain(W[l].expected);
      expect(main).toContain(`${title} – ${W[l].block} (${W[l].regular})`);
      expect(main.split(W[l].noWork).length - 1).toBe(ref.blocks.find((b) => b.code === 'BC02')!.assessments.length);
      expectNoCodes(main);
      expect(await seriousViolations(space)).toEqual([]);

      // The assessor is assigned: their page names the block, the assessment, the attempt, and says nothing was handed in.
      const { members } = await createJury(h, c.candidateId, 'assessment');
      const assessor = members[0]!;
      await h.db.juryMember.update({ where: { id: assessor.id }, data: { language: l } });
      await journey.assignAssessor(h.env.client, journeyId, { decisionId: id(), actor: staff, blockCode: 'BC02', assessmentId, memberId: assessor.id });
      const [request] = await waitForMessages(h.stack.mailboxUrl, assessor.email, 1);
      const assessorContext = await t.browser.newContext({ bypassCSP: true });
      const grading = await assessorContext.newPage();
      main = await assessorPage(grading, linkIn(request!.text), l);
      expect(main).toContain(W[l].block);
      expect(main).toContain(title);
      expect(main).toMatch(l === 'fr' ? /Tentative\s+1re \(session normale\)/ : /Attempt\s+1st \(regular session\)/);
      expect(main).toContain(W[l].nothing);

      // A bad file is refused next to its field, nothing stored; then the work, as a PDF.
      const field = `work-${assessmentId}`;
      const bad = await uploadInto(space, field, { name: 'travail.pdf', mimeType: 'application/pdf', buffer: executable() });
      expect(bad?.status()).toBe(422);
      expect(await space.locator(`#${field}-error`).innerText()).toMatch(W[l].refused);
      expect(await filesOfPerson(h.db, `candidate:${c.candidateId}`)).toEqual([]);
      const work1 = pdf(`first attempt of ${c.candidateId}`);
      expect((await uploadInto(space, field, { name: 'Cahier des charges.pdf', mimeType: 'application/pdf', buffer: work1 }))?.status()).toBe(200);
      await expect(space.locator('[role=status]').first().innerText()).resolves.toContain(W[l].received);
      await screenshot(space, `assessment-work-${l}-01-space`);

      // The assessor's page now opens the work handed in.
      main = await assessorPage(grading, grading.url(), l);
      expect(main).not.toContain(W[l].nothing);
      expect((await download(grading, W[l].handedIn)).equals(work1)).toBe(true);
      await screenshot(grading, `assessment-work-${l}-02-assessor`);

      // The assessor records a failing grade on the page: the candidate is told the retake and its deadline, with a link to the space.
      await grading.locator('#f-grade').fill('8');
      await Promise.all([grading.waitForNavigation(), grading.locator('#f-grade').press('Enter')]);
      const result = await messageTo(h.stack.mailboxUrl, c.email, (m) => m.subject.startsWith(W[l].retakeSubject));
      const row = await h.db.outboxEmail.findFirstOrThrow({ where: { journeyId, kind: 'assessment_result' } });
      const retakeDue = (row.payload as { data: { retakeDueAtMs: number } }).data.retakeDueAtMs;
      expectNoCodes(result.subject, result.text);
      expect(result.text).toContain(formatDateTime(retakeDue, l));
      // Before the window closes, no second grade request: the first one only.
      expect(await h.db.outboxEmail.count({ where: { journeyId, kind: 'assessment_grade_request' } })).toBe(1);

      // The candidate hands in the retake's work from the email's link: attempt 2, its own deadline.
      const retakeSpace = await signInToSpace(t.browser, spaceLinkIn(result.text), l);
      main = await retakeSpace.locator('main').innerText();
      expect(main).toContain(`${title} – ${W[l].block} (${W[l].retake}`);
      expect(main).toContain(formatDateTime(retakeDue, l));
      // The retake's deadline is said on its own line, never on the other assessments' first work.
      const todo = await retakeSpace.locator('#todo + ul').innerText();
      expect(todo).toContain(`${l === 'fr' ? `Remettre le travail de rattrapage de « ${title} » ci-dessous – avant le` : `Hand in the retake work of "${title}" below – before`} ${formatDateTime(retakeDue, l)}`);
      expect(todo).toMatch(new RegExp(`^${W[l].expected}$`, 'm'));
      const work2 = pdf(`retake of ${c.candidateId}`);
      expect((await uploadInto(retakeSpace, field, { name: 'Cahier des charges v2.pdf', mimeType: 'application/pdf', buffer: work2 }))?.status()).toBe(200);

      // The window closes: the retake's request comes now, distinct from the first (attempt 2, a retake).
      await h.env.sleep(retakeDue - (await h.env.currentTimeMs()) + 3_600_000);
      const requests = await waitForMessages(h.stack.mailboxUrl, assessor.email, 2);
      const retakeRequest = requests.at(-1)!;
      expect(retakeRequest.text).toContain(W[l].attempt2);
      expect(request!.text).toContain(l === 'fr' ? '1re (session normale)' : '1st (regular session)');
      expect(request!.text).not.toContain(W[l].attempt2);

      // From the jury queue: the retake's page shows attempt 2 and its new work, not the first.
      const member = await h.db.juryMember.findUniqueOrThrow({ where: { id: assessor.id } });
      const queue = await assessorContext.newPage();
      await queue.goto(`${t.baseUrl}/jury/sign-in/${await mintQueueLink(h.db, member.personRef, new Date())}`);
      await Promise.all([queue.waitForURL(`${t.baseUrl}/jury`), queue.locator('button[type=submit]').press('Enter')]);
      expect(await queue.locator('table').innerText()).toContain(title);
      await Promise.all([queue.waitForNavigation(), queue.locator('tbody a').first().press('Enter')]);
      main = await queue.locator('main').innerText();
      expectNoCodes(main);
      expect(main).toMatch(l === 'fr' ? /Tentative\s+2e \(rattrapage\)/ : /Attempt\s+2 \(retake\)/);
      expect((await download(queue, W[l].handedIn)).equals(work2)).toBe(true);
      expect(await seriousViolations(queue)).toEqual([]);
      await screenshot(queue, `assessment-work-${l}-03-queue-retake`);
      await assessorContext.close();
      await space.context().close();
      await retakeSpace.context().close();
    }, 300_000);
  }
});
