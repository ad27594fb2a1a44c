// The daily Schedule of the retention policy (one per task queue), created or brought up to date with the
// configuration when the app starts. Runs at 03:00 Paris time; a run still going when the next is due is
// not doubled (overlap SKIP).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { RetentionInput } from './retention';

export const RETENTION_WORKFLOW_TYPE = 'retentionRun';
export const retentionScheduleId = (taskQueue: string) => `retention:${taskQueue}`;

export async function ensureRetentionSchedule(client: Client, taskQueue: string, input: RetentionInput): Promise<string> {
  const scheduleId = retentionScheduleId(taskQueue);
  const options = {
    spec: { calendars: [{ hour: 3, minute: 0 }], timezone: 'Europe/Paris' },
    action: { type: 'startWorkflow' as const, workflowType: RETENTION_WORKFLOW_TYPE, taskQueue, args: [input], workflowId: `retention-run:${taskQueue}` },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  };
  try {
    await client.schedule.create({ scheduleId, ...options });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    // Already there: the configuration (years, dry run) may have changed since.
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, ...options }));
  }
  return scheduleId;
}
