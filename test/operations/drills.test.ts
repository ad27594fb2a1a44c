// The fault drills on the embedded defaults (`npm start` with its supervisor), as `npm run drill` runs
// them: an intake through the API, one fault in the middle, then journeys (Temporal), rows, audit and
// emails by Message-ID at the sink. Small intakes and a 30 s SMTP outage (the CLI's default is 75 s)
// keep the suite's time reasonable; the cluster's drills run in CI (`.ci/run`).
import { describe, expect, it } from 'vitest';
import { faultNamed } from '../../scripts/drill-faults';
import { runDrill } from '../../scripts/drill-run';

const options = { cluster: false, n: 8, concurrency: 4, outageSeconds: 30, say: () => {} };

describe('fault drills on the embedded system', () => {
  for (const name of ['worker-kill-update', 'worker-kill-activity', 'postgres-restart', 'smtp-outage', 'sink-kill']) {
    it(`${name}: no effect lost or duplicated`, async () => {
      const result = await runDrill(faultNamed(name)!, options);
      expect(result.journeys).toBe(options.n);
      // The fault hit the intake in the middle: some journeys lived through it.
      expect(result.affected).toBeGreaterThan(0);
      expect(result.lost).toEqual([]);
      expect(result.duplicated).toEqual([]);
    }, 600_000);
  }
});
