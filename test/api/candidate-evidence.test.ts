// Staff review what a candidate handed in, through the API on the real journey (dev server + worker):
// the VAE items in words with their status and files, a rejection that needs a reason (refused in words
// without one, changing nothing; kept and shown with one; once for a repeated request), downloads that
// leave an audit row; a student's assessment work per attempt; the file listing no longer shadowed.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReferential } from '../../domain/index';
import { eventually } from '../support/eventually';
import { candidateOf, sendFile, vaeJourneyAtEvidence } from '../support/evidence-fixtures';
import { auth, createHarness, startJourneyWorker, type ApiHarness } from './support';

let h: ApiHarness;
let stopWorker: () => Promise<void>;
beforeAll(async () => {
  h = await createHarness('candidate-evidence');
  stopWorker = await startJourneyWorker(h);
});
afterAll(async () => {
  await stopWorker?.();
  await h?.close();
});

const evidenceOf = async (id: string) => {
  const res = await request(h.app).get(`/candidates/${id}/evidence`).set(auth(h, 'read_only'));
  expect(res.status).toBe(200);
  return res.body as { blocks: { code: string; title: { fr: string; en: string } }[]; vae: { item: string; title: { fr: string; en: string }; status: string; reason: string | null; files: { fileId: string; href: string; fileName: string }[] }[] | null; work: { assessment: { fr: string }; attempt: number; block: { fr: string }; files: { href: string }[] }[] };
};
const review = (id: string, body: object, key = randomUUID()) =>
  request(h.app).post(`/candidates/${id}/actions/record-vae-evidence`).set(auth(h, 'admissions')).set('Idempotency-Key', key).send(body);

describe('GET /candidates/:id/evidence and the VAE review', () => {
  it('lists the VAE items in words with their files; a rejection needs a reason, kept once and shown', { timeout: 120_000 }, async () => {
    const c = await candidateOf(h.db, 'vae');
    const journeyId = await vaeJourneyAtEvidence(h.client, h.taskQueue, c);
    const sent = await sendFile(h.db, c.id, { vae: 'BC01' }, 'preuves-bloc1.pdf');
    await eventually(async () => expect((await request(h.app).get(`/candidates/${c.id}/state`).set(auth(h, 'read_only'))).body.stage).toBe('vae_evidence'));

    const before = await evidenceOf(c.id);
    expect(before.work).toEqual([]);
    expect(before.blocks[0]).toEqual({ code: 'BC01', title: { fr: 'Bloc 1 – Concevoir et définir la stratégie commerciale digitale', en: 'Block 1 – Design and define the digital commercial strategy' } });
    expect(before.vae!.map((v) => v.item)).toEqual(['BC01', 'BC02', 'BC03', 'BC04', 'in_depth_work']);
    const bc01 = before.vae![0]!;
    expect(bc01.title.fr).toBe('Bloc 1 – Concevoir et définir la stratégie commerciale digitale');
    expect(bc01.title.en).toBe('Block 1 – Design and define the digital commercial strategy');
    expect(before.vae![4]!.title.fr).not.toContain('in_depth_work');
    expect(bc01.status).toBe('missing');
    expect(bc01.files).toEqual([expect.objectContaining({ fileId: sent.fileId, fileName: 'preuves-bloc1.pdf', href: `/candidates/${c.id}/documents/${sent.fileId}/content` })]);

    // The file, whole, and who read it kept.
    const file = await request(h.app).get(bc01.files[0]!.href).set(auth(h, 'admissions')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect((file.body as Buffer).equals(sent.bytes)).toBe(true);
    const downloads = await h.db.auditEvent.findMany({ where: { candidateId: c.id, action: 'document.downloaded' } });
    expect(downloads.map((d) => ({ actor: d.actor, after: d.after }))).toEqual([{ actor: `staff:${h.staffIds.admissions}`, after: { fileId: sent.fileId } }]);

    // Rejected without a reason: refused next to the field, in words, and nothing changes.
    const noReason = await review(c.id, { item: 'BC01', status: 'rejected' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'body.reason', message: 'say why the evidence is rejected' })]);
    expect(await h.db.auditEvent.count({ where: { journeyId, action: 'vae_evidence' } })).toBe(0);

    // With a reason, sent twice under one key: one rejection, one reason.
    const key = randomUUID();
    const reason = 'Les preuves ne couvrent pas la compétence C1.2 (analyse de marché).';
    for (let i = 0; i < 2; i++) expect((await review(c.id, { item: 'BC01', status: 'rejected', reason }, key)).status).toBe(200);
    expect(await h.db.auditEvent.count({ where: { candidateId: c.id, action: 'vae_evidence.rejection_reason' } })).toBe(1);
    expect((await review(c.id, { item: 'BC02', status: 'validated' })).status).toBe(200);
    await eventually(async () => {
      const after = await evidenceOf(c.id);
      expect(after.vae!.slice(0, 2).map((v) => [v.status, v.reason])).toEqual([['rejected', reason], ['validated', null]]);
    });

    // The timeline says it in words.
    const timeline = await request(h.app).get(`/candidates/${c.id}/timeline`).set(auth(h, 'read_only'));
    const labels = (timeline.body.items as { label: { fr: string; en: string } }[]).map((e) => e.label.fr);
    expect(labels).toEqual(expect.arrayContaining(['Motif du refus d’une preuve VAE', 'Document téléchargé', 'Preuve VAE enregistrée']));
  });

  it('lists a student\'s assessment work per attempt, in words; every file of the candidate under /files', async () => {
    const c = await candidateOf(h.db, 'student');
    const assessment = getReferential('RNCP37332').blocks[0]!.assessments[0]!;
    await sendFile(h.db, c.id, { assessmentId: assessment.id, attempt: 2 }, 'reprise.pdf');
    await sendFile(h.db, c.id, { assessmentId: assessment.id, attempt: 1 }, 'premier-rendu.pdf');
    const e = await evidenceOf(c.id);
    expect(e.vae).toBeNull();
    expect(e.work.map((w) => [w.assessment.fr, w.attempt, w.files.length])).toEqual([[assessment.title.fr, 1, 1], [assessment.title.fr, 2, 1]]);
    expect(e.work[0]!.block.fr).toMatch(/^Bloc 1 – /);

    const files = await request(h.app).get(`/candidates/${c.id}/files`).set(auth(h, 'read_only'));
    expect(files.status).toBe(200);
    expect(files.body.pieces.map((p: { kind: string }) => p.kind).sort()).toEqual([`assessment:${assessment.id}:1`, `assessment:${assessment.id}:2`]);
    // The dossier view keeps its shape (received and missing pieces).
    const documents = await request(h.app).get(`/candidates/${c.id}/documents`).set(auth(h, 'read_only'));
    expect(Object.keys(documents.body).sort()).toEqual(['items', 'missing']);
  });
});
