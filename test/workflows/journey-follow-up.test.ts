// Withdrawal at the last stage: a certified person leaves the follow-up; the award stands, no survey follows.
import { describe, expect, it } from 'vitest';
import * as journey from '../../workflows/journey-client';
import { atCertificationJury, candidateActor, id, juryDecides, outboxKinds, resultOf, untilEvent, useJourneyHarness } from './journey-harness';

const h = useJourneyHarness('journey-follow-up');

describe('candidateJourney, follow-up', () => {
  async function certified() {
    const { c, journeyId, firstRunId, jury } = await atCertificationJury(h);
    await juryDecides(h, journeyId, jury.members.map((m) => m.id), 'award');
    await untilEvent(h, journeyId, 'follow_up_started');
    return { c, journeyId, firstRunId };
  }

  async function withdrawAndCheck(c: Awaited<ReturnType<typeof certified>>['c'], journeyId: string) {
    const receipt = await journey.withdrawJourney(h.env.client, journeyId, { decisionId: id(), actor: candidateActor, reasonCode: 'no_more_surveys' });
    expect(receipt.decisionId).toBeTruthy();
    expect(await resultOf(h, journeyId)).toEqual({ outcome: 'certified', reasonCode: 'follow_up_withdrawn' });
    const view = await h.db.journeyView.findUniqueOrThrow({ where: { journeyId } });
    expect(view.status).toBe('ended:certified');
    expect(await outboxKinds(h, journeyId, `candidate:${c.candidateId}`)).not.toContain('follow_up_survey_request');
    // The admission stays: withdrawing from the surveys is not leaving the programme.
    expect(await h.db.admission.findUnique({ where: { candidateId: c.candidateId } })).toMatchObject({ withdrawnAt: null });
  }

  it('lets a certified person withdraw from the follow-up right at the award, keeping the award', { timeout: 120_000 }, async () => {
    const { c, journeyId } = await certified();
    await withdrawAndCheck(c, journeyId);
  });

  it('lets a certified person withdraw while the follow-up waits for its first survey (next run)', { timeout: 120_000 }, async () => {
    const { c, journeyId, firstRunId } = await certified();
    // The follow-up continues as a new run: wait for it, so the withdrawal reaches the waiting run.
    for (let i = 0; i < 200 && (await h.env.client.workflow.getHandle(journeyId).describe()).runId === firstRunId; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await h.env.client.workflow.getHandle(journeyId).describe()).runId).not.toBe(firstRunId);
    await withdrawAndCheck(c, journeyId);
  });
});
