// The activities of the CPF declaration deadline (workflows/cpf-declaration.ts), and its start when a
// certification jury awards: one durable workflow per award, on the worker's own task queue.
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { CpfAwardStatus } from '../../domain/index';
import type { ActivityDeps } from '../deps';
import { awardDeclarationStatus } from './awards';

export const cpfDeadlineWorkflowId = (juryId: string) => `cpf-declaration:${juryId}`;

/** What the deadline workflow is given: identifiers and a date, no personal data. */
export interface CpfDeadlineInput {
  juryId: string;
  /** The holder's journey, so the staff emails land in its record (and name the holder there, not here). */
  journeyId: string;
  awardedAtMs: number;
}

export function createCpfActivities({ db }: Pick<ActivityDeps, 'db'>) {
  return {
    async cpfDeclarationStatus(juryId: string): Promise<CpfAwardStatus> {
      return awardDeclarationStatus(db, juryId);
    },
  };
}
export type CpfActivities = ReturnType<typeof createCpfActivities>;

/**
 * Starts the award's deadline workflow from inside an activity (the closing jury's, run by the journey),
 * with the client the worker gives its activities. Idempotent: the workflow id is the award's, a retried start is a no-op.
 */
export async function startCpfDeadline(award: { juryId: string; awardedAtMs: number }): Promise<void> {
  const ctx = Context.current();
  // The calling workflow is the holder's journey: the reminders are filed under it.
  const journeyId = ctx.info.workflowExecution?.workflowId;
  if (!journeyId) throw new Error('The CPF deadline starts from the closing jury\'s activity, run by the holder\'s journey.');
  await startCpfDeadlineWorkflow(ctx.client, ctx.info.taskQueue, { ...award, journeyId });
}

/**
 * Starts one award's deadline workflow unless it exists (running or ended: an award's deadline runs once).
 * Answers whether it started it. Used by the closing jury's activity and by the staff backfill.
 */
export async function startCpfDeadlineWorkflow(client: Client, taskQueue: string, input: CpfDeadlineInput): Promise<boolean> {
  try {
    await client.workflow.start('cpfDeclarationDeadline', {
      workflowId: cpfDeadlineWorkflowId(input.juryId), taskQueue, args: [input], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}
