// The system check on the time-skipping server: an hour's timer passes in milliseconds, and the
// activities run for real against the embedded database and the SMTP sink.
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { createDatabase, type Database } from '../../platform/database';
import { createMailer } from '../../platform/mailer';
import { workflowBundle } from '../../platform/worker';
import { systemCheck, systemCheckStatusQuery } from '../../workflows/system-check';
import { eventually } from '../support/eventually';
import { messagesTo } from '../support/mailbox';
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

/** A worker with the real activities over the test database and SMTP sink. */
async function workerOn(taskQueue: string): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({
      db,
      mailer: createMailer(stack.smtpUrl),
      clock: () => new Date(),
      config: { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'a@jalon.test', publicBaseUrl: 'http://localhost' },
    }),
  });
}

describe('systemCheck workflow', () => {
  it('records the check, waits an hour of workflow time, then mails once', async () => {
    const taskQueue = uniqueTaskQueue('system-check');
    const checkId = randomUUID();
    const recipient = `check-${checkId}@example.org`;
    await db.systemCheck.create({ data: { id: checkId, recipient, requestedBy: 'test' } });
    const worker = await workerOn(taskQueue);
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(systemCheck, {
        taskQueue,
        workflowId: `system-check:${checkId}`,
        args: [{ checkId, delaySeconds: 3600 }],
      });
      return handle.result();
    });
    expect(result).toBe('completed');
    const row = await db.systemCheck.findUniqueOrThrow({ where: { id: checkId } });
    expect(row.status).toBe('completed');
    expect(row.completedAt).not.toBeNull();
    const mail = await messagesTo(stack.mailboxUrl, recipient);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toMatch(/vérification du système/);
  });

  it('answers its status query while it waits', async () => {
    const taskQueue = uniqueTaskQueue('system-check-query');
    const checkId = randomUUID();
    await db.systemCheck.create({ data: { id: checkId, recipient: `q-${checkId}@example.org`, requestedBy: 'test' } });
    const worker = await workerOn(taskQueue);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(systemCheck, { taskQueue, workflowId: `system-check:${checkId}`, args: [{ checkId, delaySeconds: 86_400 }] });
      // Querying does not skip time: the workflow is still in its day-long timer.
      await eventually(async () => expect(await handle.query(systemCheckStatusQuery)).toBe('waiting'));
      await env.sleep('1 day');
      expect(await handle.result()).toBe('completed');
    });
  });
});
