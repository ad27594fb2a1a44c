// Replays every recorded journey history (test/replay/histories, from `npm run record-histories`) against
// the current workflow code: a change that would break the journeys already running fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../../platform/worker';
import { decodeHistoryFile } from './history-file';

const DIR = join(import.meta.dirname, 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const load = (file: string) => decodeHistoryFile(readFileSync(join(DIR, file), 'utf8'));
const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };

describe('journey histories replay against the current workflows', () => {
  it('has recorded histories of the representative journeys, blocks included', () => {
    for (const name of ['happy-path.run1', 'happy-path.run3', 'happy-path.block-BC01', 'vae.run1', 'withdrawal.run1', 'withdrawal.block-BC01', 'expired-dossier.run1', 'jury-member-replaced.run1']) {
      expect(files).toContain(`${name}.json`);
    }
  });

  it('replays every history without non-determinism', { timeout: 120_000 }, async () => {
    const bundle = await workflowBundle();
    const histories = files.map((f) => load(f));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'journey-replay' }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(histories.length).toBe(files.length);
  });

  it('fails on a workflow that schedules a different activity first', { timeout: 120_000 }, async () => {
    const altered = await bundleWorkflowCode({ workflowsPath: join(import.meta.dirname, 'fixtures', 'altered-workflows.ts'), logger: quiet });
    const { workflowId, history } = load('happy-path.run1.json');
    const replay = Worker.runReplayHistory({ workflowBundle: altered, replayName: 'journey-replay-altered' }, history, workflowId);
    await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
