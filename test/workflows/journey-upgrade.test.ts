// The upgrade rehearsal: journeys started by a worker of the previous build (v1) are mid-stage when it
// stops and a worker of this build takes over the same task queue. They must finish correctly, with one
// email per step: v1 journeys keep v1's code (no `journey-v2` marker in their history) until their next
// continue-as-new, whose new run takes this build's code (docs/upgrading.md).
import { join } from 'node:path';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { formatDateTime } from '../../activities/wording/catalogue';
import { createDatabase } from '../../platform/database';
import { workflowBundle } from '../../platform/worker';
import * as journey from '../../workflows/journey-client';
import { waitForMessages } from '../support/mailbox';
import { createTimeSkippingEnv, uniqueTaskQueue } from '../support/temporal';
import {
  DAY, answerSurvey, journeyTestActivities, candidateActor, composeJury, createCandidate, createJury, gradeBlock, id, internship, juryDecides, nowMs,
  outboxKinds, passSelection, recordInterview, resultOf, staff, start, thesis, untilAwaiting, untilEvent, admit, type JourneyHarness,
} from './journey-harness';

const h = { stack: inject('stack') } as JourneyHarness;
const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
let worker: Worker | undefined;
let running: Promise<void> | undefined;

/**
 * `cached: false` for the previous build's worker: without a cache it uses no sticky queue, so its
 * journeys' next tasks go to the shared queue at once (the time-skipping server never moves a task off a
 * stopped worker's sticky queue; a real server does after `stickyQueueScheduleToStartTimeout`).
 */
async function runWorker(bundle: Awaited<ReturnType<typeof workflowBundle>>, cached = true) {
  worker = await Worker.create({
    ...(cached ? {} : { maxCachedWorkflows: 0 }),
    connection: h.env.nativeConnection,
    taskQueue: h.taskQueue,
    workflowBundle: bundle,
    activities: journeyTestActivities(h),
  });
  running = worker.run();
}
async function stopWorker() {
  worker?.shutdown();
  await running;
}

beforeAll(async () => {
  h.env = await createTimeSkippingEnv();
  h.db = createDatabase(h.stack.databaseUrl, 1);
  h.taskQueue = uniqueTaskQueue('journey-upgrade');
});
afterAll(async () => {
  await stopWorker();
  await h.env?.teardown();
  await h.db?.$disconnect();
});

/** Whether a run's history carries the v2 marker (the run took this build's code). */
async function runsV2(journeyId: string, runId?: string) {
  const history = await h.env.client.workflow.getHandle(journeyId, runId).fetchHistory();
  const markers = (history.events ?? []).flatMap((e) => Object.values(e.markerRecordedEventAttributes?.details ?? {}));
  return markers.some((p) => (p.payloads ?? []).some((x) => Buffer.from(x.data ?? []).toString().includes('journey-v2')));
}

describe('upgrade rehearsal: v1 journeys in flight finish on this build', () => {
  it('takes over a journey at the slot choice and one at the certification jury', { timeout: 240_000 }, async () => {
    // 1. The previous build runs: one journey waits for its certification jury, one for the candidate's slot choice.
    await runWorker(await bundleWorkflowCode({ workflowsPath: join(import.meta.dirname, 'fixtures', 'v1-workflows.ts'), logger: quiet }), false);
    const b = await createCandidate(h, { enrolledBlocks: ['BC03'] });
    const bId = await start(h, b.input);
    await admit(h, bId, b.candidateId);
    await untilEvent(h, bId, 'training_started');
    await gradeBlock(h, bId, b.candidateId, 'BC03', 15);
    const bJury = await composeJury(h, bId, b.candidateId);
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
