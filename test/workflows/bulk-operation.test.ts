// The bulkOperation workflow on the time-skipping server with the real activities: an item whose journey
// does not exist is refused in a code (not failed), the undo window lasts 24 h of workflow time and then
// closes, and an undo within it says per item what could not be undone.
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { BULK_UNDO_WINDOW_MS } from '../../domain/bulk-operations';
import { createDatabase, type Database } from '../../platform/database';
import { createMailer } from '../../platform/mailer';
import { workflowBundle } from '../../platform/worker';
import { bulkOperation } from '../../workflows/bulk-operation';
import { bulkOperationStateQuery, bulkOperationWorkflowId, undoBulkOperationUpdate, type BulkOperationInput } from '../../workflows/bulk-messages';
import { eventually } from '../support/eventually';
import { createTimeSkippingEnv, uniqueTaskQueue } from '../support/temporal';

const stack = inject('stack');
let env: TestWorkflowEnvironment;
let db: Database;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  db = createDatabase(stack.databaseUrl);
});
afterAll(async () => {
  await env?.teardown();
  await db?.$disconnect();
});

async function workerOn(taskQueue: string): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(),
    activities: createActivities({
      db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(),
      config: { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'a@jalon.test', publicBaseUrl: 'http://localhost' },
    }),
  });
}
const input = (): BulkOperationInput => {
  const candidateId = randomUUID();
  return { operationId: randomUUID().replace(/-/g, ''), params: { kind: 'resume' }, staffId: randomUUID(), items: [{ candidateId, journeyId: `journey:RNCP37332:${candidateId}` }] };
};

describe('bulkOperation workflow', () => {
  it('refuses an item whose journey is gone, then closes after 24 h of workflow time without an undo', async () => {
    const taskQueue = uniqueTaskQueue('bulk');
    const worker = await workerOn(taskQueue);
    const args = input();
    const result = await worker.runUntil(async () => {
      const started = await env.currentTimeMs();
      const handle = await env.client.workflow.start(bulkOperation, { taskQueue, workflowId: bulkOperationWorkflowId(args.operationId), args: [args] });
      const r = await handle.result();
      expect((await env.currentTimeMs()) - started).toBeGreaterThanOrEqual(BULK_UNDO_WINDOW_MS);
      return r;
    });
    expect(result).toMatchObject({ phase: 'closed', total: 1, processed: 1, items: [{ outcome: 'refused', code: 'journey_not_found' }] });
  });

  it('an undo within the window: each item says what could not be undone', async () => {
    const taskQueue = uniqueTaskQueue('bulk-undo');
    const worker = await workerOn(taskQueue);
    const args = input();
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(bulkOperation, { taskQueue, workflowId: bulkOperationWorkflowId(args.operationId), args: [args] });
      await eventually(async () => expect((await handle.query(bulkOperationStateQuery)).phase).toBe('done'), 20_000, 100);
      await expect(handle.executeUpdate(undoBulkOperationUpdate, { args: [{ staffId: args.staffId }] })).resolves.toEqual({ accepted: true });
      return handle.result();
    });
    expect(result).toMatchObject({ phase: 'undone', undoneBy: args.staffId, items: [{ outcome: 'refused', undo: 'cannot', undoCode: 'nothing_to_undo' }] });
  });
});
