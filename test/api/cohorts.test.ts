// Cohorts, quotas, and the idempotency and concurrency rules of mutating calls.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createCohort, createHarness, type ApiHarness } from './support';

let h: ApiHarness;
beforeAll(async () => (h = await createHarness('cohorts')));
afterAll(() => h?.close());

const body = () => ({ code: `C-${randomUUID().slice(0, 8)}`, referentialCode: 'RNCP37332', label: 'Septembre 2027', startsOn: '2027-09-01', capacity: 30 });

describe('cohorts', () => {
  it('creates, reads (with its referential) and lists with cursor pagination', async () => {
    const created = await request(h.app).post('/cohorts').set(auth(h, 'admissions')).send(body());
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/cohorts/${created.body.id}`);
    const read = await request(h.app).get(`/cohorts/${created.body.id}`).set(auth(h, 'read_only'));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ code: created.body.code, candidates: 0, referential: { code: 'RNCP37332' } });
    expect(read.body.referential.blocks.map((b: { code: string }) => b.code)).toEqual(['BC01', 'BC02', 'BC03', 'BC04']);

    const made = [created.body.id];
    for (let i = 0; i < 3; i++) made.push((await createCohort(h)).id);
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const res = await request(h.app).get('/cohorts').query({ limit: 2, ...(cursor ? { cursor } : {}) }).set(auth(h, 'read_only'));
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const c of res.body.items) seen.add(c.id);
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    // Every cohort appears once across the pages (other test files add cohorts concurrently).
    for (const id of made) expect(seen.has(id)).toBe(true);
  });

  it('refuses bad bodies with each field path, and unknown fields', async () => {
    const res = await request(h.app).post('/cohorts').set(auth(h, 'admissions'))
      .send({ code: 'x', referentialCode: 'RNCP00000', label: '', startsOn: '2027-13-01', capacity: 0, surprise: 1, specificRecruitmentContext: { justification: 'short' } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.code', 'body.referentialCode', 'body.label', 'body.startsOn', 'body.capacity', 'body', 'body.specificRecruitmentContext.justification']));
    const bad = await request(h.app).get('/cohorts/not-a-uuid').set(auth(h, 'read_only'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('params.id');
    const q = await request(h.app).get('/cohorts').query({ limit: 500, foo: 1 }).set(auth(h, 'read_only'));
    expect(q.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['query.limit', 'query']));
  });

  it('refuses a taken code with 409', async () => {
    const b = body();
    expect((await request(h.app).post('/cohorts').set(auth(h, 'admissions')).send(b)).status).toBe(201);
    const again = await request(h.app).post('/cohorts').set(auth(h, 'admissions')).send(b);
    expect(again.status).toBe(409);
  });

  it('flags a specific recruitment context only with a justification, audited before/after', async () => {
    const cohort = await createCohort(h);
    const refused = await request(h.app).put(`/cohorts/${cohort.id}/recruitment-context`).set(auth(h, 'admissions')).send({ specificRecruitmentContext: true });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('body.justification');
    const ok = await request(h.app).put(`/cohorts/${cohort.id}/recruitment-context`).set(auth(h, 'admissions'))
      .send({ specificRecruitmentContext: true, justification: 'Réorganisation du secteur bancaire régional : reconversions massives.' });
    expect(ok.status).toBe(200);
    expect(ok.body.specificRecruitmentContext).toBe(true);
    const audit = await h.db.auditEvent.findFirst({ where: { action: 'cohort.recruitment_context_set', actor: `staff:${h.staffIds.admissions}` }, orderBy: { id: 'desc' } });
    expect(audit?.before).toMatchObject({ cohortId: cohort.id, specificRecruitmentContext: false });
    expect(audit?.after).toMatchObject({ specificRecruitmentContext: true });
  });

  it('reports quota use and places left from the domain rules (specific context raises the combined cap)', async () => {
    const cohort = await createCohort(h, { capacity: 20 });
    for (let i = 0; i < 10; i++) {
      const c = await h.db.candidate.create({ data: { cohortId: cohort.id, firstName: 'A', lastName: `B${i}`, email: `q${i}-${cohort.id}@ex.org`, route: 'student' } });
      await h.db.admission.create({ data: { cohortId: cohort.id, candidateId: c.id, category: i < 8 ? 'by_right' : 'derogation_b', countedInQuota: i >= 8 } });
    }
    const res = await request(h.app).get(`/cohorts/${cohort.id}/quotas`).set(auth(h, 'read_only'));
    expect(res.status).toBe(200);
    expect(res.body.admitted).toEqual({ byRight: 8, derogationA: 0, derogationB: 2, total: 10 });
    expect(res.body.limits).toEqual({ derogationA: 40, derogationB: 30, combined: 40 });
    // (a): 2+k <= 40 % of 10+k  ->  k <= 3.33; (b): 2+k <= 30 % of 10+k -> k <= 1.43
    expect(res.body.placesLeftNow).toEqual({ derogationA: 3, derogationB: 1 });
    expect(res.body.capacityLeft).toBe(10);
    await request(h.app).put(`/cohorts/${cohort.id}/recruitment-context`).set(auth(h, 'admin'))
      .send({ specificRecruitmentContext: true, justification: 'Fermeture d’un site industriel, reconversion des cadres.' });
    const raised = await request(h.app).get(`/cohorts/${cohort.id}/quotas`).set(auth(h, 'read_only'));
    expect(raised.body.limits.combined).toBe(60);
    expect(raised.body.placesLeftNow.derogationA).toBeGreaterThan(3);
  });
});

describe('editing a cohort', () => {
  it('changes label, dates and capacity (audited); refuses dates out of order and a capacity below the admissions, changing nothing', async () => {
    const c = (await request(h.app).post('/cohorts').set(auth(h, 'admissions')).send(body())).body;
    const ok = await request(h.app).patch(`/cohorts/${c.id}`).set(auth(h, 'admissions')).send({ label: 'Septembre 2027 (bis)', endsOn: '2028-07-01', capacity: 2 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ label: 'Septembre 2027 (bis)', startsOn: '2027-09-01', endsOn: '2028-07-01', capacity: 2 });
    expect(await h.db.auditEvent.count({ where: { action: 'cohort.updated', after: { path: ['cohortId'], equals: c.id } } })).toBe(1);

    const order = await request(h.app).patch(`/cohorts/${c.id}`).set(auth(h, 'admissions')).send({ startsOn: '2028-09-01' });
    expect(order.status).toBe(422);
    expect(order.body.errors[0]).toMatchObject({ path: 'body.endsOn', message: 'must not be before startsOn' });

    for (const n of [1, 2]) {
      const cand = await h.db.candidate.create({ data: { cohortId: c.id, firstName: 'A', lastName: `B${n}`, email: `ab${n}.${randomUUID().slice(0, 6)}@x.test`, route: 'student', language: 'fr' } });
      await h.db.admission.create({ data: { cohortId: c.id, candidateId: cand.id, category: 'by_right', countedInQuota: true } });
    }
    const below = await request(h.app).patch(`/cohorts/${c.id}`).set(auth(h, 'admissions')).send({ capacity: 1 });
    expect(below.status).toBe(422);
    expect(below.body.errors[0]).toMatchObject({ path: 'body.capacity', code: 'too_small', minimum: 2 });
    const empty = await request(h.app).patch(`/cohorts/${c.id}`).set(auth(h, 'admissions')).send({});
    expect(empty.status).toBe(400);
    expect((await request(h.app).patch(`/cohorts/${c.id}`).set(auth(h, 'read_only')).send({ capacity: 5 })).status).toBe(403);
    expect(await h.db.cohort.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ capacity: 2, startsOn: new Date('2027-09-01'), label: 'Septembre 2027 (bis)' });
  });
});

describe('idempotency', () => {
  it('returns the first result for a repeated key, and refuses the key for another body', async () => {
    const key = randomUUID();
    const b = body();
    const first = await request(h.app).post('/cohorts').set(auth(h, 'admissions')).set('Idempotency-Key', key).send(b);
    const second = await request(h.app).post('/cohorts').set(auth(h, 'admissions')).set('Idempotency-Key', key).send(b);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await h.db.cohort.count({ where: { code: b.code } })).toBe(1);
    const other = await request(h.app).post('/cohorts').set(auth(h, 'admissions')).set('Idempotency-Key', key).send(body());
    expect(other.status).toBe(422);
  });

  it('replays a refusal too (the key means that answer)', async () => {
    const key = randomUUID();
    const b = { ...body(), referentialCode: 'RNCP37332', endsOn: '2020-01-01' };
    const first = await request(h.app).post('/cohorts').set(auth(h, 'admissions')).set('Idempotency-Key', key).send(b);
    expect(first.status).toBe(400);
    const again = await request(h.app).post('/cohorts').set(auth(h, 'admissions')).set('Idempotency-Key', key).send(b);
    expect(again.status).toBe(400);
  });

  it('gives concurrent duplicates one effect', async () => {
    const key = randomUUID();
    const b = body();
    const results = await Promise.all(Array.from({ length: 5 }, () => request(h.app).post('/cohorts').set(auth(h, 'admissions')).set('Idempotency-Key', key).send(b)));
    expect(await h.db.cohort.count({ where: { code: b.code } })).toBe(1);
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of created) expect(r.body.id).toBe(created[0]!.body.id);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.status).toBe(409); // still in progress: retry
  });

  it('frees a key whose first request died mid-way (claimed, never completed, long ago) and runs the request', async () => {
    const key = randomUUID();
    const b = body();
    const { requestHash, STALE_CLAIM_MS } = await import('../../api/idempotency');
    await h.db.idempotentRequest.create({
      data: { key: `${h.staffIds.admissions}:${key}`, requestHash: requestHash('POST', '/cohorts', b), createdAt: new Date(Date.now() - STALE_CLAIM_MS - 1000) },
    });
    const res = await request(h.app).post('/cohorts').set(auth(h, 'admissions')).set('Idempotency-Key', key).send(b);
    expect(res.status).toBe(201);
    expect(await h.db.cohort.count({ where: { code: b.code } })).toBe(1);
  });

  it('keys are per staff user', async () => {
    const key = randomUUID();
    const a = await request(h.app).post('/cohorts').set(auth(h, 'admissions')).set('Idempotency-Key', key).send(body());
    const b = await request(h.app).post('/cohorts').set(auth(h, 'admin')).set('Idempotency-Key', key).send(body());
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });
});
