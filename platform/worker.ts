// Builds the Temporal worker: the bundled workflow code plus the activities over their clients.
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { validateReferentials } from '../domain/schemas/referential';
import { projectRoot } from './tools';

export const workflowsPath = path.join(projectRoot, 'workflows', 'index.ts');

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundled once per process: webpack over workflows/ takes about a second. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
  return bundle;
}

const quietBundlerLogger = {
  log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined,
  warn: (message: string) => console.warn(message), error: (message: string) => console.error(message),
};

/**
 * The SDK sizes its workflow cache for small workflows (about 2,300 here for a 4 GB heap); a journey takes
 * about 3 MB in the cache (measured by the benchmark), so that default ran the workflow thread out of heap
 * with 5,000 open journeys. Half the heap at 6 MB each leaves room for a bad day.
 */
export function defaultMaxCachedWorkflows(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.max(50, Math.floor(heapLimitBytes / (6 * 1024 * 1024)));
}

export async function createWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Journeys kept in memory between their steps (about 3 MB each, measured); others are replayed when they wake. */
  maxCachedWorkflows?: number;
}): Promise<Worker> {
  const maxCachedWorkflows = options.maxCachedWorkflows ?? defaultMaxCachedWorkflows();
  // Workflows read the referentials as plain data, without zod: check them here, before any journey does.
  validateReferentials();
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities(options.deps),
    maxCachedWorkflows,
  });
}
