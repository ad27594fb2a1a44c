// Bad input as a French admissions office produces it (issue "Operations", bad input): a CSV saved by
// French Excel in Windows-1252, decimal commas and French route labels; an email differing only by case;
// a wrong media type; and exports that a spreadsheet would run as formulas.
import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createCohort, createHarness, importFinished, type ApiHarness } from './support';

let h: ApiHarness;
beforeAll(async () => (h = await createHarness('bad-input')));
afterAll(() => h?.close());

const upload = (cohortId: string, bytes: Buffer, type = 'text/csv') =>
  request(h.app).post(`/cohorts/${cohortId}/imports`).set(auth(h, 'admissions')).set('Content-Type', type).send(bytes);
const finished = (importId: string) => importFinished(h, importId);
const ref = () => `X-${randomUUID().slice(0, 8)}`;

describe('CSV encodings (D3)', () => {
  const frenchExcel = (lines: string[]) => iconv.encode(lines.join('\r\n') + '\r\n', 'win1252');

  it('reads French Excel\'s Windows-1252 "CSV (séparateur: point-virgule)" and says so in the report', async () => {
    const cohort = await createCohort(h);
    const a = ref();
    const res = await upload(cohort.id, frenchExcel(['external_ref;first_name;last_name;email;route', `${a};Françoise;Lefèvre;francoise.${a}@example.org;student`]));
    expect(res.status).toBe(202);
    expect(res.body.encoding).toBe('Windows-1252');
    expect(await finished(res.body.id)).toMatchObject({ accepted: 1, encoding: 'Windows-1252' });
    const person = await h.db.candidate.findFirstOrThrow({ where: { cohortId: cohort.id, externalRef: a } });
    expect(`${person.firstName} ${person.lastName}`).toBe('Françoise Lefèvre');
  });

  it('reads UTF-8 with and without BOM, and UTF-16 (Excel\'s "Unicode text")', async () => {
    const cohort = await createCohort(h);
    const cases: [Buffer, string][] = [];
    for (const [encode, name] of [
      [(t: string) => Buffer.from(t, 'utf8'), 'UTF-8'],
      [(t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]), 'UTF-8 (with BOM)'],
      [(t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(t, 'utf16le')]), 'UTF-16LE'],
    ] as const) {
      const r = ref();
      cases.push([encode(`external_ref,first_name,last_name,email,route\n${r},Noël,Æsir-Ølund,noel.${r}@example.org,student\n`), name]);
    }
    for (const [bytes, name] of cases) {
      const res = await upload(cohort.id, bytes);
      expect(res.status, name).toBe(202);
      expect((await finished(res.body.id)).encoding, name).toBe(name);
    }
    const names = await h.db.candidate.findMany({ where: { cohortId: cohort.id }, select: { firstName: true, lastName: true } });
    expect(names).toHaveLength(3);
    for (const n of names) expect(`${n.firstName} ${n.lastName}`).toBe('Noël Æsir-Ølund');
  });

  it('accepts decimal commas and French route labels as an office types them', async () => {
    const cohort = await createCohort(h);
    const [a, b, c] = [ref(), ref(), ref()];
    const res = await upload(cohort.id, frenchExcel([
      'external_ref;first_name;last_name;email;route;degrees;qualifying_years',
      `${a};Anaïs;Roux;anais.${a}@example.org;Étudiant;university_master;2,5`,
      `${b};Bruno;Lemoine;bruno.${b}@example.org;Formation continue;;`,
      `${c};Chloé;Faure;chloe.${c}@example.org;Contrat de professionnalisation;;`,
    ]));
    expect(await finished(res.body.id)).toMatchObject({ accepted: 3, rejected: 0 });
    const byRef = Object.fromEntries((await h.db.candidate.findMany({ where: { cohortId: cohort.id } })).map((p) => [p.externalRef, p]));
    expect(byRef[a]!.route).toBe('student');
    expect((byRef[a]!.declaredProfile as { experience: { qualifyingYears: number } }).experience.qualifyingYears).toBe(2.5);
    expect(byRef[b]!.route).toBe('continuing_education');
    expect(byRef[c]!.route).toBe('professionalisation');
  });
});

describe('email addresses are one person per cohort, without case (D4)', () => {
  it('refuses through the API an address that differs only by case, and stores addresses in lower case', async () => {
    const cohort = await createCohort(h);
    const email = `Marie.Curie.${randomUUID().slice(0, 6)}@Example.org`;
    const first = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send({ cohortId: cohort.id, firstName: 'Marie', lastName: 'Curie', email, route: 'student' });
    expect(first.status).toBe(201);
    expect((await h.db.candidate.findUniqueOrThrow({ where: { id: first.body.id } })).email).toBe(email.toLowerCase());
    const again = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send({ cohortId: cohort.id, firstName: 'Marie', lastName: 'Curie', email: email.toUpperCase(), route: 'student' });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].path).toBe('body.email');
    expect(again.body.candidateId).toBe(first.body.id);
    // The CSV path refuses it too.
    const csv = Buffer.from(`external_ref,first_name,last_name,email,route\n${ref()},Marie,Curie,${email.toUpperCase()},student\n`);
    const job = await finished((await upload(cohort.id, csv)).body.id);
    expect(job).toMatchObject({ accepted: 0, rejected: 1 });
    expect(await h.db.candidate.count({ where: { cohortId: cohort.id } })).toBe(1);
  });

  it('holds at the database level, whatever path writes', async () => {
    const cohort = await createCohort(h);
    const data = { cohortId: cohort.id, firstName: 'A', lastName: 'B', email: `same.${randomUUID().slice(0, 6)}@example.org`, route: 'student', language: 'fr' };
    await h.db.candidate.create({ data });
    await expect(h.db.candidate.create({ data })).rejects.toMatchObject({ code: 'P2002' });
  });
});

describe('media types', () => {
  it('answers 415, not misleading field errors, for a JSON route sent another type', async () => {
    const res = await request(h.app).post('/cohorts').set(auth(h, 'admissions')).set('Content-Type', 'text/plain').send('code=X');
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.detail).toContain('application/json');
  });
});

describe('exports (CSV injection)', () => {
  it('writes cells that a spreadsheet would run as text, and offers French Excel\'s dialect', async () => {
    const cohort = await createCohort(h);
    for (const [firstName, lastName] of [['=HYPERLINK("http://x.test","clic")', 'Formule'], ['@SUM(1+1)', 'Arobase'], ['+33 6', '-1'], ['Françoise', 'Lefèvre']]) {
      const res = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send({ cohortId: cohort.id, firstName, lastName, email: `x.${randomUUID().slice(0, 6)}@example.org`, route: 'student' });
      expect(res.status, firstName).toBe(201);
    }
    const plain = await request(h.app).get(`/candidates/export.csv?cohortId=${cohort.id}`).set(auth(h, 'read_only')).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const text = (plain.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toContain(`"'=HYPERLINK(""http://x.test"",""clic"")"`);
    expect(text).toContain("'@SUM(1+1)");
    expect(text).toContain("'+33 6,'-1");
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);

    const excel = await request(h.app).get(`/candidates/export.csv?cohortId=${cohort.id}&dialect=excel-fr`).set(auth(h, 'read_only')).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const bytes = excel.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('id;cohortId;externalRef;firstName;lastName;email;route;language;stage;status;nextDueAt;overdue');
    expect(lines.find((l) => l.includes('Françoise'))).toContain(';Françoise;Lefèvre;');
  });
});

describe('interview slot times in Paris time (D8)', () => {
  const offer = async (startsAt: string) => {
    const cohort = await createCohort(h);
    const created = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send({ cohortId: cohort.id, firstName: 'Paul', lastName: 'Henri', email: `p.${randomUUID().slice(0, 6)}@example.org`, route: 'student' });
    // No interview jury is registered: a slot time that passes validation meets the jury check next (422).
    return request(h.app).post(`/candidates/${created.body.id}/actions/offer-interview-slots`).set(auth(h, 'admissions'))
      .send({ slots: [{ slotId: 's1', startsAt }], juryMemberIds: [randomUUID()] });
  };

  it('accepts a Paris time without offset, and an instant with Z or Paris\'s offset', async () => {
    for (const startsAt of ['2027-03-02T10:00', '2027-03-02 10:00', '2027-03-02T09:00:00Z', '2027-07-02T10:00+02:00']) {
      const res = await offer(startsAt);
      expect(res.status, startsAt).toBe(422);
      expect(res.body.errors[0].path, startsAt).toBe('body.juryMemberIds.0');
    }
  });

  it('refuses a time that does not exist in Paris, naming the nearest valid ones', async () => {
    const res = await offer('2027-03-28T02:30');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ path: 'body.slots.0.startsAt', message: expect.stringContaining('does not exist in Paris') });
    expect(res.body.errors[0].message).toContain('01:59 or 03:00');
  });

  it('asks which one for a time that happens twice', async () => {
    const res = await offer('2027-10-31T02:30');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain('2027-10-31T02:30+02:00');
    expect(res.body.errors[0].message).toContain('2027-10-31T02:30+01:00');
  });

  it('refuses an offset that is not Paris\'s on that date instead of moving the time', async () => {
    const res = await offer('2027-03-28T02:30+01:00');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain('03:30 in Paris');
    expect(res.body.errors[0].message).toContain('+02:00');
  });
});
