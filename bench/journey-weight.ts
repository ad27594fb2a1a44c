// `node --import tsx bench/journey-weight.ts [--n 200] [--rev <git rev>]`: the memory one cached journey
// takes in the worker. Starts N journeys on the time-skipping server with a worker that runs no activities:
// each journey takes its first workflow task (the whole bundle evaluated in its context), schedules its
// first activity and stays in the worker's cache, waiting. Reports the process RSS growth per journey.
// --rev bundles the workflows as committed at that revision (extracted with git archive), for a before/after.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { projectRoot, temporalTestServerPath } from '../platform/tools';
import { workflowsPath } from '../platform/worker';
import type { JourneyArgs } from '../workflows/messages';

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : undefined; };
const n = Number(arg('n') ?? 200);
const rev = arg('rev');
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };

function workflowsAt(revision: string): string {
  const dir = join(projectRoot, '.data', 'weight-build', revision.replace(/\W/g, '_'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-x', '-C', dir], { input: execFileSync('git', ['archive', revision, 'workflows', 'domain', 'activities'], { cwd: projectRoot, maxBuffer: 64 << 20 }) });
  return join(dir, 'workflows', 'index.ts');
}

const settle = async () => { for (let i = 0; i < 3; i++) { globalThis.gc?.(); await new Promise((r) => setTimeout(r, 1000)); } };

const path = temporalTestServerPath();
const env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
const taskQueue = `weight-${Date.now()}`;
const workflowBundle = await bundleWorkflowCode({ workflowsPath: rev ? workflowsAt(rev) : workflowsPath, logger: quiet });
// No activities: journeys wait at their first activity, cached. The cache holds all N.
const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, maxCachedWorkflows: n + 10 });
const result = await worker.runUntil(async () => {
  const start = (i: number) => env.client.workflow.start('candidateJourney', {
    taskQueue, workflowId: `${taskQueue}-${i}`,
    args: [{ input: { referentialCode: 'RNCP37332', candidateId: `cand-${i}`, cohortId: 'cohort-1', route: 'student' } } satisfies JourneyArgs],
  });
  // A few first, so the bundle's shared cost (the worker thread, the bundle source) is out of the figure.
  for (let i = 0; i < 5; i++) await start(i);
  await settle();
  const before = process.memoryUsage().rss;
  for (let i = 5; i < n + 5; i++) await start(i);
  // Wait until every journey has run its first task (a completed workflow task in its history).
  for (let i = 5; i < n + 5; i++) {
    const handle = env.client.workflow.getHandle(`${taskQueue}-${i}`);
    for (;;) {
      const events = (await handle.fetchHistory()).events ?? [];
      if (events.some((e) => e.workflowTaskCompletedEventAttributes)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await settle();
  const after = process.memoryUsage().rss;
  return { n, rev: rev ?? 'working tree', bundleBytes: workflowBundle.code.length, rssBeforeMb: +(before / 2 ** 20).toFixed(1), rssAfterMb: +(after / 2 ** 20).toFixed(1), kbPerCachedJourney: Math.round((after - before) / n / 1024) };
});
await env.teardown();
console.log(JSON.stringify(result));
