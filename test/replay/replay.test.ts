// Replays every recorded journey history, of every code version (test/replay/histories/<version>/, from
// `npm run record-histories`), against the current workflow code: a change that would break journeys still
// running on an earlier version fails here. A version's folder is removed only once no journey of that
// version can still be running (docs/upgrading.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../../platform/worker';
import { JOURNEY_CODE_VERSION } from '../../workflows/version';
import { decodeHistoryFile } from './history-file';

const DIR = join(import.meta.dirname, 'histories');
const versions = readdirSync(DIR).filter((d) => statSync(join(DIR, d)).isDirectory()).sort();
const filesOf = (version: string) => readdirSync(join(DIR, version)).filter((f) => f.endsWith('.json')).sort();
const load = (version: string, file: string) => decodeHistoryFile(readFileSync(join(DIR, version, file), 'utf8'));
const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
const QUOTA_RESERVE = ['quota-reserve.run1', 'quota-reserve-by-right.run1', 'quota-reserve-cutoff.run1'];
const REPRESENTATIVE = ['happy-path.run1', 'happy-path.block-BC01', 'vae.run1', 'withdrawal.run1', 'withdrawal.block-BC01', 'expired-dossier.run1', 'jury-member-replaced.run1'];

describe('journey histories of every code version replay against the current workflows', () => {
  it('keeps the histories of v1, of every later version and of the current one', () => {
    expect(versions).toContain('v1');
    expect(versions).toContain(JOURNEY_CODE_VERSION);
    for (const version of versions) {
      for (const name of REPRESENTATIVE) expect(filesOf(version), `${version}/${name}`).toContain(`${name}.json`);
    }
    // From v3 on, the quota reserve (D2): a place given after a by-right admission, and the cut-off's refusal.
    for (const version of versions.filter((v) => Number(v.slice(1)) >= 3)) {
      for (const name of QUOTA_RESERVE) expect(filesOf(version), `${version}/${name}`).toContain(`${name}.json`);
    }
  });

  for (const version of versions) {
    it(`replays every ${version} history without non-determinism`, { timeout: 180_000 }, async () => {
      const bundle = await workflowBundle();
      const files = filesOf(version);
      const failures: string[] = [];
      let replayed = 0;
      for await (const result of Worker.runReplayHistories({ workflowBundle: bundle, replayName: `journey-replay-${version}` }, files.map((f) => load(version, f)))) {
        replayed += 1;
        if (result.error) failures.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
      }
      expect(failures).toEqual([]);
      expect(replayed).toBe(files.length);
    });
  }

  it('fails on a workflow that schedules a different activity first', { timeout: 120_000 }, async () => {
    const altered = await bundleWorkflowCode({ workflowsPath: join(import.meta.dirname, 'fixtures', 'altered-workflows.ts'), logger: quiet });
    const { workflowId, history } = load('v1', 'happy-path.run1.json');
    const replay = Worker.runReplayHistory({ workflowBundle: altered, replayName: 'journey-replay-altered' }, history, workflowId);
    await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
