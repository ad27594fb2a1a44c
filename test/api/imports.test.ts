// CSV import: good and bad lines with reasons per column, nothing half-imported, journeys started,
// re-run safe, progress readable, and a larger file (50 lines) in the suite.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyWorkflowId } from '../../workflows/messages';
import { eventually } from '../support/eventually';
import { auth, createCohort, createHarness, importFinished, type ApiHarness } from './support';

let h: ApiHarness;
beforeAll(async () => (h = await createHarness('imports')));
afterAll(() => h?.close());

const header = 'external_ref,first_name,last_name,email,route,language,enrolled_blocks,degrees,qualifying_years,vapp_validated';
const post = (cohortId: string, csv: string, key?: string) => {
  const r = request(h.app).post(`/cohorts/${cohortId}/imports`).set(auth(h, 'admissions')).set('Content-Type', 'text/csv');
  return (key ? r.set('Idempotency-Key', key) : r).send(csv);
};
const finished = (importId: string) => importFinished(h, importId);
const rows = async (importId: string, status?: string) =>
  (await request(h.app).get(`/imports/${importId}/rows`).query({ limit: 200, ...(status ? { status } : {}) }).set(auth(h, 'read_only'))).body.items;

describe('CSV import', () => {
  it('imports the good lines, rejects the bad ones with reasons, starts journeys, and a second run adds nothing', async () => {
    const cohort = await createCohort(h);
    const csv = [
      header,
      'A-1,Élodie,Martin,elodie.martin@example.org,student,fr,,university_master,0,false',
      'A-2,Karim,Benali,karim@example.org,vae,en,,m1,6,non',
      'A-3,,Durand,not-an-email,tourism,fr,,,,',
      'A-4,Léa,Petit,lea@example.org,student,fr,BC09,,,',
      'A-1,Élodie,Martin,other@example.org,student,fr,,,,',
      'A-5,Jean,Dupont,elodie.martin@example.org,student,fr,,,,',
      'A-6,Zoé,Roux,zoe@example.org,individual,fr,BC01;BC03,l3,4,false',
    ].join('\n');
    const res = await post(cohort.id, csv);
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/imports/${res.body.id}`);
    expect(res.body.total).toBe(7);
    const job = await finished(res.body.id);
    expect(job).toMatchObject({ processed: 7, accepted: 3, rejected: 4 });

    const rejected = await rows(res.body.id, 'rejected');
    const byLine = Object.fromEntries(rejected.map((r: { line: number; reasons: { column: string }[] }) => [r.line, r.reasons.map((x) => x.column)]));
    expect(byLine[4]).toEqual(expect.arrayContaining(['first_name', 'email', 'route']));
    expect(byLine[5]).toEqual(['enrolled_blocks']);
    expect(byLine[6]).toEqual(['external_ref']);
    expect(byLine[7]).toEqual(['email']);
    // Nothing of a rejected line was written.
    expect(await h.db.candidate.count({ where: { cohortId: cohort.id } })).toBe(3);
    expect(await h.db.candidate.count({ where: { cohortId: cohort.id, externalRef: { in: ['A-3', 'A-4'] } } })).toBe(0);
    const zoe = await h.db.candidate.findFirstOrThrow({ where: { cohortId: cohort.id, externalRef: 'A-6' } });
    expect(zoe.enrolledBlocks).toEqual(['BC01', 'BC03']);
    expect(zoe.declaredProfile).toEqual({ degrees: [{ kind: 'l3' }], experience: { qualifyingYears: 4 }, vappValidated: false });

    const created = await rows(res.body.id, 'created');
    expect(created).toHaveLength(3);
    for (const r of created) {
      const d = await h.client.workflow.getHandle(journeyWorkflowId('RNCP37332', r.candidateId)).describe();
      expect(d.status.name).toBe('RUNNING');
    }

    const second = await post(cohort.id, csv);
    expect(second.body.id).not.toBe(res.body.id);
    expect(await finished(second.body.id)).toMatchObject({ processed: 7, accepted: 3, rejected: 4 });
    expect(await rows(second.body.id, 'existing')).toHaveLength(3);
    expect(await rows(second.body.id, 'created')).toHaveLength(0);
    expect(await h.db.candidate.count({ where: { cohortId: cohort.id } })).toBe(3);
  });

  it('with the same Idempotency-Key, returns the first job instead of running again', async () => {
    const cohort = await createCohort(h);
    const key = randomUUID();
    const csv = `${header}\nK-1,Ana,Lopes,ana@example.org,student,fr,,,,`;
    const a = await post(cohort.id, csv, key);
    const b = await post(cohort.id, csv, key);
    expect(b.body.id).toBe(a.body.id);
    await finished(a.body.id);
    expect(await h.db.candidateImport.count({ where: { cohortId: cohort.id } })).toBe(1);
  });

  it('refuses a file with unknown or missing columns as a whole, importing nothing', async () => {
    const cohort = await createCohort(h);
    const res = await post(cohort.id, 'external_ref,first_name,email,shoe_size\nX,Y,y@example.org,42');
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/unknown column\(s\): shoe_size/);
    expect(res.body.detail).toMatch(/missing column\(s\): last_name, route/);
    expect(await h.db.candidateImport.count({ where: { cohortId: cohort.id } })).toBe(0);
    const json = await request(h.app).post(`/cohorts/${cohort.id}/imports`).set(auth(h, 'admissions')).send({ csv: 'x' });
    expect(json.status).toBe(415);
    const empty = await post(cohort.id, header);
    expect(empty.status).toBe(400);
  });

  it('imports 50 candidates with progress readable while it runs', async () => {
    const cohort = await createCohort(h);
    const lines = Array.from({ length: 50 }, (_, i) => `N-${i},Prénom${i},Nom${i},n${i}@example.org,${i % 2 ? 'student' : 'apprenticeship'},fr,,,,`);
    const res = await post(cohort.id, [header, ...lines].join('\n'));
    expect(res.status).toBe(202);
    const seen: number[] = [];
    const job = await eventually(async () => {
      const r = await request(h.app).get(`/imports/${res.body.id}`).set(auth(h, 'read_only'));
      seen.push(r.body.processed);
      expect(r.body.status).toBe('completed');
      return r.body;
    }, 60_000, 20);
    expect(job).toMatchObject({ total: 50, processed: 50, accepted: 50, rejected: 0 });
    expect(seen.every((n, i) => i === 0 || n >= seen[i - 1]!)).toBe(true);
    expect(await h.db.candidate.count({ where: { cohortId: cohort.id } })).toBe(50);
    const page1 = await request(h.app).get(`/imports/${res.body.id}/rows`).query({ limit: 20 }).set(auth(h, 'read_only'));
    expect(page1.body.items).toHaveLength(20);
    expect(page1.body.nextCursor).toBe('21');
  });
});
