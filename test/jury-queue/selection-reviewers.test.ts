// Several selection reviewers on the real journey (time-skipping server, real activities): by default every
// assigned reviewer answers, agreement decides, a disagreement alerts staff (read in the sink) who decide;
// reminders go only to reviewers who have not answered; a journey may say "majority" or "first answer".
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { issueApiKey } from '../../api/auth/keys';
import { createLogger } from '../../platform/logger';
import * as journey from '../../workflows/journey-client';
import { JourneyRefusal } from '../../workflows/journey-client';
import type { JourneyInput } from '../../workflows/messages';
import {
  DAY, auditActions, createCandidate, createJury, id, member, outboxKinds, query, staff, start, until, untilAwaiting, untilEvent, useJourneyHarness, type JourneyHarness,
} from '../workflows/journey-harness';
import { messagesTo } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';

const h: JourneyHarness = useJourneyHarness('selection-reviewers');

async function atReview(reviewerCount: number, policy?: JourneyInput['policy']) {
  const c = await createCandidate(h);
  const journeyId = await start(h, { ...c.input, ...(policy ? { policy } : {}) });
  await untilAwaiting(h, journeyId, 'assign_selection_reviewers');
  const { members } = await createJury(h, c.candidateId, 'selection', Array.from({ length: reviewerCount }, () => ({})));
  await journey.assignSelectionReviewers(h.env.client, journeyId, { decisionId: id(), actor: staff, memberIds: members.map((m) => m.id) });
  await untilAwaiting(h, journeyId, 'selection_review');
  return { c, journeyId, reviewers: members };
}

const review = (journeyId: string, memberId: string, decision: 'admissible' | 'not_admissible', reasonCode = decision === 'admissible' ? 'profile_fits' : 'project_unclear') =>
  journey.recordSelectionReview(h.env.client, journeyId, { decisionId: id(), actor: member(memberId), decision, reasonCode });

const refusalCode = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof JourneyRefusal ? e.reason.code : String(e)));

describe('several selection reviewers', () => {
  it('default (the referential: all agree): a disagreement alerts staff, who decide; no reviewer can close it', async () => {
    const { c, journeyId, reviewers: [r1, r2] } = await atReview(2);
    await review(journeyId, r1!.id, 'admissible');
    expect(await refusalCode(review(journeyId, r1!.id, 'not_admissible'))).toBe('already_reviewed');
    let state = await query(h, journeyId);
    expect(state.stage).toBe('selection');
    expect(state.recentEvents.map((e) => e.action)).not.toContain('selection_decided');

    await review(journeyId, r2!.id, 'not_admissible');
    await untilEvent(h, journeyId, 'staff_alerted');
    state = await query(h, journeyId);
    expect(state.awaiting.map((a) => [a.who.role, a.what])).toContainEqual(['staff', 'selection_review']);
    expect(await outboxKinds(h, journeyId, 'staff')).toContain('staff_alert');
    // What the admissions office reads, as delivered.
    const alert = (await messagesTo(h.stack.mailboxUrl, 'admissions@jalon.test')).find((m) => m.text.includes(c.candidateId) && m.text.includes('pas d’accord'));
    expect(alert?.text).toContain('c’est au service des admissions de décider');
    expectNoCodes(alert!.subject, alert!.text);
    expect(await refusalCode(review(journeyId, r1!.id, 'admissible'))).toBe('already_reviewed');

    // Staff decide through the API (the staff alert's link leads to the candidate's record).
    const app = createApp({ db: h.db, temporal: h.env.client, log: createLogger({}, 'error', () => undefined), readiness: {}, config: { taskQueue: h.taskQueue, publicBaseUrl: 'http://localhost' } });
    const { key, staffUserId } = await issueApiKey(h.db, { email: `admissions-${id()}@staff.test`, name: 'Service des admissions', role: 'admissions' });
    const decide = (body: object) => request(app).post(`/candidates/${c.candidateId}/actions/decide-selection`).set('Authorization', `Bearer ${key}`).set('Idempotency-Key', id()).send(body);
    expect((await decide({ decision: 'admissible', reasonCode: 'not a reason' })).status).toBe(400);
    const res = await decide({ decision: 'admissible', reasonCode: 'profile_fits' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await until(h, journeyId, (s) => s.stage === 'interview', 'the interview');
    const decided = await h.db.auditEvent.findFirstOrThrow({ where: { journeyId, action: 'selection_decided' } });
    expect(decided.actor).toBe(`staff:${staffUserId}`);
    expect(decided.after).toMatchObject({ decision: 'admissible', rule: 'all_agree', opinions: 2 });
  });

  it('default: when every reviewer agrees, that is the decision; reminders go only to who has not answered', async () => {
    const { journeyId, reviewers: [r1, r2] } = await atReview(2);
    await review(journeyId, r1!.id, 'admissible');
    // The first reminder is 3 days before the 10-day deadline.
    await h.env.sleep(7 * DAY + 60_000);
    await until(h, journeyId, () => true);
    expect(await outboxKinds(h, journeyId, `juryMember:${r2!.id}`)).toEqual(['selection_review_request', 'selection_review_reminder']);
    expect(await outboxKinds(h, journeyId, `juryMember:${r1!.id}`)).toEqual(['selection_review_request']);
    await review(journeyId, r2!.id, 'admissible');
    await until(h, journeyId, (s) => s.stage === 'interview', 'the interview');
    expect(await auditActions(h, journeyId)).not.toContain('staff_alerted');
  });

  it('majority: two of three decide; the third answer is refused (the step is closed)', async () => {
    const { journeyId, reviewers: [r1, r2, r3] } = await atReview(3, { selectionReviews: 'majority' });
    await review(journeyId, r1!.id, 'not_admissible');
    await review(journeyId, r2!.id, 'not_admissible', 'insufficient_experience');
    await until(h, journeyId, (s) => s.status === 'ended', 'the end');
    expect(await refusalCode(review(journeyId, r3!.id, 'admissible'))).not.toBe('accepted');
    const decided = await h.db.auditEvent.findFirstOrThrow({ where: { journeyId, action: 'selection_decided' } });
    expect(decided.after).toMatchObject({ decision: 'not_admissible', reasonCode: 'project_unclear', rule: 'majority' });
  });

  it('first answer: the first reviewer decides', async () => {
    const { journeyId, reviewers: [r1, r2] } = await atReview(2, { selectionReviews: 'first_answer' });
    await review(journeyId, r2!.id, 'admissible');
    await until(h, journeyId, (s) => s.stage === 'interview', 'the interview');
    expect(await refusalCode(review(journeyId, r1!.id, 'not_admissible'))).not.toBe('accepted');
  });
});
