// Journeys started on this code only queue their emails (patch `outbox-dispatcher`): their history holds
// the marker and no `deliverEmail`, the dispatcher delivers each email once, and the history replays
// against this code. Histories made before the patch (test/replay/histories/*) still schedule
// `deliverEmail` and replay too (test/replay/replay.test.ts).
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../../platform/worker';
import { OUTBOX_DISPATCHER_PATCH } from '../../workflows/support';
import { waitForMessages } from '../support/mailbox';
import { admit, createCandidate, start, untilEvent, useJourneyHarness } from './journey-harness';

const h = useJourneyHarness('journey-outbox');

describe('a journey on the outbox dispatcher', () => {
  it('queues without delivering; each email reaches the mailbox once; its history replays', { timeout: 120_000 }, async () => {
    const c = await createCandidate(h);
    const journeyId = await start(h, c.input);
    await admit(h, journeyId, c.candidateId);
    await untilEvent(h, journeyId, 'admitted');

    // This run and the ones before it (a continue-as-new per stage).
    const handle = h.env.client.workflow.getHandle(journeyId);
    const firstRunId = (await handle.describe()).raw.workflowExecutionInfo?.firstRunId ?? undefined;
    const histories = [];
    for (let runId = firstRunId; runId;) {
      const history = await h.env.client.workflow.getHandle(journeyId, runId).fetchHistory();
      histories.push(history);
      runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }
    const events = histories.flatMap((history) => history.events ?? []);
    const activities = events.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
    // A patch marker's details hold its id in a payload (the key name is the SDK core's business).
    const markers = events.flatMap((e) => Object.values(e.markerRecordedEventAttributes?.details ?? {}))
      .flatMap((p) => p.payloads ?? []).map((p) => Buffer.from(p.data ?? new Uint8Array()).toString());
    expect(activities).toContain('queueEmail');
    expect(activities).not.toContain('deliverEmail');
    expect(markers.some((m) => m.includes(OUTBOX_DISPATCHER_PATCH))).toBe(true);

    const rows = await h.db.outboxEmail.findMany({ where: { journeyId, recipient: c.email } });
    expect(rows.length).toBeGreaterThan(1);
    const inbox = await waitForMessages(h.stack.mailboxUrl, c.email, rows.length);
    expect(inbox.map((m) => m.messageId).sort()).toEqual(rows.map((r) => `<outbox-${r.id}@jalon>`).sort());
    // The delay delivery adds, queued in the worker's process (woken at once, no poll): said, not asserted.
    const waits = rows.map((r) => Number(inbox.find((m) => m.messageId === `<outbox-${r.id}@jalon>`)!.id.split('-')[0]) - r.createdAt.getTime()).sort((x, y) => x - y);
    console.log(`[dispatcher] in the worker's process: queued → received by the sink, median ${waits[Math.floor(waits.length / 2)]} ms over ${waits.length} emails (${waits.join(', ')} ms)`);

    const bundle = await workflowBundle();
    for (const history of histories) await Worker.runReplayHistory({ workflowBundle: bundle, replayName: 'journey-outbox' }, history, journeyId);
  });
});
