// Console sign-in and sessions on the real stack (PostgreSQL, SMTP sink): the emailed link is single
// use and expires; the session cookie is HttpOnly and SameSite=Lax (Secure on https); sessions end at
// idle and absolute expiry and at sign-out; a session's mutating call without the CSRF token is refused
// and changes nothing; roles apply to sessions as to keys.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import type { Role } from '../../api/auth/roles';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { waitForMessages } from '../support/mailbox';
import { uniqueTaskQueue } from '../support/temporal';

const stack = inject('stack');
let db: Database;
let client: Client;
let now = new Date('2027-03-01T09:00:00Z');
const logLines: string[] = [];

function appFor(publicBaseUrl: string) {
  const mailer = createMailer(stack.smtpUrl);
  return createApp({
    db, temporal: client, log: createLogger({}, 'debug', (line) => logLines.push(line)), readiness: {},
    config: { taskQueue: uniqueTaskQueue('console-sessions'), publicBaseUrl },
    mail: { mailer, config: { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl } },
    sessions: { clock: () => now, idleMs: 30 * 60_000, absoluteMs: 8 * 60 * 60_000, linkTtlMs: 15 * 60_000 },
  });
}
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = createDatabase(stack.databaseUrl);
  client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  app = appFor('http://jalon.test');
});

afterAll(async () => {
  await client?.connection.close();
  await db?.$disconnect();
});

async function staffMember(role: Role) {
  const email = `${role}.${randomUUID().slice(0, 8)}@staff.test`;
  await db.staffUser.create({ data: { email, name: `Agent ${role}`, role } });
  return email;
}

/** Asks for a link and reads it from the mailbox, as the person would. */
async function linkFor(email: string, target = app, count = 1): Promise<string> {
  const res = await request(target).post('/auth/sign-in-links').send({ email });
  expect(res.status).toBe(202);
  const messages = await waitForMessages(stack.mailboxUrl, email, count);
  const match = /https?:\/\/\S+\/console\/sign-in#token=([A-Za-z0-9_-]{43})/.exec(messages[count - 1]!.text);
  expect(match, messages[count - 1]!.text).not.toBeNull();
  return match![1]!;
}

async function signIn(email: string) {
  const token = await linkFor(email);
  const res = await request(app).post('/auth/sessions').send({ token });
  expect(res.status).toBe(201);
  const cookie = res.headers['set-cookie']![0]!.split(';')[0]!;
  return { cookie, csrf: res.body.csrfToken as string, token };
}

describe('console sign-in', () => {
  it('emails a link that signs in once, with an HttpOnly SameSite=Lax cookie; the token is never logged', async () => {
    const email = await staffMember('admissions');
    const token = await linkFor(email);
    // The link's page is the console's (the token stays in the fragment): opening it changes nothing.
    const used = await db.staffSignInLink.findFirstOrThrow({ where: { staffUser: { email } } });
    expect(used.usedAt).toBeNull();
    expect(used.tokenHash).not.toContain(token);

    const res = await request(app).post('/auth/sessions').send({ token });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, role: 'admissions', name: 'Agent admissions' });
    const setCookie = res.headers['set-cookie']![0]!;
    expect(setCookie).toMatch(/^jalon_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);

    const again = await request(app).post('/auth/sessions').send({ token });
    expect(again.status).toBe(410);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.title).toMatch(/déjà utilisé/);
    expect(logLines.join('\n')).not.toContain(token);
    expect(logLines.join('\n')).not.toContain(setCookie.split(';')[0]!.split('=')[1]!);
  });

  it('sets a Secure cookie when the public base URL is https', async () => {
    const secureApp = appFor('https://jalon.example.org');
    const email = await staffMember('read_only');
    const token = await linkFor(email, secureApp);
    const res = await request(secureApp).post('/auth/sessions').send({ token });
    expect(res.status).toBe(201);
    expect(res.headers['set-cookie']![0]).toMatch(/; Secure/);
  });

  it('refuses an expired link, an unknown address (same answer, no email) and a malformed token', async () => {
    const email = await staffMember('admissions');
    const token = await linkFor(email);
    now = new Date(now.getTime() + 16 * 60_000);
    const expired = await request(app).post('/auth/sessions').send({ token });
    expect(expired.status).toBe(410);
    expect(expired.body.title).toMatch(/expiré/);

    const nobody = `nobody.${randomUUID().slice(0, 8)}@staff.test`;
    const unknown = await request(app).post('/auth/sign-in-links').send({ email: nobody });
    expect(unknown.status).toBe(202);
    expect(await db.outboxEmail.count({ where: { recipient: nobody } })).toBe(0);

    const bad = await request(app).post('/auth/sign-in-links').send({ email: 'pas-une-adresse' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.email');
    expect((await request(app).post('/auth/sessions').send({ token: 'x' })).status).toBe(400);
  });

  it('a deactivated person gets no link', async () => {
    const email = await staffMember('admissions');
    await db.staffUser.update({ where: { email }, data: { deactivatedAt: new Date() } });
    expect((await request(app).post('/auth/sign-in-links').send({ email })).status).toBe(202);
    expect(await db.outboxEmail.count({ where: { recipient: email } })).toBe(0);
  });
});

describe('console sessions', () => {
  it('serve the staff API with the same roles as keys; a mutating call needs the CSRF token', async () => {
    const email = await staffMember('admissions');
    const { cookie, csrf } = await signIn(email);
    expect((await request(app).get('/cohorts').set('Cookie', cookie)).status).toBe(200);
    const session = await request(app).get('/auth/session').set('Cookie', cookie);
    expect(session.body).toMatchObject({ email, role: 'admissions', csrfToken: csrf });

    const code = `S-${randomUUID().slice(0, 8)}`;
    const cohort = { code, referentialCode: 'RNCP37332', label: 'Promotion session', startsOn: '2027-09-01' };
    const noCsrf = await request(app).post('/cohorts').set('Cookie', cookie).send(cohort);
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.title).toBe('CSRF check failed');
    const wrongCsrf = await request(app).post('/cohorts').set('Cookie', cookie).set('X-CSRF-Token', csrf.slice(0, -2) + 'AA').send(cohort);
    expect(wrongCsrf.status).toBe(403);
    const otherSite = await request(app).post('/cohorts').set('Cookie', cookie).set('X-CSRF-Token', csrf).set('Origin', 'https://evil.example').send(cohort);
    expect(otherSite.status).toBe(403);
    expect(await db.cohort.count({ where: { code } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: 'api.refused', after: { path: ['reason'], equals: 'csrf' } } })).toBeGreaterThanOrEqual(3);

    const ok = await request(app).post('/cohorts').set('Cookie', cookie).set('X-CSRF-Token', csrf).set('Origin', 'http://jalon.test').send(cohort);
    expect(ok.status).toBe(201);
  });

  it('read_only: reads, but the server refuses its mutating calls even with a valid CSRF token', async () => {
    const { cookie, csrf } = await signIn(await staffMember('read_only'));
    expect((await request(app).get('/cohorts').set('Cookie', cookie)).status).toBe(200);
    const code = `R-${randomUUID().slice(0, 8)}`;
    const res = await request(app).post('/cohorts').set('Cookie', cookie).set('X-CSRF-Token', csrf).send({ code, referentialCode: 'RNCP37332', label: 'x', startsOn: '2027-09-01' });
    expect(res.status).toBe(403);
    expect(res.body.title).toBe('Role not allowed');
    expect(await db.cohort.count({ where: { code } })).toBe(0);
  });

  it('ends after the idle time without a request', async () => {
    const { cookie } = await signIn(await staffMember('admissions'));
    now = new Date(now.getTime() + 20 * 60_000);
    expect((await request(app).get('/cohorts').set('Cookie', cookie)).status).toBe(200); // activity: idle clock restarts
    now = new Date(now.getTime() + 20 * 60_000);
    expect((await request(app).get('/cohorts').set('Cookie', cookie)).status).toBe(200);
    now = new Date(now.getTime() + 31 * 60_000);
    const expired = await request(app).get('/cohorts').set('Cookie', cookie);
    expect(expired.status).toBe(401);
    expect(expired.body.title).toBe('Session expired');
    expect((await request(app).get('/auth/session').set('Cookie', cookie)).status).toBe(401);
  });

  it('ends at the absolute expiry however active it is', async () => {
    const { cookie } = await signIn(await staffMember('admissions'));
    // A request every 29 minutes (never idle) for 7 h 44 min: still open.
    for (let i = 1; i <= 16; i++) {
      now = new Date(now.getTime() + 29 * 60_000);
      expect((await request(app).get('/cohorts').set('Cookie', cookie)).status, `after ${i * 29} min`).toBe(200);
    }
    now = new Date(now.getTime() + 20 * 60_000); // 8 h 24 min after sign-in
    expect((await request(app).get('/cohorts').set('Cookie', cookie)).status).toBe(401);
  });

  it('sign-out needs the CSRF token, then ends the session for good', async () => {
    const { cookie, csrf } = await signIn(await staffMember('admissions'));
    expect((await request(app).delete('/auth/session').set('Cookie', cookie)).status).toBe(403);
    expect((await request(app).get('/cohorts').set('Cookie', cookie)).status).toBe(200);
    const out = await request(app).delete('/auth/session').set('Cookie', cookie).set('X-CSRF-Token', csrf);
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie']![0]).toMatch(/jalon_session=;/);
    expect((await request(app).get('/cohorts').set('Cookie', cookie)).status).toBe(401);
  });

  it('an API key still works beside sessions, and a bad key is not rescued by a cookie', async () => {
    const { cookie } = await signIn(await staffMember('admissions'));
    const res = await request(app).get('/cohorts').set('Cookie', cookie).set('Authorization', 'Bearer nope');
    expect(res.status).toBe(401);
    expect(res.body.title).toBe('Invalid API key');
  });
});

describe('staff accounts from the console', () => {
  it('an admin invites (the person gets a link) and deactivates (their session ends); others may not', async () => {
    const admin = await signIn(await staffMember('admin'));
    const invitee = `invitee.${randomUUID().slice(0, 8)}@staff.test`;
    const bad = await request(app).post('/staff').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrf).send({ email: 'nope', name: '', role: 'boss' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.email', 'body.name', 'body.role']);
    const invited = await request(app).post('/staff').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrf).send({ email: invitee, name: 'Nouvelle Recrue', role: 'jury_coordinator' });
    expect(invited.status).toBe(201);
    const again = await request(app).post('/staff').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrf).send({ email: invitee, name: 'Autre', role: 'admin' });
    expect(again.status).toBe(409);
    expect((await db.staffUser.findUniqueOrThrow({ where: { email: invitee } })).role).toBe('jury_coordinator');

    // The invitation is a sign-in link: the invitee signs in with it.
    const [message] = await waitForMessages(stack.mailboxUrl, invitee);
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(message!.text)![1]!;
    const session = await request(app).post('/auth/sessions').send({ token });
    expect(session.status).toBe(201);
    const cookie = session.headers['set-cookie']![0]!.split(';')[0]!;
    expect((await request(app).get('/cohorts').set('Cookie', cookie)).status).toBe(200);

    const officer = await signIn(await staffMember('admissions'));
    expect((await request(app).get('/staff').set('Cookie', officer.cookie)).status).toBe(403);
    expect((await request(app).post(`/staff/${invited.body.id}/deactivate`).set('Cookie', officer.cookie).set('X-CSRF-Token', officer.csrf)).status).toBe(403);
    expect((await request(app).get('/cohorts').set('Cookie', cookie)).status).toBe(200);

    const self = (await request(app).get('/auth/session').set('Cookie', admin.cookie)).body as { staffUserId: string };
    expect((await request(app).post(`/staff/${self.staffUserId}/deactivate`).set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrf)).status).toBe(422);
    const off = await request(app).post(`/staff/${invited.body.id}/deactivate`).set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrf);
    expect(off.status).toBe(200);
    expect(off.body.deactivatedAt).not.toBeNull();
    expect((await request(app).get('/cohorts').set('Cookie', cookie)).status).toBe(401);
    expect((await request(app).post('/auth/sign-in-links').send({ email: invitee })).status).toBe(202);
    expect(await db.outboxEmail.count({ where: { recipient: invitee } })).toBe(1);
  });
});
