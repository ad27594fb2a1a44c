// Temporal's side of personal data, on the dev server: the namespace keeps closed histories for the
// configured retention (set at creation, brought back to it on an existing namespace), and the retention
// policy's daily Schedule exists with its spec and arguments, and starts a real run when triggered.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../../platform/database';
import { createMailer } from '../../platform/mailer';
import { ensureNamespace } from '../../platform/temporal';
import { createWorker } from '../../platform/worker';
import { ensureRetentionSchedule } from '../../workflows/retention-schedule';
import { eventually } from '../support/eventually';
import { uniqueTaskQueue } from '../support/temporal';

const stack = inject('stack');
let client: Client;
let db: Database;
beforeAll(async () => {
  client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  db = createDatabase(stack.databaseUrl);
});
afterAll(async () => {
  await client?.connection.close();
  await db?.$disconnect();
});

const retentionSeconds = async (namespace: string) =>
  Number((await client.connection.workflowService.describeNamespace({ namespace })).config?.workflowExecutionRetentionTtl?.seconds ?? 0);

describe('Temporal settings for personal data', () => {
  it('sets the namespace\'s retention of closed histories, and brings an existing namespace back to it', async () => {
    const namespace = `privacy-${randomUUID().slice(0, 8)}`;
    expect(await ensureNamespace(client, namespace, 7)).toBe('created');
    expect(await retentionSeconds(namespace)).toBe(7 * 86_400);
    expect(await ensureNamespace(client, namespace, 30)).toBe('retention updated');
    expect(await retentionSeconds(namespace)).toBe(30 * 86_400);
    expect(await ensureNamespace(client, namespace, 30)).toBe('exists');
  });

  it('creates the daily retention Schedule (03:00 Paris), updates it with the configuration, and a triggered run reports', { timeout: 120_000 }, async () => {
    const taskQueue = uniqueTaskQueue('retention-schedule');
    const scheduleId = await ensureRetentionSchedule(client, taskQueue, { years: 2, dryRun: true });
    expect(await ensureRetentionSchedule(client, taskQueue, { years: 3, dryRun: true })).toBe(scheduleId);
    const handle = client.schedule.getHandle(scheduleId);
    const described = await handle.describe();
    expect(described.spec.timezone).toBe('Europe/Paris');
    expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] });
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'retentionRun', taskQueue, args: [{ years: 3, dryRun: true }] });

    const worker = await createWorker({
      connection: await NativeConnection.connect({ address: stack.temporalAddress }), namespace: 'default', taskQueue,
      deps: { db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config: { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl: 'http://localhost' } },
    });
    const running = worker.run();
    try {
      await handle.trigger();
      const run = await eventually(async () => {
        const recent = (await handle.describe()).info.recentActions;
        expect(recent.length).toBe(1);
        return recent[0]!.action.workflow;
      }, 30_000, 200);
      const outcome = await client.workflow.getHandle(run.workflowId, run.firstExecutionRunId).result();
      expect(outcome.dryRun).toBe(true);
      const report = await db.retentionReport.findUniqueOrThrow({ where: { id: outcome.reportId } });
      expect([report.status, report.years, report.runKey]).toEqual(['completed', 3, run.workflowId]);
    } finally {
      await handle.delete();
      worker.shutdown();
      await running;
    }
  });
});
