// The faults, each injected in the middle of an intake. `inject` waits for its moment (a share of the
// intake's calls issued, or emails being sent), hits the system, and brings it back as its operator
// (or npm start's supervisor) would.
import pg from 'pg';
import type { CallCounter, IntakeJourney } from './drill-intake';
import { CALLS_PER_JOURNEY } from './drill-intake';
import type { DrillSystem } from './drill-systems';

export interface FaultContext {
  system: DrillSystem;
  calls: CallCounter;
  n: number;
  cohortId: string;
  /** Seconds the SMTP server stays down. */
  outageSeconds: number;
  say: (msg: string) => void;
}

export interface Fault {
  name: string;
  title: string;
  /** Where it can run: the embedded system has no separate API, worker or history process. */
  on: ('embedded' | 'cluster')[];
  stoppableSmtp?: boolean;
  /** Waits for its moment, injects; answers when the fault was injected (ms) and a note for the table. */
  inject(ctx: FaultContext): Promise<{ at: number; note: string }>;
  /** After the intake settled: puts back what the drill took away (a killed cluster worker). */
  after?(ctx: FaultContext): Promise<void>;
}

/** A share of the intake's calls issued: the middle of the traffic. */
const midIntake = (ctx: FaultContext, share = 0.4) => ctx.calls.reached(Math.max(1, Math.floor(ctx.n * CALLS_PER_JOURNEY * share)));

/** Reviewer requests queued for part of the cohort: email activities are running. */
async function emailsInFlight(ctx: FaultContext): Promise<void> {
  const db = new pg.Client({ connectionString: ctx.system.databaseUrl });
  await db.connect();
  try {
    for (;;) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "OutboxEmail" o JOIN "Candidate" c ON o."journeyId" LIKE '%' || c.id::text WHERE c."cohortId" = $1 AND o.kind = 'selection_review_request'`,
        [ctx.cohortId]);
      if (rows[0]!.n >= Math.max(1, Math.floor(ctx.n / 4))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await db.end();
  }
}

const killPart = (part: 'worker' | 'api', restartAtOnce: boolean) => async (ctx: FaultContext) => {
  const pid = ctx.system.kill(part);
  const at = Date.now();
  ctx.say(`SIGKILL ${part} (pid ${pid})`);
  if (ctx.system.kind === 'embedded' || restartAtOnce) {
    await ctx.system.recovered(part);
    ctx.say(`${part} running again after ${((Date.now() - at) / 1000).toFixed(1)} s`);
  }
  return at;
};

export const FAULTS: Fault[] = [
  {
    // The smoke: the same intake and checks with nothing broken (CI runs it on the cluster with --n 1).
    name: 'none', title: 'No fault (smoke)', on: ['embedded', 'cluster'],
    inject: async (ctx) => {
      await ctx.calls.reached(1);
      return { at: Date.now(), note: 'nothing injected' };
    },
  },
  {
    name: 'worker-kill-update', title: 'SIGKILL a Jalon worker mid-update', on: ['embedded', 'cluster'],
    async inject(ctx) {
      await midIntake(ctx);
      const at = await killPart('worker', false)(ctx);
      return { at, note: ctx.system.kind === 'cluster' ? 'the other worker carried on; the killed one restarted after' : 'app process (API + worker) restarted by npm start' };
    },
    after: async (ctx) => (ctx.system.kind === 'cluster' ? ctx.system.recovered('worker') : undefined),
  },
  {
    name: 'worker-kill-activity', title: 'SIGKILL a Jalon worker mid-activity (emails being sent)', on: ['embedded', 'cluster'],
    async inject(ctx) {
      await emailsInFlight(ctx);
      const at = await killPart('worker', false)(ctx);
      return { at, note: ctx.system.kind === 'cluster' ? 'the other worker carried on; the killed one restarted after' : 'app process (API + worker) restarted by npm start' };
    },
    after: async (ctx) => (ctx.system.kind === 'cluster' ? ctx.system.recovered('worker') : undefined),
  },
  {
    name: 'api-kill', title: 'SIGKILL the API mid-request', on: ['embedded', 'cluster'],
    async inject(ctx) {
      await midIntake(ctx);
      const at = await killPart('api', true)(ctx);
      return { at, note: 'restarted at once; clients retried with the same Idempotency-Key' };
    },
  },
  {
    name: 'history-restart', title: 'Restart a Temporal history service', on: ['cluster'],
    async inject(ctx) {
      await midIntake(ctx);
      const at = Date.now();
      await ctx.system.restart('history');
      ctx.say(`temporal-history-1 restarted in ${((Date.now() - at) / 1000).toFixed(1)} s`);
      return { at, note: 'SIGTERM, then started again; its shards moved to the other history and back' };
    },
  },
  {
    name: 'postgres-restart', title: 'Restart PostgreSQL', on: ['embedded', 'cluster'],
    async inject(ctx) {
      await midIntake(ctx);
      const at = Date.now();
      await ctx.system.restart('postgres');
      ctx.say(`PostgreSQL back after ${((Date.now() - at) / 1000).toFixed(1)} s`);
      return { at, note: ctx.system.kind === 'cluster' ? 'pg_ctl restart -m fast (Temporal and Jalon on it)' : 'embedded PGlite: SIGTERM, restarted by npm start' };
    },
  },
  {
    name: 'smtp-outage', title: 'SMTP server stopped', on: ['embedded', 'cluster'], stoppableSmtp: true,
    async inject(ctx) {
      await midIntake(ctx, 0.2);
      const at = Date.now();
      await ctx.system.stop('smtp');
      ctx.say(`SMTP server stopped for ${ctx.outageSeconds} s`);
      await new Promise((r) => setTimeout(r, ctx.outageSeconds * 1000));
      await ctx.system.start('smtp');
      ctx.say('SMTP server started again');
      return { at, note: `down ${ctx.outageSeconds} s (connections refused); delivery retried with backoff` };
    },
  },
  {
    name: 'sink-kill', title: 'SIGKILL the embedded SMTP sink', on: ['embedded'],
    async inject(ctx) {
      await emailsInFlight(ctx);
      const pid = ctx.system.kill('smtp');
      const at = Date.now();
      ctx.say(`SIGKILL smtp sink (pid ${pid})`);
      await ctx.system.recovered('smtp');
      return { at, note: 'restarted by npm start on the same port' };
    },
  },
];

export const faultNamed = (name: string) => FAULTS.find((f) => f.name === name);
