// The outbox dispatcher's promises, with real peers: the project's SMTP sink slowed by a real delay,
// dispatchers as real processes (platform/run-app.ts, START_DISPATCHER only), on PGlite and on a real
// PostgreSQL server (Debian's, started here; or CI's TEST_EXTERNAL_DATABASE_URL).
// - Two dispatchers and staff resends racing on 200 emails: every Message-ID reaches the sink once.
// - A dispatcher killed (SIGKILL) mid-send: its emails are delivered by the other after the lease, with
//   the same Message-ID; an email the server had accepted before the kill, but not yet marked, is the one
//   that can arrive twice (counted and printed).
// - An outage: the emails show 'retrying' (not 'failed') while it lasts, then arrive once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resendEmail, EmailBeingSentError, listJourneyEmails } from '../../activities/mail';
import { startOutboxDispatcher } from '../../activities/mail/dispatcher';
import { createDatabase, type Database } from '../../platform/database';
import { createMailer } from '../../platform/mailer';
import { startEmbeddedPostgres } from '../../platform/services/embedded-postgres';
import { startSmtpSink, type SmtpSink } from '../../platform/services/smtp-sink';
import { applyMigrations } from '../../prisma/migrate';
import { startDebianPostgres } from '../support/debian-postgres';
import { eventually } from '../support/eventually';
import { countByMessageId, queueRows, startDispatcherProcess, type DispatcherProcess } from './dispatcher-processes';

const stack = inject('stack');
const MAIL = { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl: 'http://localhost', linkSecret: 'd'.repeat(40) };
let sink: SmtpSink;
const databases: { name: string; url: string; stop: () => Promise<void> }[] = [];
const started: DispatcherProcess[] = [];

beforeAll(async () => {
  sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });
  const pglite = await startEmbeddedPostgres({ port: 0, maxConnections: 50 });
  await applyMigrations(pglite.url);
  databases.push({ name: 'PGlite', url: pglite.url, stop: () => pglite.stop() });
  const postgres = await startDebianPostgres();
  if (postgres) databases.push({ name: 'PostgreSQL', url: postgres.url, stop: postgres.stop });
  else console.log('[dispatcher] no PostgreSQL server on this machine (/usr/lib/postgresql): PGlite only');
});

afterAll(async () => {
  await Promise.allSettled(started.map((p) => p.stop()));
  await sink?.stop();
  for (const d of databases) await d.stop().catch(() => undefined);
});

const dispatcher = async (url: string, leaseSeconds: number) => {
  const p = await startDispatcherProcess({ databaseUrl: url, temporalAddress: stack.temporalAddress, smtpUrl: sink.smtpUrl, leaseSeconds, pollMs: 200 });
  started.push(p);
  return p;
};
const statuses = async (db: Database, ids: string[]) => (await db.outboxEmail.findMany({ where: { id: { in: ids } }, select: { status: true } })).map((r) => r.status);
const allSent = (db: Database, ids: string[]) => eventually(async () => expect((await statuses(db, ids)).every((s) => s === 'sent')).toBe(true), 180_000, 200);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const name of ['PGlite', 'PostgreSQL']) {
  describe(`on ${name}`, () => {
    const database = () => databases.find((d) => d.name === name);

    it('two dispatcher processes and staff resends racing on 200 emails: each Message-ID reaches the sink once', { timeout: 300_000 }, async () => {
      const d = database();
      if (!d) return console.log(`[dispatcher] ${name}: skipped (not on this machine)`);
      const db = createDatabase(d.url, 5);
      const [a, b] = await Promise.all([dispatcher(d.url, 30), dispatcher(d.url, 30)]);
      expect(a.listening).toBe(name === 'PostgreSQL');

      // Added latency, queue to the sink, with idle dispatchers (NOTIFY on PostgreSQL, the 200 ms poll on PGlite).
      sink.setDelay(0);
      const probe = `probe-${randomUUID().slice(0, 8)}`;
      const latencies: number[] = [];
      for (let n = 0; n < 5; n++) {
        const queuedAt = Date.now();
        await queueRows(db, `${probe}-${n}`, 1);
        const arrived = await eventually(async () => {
          const m = (await sink.messages()).find((x) => x.envelopeTo.includes(`${probe}-${n}-0@dispatch.test`));
          expect(m).toBeDefined();
          return m!;
        }, 20_000, 5);
        latencies.push(Number(arrived.id.split('-')[0]) - queuedAt);
      }
      console.log(`[dispatcher] ${name}: queued → received by the sink, median of 5: ${median(latencies)} ms (${latencies.join(', ')} ms; ${a.listening ? 'woken by NOTIFY' : 'poll every 200 ms'})`);

      sink.setDelay(40);
      const tag = `race-${randomUUID().slice(0, 8)}`;
      const ids = await queueRows(db, tag, 200);
      // Staff resend 60 of them while the dispatchers work, through the same claim: 30 of the last queued at
      // once (likely not yet claimed), then 30 of the first ones over 3 s (being sent, or sent already).
      const plan = [...ids.slice(170).reverse().map((id, i) => ({ id, afterMs: i * 5 })), ...ids.slice(0, 90).filter((_, i) => i % 3 === 0).map((id, i) => ({ id, afterMs: i * 100 }))];
      const resends = await Promise.allSettled(plan.map(async ({ id, afterMs }) => {
        await new Promise((r) => setTimeout(r, afterMs));
        return resendEmail({ db, mailer: createMailer(sink.smtpUrl), config: MAIL, clock: () => new Date() }, id, 'staff:race');
      }));
      await allSent(db, ids);
      await Promise.all([a.stop(), b.stop()]);

      const counts = countByMessageId(await sink.messages(), tag);
      const twice = [...counts].filter(([, n]) => n > 1);
      const firsts = ids.map((id) => `<outbox-${id}@jalon>`);
      const delivered = resends.filter((r) => r.status === 'fulfilled' && r.value.resendCount === 0).length;
      const again = resends.filter((r) => r.status === 'fulfilled' && r.value.resendCount > 0).length;
      const busy = resends.filter((r) => r.status === 'rejected' && r.reason instanceof EmailBeingSentError).length;
      console.log(`[dispatcher] ${name}: 200 emails, 60 resends racing two dispatchers: ${delivered} delivered by the resend itself, ${busy} refused as being sent (409), ${again} sent again on purpose (new Message-ID); ${counts.size} Message-IDs at the sink, ${twice.length} of them twice`);
      expect(twice).toEqual([]);
      for (const id of firsts) expect(counts.get(id), id).toBe(1);
      expect(delivered + busy + again).toBe(60);
      expect(counts.size).toBe(200 + again);
      await db.$disconnect();
    });

    it('a dispatcher killed mid-send: the other delivers its emails after the lease, with the same Message-ID', { timeout: 300_000 }, async () => {
      const d = database();
      if (!d) return console.log(`[dispatcher] ${name}: skipped (not on this machine)`);
      const db = createDatabase(d.url, 5);
      const [a, b] = await Promise.all([dispatcher(d.url, 5), dispatcher(d.url, 5)]);
      sink.setDelay(250);
      const tag = `kill-${randomUUID().slice(0, 8)}`;
      const ids = await queueRows(db, tag, 100);
      // Mid-send: some emails already at the sink, others claimed and on their way.
      await eventually(async () => {
        expect(countByMessageId(await sink.messages(), tag).size).toBeGreaterThanOrEqual(10);
        expect((await statuses(db, ids)).filter((s) => s === 'sending').length).toBeGreaterThan(0);
      }, 60_000, 20);
      a.child.kill('SIGKILL');
      await allSent(db, ids);
      await b.stop();

      const messages = (await sink.messages()).filter((m) => m.envelopeTo.some((to) => to.startsWith(`${tag}-`)));
      const counts = countByMessageId(messages, tag);
      // Every message carries its row's Message-ID, first sends and sends after the lease alike.
      for (const m of messages) expect(m.messageId).toBe(`<outbox-${m.headers['x-jalon-outbox-id']}@jalon>`);
      for (const id of ids) expect(counts.get(`<outbox-${id}@jalon>`), id).toBeGreaterThanOrEqual(1);
      const rows = await db.outboxEmail.findMany({ where: { id: { in: ids } }, select: { attempts: true } });
      const afterLease = rows.filter((r) => r.attempts > 1).length;
      const twice = [...counts.values()].filter((n) => n > 1).length;
      console.log(`[dispatcher] ${name}: SIGKILL mid-send: ${afterLease} of 100 emails taken again after the lease by the other dispatcher; ${twice} arrived twice with the same Message-ID (accepted by the server before the kill, not yet marked sent)`);
      expect(afterLease).toBeGreaterThan(0);
      // At most what the killed process had on the wire: its pool's 5 connections.
      expect(twice).toBeLessThanOrEqual(5);
      await db.$disconnect();
    });
  });
}

describe('an SMTP outage', () => {
  it('shows "retrying", not "failed", while the server refuses; then each email arrives once', { timeout: 120_000 }, async () => {
    const db = createDatabase(databases[0]!.url, 5);
    const running = await startOutboxDispatcher({ db, mailer: createMailer(sink.smtpUrl, { pooled: true }), config: MAIL, pollMs: 200 });
    sink.setDelay(0);
    sink.setRefusing(true);
    const tag = `outage-${randomUUID().slice(0, 8)}`;
    const ids = await queueRows(db, tag, 3);
    const journeyId = `journey:RNCP37332:${randomUUID()}`;
    await db.outboxEmail.updateMany({ where: { id: { in: ids } }, data: { journeyId } });
    running.wake();
    // What staff see: the list of the journey's emails (GET /candidates/:id/emails reads the same rows).
    await eventually(async () => {
      const list = await listJourneyEmails(db, journeyId);
      expect(list.map((e) => e.status)).toEqual(['retrying', 'retrying', 'retrying']);
      expect(list.every((e) => /451/.test(e.lastError ?? ''))).toBe(true);
    }, 20_000, 100);
    expect(countByMessageId(await sink.messages(), tag).size).toBe(0);
    sink.setRefusing(false);
    await allSent(db, ids);
    const counts = countByMessageId(await sink.messages(), tag);
    expect([...counts.values()]).toEqual([1, 1, 1]);
    expect((await listJourneyEmails(db, journeyId)).every((e) => e.status === 'sent' && e.lastError === null)).toBe(true);
    await running.stop();
    await db.$disconnect();
  });
});
