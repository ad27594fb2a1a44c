// Routes other than the full programme: VAE (evidence per block and the in-depth work replace blocks,
// internship and thesis) and a block-only enrolment (one block child, no internship, no thesis).
import { describe, expect, it } from 'vitest';
import * as journey from '../../workflows/journey-client';
import {
  DAY, admit, auditActions, composeJury, createCandidate, gradeBlock, id, juryDecides, nowMs, outboxKinds, query, staff, start,
  until, untilAwaiting, untilEvent, useJourneyHarness,
} from './journey-harness';

const h = useJourneyHarness('journey-routes');
const BLOCKS = ['BC01', 'BC02', 'BC03', 'BC04'];

describe('candidateJourney, routes', () => {
  it('takes a VAE candidate through evidence per block and the in-depth work to the award', { timeout: 90_000 }, async () => {
    const c = await createCandidate(h, { route: 'vae' });
    const journeyId = await start(h, c.input);
    await admit(h, journeyId, c.candidateId);

    await untilAwaiting(h, journeyId, 'vae_evidence');
    const s = await query(h, journeyId);
    expect(s.stage).toBe('vae_evidence');
    expect(s.internshipFteMonths).toBeUndefined();
    // Blocks, internship and thesis are not part of this route.
    const noThesis = await journey.submitThesis(h.env.client, journeyId, { decisionId: id(), actor: { kind: 'candidate' } }).catch((e: unknown) => e);
    expect((noThesis as journey.JourneyRefusal).type).toBe('WrongStage');
    const items = [...BLOCKS, 'in_depth_work'];
    for (const item of items) await journey.recordVaeEvidence(h.env.client, journeyId, { decisionId: id(), actor: staff, item, status: 'submitted' });
    await untilAwaiting(h, journeyId, 'vae_evidence_review');
    for (const item of items) await journey.recordVaeEvidence(h.env.client, journeyId, { decisionId: id(), actor: staff, item, status: 'validated' });

    const jury = await composeJury(h, journeyId, c.candidateId);
    expect((await query(h, journeyId)).blocks.every((b) => b.status === 'validated')).toBe(true);
    await juryDecides(h, journeyId, jury.members.map((m) => m.id), 'award');
    await untilEvent(h, journeyId, 'follow_up_started');

    const actions = await auditActions(h, journeyId);
    expect(actions).toContain('vae_evidence_opened');
    expect(actions).not.toContain('training_started');
    expect(await outboxKinds(h, journeyId, `candidate:${c.candidateId}`)).toEqual(expect.arrayContaining(['vae_evidence_request', 'certification_outcome']));
    expect(await h.db.journeyView.findUniqueOrThrow({ where: { journeyId } })).toMatchObject({ stage: 'follow_up', status: 'active' });
  });

  it('runs one block child for a block-only enrolment and awards that block', { timeout: 90_000 }, async () => {
    const c = await createCandidate(h, { enrolledBlocks: ['BC02'] });
    const journeyId = await start(h, c.input);
    await admit(h, journeyId, c.candidateId);
    await untilEvent(h, journeyId, 'training_started');
    const s = await query(h, journeyId);
    expect(s.blocks).toEqual([{ code: 'BC02', status: 'in_progress' }]);
    expect(s.internshipFteMonths).toBeUndefined();
    // No other block runs, and neither internship nor thesis is asked for.
    await expect(journey.queryBlock(h.env.client, journeyId, 'BC01')).rejects.toMatchObject({ type: 'JourneyNotFound' });
    const noThesis = await journey.submitThesis(h.env.client, journeyId, { decisionId: id(), actor: { kind: 'candidate' } }).catch((e: unknown) => e);
    expect((noThesis as journey.JourneyRefusal).reason.code).toBe('no_thesis');

    await gradeBlock(h, journeyId, c.candidateId, 'BC02', 12);
    const jury = await composeJury(h, journeyId, c.candidateId);
    expect((await query(h, journeyId)).blocks).toEqual([{ code: 'BC02', status: 'validated' }]);
    await juryDecides(h, journeyId, jury.members.map((m) => m.id), 'award');
    await untilEvent(h, journeyId, 'follow_up_started');

    const actions = await auditActions(h, journeyId);
    expect(actions.filter((a) => a === 'block_result')).toHaveLength(1);
    expect(actions).not.toContain('internship_met');
    const toCandidate = await outboxKinds(h, journeyId, `candidate:${c.candidateId}`);
    expect(toCandidate).not.toContain('internship_declaration_request');
    expect(toCandidate).not.toContain('thesis_submission_request');
    expect(await h.db.assessmentResult.count({ where: { candidateId: c.candidateId } })).toBe(4);
  });

  it('follows a staff extension of the dossier deadline, then moves on when the last pieces arrive', { timeout: 60_000 }, async () => {
    const c = await createCandidate(h, { pieces: ['cv', 'transcripts'] });
    const journeyId = await start(h, c.input);
    const open = await untilAwaiting(h, journeyId, 'dossier_pieces');
    const dueBefore = open.awaiting.find((x) => x.what === 'dossier_pieces')!.dueAtMs!;
    const notStaff = await journey.extendDeadline(h.env.client, journeyId, { decisionId: id(), actor: { kind: 'candidate' }, step: 'dossier', days: 10 }).catch((e: unknown) => e);
    expect((notStaff as journey.JourneyRefusal).type).toBe('NotAllowed');
    await journey.extendDeadline(h.env.client, journeyId, { decisionId: id(), actor: staff, step: 'dossier', days: 10 });
    const extended = await until(h, journeyId, (s) => s.awaiting.some((x) => x.what === 'dossier_pieces' && x.dueAtMs !== dueBefore), 'deadline moved');
    expect(extended.awaiting.find((x) => x.what === 'dossier_pieces')!.dueAtMs! - dueBefore).toBe(10 * DAY);

    // Past the original deadline the dossier is still open.
    await h.env.sleep(dueBefore - (await nowMs(h)) + 3_600_000);
    expect((await query(h, journeyId)).stage).toBe('dossier');
    for (const kind of ['recommendation_letter', 'motivation_letter', 'professional_project']) {
      await h.db.dossierPiece.create({ data: { candidateId: c.candidateId, kind, recordedBy: 'test' } });
      await journey.notifyDossierPiece(h.env.client, journeyId, { decisionId: id(), actor: { kind: 'candidate' }, kind });
    }
    await untilAwaiting(h, journeyId, 'assign_selection_reviewers');
    const actions = await auditActions(h, journeyId);
    expect(actions).toEqual(expect.arrayContaining(['deadline_extended', 'dossier_complete', 'eligibility_assessed', 'selection_opened']));
    expect(await outboxKinds(h, journeyId, `candidate:${c.candidateId}`)).not.toContain('dossier_expired');
  });
});
