// Before a person is erased, their running journeys end through the journey's own withdrawal (the place is
// released, the reserve looks again, the award of a holder in follow-up stands), and are awaited: no
// workflow goes on writing about someone who is no longer there.
import type { Client } from '@temporalio/client';
import { JourneyRefusal, withdrawJourney } from '../workflows/journey-client';
import type { Actor } from '../workflows/messages';
import type { Database } from '../platform/database';

export const ERASURE_REASON_CODE = 'personal_data_erased';
const END_WAIT_MS = 60_000;

export class JourneyStillRunning extends Error {
  override name = 'JourneyStillRunning';
}

/** Withdraws each running journey of the candidate and waits for it to close; answers their ids. */
export async function endRunningJourneys(db: Database, client: Client, candidateId: string, actor: Actor): Promise<string[]> {
  const views = await db.journeyView.findMany({ where: { candidateId, NOT: { status: { startsWith: 'ended' } } }, select: { journeyId: true } });
  const ended: string[] = [];
  for (const { journeyId } of views) {
    const handle = client.workflow.getHandle(journeyId);
    const running = await handle.describe().then((d) => d.status.name === 'RUNNING', () => false);
    if (!running) continue;
    try {
      await withdrawJourney(client, journeyId, { decisionId: `erasure:${candidateId}`, actor, reasonCode: ERASURE_REASON_CODE });
    } catch (error) {
      // Ended between the look and the withdrawal: nothing to end.
      if (!(error instanceof JourneyRefusal && (error.type === 'JourneyEnded' || error.type === 'JourneyNotFound'))) throw error;
    }
    await waitClosed(client, journeyId);
    ended.push(journeyId);
  }
  return ended;
}

/** Follows continue-as-new to the run that closes the journey. */
async function waitClosed(client: Client, journeyId: string): Promise<void> {
  const deadline = Date.now() + END_WAIT_MS;
  while (Date.now() < deadline) {
    const status = (await client.workflow.getHandle(journeyId).describe()).status.name;
    if (status !== 'RUNNING') return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new JourneyStillRunning(`The journey ${journeyId} was asked to end but still runs after ${END_WAIT_MS / 1000} s; retry the erasure in a minute.`);
}
