// Starts the jury digests' workflow once per task queue (the app does at start; starting it again while it
// runs changes nothing).
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { DEFAULT_JURY_DIGESTS, JURY_DIGESTS_WORKFLOW_ID, type JuryDigestsInput } from './digest';

export async function ensureJuryDigests(client: Client, taskQueue: string, input: Partial<JuryDigestsInput> = {}, workflowId = `${JURY_DIGESTS_WORKFLOW_ID}:${taskQueue}`): Promise<string> {
  try {
    await client.workflow.start('juryDigests', {
      taskQueue, workflowId, args: [{ ...DEFAULT_JURY_DIGESTS, ...input }], workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return workflowId;
}
