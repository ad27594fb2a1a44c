// Decisions through the links, recorded by the real journey: a reviewer (jury member) decides, the
// candidate then chooses an interview slot; a second submission or a second reviewer changes nothing.
import request from 'supertest';
import { formatDateTime } from '../../activities/wording/catalogue';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../../platform/database';
import * as journey from '../../workflows/journey-client';
import { eventually } from '../support/eventually';
import { waitForMessages } from '../support/mailbox';
import { linkIn } from '../mail/fixtures';
import { staff, startJourneyStack } from './journey-fixture';

const stack = inject('stack');
let db: Database;
let js: Awaited<ReturnType<typeof startJourneyStack>>;

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  js = await startJourneyStack(stack, db);
});
afterAll(async () => {
  await js?.stop();
  await db?.$disconnect();
});

/** "7 décembre" and "06:37", as a person in Paris reads them (computed here, not by the templates' formatter). */
const parisDay = (ms: number) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long' }).format(ms);
const parisTime = (ms: number) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(ms);
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

describe('decisions through action links, on the real journey', () => {
  it('a reviewer\'s GET changes nothing; the POST records once; a second POST changes nothing', async () => {
    const { journeyId, candidate, links } = await js.atSelection();
    const app = js.app();
    const path = links[0]!.pathname;
    const page = await request(app).get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(candidate.lastName);
    // GET alone: the journey still waits for the review.
    const waiting = await journey.queryJourney(js.client, journeyId);
    expect(waiting.awaiting.map((a) => a.what)).toContain('selection_review');
    const versionBefore = waiting.version;

    const res = await request(app).post(path).type('form').send({ csrf: csrfOf(page.text), decision: 'admissible', reasonCode: 'profile_fits', comment: 'Projet solide.' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Décision enregistrée');
    expect(res.text).toContain('Admissible');
    const after = await journey.queryJourney(js.client, journeyId);
    expect(after.version).toBeGreaterThan(versionBefore);
    expect(after.recentEvents.map((e) => e.action)).toContain('selection_decided');
    const token = await db.actionToken.findFirstOrThrow({ where: { journeyId, action: 'selection_review' } });
    expect(token.useCount).toBe(1);
    expect(token.usedAt).not.toBeNull();
    // The comment went to the database, not the workflow history.
    const history = JSON.stringify(await js.client.workflow.getHandle(journeyId).fetchHistory());
    expect(history).not.toContain('Projet solide.');
    expect(await db.journeyNote.count({ where: { journeyId } })).toBe(1);

    const settled = await js.waitUntilStage(journeyId, 'interview');
    const again = await request(app).post(path).type('form').send({ csrf: csrfOf(page.text), decision: 'not_admissible', reasonCode: 'other' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Décision déjà enregistrée');
    const unchanged = await journey.queryJourney(js.client, journeyId);
    expect(unchanged.version).toBe(settled.version);
    expect(unchanged.recentEvents.filter((e) => e.action === 'selection_decided')).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { journeyId, action: 'action_link.decision_recorded' } })).toBe(1);
  });

  it('a second reviewer is told the step is closed (what, by whom), and the token stays unused', async () => {
    const { journeyId, links } = await js.atSelection(2, { policy: { selectionReviews: 'first_answer' } });
    const app = js.app();
    const first = await request(app).get(links[0]!.pathname);
    await request(app).post(links[0]!.pathname).type('form').send({ csrf: csrfOf(first.text), decision: 'admissible', reasonCode: 'profile_fits' }).expect(200);
    await js.waitUntilStage(journeyId, 'interview');
    const second = await request(app).get(links[1]!.pathname);
    expect(second.status).toBe(200);
    expect(second.text).toContain('Cette étape est close');
    const res = await request(app).post(links[1]!.pathname).type('form').send({ decision: 'not_admissible', reasonCode: 'other' });
    expect(res.status).toBe(409);
    // D6: the step is closed; the page says what was decided and by whom, in the reviewer's language.
    expect(res.text).toContain('Cette étape est close');
    expect(res.text).toContain('un autre examinateur du dossier');
    expect(res.text).not.toContain('<form');
    const tokens = await db.actionToken.findMany({ where: { journeyId, action: 'selection_review' }, orderBy: { useCount: 'desc' } });
    expect(tokens.map((t) => t.useCount)).toEqual([1, 0]);
  });

  it('by default every reviewer answers (the second still has the form); once staff decide in their place, the last link is closed (by the admissions office, in English)', async () => {
    const { journeyId, reviewers, links } = await js.atSelection(3);
    await db.juryMember.update({ where: { id: reviewers[2]!.id }, data: { language: 'en' } });
    const app = js.app();
    const first = await request(app).get(links[0]!.pathname);
    await request(app).post(links[0]!.pathname).type('form').send({ csrf: csrfOf(first.text), decision: 'admissible', reasonCode: 'profile_fits' }).expect(200);
    // Every reviewer answers under the default rule: the second one still has the form.
    const second = await request(app).get(links[1]!.pathname);
    expect(second.text).toContain('name="csrf"');
    await request(app).post(links[1]!.pathname).type('form').send({ csrf: csrfOf(second.text), decision: 'not_admissible', reasonCode: 'project_unclear' }).expect(200);
    // The third has not answered yet; staff decide in the reviewers' place.
    await eventually(() => journey.recordSelectionReview(js.client, journeyId, { decisionId: `staff-${journeyId}`, actor: staff, decision: 'not_admissible', reasonCode: 'insufficient_experience' }));
    await eventually(async () => expect(await db.auditEvent.count({ where: { journeyId, action: 'selection_decided' } })).toBe(1), 20_000, 100);
    const third = await request(app).get(links[2]!.pathname);
    expect(third.status).toBe(200);
    expect(third.text).toContain('This step is closed');
    expect(third.text).toContain('Not admissible (reason: Not enough experience)');
    expect(third.text).toContain('the admissions office');
    expect(third.text).not.toContain('<form');
  });

  it('the candidate then chooses an interview slot from the link in their email', async () => {
    const { journeyId, candidate, reviewers, links } = await js.atSelection();
    const app = js.app();
    const review = await request(app).get(links[0]!.pathname);
    await request(app).post(links[0]!.pathname).type('form').send({ csrf: csrfOf(review.text), decision: 'admissible', reasonCode: 'project_clear' }).expect(200);
    await js.waitUntilStage(journeyId, 'interview');
    const startsAtMs = Date.now() + 7 * 86_400_000;
    await eventually(() => journey.offerInterviewSlots(js.client, journeyId, {
      decisionId: `offer-${journeyId}`, actor: staff, slots: [{ slotId: 'slot-a', startsAtMs }, { slotId: 'slot-b', startsAtMs: startsAtMs + 3_600_000 }], juryMemberIds: [reviewers[0]!.id],
    }));
    const messages = await eventually(async () => {
      const all = await waitForMessages(stack.mailboxUrl, candidate.email, 1);
      const offer = all.find((m) => m.subject.includes('créneau'));
      if (!offer) throw new Error('no slot email yet');
      return offer;
    });
    // D1: what the candidate reads gives each offered time, in Paris time, with its date.
    for (const ms of [startsAtMs, startsAtMs + 3_600_000]) {
      expect(messages.text).toContain(parisDay(ms));
      expect(messages.text).toContain(parisTime(ms));
    }
    const path = new URL(linkIn(messages.text)).pathname;
    const page = await request(app).get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="slot-b"');
    for (const ms of [startsAtMs, startsAtMs + 3_600_000]) expect(page.text).toContain(`${parisDay(ms)} ${new Date(ms).getUTCFullYear()} à ${parisTime(ms)}`);
    const res = await request(app).post(path).type('form').send({ csrf: csrfOf(page.text), slotId: 'slot-b' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Décision enregistrée');
    const state = await journey.queryJourney(js.client, journeyId);
    expect(state.recentEvents.some((e) => JSON.stringify(e).includes('slot-b'))).toBe(true);
    // The link is spent: opening it again shows the recorded choice.
    const reopened = await request(app).get(path);
    expect(reopened.status).toBe(409);
    expect(reopened.text).toContain(formatDateTime(startsAtMs + 3_600_000, 'fr')); // the chosen slot, in words
  });
});
