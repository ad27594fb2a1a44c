// People who do not do what is expected, on the time-skipping server: a candidate absent at the interview,
// a certification jury member who never answers (reminders, escalation, replacement), a withdrawal mid-way,
// invalid decisions refused without a trace and repeated decisions applied once.
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import * as journey from '../../workflows/journey-client';
import {
  DAY, admit, auditActions, composeJury, createCandidate, createJury, gradeBlock, holdInterview, id, juryDecides, member,
  outboxKinds, passSelection, query, recordInterview, resultOf, staff, start, until, untilAwaiting, untilEvent, useJourneyHarness,
} from './journey-harness';

const h = useJourneyHarness('journey-people');

const refusalOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as journey.JourneyRefusal);

describe('candidateJourney, people', () => {
  it('withdraws a candidate mid-way: blocks stop, the admission place is released, the journey ends', { timeout: 60_000 }, async () => {
    const c = await createCandidate(h);
    const journeyId = await start(h, c.input);
    // Before admission no block has started: the state says so (it used to say "in progress").
    expect((await until(h, journeyId, () => true)).blocks.map((b) => b.status)).toEqual(['not_started', 'not_started', 'not_started', 'not_started']);
    await admit(h, journeyId, c.candidateId);
    await untilEvent(h, journeyId, 'training_started');
    await until(h, journeyId, (s) => s.blocks.every((b) => b.status === 'in_progress'));
    const blockHandle = h.env.client.workflow.getHandle(`${journeyId}:block:BC01`);
    // The state lists the blocks as it starts them: the child may be started a moment later.
    await eventually(async () => expect((await blockHandle.describe()).status.name).toBe('RUNNING'), 30_000, 100);

    const invalid = await refusalOf(journey.withdrawJourney(h.env.client, journeyId, { decisionId: id(), actor: { kind: 'system' }, reasonCode: 'x' }));
    expect(invalid?.type).toBe('NotAllowed');
    await journey.withdrawJourney(h.env.client, journeyId, { decisionId: id(), actor: { kind: 'candidate' }, reasonCode: 'personal_reasons' });
    expect(await resultOf(h, journeyId)).toEqual({ outcome: 'withdrawn', reasonCode: 'personal_reasons' });
    expect(['CANCELLED', 'TERMINATED']).toContain((await blockHandle.describe()).status.name);
    const admission = await h.db.admission.findUniqueOrThrow({ where: { candidateId: c.candidateId } });
    expect(admission.withdrawnAt).not.toBeNull();
    expect(await h.db.journeyView.findUniqueOrThrow({ where: { journeyId } })).toMatchObject({ status: 'ended:withdrawn' });
    const audit = await h.db.auditEvent.findFirstOrThrow({ where: { journeyId, action: 'withdrawn' } });
    expect(audit.actor).toBe('candidate');
    expect(audit.after).toMatchObject({ reasonCode: 'personal_reasons', atStage: 'training' });
    expect(await outboxKinds(h, journeyId, `candidate:${c.candidateId}`)).toContain('journey_withdrawn');
  });

  it('ends the journey when the candidate does not come to the interview; the repeated outcome counts once', { timeout: 60_000 }, async () => {
    const c = await createCandidate(h);
    const journeyId = await start(h, c.input);
    await passSelection(h, journeyId, c.candidateId);
    const interviewer = await holdInterview(h, journeyId, c.candidateId);
    const noShow = { decisionId: id(), actor: member(interviewer.id), outcome: 'no_show' as const };
    await journey.recordInterviewOutcome(h.env.client, journeyId, noShow);
    await journey.recordInterviewOutcome(h.env.client, journeyId, noShow);
    expect(await resultOf(h, journeyId)).toEqual({ outcome: 'no_show', reasonCode: 'interview_no_show' });
    expect(await h.db.journeyView.findUniqueOrThrow({ where: { journeyId } })).toMatchObject({ stage: 'closed', status: 'ended:no_show' });
    expect((await auditActions(h, journeyId)).filter((a) => a === 'interview_outcome')).toHaveLength(1);
    expect(await h.db.admission.count({ where: { candidateId: c.candidateId } })).toBe(0);
    expect(await outboxKinds(h, journeyId, `candidate:${c.candidateId}`)).toContain('admission_decision');
    // After the end, decisions are refused with the reason.
    const late = await refusalOf(recordInterview(h, journeyId, interviewer.id, 'admitted'));
    expect(late?.type).toBe('JourneyEnded');
  });

  it('reminds a silent jury member, alerts staff, and lets staff replace the member', { timeout: 90_000 }, async () => {
    const c = await createCandidate(h, { enrolledBlocks: ['BC03'] });
    const journeyId = await start(h, c.input);
    await admit(h, journeyId, c.candidateId);
    await untilEvent(h, journeyId, 'training_started');
    await gradeBlock(h, journeyId, c.candidateId, 'BC03', 15);

    // An invalid composition is refused by the validator and changes nothing.
    await untilAwaiting(h, journeyId, 'compose_certification_jury');
    const before = await query(h, journeyId);
    const wrong = await createJury(h, c.candidateId, 'certification', [{ kind: 'school' }, { kind: 'school' }, { kind: 'external_professional' }]);
    const invalid = await refusalOf(journey.composeCertificationJury(h.env.client, journeyId, {
      decisionId: id(), actor: staff, juryId: wrong.juryId, sittingOn: '2027-01-15', trainerAndAssessorIds: [],
      members: wrong.members.map((x) => ({ memberId: x.id, kind: x.kind, inActivity: x.inActivity })),
    }));
    expect(invalid?.type).toBe('InvalidJury');
    expect(invalid?.httpStatus).toBe(422);
    expect(invalid?.reason.fr).toMatch(/membre\(s\) de l’école/);
    expect(await query(h, journeyId)).toEqual(before);

    const jury = await composeJury(h, journeyId, c.candidateId);
    const [silent, a, b] = jury.members as [typeof jury.members[0], typeof jury.members[0], typeof jury.members[0]];
    await juryDecides(h, journeyId, [a.id, b.id], 'award');
    // A member may not decide for another one; a grade out of scale is refused (state unchanged).
    const forOther = await refusalOf(journey.recordJuryDecision(h.env.client, journeyId, { decisionId: id(), actor: member(a.id), memberId: silent.id, decision: 'not_award' }));
    expect(forOther?.type).toBe('NotAllowed');

    await h.env.sleep(14 * DAY + 2 * DAY + 3_600_000);
    await until(h, journeyId, (s) => s.recentEvents.some((e) => e.action === 'staff_alerted' && e.detail?.reason === 'jury_decision_overdue'), 'escalation');
    expect(await outboxKinds(h, journeyId, `juryMember:${silent.id}`)).toEqual(['jury_decision_request', 'jury_decision_reminder', 'jury_decision_reminder']);
    expect(await outboxKinds(h, journeyId, `juryMember:${a.id}`)).toEqual(['jury_decision_request']);
    expect(await outboxKinds(h, journeyId, 'staff')).toContain('staff_alert');
    expect((await query(h, journeyId)).stage).toBe('certification_jury');

    // Staff replace the silent member: the substitute gets a fresh link, the old one stops working.
    const sub = await h.db.juryMember.create({ data: { juryId: jury.juryId, personRef: id(), name: 'Claude Suppléant', email: `sub-${id()}@example.org`, kind: silent.kind } });
    await journey.replaceJuryMember(h.env.client, journeyId, { decisionId: id(), actor: staff, replacedMemberId: silent.id, substitute: { memberId: sub.id, kind: silent.kind, inActivity: true } });
    const oldTokens = await h.db.actionToken.findMany({ where: { journeyId, subjectRef: silent.id } });
    expect(oldTokens.length).toBeGreaterThan(0);
    expect(oldTokens.every((t) => t.revokedAt !== null)).toBe(true);
    expect(await outboxKinds(h, journeyId, `juryMember:${sub.id}`)).toEqual(['jury_decision_request']);
    // Issue 12 #25: the replaced member is told their link no longer works.
    expect(await outboxKinds(h, journeyId, `juryMember:${silent.id}`)).toEqual(['jury_decision_request', 'jury_decision_reminder', 'jury_decision_reminder', 'jury_member_released']);
    const replaced = await refusalOf(journey.recordJuryDecision(h.env.client, journeyId, { decisionId: id(), actor: member(silent.id), memberId: silent.id, decision: 'award' }));
    expect(replaced?.type).toBe('NotAllowed');

    const last = { decisionId: id(), actor: member(sub.id), memberId: sub.id, decision: 'award' as const };
    await journey.recordJuryDecision(h.env.client, journeyId, last);
    await journey.recordJuryDecision(h.env.client, journeyId, last);
    await untilEvent(h, journeyId, 'certification_jury_decided');
    expect(await h.db.juryDecision.count({ where: { juryId: jury.juryId } })).toBe(3);
    expect(await h.db.jury.findUniqueOrThrow({ where: { id: jury.juryId } })).toMatchObject({ outcome: 'awarded' });
    const actions = await auditActions(h, journeyId);
    expect(actions).toContain('jury_member_replaced');
    expect(actions.filter((x) => x === 'jury_decision')).toHaveLength(3);
  });

});
