// Training-time rules on the time-skipping server: a failed assessment retaken once, an internship short
// of the 4 months as the programme ends, and a suspension that pauses the running deadline.
import { describe, expect, it } from 'vitest';
import * as journey from '../../workflows/journey-client';
import {
  DAY, admit, assessmentAssigned, blockState, createCandidate, createJury, id, internship, member, nowMs, outboxKinds, query, staff, start,
  until, untilAwaiting, untilEvent, useJourneyHarness,
} from './journey-harness';

const h = useJourneyHarness('journey-training');

describe('candidateJourney, training', () => {
  it('gives a failed assessment one retake, then validates it; a repeated grade has one effect', { timeout: 90_000 }, async () => {
    const { c, journeyId, assessor, assessmentId } = await assessmentAssigned(h);

    const failing = { decisionId: id(), actor: member(assessor.id), blockCode: 'BC02', assessmentId, grade: 7 };
    const once = await journey.recordAssessmentGrade(h.env.client, journeyId, failing);
    const twice = await journey.recordAssessmentGrade(h.env.client, journeyId, failing);
    expect(once.applied).toBe(true);
    expect(twice).toEqual(once); // the same answer, and nothing applied twice (rows and attempts below)
    let a = (await blockState(h, journeyId, 'BC02')).assessments.find((x) => x.assessmentId === assessmentId)!;
    expect(a).toMatchObject({ attempt: 2, status: 'awaiting_grade', grades: [{ attempt: 1, grade: 7 }] });

    // The retake is graded once the candidate's resubmission window is over (the assessor is asked then).
    await h.env.sleep(15 * DAY);
    await journey.recordAssessmentGrade(h.env.client, journeyId, { ...failing, decisionId: id(), grade: 13 });
    a = (await blockState(h, journeyId, 'BC02')).assessments.find((x) => x.assessmentId === assessmentId)!;
    expect(a).toMatchObject({ attempt: 2, status: 'passed' });
    const rows = await h.db.assessmentResult.findMany({ where: { candidateId: c.candidateId, assessmentCode: assessmentId }, orderBy: { attempt: 'asc' } });
    expect(rows.map((r) => [r.attempt, Number(r.grade)])).toEqual([[1, 7], [2, 13]]);
    // The assessor was asked twice: once per attempt.
    const toAssessor = await outboxKinds(h, journeyId, `juryMember:${assessor.id}`);
    expect(toAssessor.filter((k) => k === 'assessment_grade_request')).toHaveLength(2);
  });

  it('warns the candidate and staff before the programme ends when the internship is short of 4 months', { timeout: 90_000 }, async () => {
    const endsOn = new Date((await nowMs(h)) + 40 * DAY).toISOString().slice(0, 10);
    const c = await createCandidate(h, { programmeEndsOn: endsOn });
    const journeyId = await start(h, c.input);
    await admit(h, journeyId, c.candidateId);
    await untilEvent(h, journeyId, 'training_started');
    await internship(h, journeyId, c.candidateId, '2026-01-05', '2026-03-05');
    const before = await query(h, journeyId);
    expect(before.internshipFteMonths).toBeGreaterThan(1.5);
    expect(before.internshipFteMonths).toBeLessThan(4);
    expect(before.awaiting.find((x) => x.what === 'internship_periods')).toMatchObject({ who: { role: 'candidate' } });

    await h.env.sleep(Date.parse(endsOn) - (await nowMs(h)) + DAY);
    await until(h, journeyId, (s) => s.recentEvents.filter((e) => e.action === 'staff_alerted').length >= 2, 'two shortfall alerts');
    const toCandidate = await outboxKinds(h, journeyId, `candidate:${c.candidateId}`);
    expect(toCandidate.filter((k) => k === 'internship_shortfall_warning')).toHaveLength(2);
    const alerts = await h.db.outboxEmail.findMany({ where: { journeyId, kind: 'staff_alert' } });
    expect(alerts.map((x) => (x.payload as { data?: { reason?: string } }).data?.reason ?? JSON.stringify(x.payload))).toEqual(
      expect.arrayContaining([expect.stringContaining('internship_short_of_minimum')]),
    );
    // Short of the minimum, the journey does not go on to the certification jury.
    const after = await query(h, journeyId);
    expect(after.stage).toBe('training');
    expect(after.recentEvents.map((e) => e.action)).not.toContain('internship_met');
  });

  it('pauses the dossier deadline while the journey is suspended and gives the suspended time back', { timeout: 90_000 }, async () => {
    const c = await createCandidate(h, { pieces: ['cv'] });
    const journeyId = await start(h, c.input);
    const open = await untilAwaiting(h, journeyId, 'dossier_pieces');
    const dueBefore = open.awaiting.find((x) => x.what === 'dossier_pieces')!.dueAtMs!;

    await h.env.sleep(5 * DAY);
    await journey.suspendJourney(h.env.client, journeyId, { decisionId: id(), actor: staff, reasonCode: 'medical_leave' });
    expect((await query(h, journeyId)).status).toBe('suspended');
    const refused = await journey.extendDeadline(h.env.client, journeyId, { decisionId: id(), actor: staff, step: 'dossier', days: 0 }).catch((e: unknown) => e);
    expect((refused as journey.JourneyRefusal).type).toBe('InvalidDecision');
    await h.env.sleep(10 * DAY);
    await journey.resumeJourney(h.env.client, journeyId, { decisionId: id(), actor: staff });

    const resumed = await until(h, journeyId, (s) => s.status === 'active' && s.awaiting.some((x) => x.what === 'dossier_pieces'), 'resumed');
    const dueAfter = resumed.awaiting.find((x) => x.what === 'dossier_pieces')!.dueAtMs!;
    // Moved by the suspended time (the clock of the test server also runs a few real milliseconds).
    expect(Math.abs(dueAfter - dueBefore - 10 * DAY)).toBeLessThan(60_000);

    // Past the original deadline the dossier is still open; past the moved one it expires.
    await h.env.sleep(dueBefore - (await nowMs(h)) + 3_600_000);
    expect((await query(h, journeyId)).status).toBe('active');
    await h.env.sleep(dueAfter - (await nowMs(h)) + 3_600_000);
    const ended = await until(h, journeyId, (s) => s.status === 'ended', 'expiry');
    expect(ended.outcome).toBe('expired');
    const expiredAt = ended.recentEvents.find((e) => e.action === 'journey_ended')!.atMs;
    expect(expiredAt).toBeGreaterThanOrEqual(dueAfter);
    expect(expiredAt - dueAfter).toBeLessThan(3_600_000);
    const toCandidate = await outboxKinds(h, journeyId, `candidate:${c.candidateId}`);
    expect(toCandidate).toEqual(['dossier_opened', 'journey_suspended', 'journey_resumed', 'dossier_reminder', 'dossier_reminder', 'dossier_expired']);
  });

  it('lets staff correct a wrongly recorded grade: the assessment passes and the retake is dropped', { timeout: 90_000 }, async () => {
    const c = await createCandidate(h, { enrolledBlocks: ['BC04'] });
    const journeyId = await start(h, c.input);
    await admit(h, journeyId, c.candidateId);
    await untilEvent(h, journeyId, 'training_started');
    const [first] = (await blockState(h, journeyId, 'BC04')).assessments;
    const assessmentId = first!.assessmentId;
    const { members } = await createJury(h, c.candidateId, 'assessment');
    await journey.assignAssessor(h.env.client, journeyId, { decisionId: id(), actor: staff, blockCode: 'BC04', assessmentId, memberId: members[0]!.id });
    const grade = { decisionId: id(), actor: member(members[0]!.id), blockCode: 'BC04', assessmentId, grade: 4 };
    await journey.recordAssessmentGrade(h.env.client, journeyId, grade);
    const correction = { decisionId: id(), actor: staff, correctsDecisionId: grade.decisionId, reasonCode: 'transcription_error', correction: { kind: 'assessment_grade' as const, blockCode: 'BC04', assessmentId, grade: 14 } };
    const notStaff = await journey.correctDecision(h.env.client, journeyId, { ...correction, decisionId: id(), actor: member(members[0]!.id) }).catch((e: unknown) => e);
    expect((notStaff as journey.JourneyRefusal).type).toBe('NotAllowed');
    await journey.correctDecision(h.env.client, journeyId, correction);
    const a = (await blockState(h, journeyId, 'BC04')).assessments.find((x) => x.assessmentId === assessmentId)!;
    expect(a).toMatchObject({ status: 'passed', attempt: 1, grades: [{ attempt: 1, grade: 14 }] });
    const rows = await h.db.assessmentResult.findMany({ where: { candidateId: c.candidateId, assessmentCode: assessmentId } });
    expect(rows.map((r) => [r.attempt, Number(r.grade), r.assessorRef])).toEqual([[1, 14, 'staff:staff-1']]);
  });
});
