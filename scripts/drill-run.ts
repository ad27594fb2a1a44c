// One drill: a system (fresh embedded, or the running cluster), an intake with its fault injected in
// the middle, then the verdict: journeys affected, effects lost or duplicated, time to recover.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { issueApiKey } from '../api/auth/keys';
import { createDatabase } from '../platform/database';
import { projectRoot } from '../platform/tools';
import { DrillClient } from './drill-client';
import type { Fault } from './drill-faults';
import { CallCounter, createCohort, runIntake } from './drill-intake';
import { clusterSystem, embeddedSystem, type DrillSystem } from './drill-systems';
import { verify, waitUntilSettled, type Finding } from './drill-verify';

export interface DrillResult {
  fault: string;
  title: string;
  topology: 'embedded' | 'cluster';
  journeys: number;
  /** Journeys whose reviewer request was not yet sent when the fault hit (so they lived through it). */
  affected: number;
  lost: Finding[];
  duplicated: Finding[];
  /** Emails received twice under one Message-ID (at-least-once SMTP; see drill-verify). */
  redelivered: Finding[];
  /** From the fault to the last affected journey's reviewer request sent (includes the rest of the intake). */
  recoverySeconds: number;
  /** Calls the client had to retry. */
  retriedCalls: number;
  note: string;
}

export interface DrillOptions {
  cluster: boolean;
  n: number;
  concurrency: number;
  outageSeconds: number;
  say: (msg: string) => void;
}

export const drillLogDir = path.join(projectRoot, 'bench', 'results', 'drills');

export async function runDrill(fault: Fault, options: DrillOptions): Promise<DrillResult> {
  const topology = options.cluster ? 'cluster' : 'embedded';
  if (!fault.on.includes(topology)) throw new Error(`the ${fault.name} drill runs on ${fault.on.join(' or ')} only`);
  const say = (msg: string) => options.say(`${fault.name}: ${msg}`);
  mkdirSync(drillLogDir, { recursive: true });
  const logFile = path.join(drillLogDir, `${fault.name}-${topology}.log`);
  say(`starting (${topology}; ${options.cluster ? 'the processes\' output is in <JALON_DATA_DIR>/cluster/logs' : `the system's output goes to ${path.relative(process.cwd(), logFile)}`})`);
  const system: DrillSystem = options.cluster ? clusterSystem() : await embeddedSystem({ stoppableSmtp: fault.stoppableSmtp, logFile });
  try {
    const db = createDatabase(system.databaseUrl, 2);
    const { key } = await issueApiKey(db, { email: `drill-${randomUUID().slice(0, 8)}@staff.test`, name: 'Exercice de panne', role: 'admin' });
    await db.$disconnect();
    const api = new DrillClient(system.api, key);
    const tag = `${fault.name}-${randomUUID().slice(0, 6)}`;
    const cohortId = await createCohort(api, fault.name);
    const calls = new CallCounter();
    const ctx = { system, calls, n: options.n, cohortId, outageSeconds: options.outageSeconds, say };

    say(`intake of ${options.n} journeys, ${options.concurrency} at a time`);
    const intake = runIntake(api, cohortId, tag, options.n, options.concurrency, calls);
    const injected = fault.inject(ctx);
    const [journeys, { at, note }] = await Promise.all([intake, injected]);
    say(`intake done (${api.retried} call(s) retried); waiting for every reviewer request to be sent`);
    const missing = await waitUntilSettled(system.databaseUrl, journeys, 600_000);
    if (missing > 0) say(`${missing} journey(s) never sent their reviewer request`);
    await fault.after?.(ctx);
    const verdict = await verify(system, cohortId, journeys);
    const affectedSentAt = journeys
      .map((j) => verdict.reviewerRequestSentAt.get(j.journeyId))
      .filter((sentAt) => sentAt === undefined || sentAt.getTime() >= at);
    const lastMs = Math.max(at, ...affectedSentAt.map((d) => d?.getTime() ?? Date.now()));
    return {
      fault: fault.name, title: fault.title, topology, journeys: journeys.length,
      affected: affectedSentAt.length,
      lost: verdict.lost, duplicated: verdict.duplicated, redelivered: verdict.redelivered,
      recoverySeconds: (lastMs - at) / 1000,
      retriedCalls: api.retried,
      note,
    };
  } finally {
    await system.close();
  }
}

export function drillTable(results: DrillResult[]): string {
  const rows = [
    ['fault', 'where', 'journeys', 'affected', 'lost effects', 'duplicated effects', 'email twice, one Message-ID', 'time to recover', 'calls retried', 'how'],
    ...results.map((r) => [r.title, r.topology, String(r.journeys), String(r.affected), String(r.lost.length), String(r.duplicated.length), String(r.redelivered.length),
      `${r.recoverySeconds.toFixed(1)} s`, String(r.retriedCalls), r.note]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
