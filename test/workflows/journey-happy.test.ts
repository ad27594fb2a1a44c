// The whole journey of a non-VAE candidate on the time-skipping server, from the application to the
// 24-month follow-up. Alone in its file: it moves the clock two years on, past the registration's end.
import { describe, expect, it } from 'vitest';
import * as journey from '../../workflows/journey-client';
import { waitForMessages } from '../support/mailbox';
import {
  admit, answerSurvey, auditActions, composeJury, createCandidate, gradeBlock, id, internship, juryDecides, outboxKinds,
  query, resultOf, staff, start, thesis, untilAwaiting, untilEvent, useJourneyHarness,
} from './journey-harness';

const h = useJourneyHarness('journey-happy');
const BLOCKS = ['BC01', 'BC02', 'BC03', 'BC04'];

describe('candidateJourney, whole journey', () => {
  it('carries a student from the application to the 24-month follow-up', { timeout: 120_000 }, async () => {
    const c = await createCandidate(h);
    const journeyId = await start(h, c.input);
    await admit(h, journeyId, c.candidateId);

    await untilEvent(h, journeyId, 'training_started');
    for (const code of BLOCKS) await gradeBlock(h, journeyId, c.candidateId, code, 14);
    await internship(h, journeyId, c.candidateId, '2026-01-05', '2026-06-05');
    await thesis(h, journeyId, 15);

    const jury = await composeJury(h, journeyId, c.candidateId);
    const s = await query(h, journeyId);
    expect(s.stage).toBe('certification_jury');
    expect(s.blocks.map((b) => b.status)).toEqual(['validated', 'validated', 'validated', 'validated']);
    expect(s.internshipFteMonths).toBeGreaterThanOrEqual(4);
    await juryDecides(h, journeyId, jury.members.map((m) => m.id), 'award');

    await answerSurvey(h, journeyId, 6, { employed: true, inTargetJob: false });
    await answerSurvey(h, journeyId, 24, { employed: true, inTargetJob: true });
    const result = await resultOf(h, journeyId);
    expect(result).toEqual({ outcome: 'certified' });

    // Read model and audit trail: one row per transition, the last one wins.
    const view = await h.db.journeyView.findUniqueOrThrow({ where: { journeyId } });
    expect(view).toMatchObject({ stage: 'closed', status: 'ended:certified' });
    const actions = await auditActions(h, journeyId);
    expect(actions.length).toBe(view.version);
    for (const a of ['journey_started', 'selection_decided', 'interview_outcome', 'admitted', 'training_started', 'internship_met', 'thesis_result', 'certification_jury_decided', 'follow_up_started', 'follow_up_answered', 'journey_ended']) {
      expect(actions).toContain(a);
    }
    expect(actions.filter((a) => a === 'block_result')).toHaveLength(4);
    expect(actions.filter((a) => a === 'follow_up_wave_answered')).toHaveLength(2);

    // Results written where staff and statistics read them.
    expect(await h.db.assessmentResult.count({ where: { candidateId: c.candidateId } })).toBe(15);
    expect(await h.db.thesis.findUniqueOrThrow({ where: { candidateId: c.candidateId } })).toMatchObject({ validated: true });
    expect(await h.db.jury.findUniqueOrThrow({ where: { id: jury.juryId } })).toMatchObject({ outcome: 'awarded' });
    expect(await h.db.juryDecision.count({ where: { juryId: jury.juryId } })).toBe(3);
    const answers = await h.db.followUpAnswer.findMany({ where: { candidateId: c.candidateId }, orderBy: { wave: 'asc' } });
    expect(answers.map((a) => [a.wave, a.employed, a.inTargetJob])).toEqual([[6, true, false], [24, true, true]]);

    // What the candidate was told, and that it reached the inbox.
    const toCandidate = await outboxKinds(h, journeyId, `candidate:${c.candidateId}`);
    for (const k of ['selection_decision', 'interview_slots_offered', 'interview_confirmed', 'admission_decision', 'block_result', 'thesis_result', 'certification_outcome', 'follow_up_survey_request']) {
      expect(toCandidate).toContain(k);
    }
    expect(toCandidate.filter((k) => k === 'follow_up_survey_request')).toHaveLength(2);
    expect(toCandidate).not.toContain('dossier_opened'); // the dossier was complete at the start
    await waitForMessages(h.stack.mailboxUrl, c.email, toCandidate.length);
  });
});
