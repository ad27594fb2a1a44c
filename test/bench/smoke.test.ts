// Keeps the benchmark harness working: a tiny intake (N = 20) through the whole system and the bare
// baseline. It asserts that every figure was measured, never how fast: these machines are noisy.
import { describe, expect, it } from 'vitest';
import { report, runBench } from '../../bench/run';

describe('benchmark harness (smoke)', () => {
  it('drives 20 journeys to the interview through the API and links, and measures the baseline', async () => {
    const result = await runBench({ n: 20, concurrency: 5, runs: 1, scaling: [20], progress: () => {} });
    expect(result.failures).toEqual([]);
    const [scale] = result.scales;
    expect(scale!.n).toBe(20);
    expect(scale!.config).toBe('embedded');
    // PGlite keeps no statement log: no round trips counted, none made up.
    expect(scale!.roundTrips).toBeUndefined();
    const { jalon, baseline } = scale!.runs[0]!;
    expect(jalon.linkDecisionLatencyMs.count).toBe(20);
    expect(jalon.emailsDelivered).toBeGreaterThanOrEqual(20);
    expect(baseline.latencyMs.count).toBe(20 * 7);
    for (const value of Object.values(scale!.median)) expect(Number.isFinite(value)).toBe(true);
    expect(scale!.footprint.appRssWithJourneysBytes).toBeGreaterThan(0);
    expect(report(result)).toContain('ratio Jalon / bare, p95 latency');
    expect(report(result)).toContain('embedded N=20 (median of 1)');
  }, 300_000);
});
