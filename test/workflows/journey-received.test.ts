// What people receive from a real journey (time-skipping server, real activities, SMTP sink): the emails
// read from the mailbox as sent, and a link page, for the defects of issue 12 that depend on what the
// workflow passes (data typed per template) and on when it sends.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { formatDateTime } from '../../activities/wording/catalogue';
import { createLogger } from '../../platform/logger';
import type { StoredMessage } from '../../platform/services/smtp-sink';
import * as journey from '../../workflows/journey-client';
import { waitForMessages } from '../support/mailbox';
import { expectNoCodes } from '../support/person-facing';
import { linkIn } from '../mail/fixtures';
import {
  DAY, admit, assessmentAssigned, atCertificationJury, candidateActor, createCandidate, createJury, id, member, nowMs, passSelection, query, recordInterview, staff, start,
  until, untilAwaiting, untilEvent, useJourneyHarness, holdInterview,
} from './journey-harness';

const h = useJourneyHarness('journey-received');

/** The messages to an address whose subject matches, once `count` of them arrived. */
async function inbox(address: string, subject: RegExp, count = 1): Promise<StoredMessage[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = (await waitForMessages(h.stack.mailboxUrl, address, 0)).filter((m) => subject.test(m.subject));
    if (found.length >= count) {
      for (const m of found) expectNoCodes(m.subject, m.text);
      return found;
    }
    if (Date.now() > deadline) throw new Error(`no ${count} message(s) "${subject}" to ${address}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const icsOf = (m: StoredMessage) => m.attachments.find((a) => a.contentType.startsWith('text/calendar'))!.content.replace(/\r\n /g, '');

describe('what people receive from a real journey (issue 12)', () => {
  it('#6 a not-eligible candidate is told the admission conditions with the reasons in words', { timeout: 60_000 }, async () => {
    const c = await createCandidate(h);
    await h.db.candidate.update({ where: { id: c.candidateId }, data: { declaredProfile: { degrees: [{ kind: 'other' }], experience: { qualifyingYears: 0 }, vappValidated: false } } });
    const journeyId = await start(h, c.input);
    await until(h, journeyId, (s) => s.status === 'ended', 'the end');
    const [message] = await inbox(c.email, /recevable/);
    expect(message!.text).toContain('Aucun jury n’a examiné votre dossier');
    expect(message!.text).toContain('Aucun diplôme déclaré ne remplit une condition d’accès');
  });

  it('#1 #3 #9 #10 #19 the reviewer gets the step deadline; the candidate the slot times; both sides the invitation, then its cancellation on a reschedule', { timeout: 120_000 }, async () => {
    const c = await createCandidate(h);
    const journeyId = await start(h, c.input);
    await untilAwaiting(h, journeyId, 'assign_selection_reviewers');
    const assignedAt = await nowMs(h);
    const reviewer = await passSelection(h, journeyId, c.candidateId);
    // #3: the selection review is due 10 days after the assignment (P10D), and that is the date told.
    const [request1] = await inbox(reviewer.email, /examiner/);
    const row = await h.db.outboxEmail.findFirstOrThrow({ where: { journeyId, kind: 'selection_review_request' } });
    const due = (row.payload as { data: { dueAtMs: number } }).data.dueAtMs;
    expect(Math.abs(due - (assignedAt + 10 * DAY))).toBeLessThan(60_000);
    expect(request1!.text).toContain(`À faire avant le ${formatDateTime(due, 'fr')}.`);
    expect(request1!.text).not.toContain(`À faire avant le ${formatDateTime(due + 30 * DAY, 'fr')}`);

    await untilAwaiting(h, journeyId, 'offer_interview_slots');
    const { members } = await createJury(h, c.candidateId, 'interview');
    const interviewer = members[0]!;
    const now = await nowMs(h);
    const a = Math.ceil((now + 4 * DAY) / 3_600_000) * 3_600_000;
    const b = a + DAY;
    await journey.offerInterviewSlots(h.env.client, journeyId, {
      decisionId: id(), actor: staff, juryMemberIds: [interviewer.id],
      slots: [{ slotId: 'slot-a', startsAtMs: a, durationMinutes: 45, place: 'Campus Lille, salle 2' }, { slotId: 'slot-b', startsAtMs: b, durationMinutes: 45, place: 'https://visio.example.org/jalon' }],
    });
    // #1: every offered time, its length and place, in the email.
    const [offer] = await inbox(c.email, /Choisissez votre créneau/);
    expect(offer!.text).toContain(`${formatDateTime(a, 'fr')}, 45 minutes – Campus Lille, salle 2`);
    expect(offer!.text).toContain(`${formatDateTime(b, 'fr')}, 45 minutes – https://visio.example.org/jalon`);

    await journey.chooseInterviewSlot(h.env.client, journeyId, { decisionId: id(), actor: candidateActor, slotId: 'slot-a' });
    await untilEvent(h, journeyId, 'interview_slot_chosen');
    // #9 #10: the candidate and the interviewer both get the time, the place, the length and the same event.
    const [confirmed] = await inbox(c.email, /Entretien confirmé/);
    const [invited] = await inbox(interviewer.email, /Entretien de motivation à conduire/);
    for (const m of [confirmed!, invited!]) {
      expect(m.text).toContain(formatDateTime(a, 'fr'));
      expect(m.text).toContain('Lieu\u00a0: Campus Lille, salle 2');
      expect(m.text).toContain('Durée\u00a0: 45 minutes');
      expect(icsOf(m)).toContain('LOCATION:Campus Lille\\, salle 2');
    }
    const uid = /UID:(\S+)/.exec(icsOf(confirmed!))![1];
    expect(icsOf(invited!)).toContain(`UID:${uid}`);
    expect(icsOf(invited!)).toContain(`mailto:${interviewer.email}`);

    // #19: a reschedule cancels that event for both, with the same UID.
    await journey.rescheduleInterview(h.env.client, journeyId, { decisionId: id(), actor: staff, slots: [{ slotId: 'slot-c', startsAtMs: b + DAY, durationMinutes: 30 }] });
    const [cancelCandidate] = await inbox(c.email, /Entretien annulé/);
    const [cancelInterviewer] = await inbox(interviewer.email, /Entretien annulé/);
    for (const m of [cancelCandidate!, cancelInterviewer!]) {
      expect(icsOf(m)).toContain('METHOD:CANCEL');
      expect(icsOf(m)).toContain(`UID:${uid}`);
    }
    await inbox(c.email, /Choisissez votre créneau/, 2);
  });

  it('#19 a withdrawal after the slot was chosen cancels the invitation for the candidate and the interviewer', { timeout: 90_000 }, async () => {
    const c = await createCandidate(h);
    const journeyId = await start(h, c.input);
    await passSelection(h, journeyId, c.candidateId);
    await untilAwaiting(h, journeyId, 'offer_interview_slots');
    const { members } = await createJury(h, c.candidateId, 'interview');
    const interviewer = members[0]!;
    const a = (await nowMs(h)) + 4 * DAY;
    await journey.offerInterviewSlots(h.env.client, journeyId, { decisionId: id(), actor: staff, juryMemberIds: [interviewer.id], slots: [{ slotId: 'slot-a', startsAtMs: a }] });
    await untilAwaiting(h, journeyId, 'interview_slot_choice');
    await journey.chooseInterviewSlot(h.env.client, journeyId, { decisionId: id(), actor: candidateActor, slotId: 'slot-a' });
    await untilEvent(h, journeyId, 'interview_slot_chosen');
    await journey.withdrawJourney(h.env.client, journeyId, { decisionId: id(), actor: candidateActor, reasonCode: 'personal_reasons' });
    const [toInterviewer] = await inbox(interviewer.email, /Entretien annulé/);
    expect(toInterviewer!.text).toContain('Le candidat s’est retiré du parcours.');
    expect(icsOf(toInterviewer!)).toContain('METHOD:CANCEL');
    const [toCandidate] = await inbox(c.email, /Entretien annulé/);
    expect(toCandidate!.text).toContain(formatDateTime(a, 'fr'));
  });

  it('#8 a candidate who did not come is told so, not that the jury refused them', { timeout: 90_000 }, async () => {
    const c = await createCandidate(h);
    const journeyId = await start(h, c.input);
    await passSelection(h, journeyId, c.candidateId);
    const interviewer = await holdInterview(h, journeyId, c.candidateId);
    await recordInterview(h, journeyId, interviewer.id, 'no_show');
    const [message] = await inbox(c.email, /Décision d’admission/);
    expect(message!.text).toContain('Vous ne vous êtes pas présenté·e à l’entretien de motivation prévu');
  });

  it('#13 #12 a failed assessment is told to the candidate with the retake date; the assessor is asked again when the resubmission window closes', { timeout: 120_000 }, async () => {
    const { c, journeyId, assessor, assessmentId } = await assessmentAssigned(h);
    const gradedAt = await nowMs(h);
    await journey.recordAssessmentGrade(h.env.client, journeyId, { decisionId: id(), actor: member(assessor.id), blockCode: 'BC02', assessmentId: assessmentId, grade: 7 });
    const [result] = await inbox(c.email, /Résultat d’évaluation/);
    expect(result!.text).toContain('(7/20)');
    expect(result!.text).toContain('rattrapage');
    const row = await h.db.outboxEmail.findFirstOrThrow({ where: { journeyId, kind: 'assessment_result' } });
    const retakeDue = (row.payload as { data: { retakeDueAtMs: number } }).data.retakeDueAtMs;
    expect(Math.abs(retakeDue - (gradedAt + 14 * DAY))).toBeLessThan(60_000); // P14D submission
    expect(result!.text).toContain(formatDateTime(retakeDue, 'fr'));
    // Nothing to grade before the window closes: one request so far (the first attempt's).
    expect((await inbox(assessor.email, /Note à saisir/)).length).toBe(1);
    await h.env.sleep(15 * DAY);
    const requests = await inbox(assessor.email, /Note à saisir/, 2);
    expect(requests[1]!.text).toContain('Tentative\u00a0: 2e (rattrapage)');
  });

  it('#4 the internship link declares several periods, one after the other', { timeout: 120_000 }, async () => {
    const c = await createCandidate(h);
    const journeyId = await start(h, c.input);
    await admit(h, journeyId, c.candidateId);
    await untilEvent(h, journeyId, 'training_started');
    const [message] = await inbox(c.email, /Déclarez vos périodes/);
    expect(message!.text).toContain('le même lien sert pour toutes vos périodes');
    const app = createApp({
      db: h.db, temporal: h.env.client, log: createLogger({}, 'error', () => undefined), readiness: {},
      config: { taskQueue: h.taskQueue, publicBaseUrl: 'http://localhost' }, actionLinks: { csrfSecret: 'w'.repeat(32) },
    });
    const path = new URL(linkIn(message!.text)).pathname;
    const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1];
    for (const [startOn, endOn] of [['2026-01-05', '2026-03-05'], ['2026-04-01', '2026-06-30']] as const) {
      const page = await request(app).get(path).set('Host', 'localhost').expect(200);
      await request(app).post(path).set('Host', 'localhost').set('Origin', 'http://localhost').type('form')
        .send({ csrf: csrfOf(page.text), organisation: `ACME ${randomUUID().slice(0, 4)}`, startOn, endOn, percent: '100' }).expect(200);
    }
    await until(h, journeyId, (s) => s.recentEvents.filter((e) => e.action === 'internship_period_declared').length === 2, 'two periods declared');
    expect(await h.db.internshipPeriod.count({ where: { candidateId: c.candidateId } })).toBe(2);
    expect((await query(h, journeyId)).stage).toBe('training');
  });

  /** The reminder to `address` whose subject matches, read as received: a reminder, the step's deadline, the link. */
  async function reminderFor(journeyId: string, kind: string, address: string, subject: RegExp) {
    const deadline = Date.now() + 30_000;
    let row;
    while (!(row = await h.db.outboxEmail.findFirst({ where: { journeyId, kind, status: 'sent' }, orderBy: { createdAt: 'asc' } }))) {
      if (Date.now() > deadline) throw new Error(`no ${kind} sent for ${journeyId}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const due = (row.payload as { data: { dueAtMs: number } }).data.dueAtMs;
    const message = (await inbox(address, subject)).find((m) => m.messageId === row.messageId);
    expect(message, `${kind} in ${address}'s mailbox`).toBeDefined();
    expect(message!.subject).toMatch(/^Rappel : /);
    expect(message!.text).toContain(`À faire avant le ${formatDateTime(due, 'fr')}.`);
    expect(message!.text).toContain(`To do by ${formatDateTime(due, 'en')}.`);
    // The thesis is uploaded in the space: its reminder carries the space link; the others, their action link.
    if (kind === 'thesis_reminder') expect(message!.text).toMatch(/https?:\/\/\S+\/space\/sign-in\/[A-Za-z0-9_-]{43}/);
    else expect(linkIn(message!.text)).toMatch(/\/a\//);
    return { message: message!, due };
  }

  it('#18 the selection reviewer and the assessor are reminded, as reminders, of the step deadline, with their link', { timeout: 120_000 }, async () => {
    const c = await createCandidate(h);
    const journeyId = await start(h, c.input);
    await untilAwaiting(h, journeyId, 'assign_selection_reviewers');
    const { members } = await createJury(h, c.candidateId, 'selection');
    await journey.assignSelectionReviewers(h.env.client, journeyId, { decisionId: id(), actor: staff, memberIds: [members[0]!.id] });
    await untilAwaiting(h, journeyId, 'selection_review');
    await h.env.sleep(7 * DAY + 3_600_000); // P10D, first reminder 3 days before
    await reminderFor(journeyId, 'selection_review_reminder', members[0]!.email, /^Rappel/);

    const a = await assessmentAssigned(h);
    await h.env.sleep(14 * DAY + 3_600_000); // P21D, first reminder 7 days before
    await reminderFor(a.journeyId, 'assessment_grade_reminder', a.assessor.email, /^Rappel/);
  });

  it('#18 #23 the candidate is reminded of the thesis deadline a month before, with the link', { timeout: 180_000 }, async () => {
    const c = await createCandidate(h);
    const journeyId = await start(h, c.input);
    await admit(h, journeyId, c.candidateId);
    await untilEvent(h, journeyId, 'training_started');
    await h.env.sleep(90 * DAY + 3_600_000); // P120D, first reminder 30 days before
    await reminderFor(journeyId, 'thesis_reminder', c.email, /^Rappel.*th[eè]se/i);
  });

  it('#18 a certified person is reminded of the follow-up survey, with its deadline and link', { timeout: 240_000 }, async () => {
    const { c, journeyId, jury } = await atCertificationJury(h);
    for (const m of jury.members) await journey.recordJuryDecision(h.env.client, journeyId, { decisionId: id(), actor: member(m.id), memberId: m.id, decision: 'award' });
    await untilEvent(h, journeyId, 'follow_up_started');
    await h.env.sleep(200 * DAY); // the 6-month survey (P30D), first reminder 14 days before its end
    await reminderFor(journeyId, 'follow_up_survey_reminder', c.email, /^Rappel/);
  });
});
