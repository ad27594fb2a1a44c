// domain/ is imported by workflow code: its rules must give the same answers inside the sandbox.
import path from 'node:path';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeSkippingEnv, uniqueTaskQueue } from '../support/temporal';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => env?.teardown());

describe('domain/ inside the workflow sandbox', () => {
  it('loads the referential and applies eligibility, internship and completion rules', async () => {
    const taskQueue = uniqueTaskQueue('domain-probe');
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: path.join(import.meta.dirname, 'fixtures', 'domain-probe.ts'),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
    });
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle });
    const result = await worker.runUntil(env.client.workflow.execute('domainProbe', { taskQueue, workflowId: taskQueue }));
    expect(result).toEqual({ code: 'RNCP37332', eligibility: 'by_right', fteMonths: 4, canGoToJury: false });
  });
});
