// Security probe item 8 (inputs and audit): malformed cursors, hidden characters in names, anonymous
// callers growing the audit table, and a CSV built to block the server are each refused in words (4xx),
// change nothing, and log no error.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createLogger } from '../../platform/logger';
import { auth, createCohort, createHarness, type ApiHarness } from '../api/support';

let h: ApiHarness;
const errorLines: string[] = [];
let app: ReturnType<typeof createApp>;
let cohort: { id: string };

beforeAll(async () => {
  h = await createHarness('security-input');
  app = createApp({
    db: h.db, temporal: h.client, readiness: {}, config: { taskQueue: h.taskQueue, publicBaseUrl: 'http://localhost' },
    log: createLogger({}, 'error', (line) => errorLines.push(line)),
    staffApi: { failedAuth: { max: 25, windowMs: 600_000 } },
  });
  cohort = await createCohort(h);
});
afterAll(() => h?.close());

const get = (path: string) => request(app).get(path).set(auth(h, 'admin'));

describe('#8 malformed pagination cursors', () => {
  it('answers 400 naming query.cursor on every cursor-paginated list, and logs no error', async () => {
    const candidate = randomUUID();
    const imported = await request(app).post(`/cohorts/${cohort.id}/imports`).set(auth(h, 'admissions')).set('content-type', 'text/csv')
      .send(`external_ref,first_name,last_name,email,route\nC-${randomUUID().slice(0, 8)},Rui,Costa,rui.${randomUUID().slice(0, 6)}@example.org,student\n`);
    expect(imported.status).toBe(202);
    const job = imported.body.id as string;
    const paths = [
      "/candidates?cursor=x'", '/candidates?cursor=99999999999999999999999999',
      `/candidates/${candidate}/timeline?cursor=99999999999999999999999`, `/candidates/${candidate}/timeline?cursor=x'`,
      `/candidates/${candidate}/emails?cursor=x'`,
      `/imports/${job}/rows?cursor=99999999999`, `/imports/${job}/rows?cursor=1e400`,
      '/dashboard/overdue?cursor=99999999999999999999_x', "/dashboard/overdue?cursor=x'",
    ];
    // The candidate and import exist, so that the cursor is what is looked at.
    const { body: created } = await request(app).post('/candidates').set(auth(h, 'admissions')).send({
      cohortId: cohort.id, firstName: 'Ana', lastName: 'Lopes', email: `ana.${randomUUID().slice(0, 6)}@example.org`, route: 'student',
    });
    for (const path of paths.map((p) => p.replace(candidate, created.id))) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.errors, path).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
    }
    expect(errorLines).toEqual([]);
  });
});

describe('#8 names with hidden characters', () => {
  it('refuses text-direction overrides, zero-width, control and NUL characters in a candidate\'s name, creating nothing', async () => {
    const before = await h.db.candidate.count({ where: { cohortId: cohort.id } });
    for (const lastName of ['Dupont\u202Egpj.exe', 'Du\u200Bpont', 'Dupont\u0007', 'Du\u0000pont', '\u2066Dupont\u2069']) {
      const res = await request(app).post('/candidates').set(auth(h, 'admissions')).send({
        cohortId: cohort.id, firstName: 'Jean', lastName, email: `jean.${randomUUID().slice(0, 6)}@example.org`, route: 'student',
      });
      expect(res.status, JSON.stringify(lastName)).toBe(400);
      expect(res.body.errors[0].path, JSON.stringify(lastName)).toBe('body.lastName');
    }
    expect(await h.db.candidate.count({ where: { cohortId: cohort.id } })).toBe(before);
    expect(errorLines).toEqual([]);
  });

  it('accepts real names: accents, apostrophes, hyphens, non-Latin scripts (stored as NFC)', async () => {
    for (const lastName of ['Lefèvre-O’Neil', 'Nguyễn', 'Müller', 'Ødegård', '王']) {
      const res = await request(app).post('/candidates').set(auth(h, 'admissions')).send({
        cohortId: cohort.id, firstName: 'Zoé', lastName: lastName.normalize('NFD'), email: `z.${randomUUID().slice(0, 6)}@example.org`, route: 'student',
      });
      expect(res.status, lastName).toBe(201);
      expect((await h.db.candidate.findUniqueOrThrow({ where: { id: res.body.id } })).lastName).toBe(lastName.normalize('NFC'));
    }
  });

  it('refuses a NUL character in any field or query with 400, not 500', async () => {
    const res = await request(app).post('/cohorts').set(auth(h, 'admissions')).send({ code: 'A\u0000B', referentialCode: 'RNCP37332', label: 'x', startsOn: '2027-09-01' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.code');
    expect((await get('/candidates?email=a%00b@x.org')).status).toBe(400);
    expect(errorLines).toEqual([]);
  });

  it('refuses hidden characters in a jury member\'s name', async () => {
    const { body: created } = await request(app).post('/candidates').set(auth(h, 'admissions')).send({
      cohortId: cohort.id, firstName: 'Léo', lastName: 'Petit', email: `leo.${randomUUID().slice(0, 6)}@example.org`, route: 'student',
    });
    const res = await request(app).post(`/candidates/${created.id}/juries`).set(auth(h, 'admissions')).send({ kind: 'selection', members: [{ name: 'Paul\u202E', email: 'p@ecole.test', kind: 'school' }] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.members.0.name');
  });
});

describe('#8 anonymous callers and the audit table', () => {
  it('audits an address\'s failed authentications up to the limit, then answers 429 without writing; a valid key still works', async () => {
    const count = () => h.db.auditEvent.count({ where: { action: 'api.refused' } });
    const before = await count();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await request(app).get('/cohorts').set('Authorization', i % 2 ? 'Bearer nope' : '')).status);
    expect(statuses.slice(0, 25).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(25).every((s) => s === 429)).toBe(true);
    // Other test files share the database: at most this file's 25 audited refusals were added.
    expect((await count()) - before).toBeLessThanOrEqual(25);
    expect((await request(app).get('/cohorts').set(auth(h, 'read_only'))).status).toBe(200);
  });
});

describe('#8 a CSV built to block the server', () => {
  it('refuses a header of thousands of distinct columns at once, in words, importing nothing', async () => {
    const before = await h.db.candidateImport.count({ where: { cohortId: cohort.id } });
    for (const [columns, says] of [[2_000, 'at most 13'], [200_000, 'longer than']] as const) {
      const header = ['external_ref', 'first_name', 'last_name', 'email', 'route', ...Array.from({ length: columns }, (_, i) => `c${i}`)].join(',');
      const res = await request(app).post(`/cohorts/${cohort.id}/imports`).set(auth(h, 'admissions')).set('content-type', 'text/csv').send(`${header}\nA1,Jean,Dupont,j@example.org,student\n`);
      expect(res.status, String(columns)).toBe(400);
      expect(res.body.detail, String(columns)).toContain(says);
      expect(res.body.detail.length).toBeLessThan(1_000);
    }
    expect(await h.db.candidateImport.count({ where: { cohortId: cohort.id } })).toBe(before);
  });

  it('refuses a line of a million characters as unreadable, importing nothing', async () => {
    const csv = `external_ref,first_name,last_name,email,route\nA1,${'x'.repeat(1_000_000)},Dupont,j@example.org,student\n`;
    const res = await request(app).post(`/cohorts/${cohort.id}/imports`).set(auth(h, 'admissions')).set('content-type', 'text/csv').send(csv);
    expect(res.status).toBe(400);
    expect(res.body.title).toBe('CSV file refused');
    expect(res.body.detail).toContain('Line 2 is longer than');
  });
});
