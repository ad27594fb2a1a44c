// Temporal test environments from the project-local binaries (the SDK cannot download them here).
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import { temporalTestServerPath } from '../../platform/tools';

/** The time-skipping server, with the journey's search attributes registered (as run-app does at start). */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = temporalTestServerPath();
  const env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
  await ensureSearchAttributes(env.connection as Connection, env.namespace ?? 'default');
  return env;
}

export const uniqueTaskQueue = (name: string) => `test-${name}-${randomUUID().slice(0, 8)}`;
