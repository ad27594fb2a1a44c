// D2, the quota reserve, on the time-skipping server with the real activities: a derogation (b) candidate
// who passes the interview while the cohort's quota is full waits (awaiting_quota) and is told so in words;
// a by-right admission opens one place, which goes to the first candidate on the reserve only; at the
// cohort's cut-off staff are reminded, then the reserve ends in a refusal told in words; staff may admit on
// appeal with a justification; a withdrawal frees a place for the reserve. Concurrent claims of one place
// admit exactly one candidate.
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../activities/wording/catalogue';
import { quotaCutoffInstant } from '../../domain/index';
import * as journey from '../../workflows/journey-client';
import { waitForMessages } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import {
  DAY, DEROGATION_B_PROFILE, admit, admitToStage, createCandidate, createCohort, id, journeyTestActivities, outboxKinds,
  resultOf, staff, start, today, until, untilAwaiting, useJourneyHarness, type CandidateFixture,
} from './journey-harness';

const h = useJourneyHarness('journey-quota-reserve');

/** Candidates admitted by right before the test (rows as admitCandidate writes them): the quota base. */
async function admittedByRight(cohortId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const c = await createCandidate(h, { cohortId });
    await h.db.admission.create({ data: { candidateId: c.candidateId, cohortId, category: 'by_right', countedInQuota: false } });
  }
}

/** A derogation (b) candidate through selection and a positive interview: the quota is full, they wait. */
async function toReserve(cohortId: string) {
  const c = await createCandidate(h, { cohortId, profile: DEROGATION_B_PROFILE });
  const journeyId = await start(h, c.input);
  await admitToStage(h, journeyId, c.candidateId, 'awaiting_quota');
  expect((await untilAwaiting(h, journeyId, 'quota_reserve_decision')).stage).toBe('awaiting_quota');
  return { c, journeyId };
}

/** The candidate's delivered email whose subject matches, read as they read it (no codes). */
async function received(c: CandidateFixture, subject: RegExp) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = (await waitForMessages(h.stack.mailboxUrl, c.email, 0)).find((m) => subject.test(m.subject));
    if (found) {
      expectNoCodes(found.subject, found.text);
      return found;
    }
    if (Date.now() > deadline) throw new Error(`no email "${subject}" to ${c.email}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const derogationAdmissions = (cohortId: string) => h.db.admission.findMany({ where: { cohortId, category: 'derogation_b', withdrawnAt: null } });

describe('quota reserve', () => {
  let waitingOn: { c: CandidateFixture; journeyId: string } | undefined;

  it('keeps an admissible derogation candidate on the reserve, then gives the one place a by-right admission opens to the first in line', { timeout: 240_000 }, async () => {
    const cohort = await createCohort(h);
    // Two by-right admitted: one (b) more would be 1 of 3 (33 % > 30 %); a third by-right makes 1 of 4 fit, not 2 of 5.
    await admittedByRight(cohort.id, 2);
    const first = await toReserve(cohort.id);
    const second = await toReserve(cohort.id);

    const told = await received(first.c, /place confirmée/);
    expect(told.text).toContain('vous êtes admissible');
    expect(told.text).toContain('votre place sera confirmée dès que la composition de la promotion le permettra');
    expect(await h.db.quotaReserve.count({ where: { cohortId: cohort.id, status: 'waiting' } })).toBe(2);
    expect(await derogationAdmissions(cohort.id)).toHaveLength(0);

    // A by-right candidate is admitted through their own journey: the cohort's reserve is re-evaluated.
    const byRight = await createCandidate(h, { cohortId: cohort.id });
    const byRightId = await start(h, byRight.input);
    await admit(h, byRightId, byRight.candidateId);

    await until(h, first.journeyId, (s) => s.stage === 'training', 'first on the reserve admitted');
    const admitted = await received(first.c, /Vous êtes admis·e/);
    expect(admitted.text).toContain('Une place ouverte aux admissions par dérogation s’est libérée dans votre promotion');
    const second_ = await until(h, second.journeyId, (s) => s.stage === 'awaiting_quota', 'second still waiting');
    expect(second_.awaiting.map((a) => a.what)).toContain('quota_reserve_decision');
    expect((await derogationAdmissions(cohort.id)).map((a) => a.candidateId)).toEqual([first.c.candidateId]);
    expect(await outboxKinds(h, first.journeyId, `candidate:${first.c.candidateId}`)).toEqual(
      expect.arrayContaining(['quota_reserve_entered', 'admission_decision']),
    );
    waitingOn = second;
  });

  it('reminds staff before the cut-off, then ends the reserve in a refusal told in words', { timeout: 180_000 }, async () => {
    const { c, journeyId } = waitingOn!;
    const cutoffOn = new Date(Date.parse(`${await today(h)}T00:00:00Z`) + 10 * DAY);
    await h.db.cohort.update({ where: { id: c.cohortId }, data: { quotaReserveCutoffOn: cutoffOn } });
    await journey.notifyQuotaReserveChanged(h.env.client, [journeyId]);
    const cutoffMs = quotaCutoffInstant(cutoffOn.toISOString().slice(0, 10));
    await until(h, journeyId, (s) => s.awaiting.some((a) => a.what === 'quota_reserve_decision' && a.dueAtMs === cutoffMs), 'cut-off planned');

    await h.env.sleep(cutoffMs - 7 * DAY - (await h.env.currentTimeMs()) + 3_600_000);
    await until(h, journeyId, (s) => s.recentEvents.filter((e) => e.detail?.reason === 'quota_reserve_cutoff_soon').length === 1, 'week reminder');
    await h.env.sleep(7 * DAY);
    expect(await resultOf(h, journeyId)).toEqual({ outcome: 'quota_full', reasonCode: 'quota_reserve_cutoff' });

    const alerts = await h.db.outboxEmail.findMany({ where: { journeyId, kind: 'staff_alert' } });
    const reasons = alerts.map((a) => (a.payload as { data: { reason: string } }).data.reason);
    expect(reasons.filter((r) => r === 'quota_reserve_cutoff_soon')).toHaveLength(2);
    expect(reasons).toContain('quota_reserve_no_cutoff');
    // The staff reminder as delivered: the cut-off in words and Paris time, no codes.
    const reminder = alerts.find((a) => (a.payload as { data: { reason: string } }).data.reason === 'quota_reserve_cutoff_soon')!;
    const staffInbox = await waitForMessages(h.stack.mailboxUrl, 'admissions@jalon.test', 1);
    const delivered = staffInbox.find((m) => m.text === (reminder.payload as { text: string }).text)!;
    expect(delivered.text).toContain(`Date limite de décision\u00a0: ${formatDateTime(cutoffMs, 'fr')}`);
    expect(delivered.text).toContain('admission sur recours (avec une justification écrite) ou refus');
    expectNoCodes(delivered.subject, delivered.text);
    const refusal = await received(c, /Décision d’admission/);
    expect(refusal.text).toContain('La date de décision de votre promotion est passée sans qu’une place se libère');
    expect((await h.db.quotaReserve.findUniqueOrThrow({ where: { candidateId: c.candidateId } })).status).toBe('cutoff_refused');
    expect(await h.db.admission.findUnique({ where: { candidateId: c.candidateId } })).toBeNull();
  });

  it('admits on appeal with a written justification (refused without one), once', { timeout: 180_000 }, async () => {
    const cohort = await createCohort(h);
    const { c, journeyId } = await toReserve(cohort.id);
    const decide = (justificationRef: string, decisionId = id()) =>
      journey.decideQuotaReserve(h.env.client, journeyId, { decisionId, actor: staff, decision: 'admit_on_appeal', justificationRef });
    await expect(decide('')).rejects.toMatchObject({ type: 'InvalidDecision', reason: { code: 'justification_required' } });
    await expect(journey.decideQuotaReserve(h.env.client, journeyId, { decisionId: id(), actor: { kind: 'candidate' }, decision: 'refuse' })).rejects.toMatchObject({ reason: { code: 'staff_only' } });

    const note = await h.db.journeyNote.create({ data: { journeyId, authorRef: 'staff:staff-1', text: 'Projet porté par l’entreprise partenaire, jury unanime.' } });
    const decisionId = id();
    const receipt = await decide(note.id, decisionId);
    expect(receipt.applied).toBe(true);
    // The same decision again (a retried request): the same receipt, one effect.
    expect(await decide(note.id, decisionId)).toEqual(receipt);
    const s = await until(h, journeyId, (x) => x.stage === 'training', 'admitted on appeal');
    expect(s.recentEvents.filter((e) => e.action === 'admitted_on_appeal').map((e) => e.detail)).toEqual([{ justificationRef: note.id }]);
    const row = await h.db.quotaReserve.findUniqueOrThrow({ where: { candidateId: c.candidateId } });
    expect(row).toMatchObject({ status: 'admitted_on_appeal', decidedBy: 'staff:staff-1', justificationRef: note.id });
    expect(await h.db.admission.findUniqueOrThrow({ where: { candidateId: c.candidateId } })).toMatchObject({ category: 'derogation_b', countedInQuota: true });
    const told = await received(c, /Vous êtes admis·e/);
    expect(told.text).toContain('L’équipe des admissions a décidé de confirmer votre admission');
  });

  it('ends the reserve in a refusal told in words when staff refuse', { timeout: 120_000 }, async () => {
    const cohort = await createCohort(h);
    const { c, journeyId } = await toReserve(cohort.id);
    await journey.decideQuotaReserve(h.env.client, journeyId, { decisionId: id(), actor: staff, decision: 'refuse' });
    expect(await resultOf(h, journeyId)).toEqual({ outcome: 'quota_full', reasonCode: 'quota_reserve_refused' });
    expect((await received(c, /Décision d’admission/)).text).toContain('l’équipe des admissions n’a pas pu vous admettre');
    expect((await h.db.quotaReserve.findUniqueOrThrow({ where: { candidateId: c.candidateId } })).status).toBe('refused');
  });

  it('gives the place a withdrawal frees to the candidate waiting on the reserve', { timeout: 180_000 }, async () => {
    const cohort = await createCohort(h);
    await admittedByRight(cohort.id, 3); // one (b) place: 1 of 4 = 25 %; a second would be 2 of 5 = 40 % > 30 %
    const d = await createCandidate(h, { cohortId: cohort.id, profile: DEROGATION_B_PROFILE });
    const dId = await start(h, d.input);
    await admit(h, dId, d.candidateId);
    const { c, journeyId } = await toReserve(cohort.id);
    await journey.withdrawJourney(h.env.client, dId, { decisionId: id(), actor: staff, reasonCode: 'candidate_request' });
    expect(await resultOf(h, dId)).toMatchObject({ outcome: 'withdrawn' });
    await until(h, journeyId, (s) => s.stage === 'training', 'admitted after the withdrawal');
    expect((await derogationAdmissions(cohort.id)).map((a) => a.candidateId)).toEqual([c.candidateId]);
    expect((await received(c, /Vous êtes admis·e/)).text).toContain('s’est libérée dans votre promotion');
  });

  it('gives one open place to exactly one of the candidates claiming it at once', { timeout: 60_000 }, async () => {
    const acts = journeyTestActivities(h);
    const cohort = await createCohort(h);
    await admittedByRight(cohort.id, 3); // one (b) place: 1 of 4 = 25 %; 2 of 5 = 40 % > 30 %
    const claimants = [];
    for (let i = 0; i < 3; i++) {
      const c = await createCandidate(h, { cohortId: cohort.id, profile: DEROGATION_B_PROFILE });
      await h.db.eligibilityResult.create({ data: { candidateId: c.candidateId, category: 'derogation_b', reasons: [] } });
      claimants.push(c);
    }
    const states = await Promise.all(claimants.map((c) => acts.enterQuotaReserve({ candidateId: c.candidateId, cohortId: cohort.id, journeyId: `journey:test:${c.candidateId}` })));
    expect(states.filter((s) => s.status === 'admitted')).toHaveLength(1);
    expect(states.filter((s) => s.status === 'waiting')).toHaveLength(2);
    // Every waiting journey re-evaluating at once gives nothing more: the place is taken.
    await Promise.all([1, 2, 3, 4].map(() => acts.fillQuotaReserve(cohort.id)));
    expect(await derogationAdmissions(cohort.id)).toHaveLength(1);
    // One more by-right admission opens exactly one more place: the first waiting candidate's.
    await admittedByRight(cohort.id, 2); // 2 of 7 = 28.6 %; 3 of 8 = 37.5 % > 30 %
    await Promise.all([1, 2, 3].map(() => acts.fillQuotaReserve(cohort.id)));
    expect(await derogationAdmissions(cohort.id)).toHaveLength(2);
    expect(await h.db.quotaReserve.count({ where: { cohortId: cohort.id, status: 'waiting' } })).toBe(1);
  });
});

