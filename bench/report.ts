// The bench's printed report: one column per configuration and N, then the round trips per decision
// and the CPU profile where they were measured.
import type { ProfileSummary } from './profile';
import type { ScaleResult } from './scale';

export interface BenchResult {
  machine: Record<string, unknown>;
  scales: ScaleResult[];
  /** Columns that could not be measured, and why. */
  failures: { config: string; n: number; error: string }[];
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

export function report(result: BenchResult): string {
  const lines: string[] = [];
  lines.push(`machine: ${result.machine.cores} cores, ${mb(result.machine.memoryBytes as number)}, ${result.machine.cpu}, Node ${result.machine.node}; Temporal ${result.machine.temporalCli}, SDK ${result.machine.temporalSdk}`);
  const header = ['figure', ...result.scales.map((s) => `${s.config} N=${s.n} (median of ${s.runs.length})`)];
  const row = (name: string, pick: (s: ScaleResult) => string) => [name, ...result.scales.map(pick)];
  const rows = [
    header,
    row('import (s)', (s) => fmt(s.median.importSeconds!)),
    row('journeys started /s (import)', (s) => fmt(s.median.journeysStartedPerSecond!)),
    row('decisions /s (API + links)', (s) => fmt(s.median.decisionsPerSecond!)),
    row('emails delivered /s', (s) => fmt(s.median.emailsPerSecond!)),
    row('end to end, all at interview (s)', (s) => fmt(s.median.endToEndSeconds!)),
    row('link decision p50 / p95 (ms)', (s) => `${fmt(s.median.linkP50Ms!, 0)} / ${fmt(s.median.linkP95Ms!, 0)}`),
    row('link decision p99 / max (ms)', (s) => `${fmt(s.median.linkP99Ms!, 0)} / ${fmt(s.median.linkMaxMs!, 0)}`),
    row('bare Temporal: starts /s', (s) => fmt(s.median.bareStartsPerSecond!)),
    row('bare Temporal: updates /s', (s) => fmt(s.median.bareDecisionsPerSecond!)),
    row('bare Temporal: update p95 (ms)', (s) => fmt(s.median.bareP95Ms!, 0)),
    row('ratio Jalon / bare, throughput', (s) => fmt(s.median.throughputRatioJalonToBare!, 2)),
    row('ratio Jalon / bare, p95 latency', (s) => fmt(s.median.p95RatioJalonToBare!, 2)),
    row('app RSS at rest / with N journeys', (s) => `${mb(s.footprint.appRssAtRestBytes)} / ${mb(s.footprint.appRssWithJourneysBytes)}`),
    row('app RSS per open journey (KB)', (s) => fmt(s.footprint.bytesPerOpenJourney / 1024)),
    row('Temporal / PostgreSQL RSS', (s) => `${mb(s.footprint.temporalRssBytes)} / ${mb(s.footprint.postgresRssBytes)}`),
    row('database bytes per journey', (s) => fmt(s.median.dbBytesPerJourney!, 0)),
    row('history events at selection / interview', (s) => `${fmt(s.median.historyEventsAtSelection!, 0)} / ${fmt(s.median.historyEventsAtInterview!, 0)}`),
    row('SQL statements per decision (all / without polls)', (s) => (s.roundTrips ? `${fmt(s.roundTrips.perDecision)} / ${fmt(s.roundTrips.perDecisionWithoutReads)}` : '—')),
    row('app CPU in the intake: main / other threads (s)', (s) => (s.appCpu ? `${fmt(cpuOf(s, true))} / ${fmt(cpuOf(s, false))}` : '—')),
    row('app main threads busy, as sampled (s)', (s) => (s.profile ? fmt(s.profile.intake.busyMs / 1000) : '—')),
  ];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) lines.push(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  for (const config of new Set(result.scales.map((s) => s.config))) {
    const scales = result.scales.filter((s) => s.config === config);
    if (scales.length < 2) continue;
    const [first, last] = [scales[0]!, scales[scales.length - 1]!];
    lines.push(`${config}: growth from N=${first.n} to N=${last.n} (×${last.n / first.n}): end-to-end time ×${fmt(last.median.endToEndSeconds! / first.median.endToEndSeconds!, 2)}, ` +
      `app RSS with journeys ×${fmt(last.footprint.appRssWithJourneysBytes / first.footprint.appRssWithJourneysBytes, 2)}`);
  }
  for (const s of result.scales) lines.push(...roundTripLines(s), ...profileLines(s));
  for (const f of result.failures) lines.push('', `${f.config} N=${f.n} was not measured: ${f.error.split('\n')[0]} (the system's output is in the results folder)`);
  return lines.join('\n');
}

const cpuOf = (s: ScaleResult, main: boolean) => (s.appCpu ?? []).filter((t) => (t.thread === 'main') === main).reduce((sum, t) => sum + t.seconds, 0);

const retries = (s: ScaleResult) => {
  const r = s.runs[0]!.jalon.benchRequests;
  return `Also in the count: ${r.otherReads} other polls (import status, stage counts) and ${r.retries} writes retried (journey not at that step yet). `;
};

function roundTripLines(s: ScaleResult): string[] {
  if (!s.roundTrips) return [];
  const r = s.roundTrips;
  return [
    '',
    `${s.config} N=${s.n}: ${r.total} SQL statements (each one round trip) from the app during the measured intake, ` +
      `÷ ${r.decisions} decisions (${s.n} journeys × ${r.decisions / s.n}: five pieces, the reviewers' assignment, the review) = ${fmt(r.perDecision)} per decision. ` +
      `Of them, the bench's ${r.candidateReads} polls of a candidate's page (staff waiting for the selection stage) at ${fmt(r.statementsPerRead)} statements each ` +
      `(measured after the intake): without them, ${fmt(r.perDecisionWithoutReads)} per decision. ${retries(s)}Most frequent:`,
    ...r.top.map((t) => `  ${String(t.count).padStart(8)}  ${fmt(t.count / r.decisions, 2).padStart(6)} /decision  ${t.what}`),
  ];
}

function profileLines(s: ScaleResult): string[] {
  if (!s.profile) return [];
  const p = s.profile.intake;
  const list = (items: ProfileSummary['functions']) => items.map((f) => `  ${fmt(f.selfMs / 1000, 2).padStart(8)} s  ${pct(f.share).padStart(7)}  ${f.what}`);
  return [
    '',
    `${s.config} N=${s.n}: the app's main threads during the measured intake, ${fmt(p.busyMs / 1000)} s sampled busy in ${s.profile.files.length} process(es) ` +
      `(samples are taken on the wall clock: a thread waiting for a core counts, so on a loaded machine this exceeds its CPU time below; ` +
      `the workflow threads are not sampled). Top self time, by function:`,
    ...list(p.functions),
    'by module:',
    ...list(p.modules.slice(0, 10)),
    `app CPU by thread during the intake (from /proc; "main" is what was sampled): ${(s.appCpu ?? []).slice(0, 8).map((t) => `${t.thread} ${fmt(t.seconds)} s`).join(', ')}`,
    `profiles: ${s.profile.dir} (open a .cpuprofile in Chrome DevTools, Performance tab)`,
  ];
}
