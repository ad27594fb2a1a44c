// The outbox dispatcher: delivers queued emails outside the workflows. It claims due rows in batches
// (activities/mail/delivery.ts: a lease, FOR UPDATE SKIP LOCKED, so several dispatchers in several
// processes never take one row together), sends them over its own pooled SMTP transport, marks them.
// Woken at once by an email queued in this process, by PostgreSQL's NOTIFY from the others (not on the
// embedded PGlite, one session shared by all connections), and otherwise by a short poll.
import pg from 'pg';
import type { Database } from '../../platform/database';
import type { Mailer } from '../../platform/mailer';
import { claimDue, DEFAULT_LEASE_MS, onQueued, sendClaimed, type DeliveryDeps } from './delivery';

export const OUTBOX_CHANNEL = 'jalon_outbox';

export interface DispatcherOptions {
  db: Database;
  /** Its own transport (pooled): closed when the dispatcher stops. */
  mailer: Mailer;
  config: DeliveryDeps['config'];
  clock?: () => Date;
  /** LISTEN there for NOTIFY (PostgreSQL); no listening when absent or on PGlite. */
  databaseUrl?: string;
  leaseMs?: number;
  /** Rows claimed at a time; they are sent concurrently over the pool. */
  batchSize?: number;
  /** The longest wait between two looks when nothing wakes it. */
  pollMs?: number;
  /** Only emails queued from then on (tests: earlier files' leftovers, sealed with other secrets, stay). */
  since?: Date;
  log?: { info(msg: string, fields?: object): void; warn(msg: string, fields?: object): void };
}

export interface OutboxDispatcher {
  /** Look now (something was queued). */
  wake(): void;
  /** Whether it listens to NOTIFY (else it relies on in-process wake-ups and the poll). */
  readonly listening: boolean;
  readonly counts: { sent: number; failed: number };
  /** Stops claiming, lets the sends under way finish, closes the transport. */
  stop(): Promise<void>;
}

export async function startOutboxDispatcher(options: DispatcherOptions): Promise<OutboxDispatcher> {
  // A batch is sent in about two rounds over the pool's 5 connections: even at the SMTP timeouts' worst
  // (10 + 10 + 20 s per message) it ends well within the default lease of 2 minutes.
  const { db, mailer, config, leaseMs = DEFAULT_LEASE_MS, batchSize = 10, pollMs = 1_000, log } = options;
  const deps: DeliveryDeps = { db, mailer, config, clock: options.clock ?? (() => new Date()) };
  const counts = { sent: 0, failed: 0 };
  let running = true;
  let woken = false;
  let nudge: (() => void) | undefined;
  const wake = () => {
    woken = true;
    nudge?.();
  };
  const stopHearing = onQueued(wake);
  const listener = options.databaseUrl ? await listen(options.databaseUrl, wake, log) : undefined;

  const loop = (async () => {
    while (running) {
      woken = false;
      let claimed: Awaited<ReturnType<typeof claimDue>> = [];
      try {
        claimed = await claimDue(db, batchSize, leaseMs, options.since);
      } catch (error) {
        log?.warn('outbox: cannot claim emails (database unreachable?); trying again', { error: (error as Error).message });
      }
      const results = await Promise.allSettled(claimed.map((row) => sendClaimed(deps, row)));
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') return void counts.sent++;
        counts.failed++;
        // The row holds the reason (shown to staff); the log names the email, not its address or words.
        const e = r.reason as { responseCode?: number; code?: string };
        log?.warn('outbox: email not sent; recorded on its row', { outboxId: claimed[i]!.id, responseCode: e.responseCode, code: e.code });
      });
      // A full batch: more may be due at once. Otherwise wait for a wake-up or the poll.
      if (running && claimed.length < batchSize && !woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          nudge = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        nudge = undefined;
      }
    }
  })();

  return {
    wake,
    listening: Boolean(listener),
    counts,
    async stop() {
      running = false;
      nudge?.();
      stopHearing();
      await loop;
      await listener?.end().catch(() => undefined);
      mailer.close();
    },
  };
}

/** LISTEN on the outbox channel; undefined on PGlite (its notifications would reach any connection). */
async function listen(databaseUrl: string, onNotify: () => void, log: DispatcherOptions['log']): Promise<pg.Client | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    if (rows[0]?.version.includes('PGlite')) {
      await client.end();
      return undefined;
    }
    client.on('notification', onNotify);
    // A lost connection only slows wake-ups down to the poll: said once, not fatal.
    client.on('error', (error) => log?.warn('outbox: NOTIFY connection lost; polling only', { error: error.message }));
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    return client;
  } catch (error) {
    log?.warn('outbox: cannot LISTEN for queued emails; polling only', { error: (error as Error).message });
    await client.end().catch(() => undefined);
    return undefined;
  }
}
