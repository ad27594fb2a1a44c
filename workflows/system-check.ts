// The platform's end-to-end check, started by the API: it writes to the database through an activity,
// waits on a durable timer (so a crash in between proves recovery), then sends an email.
import { proxyActivities, sleep, defineQuery, setHandler } from '@temporalio/workflow';
import type { SystemCheckActivities } from '../activities/system-check';

export interface SystemCheckInput {
  checkId: string;
  delaySeconds: number;
}

export type SystemCheckStatus = 'recording' | 'waiting' | 'mailing' | 'completed';
export const systemCheckStatusQuery = defineQuery<SystemCheckStatus>('systemCheckStatus');

const { recordSystemCheck, sendSystemCheckEmail } = proxyActivities<SystemCheckActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export async function systemCheck(input: SystemCheckInput): Promise<SystemCheckStatus> {
  let status: SystemCheckStatus = 'recording';
  setHandler(systemCheckStatusQuery, () => status);
  await recordSystemCheck(input.checkId, 'recorded');
  status = 'waiting';
  if (input.delaySeconds > 0) await sleep(input.delaySeconds * 1000);
  status = 'mailing';
  await sendSystemCheckEmail(input.checkId);
  await recordSystemCheck(input.checkId, 'completed');
  status = 'completed';
  return status;
}

export const systemCheckWorkflowId = (checkId: string) => `system-check:${checkId}`;
