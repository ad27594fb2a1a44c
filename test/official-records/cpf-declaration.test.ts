// The CPF declaration through the staff API, over the real app and database: identities entered and
// validated, the certifier's CDC identifiers, a flux for three holders that validates against the CDC's
// XSD (libxml2, and Debian's xmllint when installed), a tampered flux that fails, a holder without a birth
// commune refused with the field named and nothing changed, then the deposit and the CDC's
// acknowledgement: the rejected line returns to "to declare" and goes into the next flux.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpfDeadlineWorkflowId } from '../../activities/cpf/activities';
import { validateCpfFlux } from '../../activities/cpf/xsd';
import { auth, createHarness, type ApiHarness } from '../api/support';

let h: ApiHarness;
beforeAll(async () => {
  h = await createHarness('cpf-declaration');
});
afterAll(async () => h?.close());

/** A certified holder as the journey leaves one: a certification jury closed with the outcome "awarded". */
async function certifiedHolder(lastName: string, route = 'student') {
  const cohort = await h.db.cohort.create({ data: { code: `CPF-${randomUUID()}`, referentialCode: 'RNCP37332', label: 'CPF', startsOn: new Date('2026-09-01') } });
  const candidate = await h.db.candidate.create({ data: { cohortId: cohort.id, firstName: 'Camille', lastName, email: `${randomUUID()}@example.org`, route } });
  const jury = await h.db.jury.create({ data: { candidateId: candidate.id, kind: 'certification', status: 'closed', outcome: 'awarded', closedAt: new Date(), deliberation: '{}' } });
  return { candidateId: candidate.id, juryId: jury.id };
}

const identity = (over: Record<string, unknown> = {}) => ({ birthName: 'Martin', firstNames: ['Camille', 'Marie'], birthDate: '1994-03-21', sex: 'F', bornIn: 'france', birthCommuneInsee: '75056', ...over });
const xsdPath = fileURLToPath(new URL('../../domain/cpf-accrochage-1.1.2.xsd', import.meta.url));
const hasXmllint = (() => {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('CPF declaration', () => {
  const holders: { candidateId: string; juryId: string }[] = [];
  let declarationId: string;

  beforeAll(async () => {
    holders.push(await certifiedHolder('Durand'), await certifiedHolder('N’Diaye', 'vae'), await certifiedHolder('O\'Neil & <Fils>', 'apprenticeship'));
  });

  it('lets only an administrator set the CDC identifiers, validated', async () => {
    const bad = await request(h.app).put('/declarations/cpf/settings').set(auth(h, 'admin')).send({ idClient: '123', idContrat: 'MCF-1' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.errors[0]).toMatchObject({ path: 'body.idClient', message: expect.stringContaining('8-character client number') });
    expect((await request(h.app).put('/declarations/cpf/settings').set(auth(h, 'admissions')).send({ idClient: '0A1B2C3D', idContrat: 'MCF-1' })).status).toBe(403);
    const ok = await request(h.app).put('/declarations/cpf/settings').set(auth(h, 'admin')).send({ idClient: '0A1B2C3D', idContrat: 'MCF-1' });
    expect(ok.status).toBe(200);
    expect((await request(h.app).get('/declarations/cpf/settings').set(auth(h, 'read_only'))).body).toEqual({ idClient: '0A1B2C3D', idContrat: 'MCF-1' });
  });

  it('refuses a holder with no birth commune, naming the field, and records nothing', async () => {
    const [first] = holders;
    const res = await request(h.app).put(`/candidates/${first!.candidateId}/cpf-identity`).set(auth(h, 'admissions')).send(identity({ birthCommuneInsee: undefined }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.birthCommuneInsee', message: expect.stringContaining('The birth commune is missing') })]);
    expect(await h.db.cpfIdentity.count({ where: { candidateId: first!.candidateId } })).toBe(0);

    // Chosen for a flux without an identity: refused, the holder and the field named, no flux kept.
    const before = await h.db.cpfDeclaration.count();
    const build = await request(h.app).post('/declarations/cpf').set(auth(h, 'admissions')).send({ juryIds: [first!.juryId] });
    expect(build.status).toBe(422);
    expect(build.headers['content-type']).toMatch(/problem\+json/);
    expect(build.body.errors).toEqual([{ path: 'body.juryIds.0', message: expect.stringMatching(/^Camille Durand: identity: No identity is recorded/) }]);
    expect(await h.db.cpfDeclaration.count()).toBe(before);
  });

  it('refuses an identity for someone who is not a certified holder', async () => {
    const cohort = await h.db.cohort.create({ data: { code: `CPF-${randomUUID()}`, referentialCode: 'RNCP37332', label: 'CPF', startsOn: new Date('2026-09-01') } });
    const c = await h.db.candidate.create({ data: { cohortId: cohort.id, firstName: 'Sam', lastName: 'Nope', email: `${randomUUID()}@example.org`, route: 'student' } });
    const res = await request(h.app).put(`/candidates/${c.id}/cpf-identity`).set(auth(h, 'admissions')).send(identity());
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('Only certified holders are declared');
    expect(await h.db.cpfIdentity.count({ where: { candidateId: c.id } })).toBe(0);
  });

  it('builds one flux for three holders that validates against the CDC\'s XSD; a tampered one does not', async () => {
    const [a, b, c] = holders as [typeof holders[0], typeof holders[0], typeof holders[0]];
    const put = (id: string, body: object) => request(h.app).put(`/candidates/${id}/cpf-identity`).set(auth(h, 'admissions')).send(body);
    expect((await put(a.candidateId, identity({ birthName: 'Durand' }))).status).toBe(200);
    expect((await put(b.candidateId, identity({ birthName: 'N’Diaye', usageName: 'Lefèvre', firstNames: ['Awa'], sex: 'F', birthCommuneInsee: null, birthPostalCode: '69001' }))).status).toBe(200);
    expect((await put(c.candidateId, identity({ birthName: 'O\'Neil & <Fils>', firstNames: ['Seán'], sex: 'M', bornIn: 'abroad', birthCommuneInsee: undefined, birthCountryCode: 'irl', birthCountryName: 'Irlande' }))).status).toBe(200);

    const built = await request(h.app).post('/declarations/cpf').set(auth(h, 'admissions')).send({ juryIds: holders.map((x) => x.juryId) });
    expect(built.status).toBe(201);
    expect(built.body.lines.map((l: { juryId: string }) => l.juryId).sort()).toEqual(holders.map((x) => x.juryId).sort());
    declarationId = built.body.id;

    const file = await request(h.app).get(`/declarations/cpf/${declarationId}/flux.xml`).set(auth(h, 'admissions'));
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/^application\/xml/);
    const xml = file.text;
    expect(xml.match(/<cpf:passageCertification>/g)).toHaveLength(3);
    expect(xml).toContain('<cpf:nomNaissance>O&apos;Neil &amp; &lt;Fils&gt;</cpf:nomNaissance>');
    expect(xml).toContain('<cpf:codePaysNaissance>IRL</cpf:codePaysNaissance>');
    expect(validateCpfFlux(xml)).toEqual({ valid: true, errors: [] });
    if (hasXmllint) {
      const dir = mkdtempSync(join(tmpdir(), 'cpf-'));
      writeFileSync(join(dir, 'flux.xml'), xml);
      expect(execFileSync('xmllint', ['--noout', '--schema', xsdPath, join(dir, 'flux.xml')], { stdio: ['ignore', 'pipe', 'pipe'] }).toString()).toBe('');
    }

    const tampered = xml.replace('<cpf:sexe>M</cpf:sexe>', '<cpf:sexe>H</cpf:sexe>');
    const check = validateCpfFlux(tampered);
    expect(check.valid).toBe(false);
    expect(check.errors.join('\n')).toMatch(/sexe.*'H' is not an element of the set/);
    expect(validateCpfFlux(xml.replace(/<cpf:idContrat>[^<]*<\/cpf:idContrat>/, '')).errors.join('\n')).toMatch(/Expected is .*idContrat/);
  });

  it('keeps a declared award out of the next flux: asked again, it is refused', async () => {
    const again = await request(h.app).post('/declarations/cpf').set(auth(h, 'admissions')).send({ juryIds: [holders[0]!.juryId] });
    expect(again.status).toBe(422);
    expect(again.body.errors[0].message).toContain('already in a flux awaiting the CDC');
  });

  it('records the deposit and the acknowledgement; the rejected line returns to "to declare" and into the next flux', async () => {
    const [a, b, c] = holders as [typeof holders[0], typeof holders[0], typeof holders[0]];
    const early = await request(h.app).post(`/declarations/cpf/${declarationId}/acknowledgement`).set(auth(h, 'admissions')).send({ lines: [{ juryId: a.juryId, status: 'accepted' }] });
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('not recorded as deposited');

    const year = new Date().getUTCFullYear();
    const stats = async () => (await request(h.app).get(`/statistics/yearly?fromYear=${year}&toYear=${year}`).set(auth(h, 'read_only'))).body.items[0];
    const before = await stats();

    expect((await request(h.app).post(`/declarations/cpf/${declarationId}/deposit`).set(auth(h, 'admissions')).send({})).body.status).toBe('deposited');
    const unknown = await request(h.app).post(`/declarations/cpf/${declarationId}/acknowledgement`).set(auth(h, 'admissions')).send({ lines: [{ juryId: randomUUID(), status: 'accepted' }] });
    expect(unknown.status).toBe(422);
    const ack = await request(h.app).post(`/declarations/cpf/${declarationId}/acknowledgement`).set(auth(h, 'admissions')).send({
      lines: [{ juryId: a.juryId, status: 'accepted' }, { juryId: b.juryId, status: 'rejected', reason: 'Code commune de naissance inconnu' }, { juryId: c.juryId, status: 'accepted' }],
    });
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');

    const status = async (juryId: string) => (await request(h.app).get('/declarations/cpf/awards').set(auth(h, 'admissions'))).body.items.find((x: { juryId: string }) => x.juryId === juryId)?.status;
    expect(await status(a.juryId)).toBe('declared');
    expect(await status(b.juryId)).toBe('to_declare');
    const after = await stats();
    expect(after.cpfDeclared - before.cpfDeclared).toBe(2);
    expect(before.cpfPending - after.cpfPending).toBe(3);
    expect(after.cpfToDeclare - before.cpfToDeclare).toBe(1);

    // The next flux, for every award still to declare: the rejected holder is in it; the accepted ones are not.
    const next = await request(h.app).post('/declarations/cpf').set(auth(h, 'admissions')).send({});
    expect(next.status).toBe(201);
    const juries = next.body.lines.map((l: { juryId: string }) => l.juryId);
    expect(juries).toContain(b.juryId);
    expect(juries).not.toContain(a.juryId);
    const xml = (await request(h.app).get(`/declarations/cpf/${next.body.id}/flux.xml`).set(auth(h, 'admissions'))).text;
    expect(validateCpfFlux(xml).valid).toBe(true);
    expect(await status(b.juryId)).toBe('pending');
  });

  it('puts an award in one flux only when two requests race (one 201, the other refused, naming it)', async () => {
    const holder = await certifiedHolder('Concurrent');
    expect((await request(h.app).put(`/candidates/${holder.candidateId}/cpf-identity`).set(auth(h, 'admissions')).send(identity())).status).toBe(200);
    const post = () => request(h.app).post('/declarations/cpf').set(auth(h, 'admissions')).send({ juryIds: [holder.juryId] });
    const results = await Promise.all([post(), post()]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.status === 422)!.body.errors[0].message).toContain('already in a flux');
    expect(await h.db.cpfDeclarationLine.count({ where: { juryId: holder.juryId } })).toBe(1);
  });

  it('starts the deadline of awards that have none (made before this version), once; administrators only', async () => {
    const holder = await certifiedHolder('Before');
    expect((await request(h.app).post('/declarations/cpf/deadlines').set(auth(h, 'admissions'))).status).toBe(403);
    const first = await request(h.app).post('/declarations/cpf/deadlines').set(auth(h, 'admin'));
    expect(first.status).toBe(200);
    expect(first.body.started).toBeGreaterThanOrEqual(1);
    const described = await h.client.workflow.getHandle(cpfDeadlineWorkflowId(holder.juryId)).describe();
    expect(described.type).toBe('cpfDeclarationDeadline');
    expect(described.status.name).toBe('RUNNING');
    const again = await request(h.app).post('/declarations/cpf/deadlines').set(auth(h, 'admin'));
    expect(again.body.started).toBe(0);
    await h.client.workflow.getHandle(cpfDeadlineWorkflowId(holder.juryId)).terminate('test over: no worker serves this queue');
  });
});
