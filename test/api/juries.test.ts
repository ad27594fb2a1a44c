// Registering the people who decide for a candidate (they have no account) and handing their ids to the journey.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createCohort, createHarness, type ApiHarness } from './support';

let h: ApiHarness;
let candidateId: string;
beforeAll(async () => {
  h = await createHarness('juries');
  const cohort = await createCohort(h);
  const created = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send({
    cohortId: cohort.id, externalRef: `J-${randomUUID().slice(0, 8)}`, firstName: 'Jeanne', lastName: 'Durand',
    email: `jeanne.${randomUUID().slice(0, 6)}@example.org`, route: 'student',
    declaredProfile: { degrees: [{ kind: 'university_master' }], experience: { qualifyingYears: 0 }, vappValidated: false },
  });
  candidateId = created.body.id;
});
afterAll(() => h?.close());

const reviewers = () => ({
  kind: 'selection',
  members: [
    { name: 'Claire Relectrice', email: `claire.${randomUUID().slice(0, 6)}@ecole.test`, kind: 'school' },
    { name: 'Marc Expert', email: `marc.${randomUUID().slice(0, 6)}@entreprise.test`, kind: 'external_professional', inActivity: true },
  ],
});

describe('candidate juries', () => {
  it('registers selection reviewers and lists them with their member ids', async () => {
    const res = await request(h.app).post(`/candidates/${candidateId}/juries`).set(auth(h, 'jury_coordinator')).send(reviewers());
    expect(res.status).toBe(201);
    expect(res.body.kind).toBe('selection');
    expect(res.body.members).toHaveLength(2);
    const list = await request(h.app).get(`/candidates/${candidateId}/juries`).set(auth(h, 'read_only'));
    expect(list.status).toBe(200);
    expect(list.body.items.map((j: { id: string }) => j.id)).toContain(res.body.id);
    const rows = await h.db.juryMember.findMany({ where: { juryId: res.body.id } });
    expect(rows.map((r) => r.id).sort()).toEqual(res.body.members.map((m: { id: string }) => m.id).sort());
  });

  it('refuses bad members with each field path, and changes nothing', async () => {
    const before = await h.db.jury.count({ where: { candidateId } });
    const res = await request(h.app).post(`/candidates/${candidateId}/juries`).set(auth(h, 'admissions'))
      .send({ kind: 'certification', members: [{ name: '', email: 'nope', kind: 'friend', extra: 1 }] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.kind', 'body.members.0.name', 'body.members.0.email', 'body.members.0.kind', 'body.members.0']));
    expect(await h.db.jury.count({ where: { candidateId } })).toBe(before);
  });

  it('#25 records each member\'s language (French by default) for their emails and pages; refuses another', async () => {
    const body = reviewers();
    const members: Record<string, unknown>[] = body.members.map((m, i) => (i === 0 ? { ...m, language: 'en' } : m));
    const res = await request(h.app).post(`/candidates/${candidateId}/juries`).set(auth(h, 'admissions')).send({ ...body, members });
    expect(res.status).toBe(201);
    expect(res.body.members.map((m: { name: string; language: string }) => [m.name, m.language]).sort()).toEqual([['Claire Relectrice', 'en'], ['Marc Expert', 'fr']]);
    const rows = await h.db.juryMember.findMany({ where: { juryId: res.body.id }, orderBy: { name: 'asc' } });
    expect(rows.map((r) => r.language)).toEqual(['en', 'fr']);
    const bad = await request(h.app).post(`/candidates/${candidateId}/juries`).set(auth(h, 'admissions'))
      .send({ kind: 'selection', members: [{ name: 'X', email: 'x@y.test', kind: 'school', language: 'de' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('body.members.0.language');
  });

  it('answers 404 for an unknown candidate and 403 for a read-only key', async () => {
    expect((await request(h.app).post(`/candidates/${randomUUID()}/juries`).set(auth(h, 'admissions')).send(reviewers())).status).toBe(404);
    expect((await request(h.app).post(`/candidates/${candidateId}/juries`).set(auth(h, 'read_only')).send(reviewers())).status).toBe(403);
  });

  it('gives the journey reviewer ids it accepts (the action validates them as uuids)', async () => {
    const jury = await request(h.app).post(`/candidates/${candidateId}/juries`).set(auth(h, 'admissions')).send(reviewers());
    const bad = await request(h.app).post(`/candidates/${candidateId}/actions/assign-selection-reviewers`).set(auth(h, 'admissions')).send({ memberIds: ['not-a-uuid'] });
    expect(bad.status).toBe(400);
    expect(jury.body.members.every((m: { id: string }) => /^[0-9a-f-]{36}$/.test(m.id))).toBe(true);
  });
});
