// The read model learns what a journey waits for, and by when, as soon as a wait plans it: the overdue
// screen, the dashboards, the workload calendar and the JalonNextDueAt search attribute read it. Before,
// the plan reached them only at the journey's next step, so a late journey did not show as late.
import { describe, expect, it } from 'vitest';
import * as journey from '../../workflows/journey-client';
import { DAY, createCandidate, createJury, id, nowMs, staff, start, untilAwaiting, useJourneyHarness } from './journey-harness';

const h = useJourneyHarness('journey-read-model');

describe('the read model of a waiting journey', () => {
  it('shows the selection review awaited from the reviewer, due ten days after the assignment, with no step since', { timeout: 90_000 }, async () => {
    const c = await createCandidate(h);
    const journeyId = await start(h, c.input);
    await untilAwaiting(h, journeyId, 'assign_selection_reviewers');
    const { members } = await createJury(h, c.candidateId, 'selection');
    const assignedAt = await nowMs(h);
    await journey.assignSelectionReviewers(h.env.client, journeyId, { decisionId: id(), actor: staff, memberIds: [members[0]!.id] });
    const deadline = Date.now() + 30_000;
    let view;
    for (;;) {
      view = await h.db.journeyView.findUniqueOrThrow({ where: { journeyId } });
      const awaited = view.awaiting as { what: string; dueAtMs?: number; who: { ref?: string } }[];
      if (awaited.some((a) => a.what === 'selection_review')) break;
      if (Date.now() > deadline) throw new Error(`the read model never showed the review awaited: ${JSON.stringify(view.awaiting)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const review = (view.awaiting as { what: string; dueAtMs: number; who: { ref?: string } }[]).find((a) => a.what === 'selection_review')!;
    expect(review.who.ref).toBe(members[0]!.id);
    expect(Math.abs(review.dueAtMs - (assignedAt + 10 * DAY))).toBeLessThan(60_000);
    expect(view.nextDueAt?.getTime()).toBe(review.dueAtMs);
    // Nothing was recorded as a step for it: the timeline's last event is still the assignment.
    const last = await h.db.auditEvent.findFirstOrThrow({ where: { journeyId }, orderBy: { at: 'desc' } });
    expect(last.action).toBe('selection_reviewers_assigned');
  });
});
