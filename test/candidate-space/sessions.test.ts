// Candidate space sessions by the staff rules, on the real app and database with a clock the test
// moves: the link works once and expires, the session ends when idle and at its absolute expiry,
// sign-out needs the CSRF value, and nothing in the space answers without a session.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mintToken } from '../../activities/mail/action-tokens';
import { createSpaceLink } from '../../activities/mail/space-link';
import { createApp } from '../../api/app';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';

const stack = inject('stack');
const HOUR = 3_600_000;
let db: Database;
let client: Client;
let now = Date.parse('2027-02-01T09:00:00Z');
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  app = createApp({
    db, temporal: client, log: createLogger({}, 'error', () => undefined), readiness: {},
    config: { taskQueue: 'unused', publicBaseUrl: 'http://127.0.0.1' },
    sessions: { idleMs: 2 * HOUR, absoluteMs: 12 * HOUR, clock: () => new Date(now) },
  });
});
afterAll(async () => {
  await client?.connection.close();
  await db?.$disconnect();
});

async function candidate() {
  const cohort = await db.cohort.create({ data: { code: `SS-${randomUUID()}`, referentialCode: 'RNCP37332', label: 'Promotion sessions', startsOn: new Date('2027-09-01') } });
  return db.candidate.create({ data: { cohortId: cohort.id, firstName: 'Léa', lastName: 'Martin', email: `lea-${randomUUID()}@candidats.test`, route: 'student' } });
}

async function signIn(candidateId: string, ttlMs = HOUR) {
  const token = await createSpaceLink(db, candidateId, new Date(now + ttlMs), mintToken());
  const page = await request(app).get(`/space/sign-in/${token}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('Ouvrir mon espace');
  const res = await request(app).post(`/space/sign-in/${token}`).set('Origin', 'http://127.0.0.1');
  expect(res.status).toBe(303);
  const cookie = res.headers['set-cookie']![0]!;
  expect(cookie).toMatch(/^jalon_candidate=[A-Za-z0-9_-]{43}; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);
  return { token, cookie: cookie.split(';')[0]! };
}

describe('candidate space sessions', () => {
  it('a link works once; the session ends after 2 h idle, and after 12 h whatever the activity', async () => {
    const c = await candidate();
    const { token, cookie } = await signIn(c.id);
    expect((await request(app).post(`/space/sign-in/${token}`).set('Origin', 'http://127.0.0.1')).status).toBe(410);
    expect((await request(app).get('/space').set('Cookie', cookie)).status).toBe(200);
    now += 2 * HOUR + 1000;
    const idle = await request(app).get('/space').set('Cookie', cookie);
    expect(idle.status).toBe(401);
    expect(idle.text).toContain('Votre session a pris fin');

    const second = await signIn(c.id);
    for (let i = 0; i < 7; i++) {
      now += 1.5 * HOUR; // active every 1.5 h: never 2 h idle (10.5 h after sign-in at the end)
      expect((await request(app).get('/space').set('Cookie', second.cookie)).status).toBe(200);
    }
    now += 1.5 * HOUR; // 12 h after sign-in, 1.5 h idle: the absolute expiry
    expect((await request(app).get('/space').set('Cookie', second.cookie)).status).toBe(401);
  });

  it('an expired link opens nothing; a foreign post and a sign-out without the CSRF value change nothing', async () => {
    const c = await candidate();
    const expired = await createSpaceLink(db, c.id, new Date(now + 1000), mintToken());
    now += 2000;
    const res = await request(app).post(`/space/sign-in/${expired}`).set('Origin', 'http://127.0.0.1');
    expect(res.status).toBe(410);
    expect(res.text).toContain('Ce lien a expiré');
    const fresh = await createSpaceLink(db, c.id, new Date(now + HOUR), mintToken());
    expect((await request(app).post(`/space/sign-in/${fresh}`).set('Origin', 'https://evil.test')).status).toBe(403);
    const { cookie } = await signIn(c.id);
    expect((await request(app).post('/space/sign-out').set('Cookie', cookie).set('Origin', 'http://127.0.0.1').type('form').send({ csrf: 'forged' })).status).toBe(403);
    expect((await request(app).get('/space').set('Cookie', cookie)).status).toBe(200);
    expect((await request(app).get(`/space/files/${randomUUID()}`)).status).toBe(401);
    expect((await request(app).post('/space/pieces/cv').set('Origin', 'http://127.0.0.1')).status).toBe(401);
  });
});
