// The CPF declaration's checks through the staff API, over the real app and database: an implausible
// birth date refused with the field named, the missing CDC identifiers said in words (no API path), an
// award in a flux built but not deposited told apart from one deposited, and a rejected line without the
// CDC's reason refused with the line named, nothing recorded.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createHarness, type ApiHarness } from '../api/support';

let h: ApiHarness;
beforeAll(async () => {
  h = await createHarness('cpf-records-checks');
});
afterAll(async () => h?.close());

async function certifiedHolder(lastName: string) {
  const cohort = await h.db.cohort.create({ data: { code: `CPFC-${randomUUID()}`, referentialCode: 'RNCP37332', label: 'CPF', startsOn: new Date('2026-09-01') } });
  const candidate = await h.db.candidate.create({ data: { cohortId: cohort.id, firstName: 'Camille', lastName, email: `${randomUUID()}@example.org`, route: 'student' } });
  const jury = await h.db.jury.create({ data: { candidateId: candidate.id, kind: 'certification', status: 'closed', outcome: 'awarded', closedAt: new Date(), deliberation: '{}' } });
  return { candidateId: candidate.id, juryId: jury.id };
}
const identity = (over: Record<string, unknown> = {}) => ({ birthName: 'Martin', firstNames: ['Camille'], birthDate: '1994-03-21', sex: 'F', bornIn: 'france', birthCommuneInsee: '75056', ...over });

describe('CPF declaration checks', () => {
  it('refuses a birth date after today, or an age under 15 or over 100 at the award, naming the field; records nothing', async () => {
    const holder = await certifiedHolder('Futur');
    const put = (birthDate: string) => request(h.app).put(`/candidates/${holder.candidateId}/cpf-identity`).set(auth(h, 'admissions')).send(identity({ birthDate }));
    for (const [birthDate, words] of [['2030-03-21', 'after today'], [`${new Date().getUTCFullYear() - 10}-01-01`, 'younger than 15'], ['1905-01-01', 'older than 100']] as const) {
      const res = await put(birthDate);
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.birthDate', message: expect.stringContaining(words) })]);
    }
    expect(await h.db.cpfIdentity.count({ where: { candidateId: holder.candidateId } })).toBe(0);
    expect((await put('1994-03-21')).status).toBe(200);
  });

  it('says in words that the CDC identifiers are missing and who sets them, without an API path', async () => {
    await h.db.cpfSettings.deleteMany();
    const holder = await certifiedHolder('Sans-Reglages');
    await request(h.app).put(`/candidates/${holder.candidateId}/cpf-identity`).set(auth(h, 'admissions')).send(identity()).expect(200);
    const res = await request(h.app).post('/declarations/cpf').set(auth(h, 'admissions')).send({ juryIds: [holder.juryId] });
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('an administrator enters them on the console');
    expect(res.body.detail).not.toMatch(/PUT|\/declarations/);
    expect(res.body.reason).toMatchObject({ code: 'cpf_settings_missing', fr: expect.stringContaining('un administrateur de Jalon les saisit'), en: expect.stringContaining('a Jalon administrator enters them') });
  });

  it('tells an award in a flux built apart from one deposited; refuses a rejection without its reason, naming the line', async () => {
    await request(h.app).put('/declarations/cpf/settings').set(auth(h, 'admin')).send({ idClient: '0A1B2C3D', idContrat: 'MCF-1' }).expect(200);
    const holder = await certifiedHolder('Rejete');
    await request(h.app).put(`/candidates/${holder.candidateId}/cpf-identity`).set(auth(h, 'admissions')).send(identity({ birthName: 'Rejete' })).expect(200);
    const built = await request(h.app).post('/declarations/cpf').set(auth(h, 'admissions')).send({ juryIds: [holder.juryId] }).expect(201);
    const award = async () => (await request(h.app).get('/declarations/cpf/awards').set(auth(h, 'admissions'))).body.items.find((a: { juryId: string }) => a.juryId === holder.juryId);
    expect(await award()).toMatchObject({ status: 'pending', flux: { idFlux: built.body.idFlux, deposited: false } });
    await request(h.app).post(`/declarations/cpf/${built.body.id}/deposit`).set(auth(h, 'admissions')).send({}).expect(200);
    expect(await award()).toMatchObject({ status: 'pending', flux: { idFlux: built.body.idFlux, deposited: true } });

    for (const line of [{ juryId: holder.juryId, status: 'rejected' }, { juryId: holder.juryId, status: 'rejected', reason: '   ' }]) {
      const res = await request(h.app).post(`/declarations/cpf/${built.body.id}/acknowledgement`).set(auth(h, 'admissions')).send({ lines: [line] });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.lines.0.reason' })]);
    }
    const named = await request(h.app).post(`/declarations/cpf/${built.body.id}/acknowledgement`).set(auth(h, 'admissions')).send({ lines: [{ juryId: holder.juryId, status: 'rejected' }] });
    expect(named.body.errors[0].message).toContain(`The line ${holder.juryId} is rejected without the CDC's reason`);
    expect(await h.db.cpfDeclarationLine.findFirstOrThrow({ where: { juryId: holder.juryId } })).toMatchObject({ status: 'pending', rejectionReason: null });

    await request(h.app).post(`/declarations/cpf/${built.body.id}/acknowledgement`).set(auth(h, 'admissions')).send({ lines: [{ juryId: holder.juryId, status: 'rejected', reason: 'Nom de naissance inconnu' }] }).expect(200);
    expect(await award()).toMatchObject({ status: 'to_declare', flux: null, rejection: { reason: 'Nom de naissance inconnu' } });
  });
});
