// The Jalon side of the benchmark: an intake driven as its people would, through the HTTP API and
// the action links in the emails — CSV import, dossier pieces, selection reviewers, reviewer decisions —
// until every journey awaits its interview.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Client, Connection } from '@temporalio/client';
import { journeyWorkflowId } from '../workflows/messages';
import type { RunningSystem } from './system';
import { latencySummary, runPool } from './stats';

const PIECES = ['cv', 'transcripts', 'recommendation_letter', 'motivation_letter', 'professional_project'] as const;
/** Human inputs per journey up to the interview: five pieces, the reviewers' assignment, the review. */
export const DECISIONS_PER_JOURNEY = PIECES.length + 2;

export interface IntakeResult {
  n: number;
  importSeconds: number;
  journeysStartedPerSecond: number;
  decisions: number;
  decisionsPerSecond: number;
  emailsDelivered: number;
  emailsPerSecond: number;
  endToEndSeconds: number;
  linkDecisionLatencyMs: ReturnType<typeof latencySummary>;
  historyEvents: { atSelection: number; atInterview: number };
  dbBytesPerJourney: number;
  /** Requests the bench made on top of the decisions: staff's polls of a candidate, other polls, retried writes. */
  benchRequests: { candidateReads: number; otherReads: number; retries: number };
}

class Api {
  readonly counts = { candidateReads: 0, otherReads: 0, retries: 0 };
  constructor(
    readonly base: string,
    private readonly key: string,
  ) {}
  async call<T>(method: string, path: string, body?: unknown, type = 'application/json'): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (method === 'GET') this.counts[/^\/candidates\/[^/?]+$/.test(path) ? 'candidateReads' : 'otherReads']++;
      else if (attempt > 0) this.counts.retries++;
      const res = await fetch(`${this.base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${this.key}`, ...(body !== undefined ? { 'Content-Type': type, 'Idempotency-Key': randomUUID() } : {}) },
        body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : String(body),
      });
      const text = await res.text();
      if (res.ok) return (text ? JSON.parse(text) : undefined) as T;
      // The journey may not be at that step yet (409), or too busy to answer its state query (503): retry.
      if ((res.status === 409 || res.status === 503) && attempt < 50) {
        await sleep(100);
        continue;
      }
      throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 300_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

interface JourneyStateLite {
  stage: string;
  awaiting: { what: string }[];
}

/** Runs `n` candidates through the intake with `concurrency` people acting at once. */
export async function runIntake(options: {
  system: RunningSystem;
  apiKey: string;
  n: number;
  concurrency: number;
  label: string;
  progress: (msg: string) => void;
}): Promise<IntakeResult> {
  const { system, n, concurrency, progress } = options;
  const api = new Api(system.api, options.apiKey);
  const sql = new pg.Client({ connectionString: system.databaseUrl });
  await sql.connect();
  const temporal = new Client({ connection: await Connection.connect({ address: system.temporalAddress }) });
  try {
    const dbBytesBefore = Number((await sql.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b);
    const sentBefore = Number((await sql.query(`SELECT count(*) AS n FROM "OutboxEmail" WHERE status = 'sent'`)).rows[0].n);
    const cohort = await api.call<{ id: string }>('POST', '/cohorts', {
      code: `BENCH-${options.label}-${randomUUID().slice(0, 6)}`, referentialCode: 'RNCP37332', label: `Benchmark ${options.label}`, startsOn: '2027-09-01', endsOn: '2028-06-30',
    });

    // 1. Import: one CSV, every line a candidate whose journey starts.
    const csv = ['external_ref,first_name,last_name,email,route,degrees,qualifying_years',
      ...Array.from({ length: n }, (_, i) => `${options.label}-${i},Prénom${i},Nom${i},cand-${options.label}-${i}@bench.test,student,university_master,1`)].join('\n');
    const importStarted = performance.now();
    const job = await api.call<{ id: string }>('POST', `/cohorts/${cohort.id}/imports`, csv, 'text/csv');
    const imported = await until('the import', async () => {
      const status = await api.call<{ status: string; processed: number; accepted?: number; created?: number }>('GET', `/imports/${job.id}`);
      return status.status === 'running' || status.status === 'created' ? undefined : status;
    });
    const importSeconds = (performance.now() - importStarted) / 1000;
    progress(`${options.label}: imported ${n} candidates in ${importSeconds.toFixed(1)} s (${JSON.stringify(imported)})`);

    const candidates: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await api.call('GET', `/candidates?cohortId=${cohort.id}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      candidates.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    if (candidates.length !== n) throw new Error(`expected ${n} candidates in the cohort, found ${candidates.length}`);

    // 2. People act: staff record the pieces and assign a reviewer; the reviewer decides from the email link.
    const historyAtSelection: number[] = [];
    const linkLatencies: number[] = [];
    const flowStarted = performance.now();
    let done = 0;
    await runPool(candidates, concurrency, async (candidateId, index) => {
      for (const kind of PIECES) await api.call('POST', `/candidates/${candidateId}/actions/record-piece`, { kind });
      // Staff watch the read model (the database), as the console would: a workflow query per poll
      // would load the worker with work no person causes.
      await until('the selection stage', async () => {
        const { journey } = await api.call<{ journey: JourneyStateLite | null }>('GET', `/candidates/${candidateId}`);
        return journey?.awaiting.some((a) => a.what === 'assign_selection_reviewers') ? journey : undefined;
      });
      if (index < 10) historyAtSelection.push(await historyLength(temporal, journeyWorkflowId('RNCP37332', candidateId)));
      const reviewerEmail = `reviewer-${candidateId}@bench.test`;
      const jury = await api.call<{ members: { id: string }[] }>('POST', `/candidates/${candidateId}/juries`, {
        kind: 'selection', members: [{ name: 'Relecteur Banc', email: reviewerEmail, kind: 'school' }],
      });
      await api.call('POST', `/candidates/${candidateId}/actions/assign-selection-reviewers`, { memberIds: jury.members.map((m) => m.id) });
      const link = await until('the reviewer email', async () => {
        const res = await fetch(`${system.mailbox}/messages?to=${encodeURIComponent(reviewerEmail)}`);
        const messages = (await res.json()) as { text: string }[];
        const match = messages.map((m) => /https?:\/\/\S+\/a\/[A-Za-z0-9_-]+/.exec(m.text)).find(Boolean);
        return match ? match[0] : undefined;
      });
      const page = await (await fetch(link)).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
      if (!csrf) throw new Error(`no form on the reviewer page of ${candidateId}`);
      const posted = performance.now();
      const res = await fetch(link, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(link).origin },
        body: new URLSearchParams({ csrf, decision: 'admissible', reasonCode: 'profile_fits' }),
      });
      linkLatencies.push(performance.now() - posted);
      if (res.status !== 200) throw new Error(`reviewer decision for ${candidateId} answered ${res.status}`);
      if (++done % Math.max(1, Math.floor(n / 10)) === 0) progress(`${options.label}: ${done}/${n} reviewer decisions recorded`);
    });

    // 3. Until every journey awaits its interview (the last activities may still be running).
    await until('every journey at the interview', async () => {
      const counts = await api.call<{ items: { stage: string; count: number }[] }>('GET', `/dashboard/stages?cohortId=${cohort.id}`);
      const atInterview = counts.items.filter((r) => r.stage === 'interview').reduce((s, r) => s + r.count, 0);
      return atInterview >= n ? atInterview : undefined;
    });
    const endToEndSeconds = importSeconds + (performance.now() - flowStarted) / 1000;
    const flowSeconds = (performance.now() - flowStarted) / 1000;
    const sent = Number((await sql.query(`SELECT count(*) AS n FROM "OutboxEmail" WHERE status = 'sent'`)).rows[0].n) - sentBefore;
    const historyAtInterview: number[] = [];
    for (const candidateId of candidates.slice(0, 10)) historyAtInterview.push(await historyLength(temporal, journeyWorkflowId('RNCP37332', candidateId)));
    const dbBytesAfter = Number((await sql.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b);
    const decisions = n * DECISIONS_PER_JOURNEY;
    return {
      n,
      importSeconds,
      journeysStartedPerSecond: n / importSeconds,
      decisions,
      decisionsPerSecond: decisions / flowSeconds,
      emailsDelivered: sent,
      emailsPerSecond: sent / endToEndSeconds,
      endToEndSeconds,
      linkDecisionLatencyMs: latencySummary(linkLatencies),
      historyEvents: { atSelection: mean(historyAtSelection), atInterview: mean(historyAtInterview) },
      dbBytesPerJourney: (dbBytesAfter - dbBytesBefore) / n,
      benchRequests: { ...api.counts },
    };
  } finally {
    await sql.end();
    await temporal.connection.close();
  }
}

async function historyLength(client: Client, workflowId: string): Promise<number> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return history.events?.length ?? 0;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);
