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
 * How many journeys the worker keeps cached (WORKER_MAX_CACHED_WORKFLOWS overrides it). A cached journey
 * weighed 2.9 to 3.4 MB while workflows imported zod and the domain schemas; without them it weighs 0.3 to
 * 0.45 MB (`node --expose-gc --import tsx bench/journey-weight.ts --n 200`, then `--n 100`: RSS growth per
 * journey waiting at its first step; `--rev main` measures a revision). Budget 1 MB each (over twice the
 * measure: journeys further on carry more state) within half the heap, the rest left to activities and
 * the API: about 2,000 journeys for a 4 GB heap, where a 6 MB budget gave about 680. Journeys beyond it are replayed from their history when they wake.
 */
export const CACHED_JOURNEY_BUDGET_BYTES = 1024 * 1024;
export function defaultMaxCachedWorkflows(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.max(50, Math.floor(heapLimitBytes / 2 / CACHED_JOURNEY_BUDGET_BYTES));
}

export async function createWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Journeys kept in memory between their steps (about 0.45 MB each, measured); others are replayed when they wake. */
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
