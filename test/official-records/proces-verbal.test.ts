// The certification jury's procès-verbal: a real journey (VAE route, time-skipping server, real
// activities) reaches its certification jury; when the jury closes, the minutes are generated and kept
// with their SHA-256. Their text, read with pdftotext, names the members, their qualities, the votes,
// the reservation and the decision; regenerating from the same record gives the same hash; staff
// download them through the API (French by default, English on request), roles enforced.
import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { buildProcesVerbal } from '../../activities/proces-verbal/index';
import { LocalBlobStore } from '../../documents/blob-store';
import * as journey from '../../workflows/journey-client';
import { auth, createHarness, type ApiHarness } from '../api/support';
import { expectNoCodes } from '../support/person-facing';
import { createCandidate, createJury, id, member, untilEvent, useJourneyHarness } from '../workflows/journey-harness';
import { pdfText } from './pdf-text';
import { vaeAtCertificationJury } from './vae-award';

const h = useJourneyHarness('proces-verbal');
let api: ApiHarness;
beforeAll(async () => {
  api = await createHarness('proces-verbal');
});
afterAll(async () => api?.close());

// The document store's default folder, the one the harnesses' API and worker use.
const blobs = new LocalBlobStore(path.resolve('.data', 'files'));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const NAMES = ['Élise Martin', 'Paul Durand', 'Zoé Ngata'];

describe('procès-verbal of the certification jury', () => {
  let juryId: string;

  it('is generated when the jury closes, and its text holds the members, their qualities, the votes and the decision', { timeout: 120_000 }, async () => {
    const { journeyId, jury } = await vaeAtCertificationJury(h);
    juryId = jury.juryId;
    for (const [i, m] of jury.members.entries()) await h.db.juryMember.update({ where: { id: m.id }, data: { name: NAMES[i]! } });

    const [school, pro1, pro2] = jury.members.map((m) => m.id) as [string, string, string];
    const note = await h.db.journeyNote.create({ data: { journeyId, authorRef: `juryMember:${pro2}`, text: 'Le mémoire manque de chiffres.' } });
    await journey.recordJuryDecision(h.env.client, journeyId, { decisionId: id(), actor: member(school), memberId: school, decision: 'award' });
    await journey.recordJuryDecision(h.env.client, journeyId, { decisionId: id(), actor: member(pro1), memberId: pro1, decision: 'award' });
    await journey.recordJuryDecision(h.env.client, journeyId, { decisionId: id(), actor: member(pro2), memberId: pro2, decision: 'not_award', commentRef: note.id });
    await untilEvent(h, journeyId, 'follow_up_started');

    // Kept in the document store (the folder the candidates' files use), as the jury's file, with its hash.
    const kept = await h.db.procesVerbal.findUniqueOrThrow({ where: { juryId_language: { juryId, language: 'fr' } }, include: { file: true } });
    expect(kept.bytes).toBeNull();
    expect(kept.file).toMatchObject({ ownerRef: `jury:${juryId}`, mediaType: 'application/pdf', sha256: kept.sha256 });
    const bytes = await blobs.get(kept.sha256);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(kept.sha256).toBe(sha256(bytes));

    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('Procès-verbal du jury de certification');
    expect(text).toContain('Manager Marketing, Data et Commerce Electronique (MS)');
    expect(text).toContain('Code RNCP : RNCP37332');
    expect(text).toContain('Élise Martin – qualité : Membre de l’établissement certificateur, en activité');
    expect(text).toContain('Paul Durand – qualité : Professionnel extérieur, en activité');
    expect(text).toContain('Zoé Ngata – qualité : Professionnel extérieur, en activité');
    expect(text).toContain('Candidat : Camille Test');
    expect(text).toContain('Bloc 1 – Concevoir et définir la stratégie commerciale digitale : validé');
    expect(text).toContain('Élise Martin : Favorable à l’attribution');
    expect(text).toContain('Paul Durand : Favorable à l’attribution');
    expect(text).toContain('Zoé Ngata : Défavorable à l’attribution');
    expect(text).toContain('Décompte : 2 pour l’attribution, 1 contre, 0 pour l’ajournement');
    expect(text).toContain('Décision du jury : Le jury attribue la certification au candidat.');
    expect(text).toContain('Zoé Ngata : « Le mémoire manque de chiffres. »');
    expect(text).toMatch(/Page 1 \/ 1/);
    expectNoCodes(text.replace(/RNCP37332/g, ''));

    // The same record, rendered again: the same bytes, so the same hash.
    const again = await buildProcesVerbal(h.db, juryId, 'fr');
    expect(sha256(again)).toBe(kept.sha256);
  });

  it('is downloaded by staff with its hash, in French by default and in English on request; roles enforced', async () => {
    const kept = await h.db.procesVerbal.findUniqueOrThrow({ where: { juryId_language: { juryId, language: 'fr' } } });
    const binary = (r: request.Test) => r.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const fr = await binary(request(api.app).get(`/juries/${juryId}/proces-verbal.pdf`).set(auth(api, 'jury_coordinator')));
    expect(fr.status).toBe(200);
    expect(fr.headers['content-type']).toMatch(/^application\/pdf/);
    expect(fr.headers['x-content-sha256']).toBe(kept.sha256);
    expect(sha256(fr.body as Buffer)).toBe(kept.sha256);

    const en = await binary(request(api.app).get(`/juries/${juryId}/proces-verbal.pdf?lang=en`).set(auth(api, 'admissions')));
    expect(en.status).toBe(200);
    const enText = pdfText(en.body as Buffer).replace(/\s+/g, ' ');
    expect(enText).toContain('Minutes of the certification jury');
    expect(enText).toContain('Zoé Ngata – quality: External professional, in activity');
    expect(enText).toContain('The jury’s decision: The jury awards the certification to the candidate.');
    // The English rendering is kept too, and asked again it is the same file.
    const enAgain = await binary(request(api.app).get(`/juries/${juryId}/proces-verbal.pdf?lang=en`).set(auth(api, 'admin')));
    expect(sha256(enAgain.body as Buffer)).toBe(sha256(en.body as Buffer));

    // What the console shows: both files with their hashes and where to download them.
    const listed = await request(api.app).get(`/juries/${juryId}/proces-verbal`).set(auth(api, 'jury_coordinator'));
    expect(listed.status).toBe(200);
    expect(listed.body.files).toEqual([
      { language: 'fr', sha256: kept.sha256, sizeBytes: (fr.body as Buffer).length, generatedAt: expect.any(String), href: `/juries/${juryId}/proces-verbal.pdf?lang=fr` },
      { language: 'en', sha256: sha256(en.body as Buffer), sizeBytes: (en.body as Buffer).length, generatedAt: expect.any(String), href: `/juries/${juryId}/proces-verbal.pdf?lang=en` },
    ]);
    expect((await request(api.app).get(`/juries/${juryId}/proces-verbal`).set(auth(api, 'read_only'))).status).toBe(403);
    expect((await request(api.app).get(`/juries/${juryId}/proces-verbal.pdf`).set(auth(api, 'read_only'))).status).toBe(403);
    expect((await request(api.app).get(`/juries/${juryId}/proces-verbal.pdf`)).status).toBe(401);
    const badLang = await request(api.app).get(`/juries/${juryId}/proces-verbal.pdf?lang=de`).set(auth(api, 'admin'));
    expect(badLang.status).toBe(400);
    expect(badLang.headers['content-type']).toMatch(/problem\+json/);
    const missing = await request(api.app).get(`/juries/${id()}/proces-verbal.pdf`).set(auth(api, 'admin'));
    expect(missing.status).toBe(404);
  });

  it('written before the document store (bytes in PostgreSQL), is still served with its hash and moves into the store', async () => {
    const c = await createCandidate(h);
    const old = await createJury(h, c.candidateId, 'certification');
    const legacy = await buildProcesVerbal(h.db, juryId, 'fr'); // any PDF: what matters is that it comes back unchanged
    await h.db.procesVerbal.create({ data: { juryId: old.juryId, language: 'fr', bytes: new Uint8Array(legacy), sha256: sha256(legacy) } });
    const res = await request(api.app).get(`/juries/${old.juryId}/proces-verbal.pdf`).set(auth(api, 'admin')).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (x: Buffer) => chunks.push(x));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-content-sha256']).toBe(sha256(legacy));
    expect(sha256(res.body as Buffer)).toBe(sha256(legacy));
    const moved = await h.db.procesVerbal.findUniqueOrThrow({ where: { juryId_language: { juryId: old.juryId, language: 'fr' } }, include: { file: true } });
    expect(moved.bytes).toBeNull();
    expect(moved.file?.sha256).toBe(sha256(legacy));
    expect(sha256(await blobs.get(moved.sha256))).toBe(sha256(legacy));
  });

  it('is refused, in words, for a jury that has not closed', async () => {
    const c = await createCandidate(h);
    const open = await createJury(h, c.candidateId, 'certification');
    const res = await request(api.app).get(`/juries/${open.juryId}/proces-verbal.pdf`).set(auth(api, 'admin'));
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('has not closed yet');
    const listed = await request(api.app).get(`/juries/${open.juryId}/proces-verbal`).set(auth(api, 'admin'));
    expect(listed.status).toBe(409);
    expect(listed.headers['content-type']).toMatch(/problem\+json/);
    expect(await h.db.procesVerbal.count({ where: { juryId: open.juryId } })).toBe(0);
  });
});
