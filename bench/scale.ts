// One figure column of the bench: a configuration at one N, `runs` times (fresh system each run), the
// medians, the memory by role, and — where asked — the round trips per decision and the CPU profile.
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { issueApiKey } from '../api/auth/keys';
import { createDatabase } from '../platform/database';
import { runBaseline, type BaselineResult } from './baseline';
import { CONFIG_WORDS, startConfigured, type BenchConfig } from './configs';
import { DECISIONS_PER_JOURNEY, runIntake, type IntakeResult } from './intake';
import { monotonicMicros, readProfile, summarizeProfiles, type ProfileSummary } from './profile';
import type { StatementCount } from './postgres';
import { statementsPerCandidateRead } from './read-cost';
import { median } from './stats';
import { cpuSpent, threadCpu } from './thread-cpu';

export interface ScaleOptions {
  concurrency: number;
  runs: number;
  /** Every Node process of the system sampled (CPU profile), the app's summarised. */
  profile?: boolean;
  /** Count the app's SQL statements from the server's log (postgres, split); on unless false. */
  roundTrips?: boolean;
  /** Where this invocation writes its logs and profiles. */
  outDir: string;
  progress: (msg: string) => void;
}

export interface RoundTrips extends StatementCount {
  /** Human decisions of the intake: DECISIONS_PER_JOURNEY × N. */
  decisions: number;
  perDecision: number;
  /** The bench's polls of a candidate's page during the intake, what one costs (measured after it), and the rest per decision. */
  candidateReads: number;
  statementsPerRead: number;
  perDecisionWithoutReads: number;
}

export interface ScaleResult {
  config: BenchConfig;
  n: number;
  runs: { jalon: IntakeResult; baseline: BaselineResult }[];
  median: Record<string, number>;
  footprint: { appRssAtRestBytes: number; appRssWithJourneysBytes: number; bytesPerOpenJourney: number; temporalRssBytes: number; postgresRssBytes: number };
  /** Statements the app sent to PostgreSQL during the measured intake of the first run (postgres, split). */
  roundTrips?: RoundTrips;
  /** CPU seconds of the app processes during the measured intake of the first run, by thread. */
  appCpu?: { thread: string; seconds: number }[];
  /** The app processes' CPU during the measured intake of the first run (--profile). */
  profile?: { dir: string; files: string[]; intake: ProfileSummary };
}

export async function runScale(config: BenchConfig, n: number, options: ScaleOptions): Promise<ScaleResult> {
  const runs: ScaleResult['runs'] = [];
  let footprint: ScaleResult['footprint'] | undefined;
  let roundTrips: RoundTrips | undefined;
  let profile: ScaleResult['profile'];
  let appCpu: ScaleResult['appCpu'];
  for (let run = 1; run <= options.runs; run++) {
    const label = `${config}-n${n}-run${run}`;
    options.progress(`${config}, N=${n}, run ${run}/${options.runs}: starting the system (${CONFIG_WORDS[config]})`);
    const systemLog = createWriteStream(path.join(options.outDir, `system-${label}.log`));
    options.progress(`the system's own output: ${path.relative(process.cwd(), systemLog.path as string)}`);
    const profileDir = options.profile && config !== 'external' ? path.join(options.outDir, `profile-${label}`) : undefined;
    // Every reviewer decides from the same loopback address: lift the per-address limit for the run.
    const system = await startConfigured(config, { env: { ACTION_LINK_MAX_PER_ADDRESS: String(100 * n + 1000) }, log: (line) => systemLog.write(`${line}\n`), profileDir, roundTrips: options.roundTrips });
    let appPids: number[] = [];
    let window: { fromUs: number; toUs: number } | undefined;
    try {
      const db = createDatabase(system.databaseUrl, 2);
      const { key } = await issueApiKey(db, { email: `bench-${Date.now()}@staff.test`, name: 'Benchmark', role: 'admin' });
      await db.$disconnect();
      // Warm-up (not counted): bundles, connections and JIT warm on a small intake first.
      await runIntake({ system, apiKey: key, n: Math.min(10, n), concurrency: options.concurrency, label: `warm${run}`, progress: () => {} });
      const appRssAtRestBytes = system.rss('app');
      const logFrom = system.statements?.logOffset();
      const cpuBefore = threadCpu(system.appPids());
      const fromUs = monotonicMicros();
      const jalon = await runIntake({ system, apiKey: key, n, concurrency: options.concurrency, label: `n${n}r${run}`, progress: options.progress });
      window = { fromUs, toUs: monotonicMicros() };
      appCpu ??= cpuSpent(cpuBefore, threadCpu(system.appPids()));
      if (system.statements && logFrom !== undefined && !roundTrips) {
        const counted = await system.statements.countStatements(logFrom);
        const statementsPerRead = await statementsPerCandidateRead(system, key);
        const { candidateReads } = jalon.benchRequests;
        roundTrips = {
          ...counted, decisions: jalon.decisions, perDecision: counted.total / jalon.decisions,
          candidateReads, statementsPerRead, perDecisionWithoutReads: (counted.total - candidateReads * statementsPerRead) / jalon.decisions,
        };
      }
      const appRssWithJourneysBytes = system.rss('app');
      appPids = system.appPids();
      footprint ??= {
        appRssAtRestBytes,
        appRssWithJourneysBytes,
        bytesPerOpenJourney: (appRssWithJourneysBytes - appRssAtRestBytes) / n,
        temporalRssBytes: system.rss('temporal'),
        postgresRssBytes: system.rss('postgres'),
      };
      options.progress(`${config}, N=${n}, run ${run}: bare Temporal baseline on the same server`);
      const baseline = await runBaseline({ address: system.temporalAddress, n, decisionsPerJourney: DECISIONS_PER_JOURNEY, concurrency: options.concurrency, progress: options.progress });
      runs.push({ jalon, baseline });
    } finally {
      await system.stop();
      systemLog.end();
    }
    // The profiles are written as the processes exit.
    if (profileDir && window && !profile) profile = summarizeAppProfiles(profileDir, appPids, window, options.progress);
  }
  return { config, n, runs, median: medians(runs), footprint: footprint!, roundTrips, appCpu, profile };
}

function summarizeAppProfiles(dir: string, pids: number[], window: { fromUs: number; toUs: number }, progress: (msg: string) => void): ScaleResult['profile'] {
  const files = pids.map((pid) => path.join(dir, `${pid}.cpuprofile`)).filter((f) => existsSync(f));
  if (files.length < pids.length) progress(`profile: ${pids.length - files.length} of the app's ${pids.length} process(es) wrote no profile in ${dir}`);
  if (files.length === 0) return undefined;
  return { dir, files, intake: summarizeProfiles(files.map(readProfile), window) };
}

function medians(runs: ScaleResult['runs']): Record<string, number> {
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
  return {
    ...m,
    throughputRatioJalonToBare: m.decisionsPerSecond / m.bareDecisionsPerSecond,
    p95RatioJalonToBare: m.linkP95Ms / m.bareP95Ms,
  };
}
