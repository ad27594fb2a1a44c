// Temporal test environments from the project-local binaries (the SDK cannot download them here).
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalTestServerPath } from '../../platform/tools';

export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = temporalTestServerPath();
  return TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
}

export const uniqueTaskQueue = (name: string) => `test-${name}-${randomUUID().slice(0, 8)}`;
