// The upgrade rehearsal of the `one-transaction-per-transition` patch (docs/upgrading.md): journeys started
// by the build just before it (taken from git) are mid-stage when its worker stops and this build's worker
// takes over the task queue. The runs recorded before finish with the activities they began with; the runs
// after them write each step as one `commitTransition`. Every vote, audit event and email is written once,
// and the jury deliberates on all its votes.
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../../platform/worker';
import * as journey from '../../workflows/journey-client';
import { ONE_TRANSACTION_PATCH } from '../../workflows/transition-step';
import { waitForMessages } from '../support/mailbox';
import { buildBeforePatch, bundleAt } from './fixtures/previous-build';
import { hasMarker, runsOf, schedules, WorkerSwitch, blockCandidateAtJury, rehearsal } from './fixtures/upgrade';
import {
  DAY, auditActions, createCandidate, createJury, id, nowMs, juryDecides, outboxKinds, staff, start, untilAwaiting, untilEvent,
} from './journey-harness';

const { h, workers } = rehearsal('journey-upgrade-transactions');
const runWorker = (bundle: Parameters<WorkerSwitch['run']>[0], cached = true) => workers.run(bundle, cached);
const stopWorker = () => workers.stop();

describe('upgrade rehearsal: journeys recorded before one transaction per transition finish on this build', () => {
  it('finishes the runs it recorded the earlier way, takes the next runs in one transaction per step, and writes every step once', { timeout: 240_000 }, async () => {
    // 1. The build before the patch (from git) runs: one journey waits for its selection reviewer, one
    //    for the last two votes of its certification jury (the first vote written the earlier way).
    await runWorker(await bundleAt(buildBeforePatch(ONE_TRANSACTION_PATCH), 'before-one-transaction'), false);
    const a = await createCandidate(h);
    const aId = await start(h, a.input);
    await untilAwaiting(h, aId, 'assign_selection_reviewers');
    const { members: [reviewer] } = await createJury(h, a.candidateId, 'selection');
    await journey.assignSelectionReviewers(h.env.client, aId, { decisionId: id(), actor: staff, memberIds: [reviewer!.id] });
    await untilAwaiting(h, aId, 'selection_review');
    const { candidate: b, journeyId: bId, jury: bJury } = await blockCandidateAtJury(h);
    const [first, ...others] = bJury.members.map((x) => x.id);
    await juryDecides(h, bId, [first!]);
    await untilEvent(h, bId, 'jury_decision');

    // 2. The deploy: this build's worker takes the queue and replays both runs.
    await stopWorker();
    await runWorker(await workflowBundle());

    // 3. The reviewer decides and the other members vote on this build. The runs recorded before (the
    //    selection, the jury) finish with the activities they began with; the runs they continue into
    //    (the interview, the follow-up) start on this build and write each step in one transaction.
    await journey.recordSelectionReview(h.env.client, aId, { decisionId: id(), actor: { kind: 'juryMember', memberId: reviewer!.id }, decision: 'admissible', reasonCode: 'good_fit' });
    const interviewer = (await createJury(h, a.candidateId, 'interview')).members[0]!;
    await untilAwaiting(h, aId, 'offer_interview_slots');
    await journey.offerInterviewSlots(h.env.client, aId, { decisionId: id(), actor: staff, slots: [{ slotId: 'slot-a', startsAtMs: (await nowMs(h)) + 4 * DAY }], juryMemberIds: [interviewer.id] });
    await untilAwaiting(h, aId, 'interview_slot_choice');
    await juryDecides(h, bId, others);
    await untilEvent(h, bId, 'follow_up_started');

    const aRuns = await runsOf(h.env.client, aId);
    const selection = aRuns.find((x) => hasMarker(x, 'selection-reviewers'))!;
    expect(hasMarker(selection, ONE_TRANSACTION_PATCH), 'the selection run recorded before').toBe(false);
    expect(schedules(selection, 'commitTransition')).toBe(false);
    const interview = aRuns.at(-1)!;
    expect(hasMarker(interview, ONE_TRANSACTION_PATCH), 'the interview run, started on this build').toBe(true);
    expect(schedules(interview, 'commitTransition')).toBe(true);
    const bRuns = await runsOf(h.env.client, bId);
    const juryRun = bRuns.find((x) => schedules(x, 'recordJuryDecisionRow'))!;
    expect(hasMarker(juryRun, ONE_TRANSACTION_PATCH)).toBe(false);
    expect(hasMarker(bRuns.at(-1)!, ONE_TRANSACTION_PATCH), 'the follow-up run, started on this build').toBe(true);

    // 4. Every step once: the votes' rows, the audit trail, the emails; the deliberation counted all three votes.
    expect(await h.db.juryDecision.count({ where: { juryId: bJury.juryId } })).toBe(3);
    const closed = await h.db.jury.findUniqueOrThrow({ where: { id: bJury.juryId } });
    expect(JSON.parse(closed.deliberation!).votes).toHaveLength(3);
    const bActions = await auditActions(h, bId);
    expect(bActions.filter((x) => x === 'jury_decision')).toHaveLength(3);
    expect(bActions.filter((x) => x === 'certification_jury_decided')).toHaveLength(1);
    const aActions = await auditActions(h, aId);
    for (const action of ['selection_reviewers_assigned', 'selection_decided', 'interview_opened', 'interview_slots_offered']) expect(aActions.filter((x) => x === action), action).toHaveLength(1);
    const toA = await outboxKinds(h, aId, `candidate:${a.candidateId}`);
    expect(toA.filter((k) => k === 'selection_decision')).toHaveLength(1);
    expect(toA.filter((k) => k === 'interview_slots_offered')).toHaveLength(1);
    expect((await outboxKinds(h, bId, `candidate:${b.candidateId}`)).filter((k) => k === 'certification_outcome')).toHaveLength(1);
    const inbox = await waitForMessages(h.stack.mailboxUrl, a.email, toA.length);
    expect(inbox).toHaveLength(toA.length);
  });
});
