// The upgrade rehearsal of the `one-transaction-per-transition` patch (docs/upgrading.md): journeys started
// by the build just before it (taken from git) are mid-stage when its worker stops and this build's worker
// takes over the task queue. The steps they take on this build are each one `commitTransition`; every vote,
// audit event and email is written once, and the jury deliberates on all its votes.
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../../platform/worker';
import * as journey from '../../workflows/journey-client';
import { ONE_TRANSACTION_PATCH } from '../../workflows/transition-step';
import { waitForMessages } from '../support/mailbox';
import { buildBeforePatch, bundleAt } from './fixtures/previous-build';
import { hasMarker, runsOf, schedules, WorkerSwitch, blockCandidateAtJury, rehearsal } from './fixtures/upgrade';
import {
  auditActions, createCandidate, createJury, id, juryDecides, outboxKinds, staff, start, untilAwaiting, untilEvent,
} from './journey-harness';

const { h, workers } = rehearsal('journey-upgrade-transactions');
const runWorker = (bundle: Parameters<WorkerSwitch['run']>[0], cached = true) => workers.run(bundle, cached);
const stopWorker = () => workers.stop();

describe('upgrade rehearsal: journeys recorded before one transaction per transition finish on this build', () => {
  it('takes over a selection awaiting its reviewer and a jury with one vote in, and writes every later step once', { timeout: 240_000 }, async () => {
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

    // 3. The reviewer decides and the other members vote, on this build: each step is one activity.
    await journey.recordSelectionReview(h.env.client, aId, { decisionId: id(), actor: { kind: 'juryMember', memberId: reviewer!.id }, decision: 'admissible', reasonCode: 'good_fit' });
    await untilAwaiting(h, aId, 'offer_interview_slots');
    await juryDecides(h, bId, others);
    await untilEvent(h, bId, 'follow_up_started');

    const [selection] = (await runsOf(h.env.client, aId)).filter((x) => schedules(x, 'recordJourneyTransition') && hasMarker(x, ONE_TRANSACTION_PATCH));
    expect(selection, 'the selection run went on in one transaction per step').toBeDefined();
    const juryRun = (await runsOf(h.env.client, bId)).find((x) => schedules(x, 'recordJuryDecisionRow'))!;
    expect(hasMarker(juryRun, ONE_TRANSACTION_PATCH)).toBe(true);
    expect(schedules(juryRun, 'commitTransition')).toBe(true);

    // 4. Every step once: the votes' rows, the audit trail, the emails; the deliberation counted all three votes.
    expect(await h.db.juryDecision.count({ where: { juryId: bJury.juryId } })).toBe(3);
    const closed = await h.db.jury.findUniqueOrThrow({ where: { id: bJury.juryId } });
    expect(JSON.parse(closed.deliberation!).votes).toHaveLength(3);
    const bActions = await auditActions(h, bId);
    expect(bActions.filter((x) => x === 'jury_decision')).toHaveLength(3);
    expect(bActions.filter((x) => x === 'certification_jury_decided')).toHaveLength(1);
    const aActions = await auditActions(h, aId);
    for (const action of ['selection_reviewers_assigned', 'selection_decided', 'interview_opened']) expect(aActions.filter((x) => x === action), action).toHaveLength(1);
    const toA = await outboxKinds(h, aId, `candidate:${a.candidateId}`);
    expect(toA.filter((k) => k === 'selection_decision')).toHaveLength(1);
    expect((await outboxKinds(h, bId, `candidate:${b.candidateId}`)).filter((k) => k === 'certification_outcome')).toHaveLength(1);
    const inbox = await waitForMessages(h.stack.mailboxUrl, a.email, toA.length);
    expect(inbox).toHaveLength(toA.length);
  });
});
