// `npm run bench`: a whole intake through the real stack (embedded defaults, as `npm start` runs them),
// measured against bare Temporal in the same run. Prints progress, then a table; writes JSON to
// bench/results/<date>.json. Options:
//   --n 1000            candidates per intake            --concurrency 20   people acting at once
//   --runs 3            runs per figure (median)          --scaling          also N = 100, 1,000, 5,000
//   --smoke             N = 20, one run (what CI runs to keep the harness working)
//   --external          against DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL as given (e.g. `npm run cluster`), one run
import { createWriteStream, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { issueApiKey } from '../api/auth/keys';
import { createDatabase } from '../platform/database';
import { runBaseline, type BaselineResult } from './baseline';
import { DECISIONS_PER_JOURNEY, runIntake, type IntakeResult } from './intake';
import { median } from './stats';
import { externalSystem } from './external';
import { startSystem } from './system';

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(resultsDir, { recursive: true });

export interface BenchOptions {
  n: number;
  concurrency: number;
  runs: number;
  scaling: number[];
  /** Measure the services named by the environment instead of starting the embedded ones. */
  external?: boolean;
  progress: (msg: string) => void;
}

export interface ScaleResult {
  n: number;
  runs: { jalon: IntakeResult; baseline: BaselineResult }[];
  median: Record<string, number>;
  footprint: { appRssAtRestBytes: number; appRssWithJourneysBytes: number; bytesPerOpenJourney: number; temporalRssBytes: number; postgresRssBytes: number };
}

export async function runBench(options: BenchOptions): Promise<{ machine: Record<string, unknown>; scales: ScaleResult[] }> {
  const scales: ScaleResult[] = [];
  for (const n of options.scaling) scales.push(await runScale(n, options));
  return { machine: machineInfo(options.external), scales };
}

async function runScale(n: number, options: BenchOptions): Promise<ScaleResult> {
  const runs: ScaleResult['runs'] = [];
  let footprint: ScaleResult['footprint'] | undefined;
  for (let run = 1; run <= options.runs; run++) {
    options.progress(`N=${n}, run ${run}/${options.runs}: ${options.external ? 'the services named by the environment' : 'starting the system (embedded defaults)'}`);
    // Every reviewer decides from the same loopback address: lift the per-address limit for the run.
    const systemLog = createWriteStream(path.join(resultsDir, `system-n${n}-run${run}.log`));
    if (!options.external) options.progress(`the system's own output: ${path.relative(process.cwd(), systemLog.path as string)}`);
    const system = options.external
      ? await externalSystem()
      : await startSystem({ ACTION_LINK_MAX_PER_ADDRESS: String(100 * n + 1000) }, (line) => systemLog.write(`${line}\n`));
    try {
      const db = createDatabase(system.databaseUrl, 2);
      const { key } = await issueApiKey(db, { email: `bench-${Date.now()}@staff.test`, name: 'Benchmark', role: 'admin' });
      await db.$disconnect();
      // Warm-up (not counted): bundles, connections and JIT warm on a small intake first.
      await runIntake({ system, apiKey: key, n: Math.min(10, n), concurrency: options.concurrency, label: `warm${run}`, progress: () => {} });
      const appRssAtRestBytes = system.rss('app');
      const jalon = await runIntake({ system, apiKey: key, n, concurrency: options.concurrency, label: `n${n}r${run}`, progress: options.progress });
      const appRssWithJourneysBytes = system.rss('app');
      footprint ??= {
        appRssAtRestBytes,
        appRssWithJourneysBytes,
        bytesPerOpenJourney: (appRssWithJourneysBytes - appRssAtRestBytes) / n,
        temporalRssBytes: system.rss('temporal'),
        postgresRssBytes: system.rss('postgres'),
      };
      options.progress(`N=${n}, run ${run}: bare Temporal baseline on the same server`);
      const baseline = await runBaseline({ address: system.temporalAddress, n, decisionsPerJourney: DECISIONS_PER_JOURNEY, concurrency: options.concurrency, progress: options.progress });
      runs.push({ jalon, baseline });
    } finally {
      await system.stop();
      systemLog.end();
    }
  }
  const med = (pick: (r: ScaleResult['runs'][number]) => number) => median(runs.map(pick));
  const m = {
    importSeconds: med((r) => r.jalon.importSeconds),
    journeysStartedPerSecond: med((r) => r.jalon.journeysStartedPerSecond),
    decisionsPerSecond: med((r) => r.jalon.decisionsPerSecond),
    emailsPerSecond: med((r) => r.jalon.emailsPerSecond),
    endToEndSeconds: med((r) => r.jalon.endToEndSeconds),
    linkP50Ms: med((r) => r.jalon.linkDecisionLatencyMs.p50),
    linkP95Ms: med((r) => r.jalon.linkDecisionLatencyMs.p95),
    linkP99Ms: med((r) => r.jalon.linkDecisionLatencyMs.p99),
    linkMaxMs: med((r) => r.jalon.linkDecisionLatencyMs.max),
    bareStartsPerSecond: med((r) => r.baseline.startsPerSecond),
    bareDecisionsPerSecond: med((r) => r.baseline.decisionsPerSecond),
    bareP95Ms: med((r) => r.baseline.latencyMs.p95),
    historyEventsAtSelection: med((r) => r.jalon.historyEvents.atSelection),
    historyEventsAtInterview: med((r) => r.jalon.historyEvents.atInterview),
    dbBytesPerJourney: med((r) => r.jalon.dbBytesPerJourney),
  };
  const withRatios = {
    ...m,
    throughputRatioJalonToBare: m.decisionsPerSecond / m.bareDecisionsPerSecond,
    p95RatioJalonToBare: m.linkP95Ms / m.bareP95Ms,
  };
  return { n, runs, median: withRatios, footprint: footprint! };
}

function machineInfo(external = false) {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    temporalCli: external ? `external at ${process.env.TEMPORAL_ADDRESS}` : 'CLI 1.9.1 (dev server 1.32.0)',
    temporalSdk: '1.24.0',
    prisma: '6.19.3',
    date: new Date().toISOString(),
  };
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

export function report(result: Awaited<ReturnType<typeof runBench>>): string {
  const lines: string[] = [];
  lines.push(`machine: ${result.machine.cores} cores, ${mb(result.machine.memoryBytes as number)}, ${result.machine.cpu}, Node ${result.machine.node}; Temporal ${result.machine.temporalCli}, SDK ${result.machine.temporalSdk}`);
  const header = ['figure', ...result.scales.map((s) => `N=${s.n} (median of ${s.runs.length})`)];
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
  ];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) lines.push(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  if (result.scales.length > 1) {
    const [first, last] = [result.scales[0]!, result.scales[result.scales.length - 1]!];
    lines.push(`growth from N=${first.n} to N=${last.n} (×${last.n / first.n}): end-to-end time ×${fmt(last.median.endToEndSeconds! / first.median.endToEndSeconds!, 2)}, ` +
      `app RSS with journeys ×${fmt(last.footprint.appRssWithJourneysBytes / first.footprint.appRssWithJourneysBytes, 2)}`);
  }
  return lines.join('\n');
}

function parseArgs(argv: string[]): BenchOptions {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const positive = (name: string, fallback: number) => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got ${raw})`);
    return n;
  };
  const smoke = argv.includes('--smoke');
  const external = argv.includes('--external');
  const n = smoke ? 20 : positive('n', 1000);
  return {
    n,
    concurrency: positive('concurrency', smoke ? 5 : 20),
    runs: smoke || external ? 1 : positive('runs', 3),
    external,
    scaling: argv.includes('--scaling') ? [100, 1000, 5000] : [n],
    progress: (msg) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const options = parseArgs(process.argv.slice(2));
  const result = await runBench(options);
  const file = path.join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify(result, null, 2));
  console.log(`\n${report(result)}\n\nwritten: ${path.relative(process.cwd(), file)}`);
  process.exit(0);
}
