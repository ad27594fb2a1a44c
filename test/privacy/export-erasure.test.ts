// Personal data rights against the real system: the export holds every row of PostgreSQL that mentions
// the person (found by scanning every table, not by asking the code under test) and every file of theirs;
// the erasure ends their running journey and leaves their name, address and phone nowhere: not in any
// table, the document store's folder, the outbox or the mailbox's folder.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LocalBlobStore } from '../../documents/blob-store';
import { filesMentioning, rowsMentioning } from './person-scan';
import { startPrivacyStack } from './privacy-stack';

let s: Awaited<ReturnType<typeof startPrivacyStack>>;
beforeAll(async () => {
  s = await startPrivacyStack(inject('stack'), 'privacy');
});
afterAll(async () => s?.stop());

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('export of a person\'s data', () => {
  it('holds every row that mentions them, in every table, and every file, without secrets', async () => {
    const p = await s.person();
    const refused = await request(s.app).get(`/people/${p.candidateId}/export`).set(s.auth('read_only'));
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    const missing = await request(s.app).get('/people/00000000-0000-4000-8000-000000000000/export').set(s.auth('admissions'));
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/No person/);

    const res = await request(s.app).get(`/people/${p.candidateId}/export`).set(s.auth('admissions')).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(res.body as Buffer));
    const tables = (name: string) => (entries[`data/${name}.json`] ? JSON.parse(strFromU8(entries[`data/${name}.json`]!)) as Record<string, unknown>[] : []);

    // What the database holds about the person, found by scanning every table for their id and address.
    // (Less the export's own audit event, written once the archive was sent.)
    const hits = (await rowsMentioning(s.db, [p.candidateId, p.email])).filter((h) => !h.text.includes('"action":"person.exported"'));
    const seenTables = new Set(hits.map((h) => h.table));
    for (const t of ['Candidate', 'JourneyView', 'AuditEvent', 'OutboxEmail', 'StoredFile', 'DossierPieceVersion', 'DossierPiece', 'IdempotentRequest']) expect(seenTables).toContain(t);
    const missingRows = hits.filter((h) => !tables(h.table).some((row) => Object.entries(h.key).every(([k, v]) => String(row[k]) === String(v))));
    expect(missingRows.map((h) => h.text)).toEqual([]);

    // Every file of theirs, byte for byte.
    const fileEntry = Object.keys(entries).find((k) => k.startsWith(`files/${p.file.id}`));
    expect(fileEntry).toBeDefined();
    expect(sha256(entries[fileEntry!]!)).toBe(p.file.sha256);
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!));
    expect(manifest.files.map((f: { sha256: string }) => f.sha256)).toContain(p.file.sha256);
    expect(strFromU8(entries['README.txt']!)).toContain('Export de vos données personnelles');

    // Emails with their bodies; no token or session secret anywhere.
    const emails = tables('OutboxEmail');
    expect(emails.some((e) => e.kind === 'dossier_opened' && JSON.stringify(e.payload).includes(p.firstName))).toBe(true);
    const all = Object.entries(entries).filter(([k]) => k.startsWith('data/')).map(([, v]) => strFromU8(v)).join('\n');
    expect(all).not.toMatch(/tokenHash|sealedToken|confirmTokenHash/);
    expect(await s.db.auditEvent.count({ where: { candidateId: p.candidateId, action: 'person.exported' } })).toBe(1);
  });
});

describe('erasure of a person', () => {
  it('refuses a reason that is missing, too short or names the person, and changes nothing', async () => {
    const p = await s.person();
    const empty = await request(s.app).post(`/people/${p.candidateId}/erasure`).set(s.auth('admin')).send({});
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('body.reason');
    const short = await request(s.app).post(`/people/${p.candidateId}/erasure`).set(s.auth('admin')).send({ reason: 'RGPD' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].message).toMatch(/legal ground in a few words/);
    const naming = await request(s.app).post(`/people/${p.candidateId}/erasure`).set(s.auth('admin')).send({ reason: `demande de ${p.firstName} ${p.lastName} par courriel` });
    expect(naming.status).toBe(422);
    expect(naming.body.detail).toMatch(/names the person/);
    const notAdmin = await request(s.app).post(`/people/${p.candidateId}/erasure`).set(s.auth('admissions')).send({ reason: 'demande de la personne, article 17 RGPD' });
    expect(notAdmin.status).toBe(403);
    const still = await s.db.candidate.findUniqueOrThrow({ where: { id: p.candidateId } });
    expect([still.email, still.erasedAt]).toEqual([p.email, null]);
  });

  it('ends the running journey and leaves the name, address and phone nowhere; repeated or concurrent, one erasure', { timeout: 120_000 }, async () => {
    const p = await s.person();
    const needles = [p.firstName, p.lastName, p.email, p.phone];
    // Before: the person is in the database, the document store and the mailbox folder (the scans can fail).
    expect(new Set((await rowsMentioning(s.db, needles)).map((h) => h.table))).toEqual(new Set(['Candidate', 'OutboxEmail']));
    expect(await filesMentioning(s.documentsDir, needles)).toHaveLength(1);
    expect((await filesMentioning(s.mailDir, needles)).length).toBeGreaterThan(0);
    const view = await s.db.journeyView.findUniqueOrThrow({ where: { candidateId: p.candidateId } });
    expect(view.status).toBe('active');

    const reason = 'demande de la personne, article 17 RGPD, courriel du 3 mars';
    const [a, b] = await Promise.all([0, 1].map(() => request(s.app).post(`/people/${p.candidateId}/erasure`).set(s.auth('admin')).send({ reason })));
    expect([a!.status, b!.status].sort()).toEqual([200, 201]);
    const first = (a!.status === 201 ? a! : b!).body;
    expect(first.alreadyErased).toBe(false);
    expect(first.record).toMatchObject({ candidateId: p.candidateId, reason, certifiedHolder: false, journeysEnded: [view.journeyId], filesRemoved: 1 });
    expect(first.record.mailboxCopiesRemoved).toBeGreaterThan(0);
    expect(first.record.kept.map((k: { what: string }) => k.what)).toEqual(['anonymous_records']);
    const again = await request(s.app).post(`/people/${p.candidateId}/erasure`).set(s.auth('admin')).send({ reason: 'autre motif donné par erreur' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ alreadyErased: true, record: first.record });

    // The journey ended by its own withdrawal.
    const ended = await s.client.workflow.getHandle(view.journeyId).describe();
    expect(ended.status.name).toBe('COMPLETED');
    expect((await s.db.journeyView.findUniqueOrThrow({ where: { candidateId: p.candidateId } })).status).toBe('ended:withdrawn');

    // Nowhere: every table of PostgreSQL (outbox included), the document store, the mailbox folder.
    expect(await rowsMentioning(s.db, needles)).toEqual([]);
    expect(await filesMentioning(s.documentsDir, needles)).toEqual([]);
    expect(existsSync(new LocalBlobStore(s.documentsDir).pathOf(p.file.sha256))).toBe(false);
    expect(await filesMentioning(s.mailDir, needles)).toEqual([]);
    const outbox = await s.db.outboxEmail.findMany({ where: { journeyId: view.journeyId } });
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.every((e) => e.recipient === 'erased' && JSON.stringify(e.payload) === '{"erased":true}')).toBe(true);

    // The audit trail says who, when, why and what was kept.
    const audit = await s.db.auditEvent.findMany({ where: { candidateId: p.candidateId, action: 'person.erased' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toMatch(/^staff:/);
    expect(audit[0]!.after).toMatchObject({ reason, kept: [{ what: 'anonymous_records' }] });
    // Sessions and action tokens are gone.
    expect(await s.db.actionToken.count({ where: { journeyId: view.journeyId } })).toBe(0);
    expect(await s.db.candidateSession.count({ where: { candidateId: p.candidateId } })).toBe(0);
  });
});
