// The quota reserve through the API (D2): the cohort's cut-off date, what staff see per cohort (by-right
// admissions that would free a place, who waits), and staff's decision for a candidate on the reserve, whose
// bad input is refused in words (problem+json) and changes nothing. The journey's side (a place given, the
// appeal carried out, the cut-off) is test/workflows/journey-quota-reserve.test.ts.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { auth, createCohort, createHarness, startJourneyWorker, type ApiHarness } from './support';

let h: ApiHarness;
let stopWorker: () => Promise<void>;

beforeAll(async () => {
  h = await createHarness('quota-reserve');
  stopWorker = await startJourneyWorker(h);
});
afterAll(async () => {
  await stopWorker?.();
  await h?.close();
});

/** A (b) candidate created through the API (the journey starts at the dossier). */
async function derogationCandidate(cohortId: string): Promise<string> {
  const res = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send({
    cohortId, externalRef: `QR-${randomUUID().slice(0, 8)}`, firstName: 'Sacha', lastName: 'Martin',
    email: `sacha.${randomUUID().slice(0, 6)}@example.org`, route: 'student',
    declaredProfile: { degrees: [{ kind: 'm1' }], experience: { qualifyingYears: 0 }, vappValidated: false },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await eventually(async () => {
    const s = await request(h.app).get(`/candidates/${res.body.id}/state`).set(auth(h, 'read_only'));
    expect(s.body.stage).toBe('dossier');
  });
  return res.body.id;
}

async function byRightAdmitted(cohortId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const c = await h.db.candidate.create({ data: { cohortId, firstName: 'A', lastName: `B${i}`, email: `br${i}-${randomUUID()}@ex.org`, route: 'student' } });
    await h.db.admission.create({ data: { cohortId, candidateId: c.id, category: 'by_right', countedInQuota: false } });
  }
}

const decide = (candidateId: string, body: object) =>
  request(h.app).post(`/candidates/${candidateId}/quota-reserve/decision`).set(auth(h, 'admissions')).set('Idempotency-Key', randomUUID()).send(body);

describe('quota reserve API', () => {
  it('sets the cohort\'s cut-off date (audited), refusing one after the cohort\'s end and changing nothing', async () => {
    const cohort = await createCohort(h);
    const ok = await request(h.app).patch(`/cohorts/${cohort.id}`).set(auth(h, 'admissions')).send({ quotaReserveCutoffOn: '2027-10-15' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.quotaReserveCutoffOn).toBe('2027-10-15');
    expect((await h.db.auditEvent.findFirst({ where: { action: 'cohort.updated', after: { path: ['cohortId'], equals: cohort.id } }, orderBy: { id: 'desc' } }))?.after)
      .toMatchObject({ quotaReserveCutoffOn: '2027-10-15T00:00:00.000Z' });

    const late = await request(h.app).patch(`/cohorts/${cohort.id}`).set(auth(h, 'admissions')).send({ quotaReserveCutoffOn: '2028-07-01' });
    expect(late.status).toBe(422);
    expect(late.headers['content-type']).toContain('application/problem+json');
    expect(late.body.errors).toEqual([expect.objectContaining({ path: 'body.quotaReserveCutoffOn', message: 'must not be after endsOn' })]);
    const notADate = await request(h.app).patch(`/cohorts/${cohort.id}`).set(auth(h, 'admissions')).send({ quotaReserveCutoffOn: '2027-02-30' });
    expect(notADate.status).toBe(400);
    expect(notADate.body.errors[0].path).toBe('body.quotaReserveCutoffOn');
    expect((await request(h.app).get(`/cohorts/${cohort.id}`).set(auth(h, 'read_only'))).body.quotaReserveCutoffOn).toBe('2027-10-15');
  });

  it('shows per cohort how many by-right admissions would free a place and who waits on the reserve', async () => {
    const cohort = await createCohort(h);
    await byRightAdmitted(cohort.id, 2);
    const waiting = await derogationCandidate(cohort.id);
    await h.db.quotaReserve.create({ data: { cohortId: cohort.id, candidateId: waiting, journeyId: `journey:RNCP37332:${waiting}`, category: 'derogation_b' } });
    const res = await request(h.app).get(`/cohorts/${cohort.id}/quotas`).set(auth(h, 'read_only'));
    expect(res.status).toBe(200);
    // (a): 1 of 3 = 33 % <= 40 %, open now; (b): 1 of 3 > 30 %, 1 of 4 = 25 % after one more by-right admission.
    expect(res.body.placesLeftNow).toEqual({ derogationA: 1, derogationB: 0 });
    expect(res.body.byRightAdmissionsToFreePlace).toEqual({ derogationA: 0, derogationB: 1 });
    expect(res.body.reserve).toEqual({ waiting: { derogationA: 0, derogationB: 1 }, cutoffOn: null });
  });

  it('refuses a decision with bad input in words, and one for a candidate not waiting, changing nothing', async () => {
    const cohort = await createCohort(h);
    const candidateId = await derogationCandidate(cohort.id);
    const journeyId = `journey:RNCP37332:${candidateId}`;

    const notWaiting = await decide(candidateId, { decision: 'refuse' });
    expect(notWaiting.status).toBe(409);
    expect(notWaiting.headers['content-type']).toContain('application/problem+json');
    expect(notWaiting.body.detail).toContain('not waiting for a place');

    await h.db.quotaReserve.create({ data: { cohortId: cohort.id, candidateId, journeyId, category: 'derogation_b' } });
    const missing = await decide(candidateId, { decision: 'admit_on_appeal' });
    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'body.justification' })]);
    const short = await decide(candidateId, { decision: 'admit_on_appeal', justification: 'ok' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].message).toContain('at least 20 characters');
    const unknown = await decide(candidateId, { decision: 'maybe' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('body.decision');
    const extra = await decide(candidateId, { decision: 'refuse', justification: 'not expected with a refusal here' });
    expect(extra.status).toBe(400);

    // Valid input, but the journey is not on the reserve (still at the dossier): its refusal, in words; the
    // justification stored for it is removed again.
    const refused = await decide(candidateId, { decision: 'admit_on_appeal', justification: 'Projet soutenu par l’entreprise, jury unanime.' });
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toMatchObject({ code: 'wrong_stage' });
    expect(refused.body.detail).toContain('dossier de candidature');

    expect(await h.db.journeyNote.count({ where: { journeyId } })).toBe(0);
    expect((await h.db.quotaReserve.findUniqueOrThrow({ where: { candidateId } })).status).toBe('waiting');
    expect(await h.db.admission.count({ where: { candidateId } })).toBe(0);
  });
});
