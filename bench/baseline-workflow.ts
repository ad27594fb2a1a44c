// The baseline: bare Temporal doing what a journey does up to the interview — wait for the same number
// of human decisions (updates), each behind a timer — with no database, email or API around it.
import { condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';

export const baselineDecision = defineUpdate<number, [string]>('baselineDecision');
export const baselineReceived = defineQuery<number>('baselineReceived');

export async function baselineJourney(expectedDecisions: number): Promise<number> {
  const seen = new Set<string>();
  setHandler(baselineDecision, (decisionId) => {
    seen.add(decisionId);
    return seen.size;
  });
  setHandler(baselineReceived, () => seen.size);
  for (let i = 1; i <= expectedDecisions; i++) {
    // A timer per awaited decision, as the journey's reminder ladder sets one.
    while (!(await condition(() => seen.size >= i, '1 day'))) {
      // a reminder would go here
    }
  }
  return seen.size;
}
