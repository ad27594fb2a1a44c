// The bare-Temporal baseline of the benchmark: N workflows, each waiting for `decisions` updates behind
// timers, started and driven by the bare SDK client on the same server, with no database, email or API.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { baselineDecision, baselineJourney } from './baseline-workflow';
import { latencySummary, runPool } from './stats';

export interface BaselineResult {
  n: number;
  decisionsPerJourney: number;
  startSeconds: number;
  startsPerSecond: number;
  decisionSeconds: number;
  decisionsPerSecond: number;
  latencyMs: ReturnType<typeof latencySummary>;
}

export async function runBaseline(options: {
  address: string;
  n: number;
  decisionsPerJourney: number;
  concurrency: number;
  progress: (msg: string) => void;
}): Promise<BaselineResult> {
  const taskQueue = `bench-baseline-${Date.now()}`;
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: path.join(path.dirname(fileURLToPath(import.meta.url)), 'baseline-workflow.ts'),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
  });
  const worker = await Worker.create({ connection: await NativeConnection.connect({ address: options.address }), taskQueue, workflowBundle });
  const client = new Client({ connection: await Connection.connect({ address: options.address }) });
  const ids = Array.from({ length: options.n }, (_, i) => `${taskQueue}-${i}`);
  try {
    return await worker.runUntil(async () => {
      const startedAt = performance.now();
      await runPool(ids, options.concurrency, async (workflowId) => {
        await client.workflow.start(baselineJourney, { taskQueue, workflowId, args: [options.decisionsPerJourney] });
      });
      const startSeconds = (performance.now() - startedAt) / 1000;
      options.progress(`baseline: ${options.n} workflows started in ${startSeconds.toFixed(1)} s`);
      const decisions = ids.flatMap((id) => Array.from({ length: options.decisionsPerJourney }, (_, k) => ({ id, k })));
      const decidedAt = performance.now();
      const latencies = await runPool(decisions, options.concurrency, async ({ id, k }) => {
        await client.workflow.getHandle(id).executeUpdate(baselineDecision, { args: [`d${k}`], updateId: `d${k}` });
      });
      const decisionSeconds = (performance.now() - decidedAt) / 1000;
      options.progress(`baseline: ${decisions.length} updates in ${decisionSeconds.toFixed(1)} s`);
      await runPool(ids, options.concurrency, async (id) => void (await client.workflow.getHandle(id).result()));
      return {
        n: options.n,
        decisionsPerJourney: options.decisionsPerJourney,
        startSeconds,
        startsPerSecond: options.n / startSeconds,
        decisionSeconds,
        decisionsPerSecond: decisions.length / decisionSeconds,
        latencyMs: latencySummary(latencies),
      };
    });
  } finally {
    await client.connection.close();
  }
}
