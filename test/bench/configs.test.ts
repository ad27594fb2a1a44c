// The bench's two configurations on Debian's PostgreSQL, on a tiny intake (N = 5) each, in one table:
// the app's statements counted from the server's log, the split one's two app processes each profiled.
// It asserts that every figure was measured, never how fast.
import { describe, expect, it } from 'vitest';
import { report, runBench } from '../../bench/run';
import { hasDebianPostgres } from '../../bench/postgres';

if (!hasDebianPostgres()) console.log('[bench] no PostgreSQL server on this machine (/usr/lib/postgresql): the postgres and split configurations are not run');

describe.skipIf(!hasDebianPostgres())('benchmark on Debian PostgreSQL: one app process, then API and worker apart', () => {
  it('runs the same intake on both, counts round trips per decision, and profiles both app processes of the split', async () => {
    const result = await runBench({ n: 5, concurrency: 5, runs: 1, scaling: [5], configs: ['postgres', 'split'], profile: true, progress: () => {} });
    expect(result.failures).toEqual([]);
    expect(result.scales.map((s) => s.config)).toEqual(['postgres', 'split']);
    for (const scale of result.scales) {
      const { jalon, baseline } = scale.runs[0]!;
      expect(jalon.linkDecisionLatencyMs.count).toBe(5);
      expect(jalon.emailsDelivered).toBeGreaterThanOrEqual(5);
      expect(baseline.latencyMs.count).toBe(5 * 7);
      for (const value of Object.values(scale.median)) expect(Number.isFinite(value)).toBe(true);
      expect(scale.footprint.appRssWithJourneysBytes).toBeGreaterThan(0);
      // The bench's own PostgreSQL, measured by its postmaster's pid and the backends under it.
      expect(scale.footprint.postgresRssBytes).toBeGreaterThan(0);
      // Only the app's role is logged: at least one statement per decision, and the bench's own
      // queries (API key, counts, sizes) are not among them.
      const trips = scale.roundTrips!;
      expect(trips.decisions).toBe(35);
      expect(trips.total).toBeGreaterThan(trips.decisions);
      expect(trips.perDecision).toBeCloseTo(trips.total / 35);
      expect(trips.top.some((t) => t.what === 'SELECT pg_database_size')).toBe(false);
      // Staff's polls of the candidate page: at least one per candidate, each costing statements of its own.
      expect(trips.candidateReads).toBeGreaterThanOrEqual(5);
      expect(trips.statementsPerRead).toBeGreaterThan(0);
      expect(trips.perDecisionWithoutReads).toBeLessThan(trips.perDecision);
      expect(scale.profile!.intake.samples).toBeGreaterThan(0);
      expect(scale.appCpu!.find((t) => t.thread === 'main')!.seconds).toBeGreaterThan(0);
    }
    const [single, split] = result.scales;
    expect(single!.profile!.files).toHaveLength(1);
    // Two app processes: the API (START_WORKER=false) and the worker (START_API=false).
    expect(split!.profile!.files).toHaveLength(2);
    const text = report(result);
    expect(text).toContain('postgres N=5 (median of 1)');
    expect(text).toContain('split N=5 (median of 1)');
    expect(text).toMatch(/SQL statements per decision \(all \/ without polls\)\s+\d+\.\d \/ \d+\.\d\s+\d+\.\d \/ \d+\.\d/);
    expect(text).toContain('Top self time, by function:');
  }, 600_000);
});
