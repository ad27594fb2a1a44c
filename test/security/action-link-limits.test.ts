// Security probe items 3 and 4: the action-link rate limits. Junk requests must neither grow the
// process's memory and logs without bound (3) nor lock a real recipient out of their link (4).
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailActivities } from '../../activities/mail';
import { createApp } from '../../api/app';
import { RateLimiter } from '../../api/rate-limit';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { waitForMessages } from '../support/mailbox';
import { createCandidate, linkIn, mailConfig } from '../mail/fixtures';

const stack = inject('stack');
let db: Database;
let client: Client;
let mail: ReturnType<typeof createMailActivities>;

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  mail = createMailActivities({ db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config: mailConfig() });
});

afterAll(async () => {
  await client?.connection.close();
  await db?.$disconnect();
});

function appWith(perAddress: { max: number; windowMs: number }, logLines: string[] = [], rateLimitStore: 'memory' | 'postgres' = 'memory') {
  return createApp({
    db, temporal: client, log: createLogger({}, 'info', (l) => logLines.push(l)), readiness: {},
    config: { taskQueue: 'security-no-worker', publicBaseUrl: 'http://jalon.test' },
    actionLinks: { csrfSecret: 'y'.repeat(32), perAddress }, rateLimitStore, trustProxy: 1,
  });
}

/** A real candidate link, as delivered to the inbox. */
async function realLink(): Promise<string> {
  const { candidate, journeyId } = await createCandidate(db);
  const { outboxId } = await mail.queueEmail({
    journeyId, purpose: `thesis-${Math.random()}`, template: 'follow_up_survey_request', data: { wave: 6, dueAtMs: Date.now() + 86_400_000 }, to: { kind: 'candidate', candidateId: candidate.id },
    action: { action: 'thesis_submission', expiresAtMs: Date.now() + 86_400_000 },
  });
  await mail.deliverEmail(outboxId);
  const [message] = await waitForMessages(stack.mailboxUrl, candidate.email, 1);
  return new URL(linkIn(message!.text)).pathname;
}

const junk = (i: number) => `/a/${String(i).padStart(43, 'x')}`;

describe('#3 junk links cannot slow the process through the rate limiter', () => {
  it('holds a bounded number of windows whatever the number of distinct keys', async () => {
    const limiter = new RateLimiter({ max: 5, windowMs: 60_000 }, 1_000);
    for (let i = 0; i < 100_000; i++) await limiter.hit(`t:${i}`, 1_000 + i);
    expect(limiter.size).toBeLessThanOrEqual(1_000);
  });

  it('forgets expired windows as time passes', async () => {
    const limiter = new RateLimiter({ max: 5, windowMs: 1_000 });
    for (let i = 0; i < 500; i++) await limiter.hit(`ip:${i}`, 0);
    await limiter.hit('ip:late', 5_000);
    expect(limiter.size).toBe(1);
  });

  it('logs a refused address once per window, not once per request', async () => {
    const logLines: string[] = [];
    const app = appWith({ max: 10, windowMs: 60_000 }, logLines);
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await request(app).get(junk(i))).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    // 10 refusals (one line each) and one line when the address crossed its limit: not 300.
    expect(logLines.filter((l) => l.includes('action link')).length).toBe(11);
    expect(logLines.filter((l) => l.includes('rate-limited')).length).toBe(1);
  });
});

describe('#4 a real jury member or candidate is not locked out by junk from a shared address', () => {
  it('serves a valid link to an address that already failed too many look-ups', async () => {
    const path = await realLink();
    const app = appWith({ max: 5, windowMs: 600_000 });
    for (let i = 0; i < 20; i++) await request(app).get(junk(i));
    expect((await request(app).get(junk(99))).status).toBe(429);
    const page = await request(app).get(path);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<form[^>]* method="post"/);
  });

  it('counts only failed look-ups against the address: valid requests never use it up', async () => {
    const path = await realLink();
    const app = appWith({ max: 3, windowMs: 600_000 });
    for (let i = 0; i < 10; i++) expect((await request(app).get(path)).status).toBe(200);
    expect((await request(app).get(junk(1))).status).toBe(404);
  });
});

describe('rate limits shared by several API processes (PostgreSQL store)', () => {
  it('counts one address\'s failures across two API processes, and still serves its valid link', async () => {
    // Two apps over the same database stand for two API processes behind one load balancer.
    const [one, two] = [appWith({ max: 6, windowMs: 600_000 }, [], 'postgres'), appWith({ max: 6, windowMs: 600_000 }, [], 'postgres')];
    const address = `2001:db8::${randomUUID().slice(0, 4)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await request(i % 2 ? one : two).get(junk(1_000 + i)).set('X-Forwarded-For', address)).status);
    // Without sharing, each process would allow 6: all 10 would be 404.
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 429, 429, 429, 429]);
    const path = await realLink();
    expect((await request(one).get(path).set('X-Forwarded-For', address)).status).toBe(200);
  });
});
