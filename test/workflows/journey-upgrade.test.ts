// The upgrade rehearsals: journeys started by a worker of an earlier build are mid-stage when it stops and a
// worker of this build takes over the same task queue. They must finish correctly, with one email per step.
// - v1 (the frozen code in workflows/v1/): v1 journeys keep v1's code (no `journey-v2` marker in their
//   history) until their next continue-as-new, whose new run takes this build's code.
// - the previous version (v2, extracted from git: fixtures/previous-build.ts): journeys at the interview when
//   the worker changes finish the interview on the replayed v2 run, then reach admission on this build,
//   where the quota reserve (D2, `quota-reserve` patch) applies (docs/upgrading.md).
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../activities/wording/catalogue';
import { workflowBundle } from '../../platform/worker';
import * as journey from '../../workflows/journey-client';
import { waitForMessages } from '../support/mailbox';
import { previousBuildBundle } from './fixtures/previous-build';
import { hasMarker, runsOf as runsOfJourney, schedules, WorkerSwitch, blockCandidateAtJury, rehearsal } from './fixtures/upgrade';
import {
  DAY, answerSurvey, candidateActor, composeJury, createCandidate, createJury, gradeBlock, id, internship, juryDecides, nowMs,
  outboxKinds, passSelection, recordInterview, resultOf, staff, start, thesis, until, untilAwaiting, untilEvent, createCohort, holdInterview,
  DEROGATION_B_PROFILE,
} from './journey-harness';

const { h, workers } = rehearsal('journey-upgrade');
const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
const runWorker = (bundle: Parameters<WorkerSwitch['run']>[0], cached = true) => workers.run(bundle, cached);
const stopWorker = () => workers.stop();

/** Whether a run's history carries the v2 marker (the run took this build's code). */
async function runsV2(journeyId: string, runId?: string) {
  return hasMarker(await h.env.client.workflow.getHandle(journeyId, runId).fetchHistory(), 'journey-v2');
}
const runsOf = (journeyId: string) => runsOfJourney(h.env.client, journeyId);

describe('upgrade rehearsal: v1 journeys in flight finish on this build', () => {
  it('takes over a journey at the slot choice and one at the certification jury', { timeout: 240_000 }, async () => {
    // 1. The previous build runs: one journey waits for its certification jury, one for the candidate's slot choice.
    await runWorker(await bundleWorkflowCode({ workflowsPath: join(import.meta.dirname, 'fixtures', 'v1-workflows.ts'), logger: quiet }), false);
    const { candidate: b, journeyId: bId, jury: bJury } = await blockCandidateAtJury(h);
    const a = await createCandidate(h);
    const aId = await start(h, a.input);
    await passSelection(h, aId, a.candidateId);
    await untilAwaiting(h, aId, 'offer_interview_slots');
    const { members: [interviewer] } = await createJury(h, a.candidateId, 'interview');
    const now = await nowMs(h);
    await journey.offerInterviewSlots(h.env.client, aId, { decisionId: id(), actor: staff, slots: [{ slotId: 'slot-a', startsAtMs: now + 4 * DAY }], juryMemberIds: [interviewer!.id] });
    await untilAwaiting(h, aId, 'interview_slot_choice');

    expect(await runsV2(aId)).toBe(false);
    expect(await runsV2(bId)).toBe(false);

    // 2. The deploy: the v1 worker stops, this build's worker takes the queue (nothing cached: it replays).
    await stopWorker();
    await runWorker(await workflowBundle());

    // 3. Both go on, on v1's code, to the award; the follow-up continues as new, on this build.
    await juryDecides(h, bId, bJury.members.map((m) => m.id), 'award');
    await untilEvent(h, bId, 'follow_up_started');
    await journey.chooseInterviewSlot(h.env.client, aId, { decisionId: id(), actor: candidateActor, slotId: 'slot-a' });
    await untilEvent(h, aId, 'interview_slot_chosen');
    await h.env.sleep(4 * DAY + 3_600_000);
    await untilAwaiting(h, aId, 'interview_outcome');
    await recordInterview(h, aId, interviewer!.id, 'admitted');
    await untilEvent(h, aId, 'training_started');
    for (const code of ['BC01', 'BC02', 'BC03', 'BC04']) await gradeBlock(h, aId, a.candidateId, code, 14);
    await internship(h, aId, a.candidateId, '2026-01-05', '2026-06-05');
    await thesis(h, aId, 15);
    const aJury = await composeJury(h, aId, a.candidateId);
    await juryDecides(h, aId, aJury.members.map((m) => m.id), 'award');
    await untilEvent(h, aId, 'follow_up_started');
    expect(await runsV2(aId, (await h.env.client.workflow.getHandle(aId).describe()).raw.workflowExecutionInfo?.firstRunId ?? undefined)).toBe(false);

    for (const wave of [6, 24]) {
      await answerSurvey(h, bId, wave);
      await answerSurvey(h, aId, wave);
    }
    expect(await resultOf(h, aId)).toEqual({ outcome: 'certified' });
    expect(await resultOf(h, bId)).toEqual({ outcome: 'blocks_awarded' });
    // The last follow-up runs were started by this build.
    expect(await runsV2(aId)).toBe(true);
    expect(await runsV2(bId)).toBe(true);

    // 4. One email per step, each delivered once.
    const toA = await outboxKinds(h, aId, `candidate:${a.candidateId}`);
    for (const kind of ['interview_slots_offered', 'interview_confirmed', 'admission_decision', 'thesis_result', 'certification_outcome']) {
      expect(toA.filter((k) => k === kind), kind).toHaveLength(1);
    }
    expect(toA.filter((k) => k === 'follow_up_survey_request')).toHaveLength(2);
    expect(toA.filter((k) => k === 'block_result')).toHaveLength(4);
    const toB = await outboxKinds(h, bId, `candidate:${b.candidateId}`);
    expect(toB.filter((k) => k === 'certification_outcome')).toHaveLength(1);
    expect(toB.filter((k) => k === 'follow_up_survey_request')).toHaveLength(2);
    const inbox = await waitForMessages(h.stack.mailboxUrl, a.email, toA.length);
    expect(inbox).toHaveLength(toA.length);
    // The v1 interview offer, sent before the deploy, already carried the slot times (D1, replay-safe data:
    // the slot's facts in the data, its time in words in the email the candidate reads).
    const offer = await h.db.outboxEmail.findFirstOrThrow({ where: { journeyId: aId, kind: 'interview_slots_offered' } });
    const payload = offer.payload as { data: { slots: { slotId: string; startsAtMs: number }[] }; text: string };
    expect(payload.data.slots).toEqual([expect.objectContaining({ slotId: 'slot-a', startsAtMs: now + 4 * DAY })]);
    expect(payload.text).toContain(formatDateTime(now + 4 * DAY, 'fr'));
  });
});

describe('upgrade rehearsal: journeys of the previous version at the interview reach admission on this build', () => {
  it('takes a derogation candidate through the interview into the quota reserve, then a by-right admission opens the place', { timeout: 240_000 }, async () => {
    // 1. The previous build (v2, from git) runs. A cohort of two by-right admitted (rows): one derogation (b)
    //    more would be 1 of 3 (33 % > 30 %). A (b) candidate waits for the slot choice, a by-right one for
    //    the interview outcome.
    await stopWorker();
    const previous = await previousBuildBundle();
    expect(previous.version).toBe('v2');
    await runWorker(previous.bundle, false);
    const cohort = await createCohort(h);
    for (let i = 0; i < 2; i++) {
      const c = await createCandidate(h, { cohortId: cohort.id });
      await h.db.admission.create({ data: { candidateId: c.candidateId, cohortId: cohort.id, category: 'by_right', countedInQuota: false } });
    }
    const r = await createCandidate(h, { cohortId: cohort.id, profile: DEROGATION_B_PROFILE });
    const rId = await start(h, r.input);
    await passSelection(h, rId, r.candidateId);
    await untilAwaiting(h, rId, 'offer_interview_slots');
    const { members: [interviewer] } = await createJury(h, r.candidateId, 'interview');
    // Ten days ahead: the by-right candidate's interview (four days ahead) is held first.
    const slotAt = (await nowMs(h)) + 10 * DAY;
    await journey.offerInterviewSlots(h.env.client, rId, { decisionId: id(), actor: staff, slots: [{ slotId: 'slot-a', startsAtMs: slotAt }], juryMemberIds: [interviewer!.id] });
    await untilAwaiting(h, rId, 'interview_slot_choice');
    const b = await createCandidate(h, { cohortId: cohort.id });
    const bId = await start(h, b.input);
    await passSelection(h, bId, b.candidateId);
    const bInterviewer = await holdInterview(h, bId, b.candidateId);

    // 2. The deploy: this build's worker takes the queue (nothing cached: it replays the v2 runs).
    await stopWorker();
    await runWorker(await workflowBundle());

    // 3. The (b) candidate finishes the interview on the v2 run and enters the reserve on this build.
    await journey.chooseInterviewSlot(h.env.client, rId, { decisionId: id(), actor: candidateActor, slotId: 'slot-a' });
    await untilEvent(h, rId, 'interview_slot_chosen');
    await until(h, bId, (s) => s.awaiting.some((a) => a.what === 'interview_outcome'), 'by-right interview outcome awaited');
    await h.env.sleep(slotAt - (await nowMs(h)) + 3_600_000);
    await untilAwaiting(h, rId, 'interview_outcome');
    await recordInterview(h, rId, interviewer!.id, 'admitted');
    await until(h, rId, (s) => s.stage === 'awaiting_quota', 'on the quota reserve');
    // 4. The by-right candidate's admission (this build) opens the place: the (b) candidate is admitted.
    await recordInterview(h, bId, bInterviewer.id, 'admitted');
    await until(h, bId, (s) => s.stage === 'training', 'by-right admitted');
    await until(h, rId, (s) => s.stage === 'training', 'admitted from the reserve');

    // The runs started by v2 (through the interview) carry no quota-reserve marker; the admission run does.
    const runs = await runsOf(rId);
    const admission = runs.findIndex((x) => schedules(x, 'admitCandidate'));
    expect(admission).toBeGreaterThan(0);
    expect(runs.slice(0, admission).some((x) => hasMarker(x, 'quota-reserve'))).toBe(false);
    expect(runs.slice(0, admission).every((x) => hasMarker(x, 'journey-v2'))).toBe(true);
    expect(hasMarker(runs[admission]!, 'quota-reserve')).toBe(true);

    // 5. One email per step, each delivered once.
    // (The slot offer was reminded once while the by-right interview took four days: a step of its own.)
    const toR = await outboxKinds(h, rId, `candidate:${r.candidateId}`);
    for (const kind of ['selection_decision', 'interview_confirmed', 'quota_reserve_entered', 'admission_decision']) {
      expect(toR.filter((k) => k === kind), kind).toHaveLength(1);
    }
    const offers = await h.db.outboxEmail.findMany({ where: { journeyId: rId, kind: 'interview_slots_offered' } });
    expect(offers.map((o) => (o.payload as { data: { reminder?: boolean } }).data.reminder ?? false).sort()).toEqual([false, true]);
    const inbox = await waitForMessages(h.stack.mailboxUrl, r.email, toR.length);
    expect(inbox).toHaveLength(toR.length);
    expect(inbox.find((m) => m.subject.includes('admis·e'))!.text).toContain('Une place ouverte aux admissions par dérogation s’est libérée');
  });
});
