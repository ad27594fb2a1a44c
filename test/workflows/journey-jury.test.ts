// The certification jury: a member may change their mind while the jury is open; both decisions stay
// in the record; once every member has decided, the decision is final.
import { describe, expect, it } from 'vitest';
import * as journey from '../../workflows/journey-client';
import { atCertificationJury, id, member, untilEvent, useJourneyHarness } from './journey-harness';

const h = useJourneyHarness('journey-jury');

describe('candidateJourney, certification jury', () => {
  it('takes a member\'s changed decision while the jury is open, keeps both, and closes on the last one', { timeout: 120_000 }, async () => {
    const { journeyId, jury } = await atCertificationJury(h, 11);
    const [first, second, third] = jury.members.map((m) => m.id) as [string, string, string];

    const decide = (memberId: string, decision: 'award' | 'not_award') =>
      journey.recordJuryDecision(h.env.client, journeyId, { decisionId: id(), actor: member(memberId), memberId, decision });
    await decide(first, 'not_award');
    await decide(first, 'award'); // changes their mind: the jury is still open
    await decide(second, 'award');
    await decide(third, 'award');
    await untilEvent(h, journeyId, 'follow_up_started');

    const row = await h.db.jury.findUniqueOrThrow({ where: { id: jury.juryId } });
    expect(row.outcome).toBe('awarded');
    const firstDecisions = await h.db.juryDecision.findMany({ where: { juryId: jury.juryId, memberId: first }, orderBy: { decidedAt: 'asc' } });
    expect(firstDecisions.map((d) => [d.decision, d.supersededAt !== null])).toEqual([['not_award', true], ['award', false]]);

    const late = await decide(first, 'not_award').catch((e: unknown) => e);
    expect(late).toBeInstanceOf(journey.JourneyRefusal);
    expect((late as journey.JourneyRefusal).type).toBe('WrongStage');
  });
});
