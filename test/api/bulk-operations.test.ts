// Bulk operations through the API on the real system (Temporal dev server, the worker with the journeys
// and the bulkOperation workflow, PostgreSQL, the SMTP sink): a dry run that changes nothing, the run
// (surviving a worker stop mid-way, each item applied once), the undo within the window with what
// cannot be undone said per candidate, roles and bad input refused.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as journey from '../../workflows/journey-client';
import { eventually } from '../support/eventually';
import { waitForMessages } from '../support/mailbox';
import { auth, createCohort, createHarness, startJourneyWorker, type ApiHarness } from './support';

let h: ApiHarness;
let stopWorker: () => Promise<void>;
let cohort: { id: string };

beforeAll(async () => {
  h = await createHarness('bulk-operations');
  stopWorker = await startJourneyWorker(h);
  cohort = await createCohort(h);
});
afterAll(async () => {
  await stopWorker?.();
  await h?.close();
});

async function newCandidate(lastName: string): Promise<string> {
  const res = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send({
    cohortId: cohort.id, externalRef: `BLK-${randomUUID().slice(0, 8)}`, firstName: 'Alex', lastName,
    email: `alex.${randomUUID().slice(0, 6)}@example.org`, route: 'student',
    declaredProfile: { degrees: [{ kind: 'university_master' }], experience: { qualifyingYears: 1 }, vappValidated: false },
  });
  expect(res.status).toBe(201);
  await eventually(async () => expect((await h.db.journeyView.findUnique({ where: { candidateId: res.body.id } }))?.stage).toBe('dossier'), 30_000, 100);
  return res.body.id;
}
const journeyId = (id: string) => `journey:RNCP37332:${id}`;
const dossierDue = async (id: string) =>
  (await h.client.workflow.getHandle(journeyId(id)).query<{ awaiting: { what: string; dueAtMs?: number }[] }>('journeyState')).awaiting.find((a) => a.what === 'dossier_pieces')?.dueAtMs;
const events = async (id: string) => (await h.db.auditEvent.findMany({ where: { candidateId: id }, select: { action: true } })).map((e) => e.action);
const finished = (id: string, phase: string) => eventually(async () => {
  const res = await request(h.app).get(`/bulk-operations/${id}`).set(auth(h, 'admissions'));
  expect(res.body.phase).toBe(phase);
  return res.body;
}, 60_000, 200);

describe('bulk operations', () => {
  it('dry run, run through a worker stop, undo: each item once, the refused and the irreversible said in words', { timeout: 180_000 }, async () => {
    const [a, b, c] = [await newCandidate('Aubert'), await newCandidate('Barre'), await newCandidate('Colin')];
    const suspended = await request(h.app).post(`/candidates/${c}/actions/suspend`).set(auth(h, 'admissions')).send({ reasonCode: 'medical_leave' });
    expect(suspended.status).toBe(200);
    const extend = { selection: { candidateIds: [a, b, c] }, operation: { kind: 'extend_deadline', step: 'dossier', days: 5 } };

    // Bad input and roles: refused with the field's path; read_only may not even dry-run.
    const bad = await request(h.app).post('/bulk-operations/dry-run').set(auth(h, 'admissions')).send({ ...extend, operation: { kind: 'extend_deadline', step: 'dossier', days: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('body.operation.days');
    expect((await request(h.app).post('/bulk-operations/dry-run').set(auth(h, 'read_only')).send(extend)).status).toBe(403);
    expect((await request(h.app).post('/bulk-operations').set(auth(h, 'read_only')).send(extend)).status).toBe(403);

    // The dry run: what would happen, per candidate, and nothing changed.
    const dueA = await dossierDue(a);
    const dry = await request(h.app).post('/bulk-operations/dry-run').set(auth(h, 'admissions')).send(extend);
    expect(dry.status).toBe(200);
    expect(dry.body, JSON.stringify(dry.body)).toMatchObject({ applicable: 3, refused: 0 });
    expect(dry.body.items.find((i: { candidateId: string }) => i.candidateId === a)).toMatchObject({ name: 'AUBERT Alex', verdict: 'apply', code: 'deadline_extended', data: { days: 5, dueBeforeMs: dueA, dueAfterMs: dueA! + 5 * 86_400_000 } });
    const resumeDry = await request(h.app).post('/bulk-operations/dry-run').set(auth(h, 'admissions')).send({ selection: { filter: { cohortId: cohort.id } }, operation: { kind: 'resume' } });
    expect(resumeDry.body.items.find((i: { candidateId: string }) => i.candidateId === a)).toMatchObject({ verdict: 'refuse', code: 'not_suspended', reason: { fr: 'Le parcours n’est pas suspendu.' } });
    expect(resumeDry.body.items.find((i: { candidateId: string }) => i.candidateId === c)).toMatchObject({ verdict: 'apply', code: 'resumed' });
    expect(await dossierDue(a)).toBe(dueA);
    expect(await events(a)).not.toContain('deadline_extended');

    // The run: a repeated key starts nothing twice; the worker stops right after the start, another takes over.
    const key = randomUUID();
    const started = await request(h.app).post('/bulk-operations').set(auth(h, 'admissions')).set('Idempotency-Key', key).send(extend);
    expect(started.status).toBe(202);
    await stopWorker();
    stopWorker = await startJourneyWorker(h);
    const again = await request(h.app).post('/bulk-operations').set(auth(h, 'admissions')).set('Idempotency-Key', key).send(extend);
    expect(again.body.id).toBe(started.body.id);
    const done = await finished(started.body.id, 'done');
    expect(done.items.map((i: { outcome: string }) => i.outcome)).toEqual(['applied', 'applied', 'applied']);
    expect(done.items.every((i: { undoPreview: { possible: boolean } }) => i.undoPreview.possible)).toBe(true);
    expect(await dossierDue(a)).toBe(dueA! + 5 * 86_400_000);
    for (const id of [a, b, c]) expect((await events(id)).filter((e) => e === 'deadline_extended')).toHaveLength(1);

    // Undo: read_only refused; the extension is taken back through the journey; a second undo is refused in words.
    expect((await request(h.app).post(`/bulk-operations/${started.body.id}/undo`).set(auth(h, 'read_only')).send({})).status).toBe(403);
    const undo = await request(h.app).post(`/bulk-operations/${started.body.id}/undo`).set(auth(h, 'admissions')).send({});
    expect(undo.status).toBe(202);
    const undone = await finished(started.body.id, 'undone');
    expect(undone.items.map((i: { undo: string }) => i.undo)).toEqual(['undone', 'undone', 'undone']);
    expect(await dossierDue(a)).toBe(dueA);
    expect(await events(a)).toContain('deadline_extension_reverted');
    const twice = await request(h.app).post(`/bulk-operations/${started.body.id}/undo`).set(auth(h, 'admissions')).send({});
    expect(twice.status).toBe(409);
    expect(twice.body.reason).toMatchObject({ code: 'bulk_already_undone', fr: 'Cette opération a déjà été annulée.' });
  });

  it('resend the last email: sent again once; the undo says an email cannot be unsent', { timeout: 120_000 }, async () => {
    const a = await newCandidate('Durand');
    const last = await eventually(async () => {
      const row = await h.db.outboxEmail.findFirst({ where: { journeyId: journeyId(a), status: 'sent', NOT: { recipientRef: 'staff' } }, orderBy: { createdAt: 'desc' } });
      expect(row).not.toBeNull();
      return row!;
    }, 30_000, 200);
    const started = await request(h.app).post('/bulk-operations').set(auth(h, 'admissions')).send({ selection: { candidateIds: [a] }, operation: { kind: 'resend_last_email' } });
    expect(started.status).toBe(202);
    const done = await finished(started.body.id, 'done');
    expect(done.items[0]).toMatchObject({ outcome: 'applied', undoPreview: { possible: false, reason: { fr: 'Un e-mail envoyé ne peut pas être repris.' } } });
    expect((await h.db.outboxEmail.findUniqueOrThrow({ where: { id: last.id } })).resendCount).toBe(last.resendCount + 1);
    await request(h.app).post(`/bulk-operations/${started.body.id}/undo`).set(auth(h, 'admissions')).send({}).expect(202);
    const undone = await finished(started.body.id, 'undone');
    expect(undone.items[0]).toMatchObject({ undo: 'cannot', undoReason: { en: 'An email once sent cannot be taken back.' } });
  });

  it('a suspension undone only where nobody resumed the journey since; the journey refuses a revert it cannot match', { timeout: 120_000 }, async () => {
    const [a, b] = [await newCandidate('Fabre'), await newCandidate('Garnier')];
    const started = await request(h.app).post('/bulk-operations').set(auth(h, 'admissions')).send({ selection: { candidateIds: [a, b] }, operation: { kind: 'suspend', reasonCode: 'medical_leave' } });
    expect(started.status).toBe(202);
    await finished(started.body.id, 'done');
    expect((await request(h.app).post(`/candidates/${b}/actions/resume`).set(auth(h, 'admissions')).send({})).status).toBe(200);
    await eventually(async () => expect((await h.db.journeyView.findUniqueOrThrow({ where: { candidateId: b } })).status).toBe('active'), 20_000, 100);
    await request(h.app).post(`/bulk-operations/${started.body.id}/undo`).set(auth(h, 'admissions')).send({}).expect(202);
    const undone = await finished(started.body.id, 'undone');
    const byId = new Map(undone.items.map((i: { candidateId: string }) => [i.candidateId, i]));
    expect(byId.get(a)).toMatchObject({ undo: 'undone' });
    expect(byId.get(b)).toMatchObject({ undo: 'cannot', undoReason: { fr: 'Le parcours a été repris entre-temps : rien à annuler.' } });
    await eventually(async () => expect((await h.db.journeyView.findUniqueOrThrow({ where: { candidateId: a } })).status).toBe('active'), 20_000, 100);

    const actor = { kind: 'staff' as const, staffId: h.staffIds.admissions };
    const revert = (revertsDecisionId: string, days: number) => journey.revertDeadlineExtension(h.client, journeyId(a), { decisionId: randomUUID(), actor, revertsDecisionId, step: 'dossier', days });
    await expect(revert('never-applied', 1)).rejects.toMatchObject({ reason: { code: 'extension_unknown' } });
    const extended = randomUUID();
    await journey.extendDeadline(h.client, journeyId(a), { decisionId: extended, actor, step: 'dossier', days: 2 });
    await expect(revert(extended, 3)).rejects.toMatchObject({ reason: { code: 'extension_not_revertible' } });
    await expect(revert(extended, 2)).resolves.toMatchObject({ applied: true });
  });

  it('assign a reviewer picked from the registered people: asked by email once; the undo says the request cannot be taken back', { timeout: 120_000 }, async () => {
    const [a, b] = [await newCandidate('Hamon'), await newCandidate('Ibert')];
    for (const kind of ['cv', 'transcripts', 'recommendation_letter', 'motivation_letter', 'professional_project']) {
      expect((await request(h.app).post(`/candidates/${a}/actions/record-piece`).set(auth(h, 'admissions')).send({ kind })).status).toBe(200);
    }
    await eventually(async () => {
      const s = await request(h.app).get(`/candidates/${a}/state`).set(auth(h, 'read_only'));
      expect(s.body.awaiting.map((w: { what: string }) => w.what)).toContain('assign_selection_reviewers');
    }, 60_000, 200);
    const reviewer = `rev.${randomUUID().slice(0, 6)}@ecole.test`;
    const other = await newCandidate('Jouve');
    await request(h.app).post(`/candidates/${other}/juries`).set(auth(h, 'admissions')).send({ kind: 'selection', members: [{ name: 'Rémi Relecteur', email: reviewer, kind: 'school' }] }).expect(201);
    const body = { selection: { candidateIds: [a, b] }, operation: { kind: 'assign_reviewer', personRef: reviewer } };
    const unknown = await request(h.app).post('/bulk-operations/dry-run').set(auth(h, 'admissions')).send({ ...body, operation: { kind: 'assign_reviewer', personRef: 'nobody@ecole.test' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('body.operation.personRef');
    const dry = await request(h.app).post('/bulk-operations/dry-run').set(auth(h, 'admissions')).send(body);
    expect(dry.body).toMatchObject({ applicable: 1, refused: 1 });
    expect(dry.body.items.find((i: { candidateId: string }) => i.candidateId === b)).toMatchObject({ code: 'reviewer_not_awaited' });
    const started = await request(h.app).post('/bulk-operations').set(auth(h, 'admissions')).send(body);
    expect(started.status).toBe(202);
    const done = await finished(started.body.id, 'done');
    expect(done.items).toEqual([expect.objectContaining({ candidateId: a, outcome: 'applied', undoPreview: { possible: false, reason: expect.objectContaining({ fr: 'Le relecteur a déjà reçu la demande : elle ne peut pas être reprise.' }) } })]);
    const [request1] = await waitForMessages(inject('stack').mailboxUrl, reviewer, 1, 30_000);
    expect(request1!.text).toMatch(/\/a\/[A-Za-z0-9_-]{43}/);
    expect(await h.db.juryMember.count({ where: { personRef: reviewer, jury: { candidateId: a, kind: 'selection' } } })).toBe(1);
  });

  it('nothing to do: refused in words, and no workflow started', async () => {
    const a = await newCandidate('Ernst');
    const res = await request(h.app).post('/bulk-operations').set(auth(h, 'admissions')).send({ selection: { candidateIds: [a] }, operation: { kind: 'resume' } });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors[0].path).toBe('body.selection');
  });
});
