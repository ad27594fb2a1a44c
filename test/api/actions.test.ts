// Staff actions through the API to the real journey workflow (dev server + worker on this file's task
// queue): the new state or the journey's refusal, repeated keys with one effect, and two staff members
// acting at once on the same candidate getting one consistent result each.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { queryJourney, suspendJourney } from '../../workflows/journey-client';
import { journeyWorkflowId } from '../../workflows/messages';
import { auth, createCohort, createHarness, startJourneyWorker, type ApiHarness } from './support';

let h: ApiHarness;
let stopWorker: () => Promise<void>;
let cohort: { id: string };

beforeAll(async () => {
  h = await createHarness('actions');
  stopWorker = await startJourneyWorker(h);
  cohort = await createCohort(h);
});
afterAll(async () => {
  await stopWorker?.();
  await h?.close();
});

async function newCandidate(): Promise<string> {
  const res = await request(h.app).post('/candidates').set(auth(h, 'admissions')).send({
    cohortId: cohort.id, externalRef: `ACT-${randomUUID().slice(0, 8)}`, firstName: 'Camille', lastName: 'Bernard',
    email: `camille.${randomUUID().slice(0, 6)}@example.org`, route: 'student',
    declaredProfile: { degrees: [{ kind: 'university_master' }], experience: { qualifyingYears: 1 }, vappValidated: false },
  });
  expect(res.status).toBe(201);
  await eventually(async () => {
    const s = await request(h.app).get(`/candidates/${res.body.id}/state`).set(auth(h, 'read_only'));
    expect(s.body.stage).toBe('dossier');
  });
  return res.body.id;
}
const act = (id: string, name: string, body: object, key?: string) => {
  const r = request(h.app).post(`/candidates/${id}/actions/${name}`).set(auth(h, 'admissions'));
  return (key ? r.set('Idempotency-Key', key) : r).send(body);
};

describe('journey actions', () => {
  it('reads the live state, records a piece, extends a deadline, suspends and resumes, with refusals explained', async () => {
    const id = await newCandidate();
    const state = await request(h.app).get(`/candidates/${id}/state`).set(auth(h, 'read_only'));
    expect(state.body).toMatchObject({ stage: 'dossier', status: 'active', candidateId: id });

    const piece = await act(id, 'record-piece', { kind: 'cv', fileName: 'cv.pdf' });
    expect(piece.status).toBe(200);
    expect(piece.body.receipt).toEqual({ signalled: true });
    expect(await h.db.dossierPiece.count({ where: { candidateId: id } })).toBe(1);

    const extended = await act(id, 'extend-deadline', { step: 'dossier', days: 7 });
    expect(extended.status).toBe(200);
    expect(extended.body.receipt.applied).toBe(true);

    const resumeFirst = await act(id, 'resume', {});
    expect(resumeFirst.status).toBe(409);
    expect(resumeFirst.body).toMatchObject({ refusal: 'WrongStage', reason: { code: 'not_suspended' } });

    const suspended = await act(id, 'suspend', { reasonCode: 'medical_leave' });
    expect(suspended.status).toBe(200);
    expect(suspended.body.state.status).toBe('suspended');
    const resumed = await act(id, 'resume', {});
    expect(resumed.body.state.status).toBe('active');
  });

  it('gets the new state from the update itself, as the state query would give it (the API asks no query after)', async () => {
    const id = await newCandidate();
    const journeyId = journeyWorkflowId('RNCP37332', id);
    const receipt = await suspendJourney(h.client, journeyId, { decisionId: `test:${randomUUID()}`, actor: { kind: 'staff', staffId: h.staffIds.admissions }, reasonCode: 'medical_leave' });
    expect(receipt).toMatchObject({ applied: true, state: { status: 'suspended', stage: 'dossier', candidateId: id } });
    expect(receipt.state).toEqual(await queryJourney(h.client, journeyId));

    const resumed = await act(id, 'resume', {});
    expect(resumed.status).toBe(200);
    expect(resumed.body.receipt).not.toHaveProperty('state');
    expect(resumed.body.state).toMatchObject({ status: 'active', stage: 'dossier' });
  });

  it('refuses bad bodies for each action with field paths, before reaching the journey', async () => {
    const id = await newCandidate();
    const bad: Record<string, object> = {
      'record-piece': { kind: 'selfie' },
      'extend-deadline': { step: 'dossier', days: 0 },
      'assign-selection-reviewers': { memberIds: ['x'] },
      'offer-interview-slots': { slots: [], juryMemberIds: [] },
      'record-interview-outcome': { outcome: 'maybe' },
      'confirm-internship-period': { periodId: 'p' },
      'compose-jury': { sittingOn: 'tomorrow', members: [] },
      suspend: { reasonCode: 'Bad Code' },
      resume: { extra: true },
      withdraw: {},
      'correct-decision': { correctsDecisionId: 'd', reasonCode: 'typo', correction: { kind: 'thesis_grade', grade: 25 } },
    };
    for (const [name, body] of Object.entries(bad)) {
      const res = await request(h.app).post(`/candidates/${id}/actions/${name}`).set(auth(h, name === 'compose-jury' ? 'jury_coordinator' : 'admissions')).send(body);
      expect(res.status, name).toBe(400);
      expect(res.body.errors.every((e: { path: string }) => e.path.startsWith('body')), name).toBe(true);
    }
    const state = await request(h.app).get(`/candidates/${id}/state`).set(auth(h, 'read_only'));
    expect(state.body.status).toBe('active');
  });

  it('#10 the slot offer takes each interview\'s length and place (OpenAPI says so); bad values are refused with their paths', async () => {
    const id = await newCandidate();
    const slot = { slotId: 's1', startsAt: '2027-06-10T14:00:00+02:00' };
    const res = await request(h.app).post(`/candidates/${id}/actions/offer-interview-slots`).set(auth(h, 'admissions'))
      .send({ slots: [{ ...slot, durationMinutes: 5, place: '' }], juryMemberIds: [randomUUID()] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.slots.0.durationMinutes', 'body.slots.0.place']));
    const doc = JSON.stringify((await request(h.app).get('/openapi.json')).body);
    expect(doc).toContain('Length of the interview in minutes');
    expect(doc).toContain('video-call link');
  });

  it('a repeated Idempotency-Key has one effect and returns the first answer', async () => {
    const id = await newCandidate();
    const key = randomUUID();
    const first = await act(id, 'extend-deadline', { step: 'dossier', days: 3 }, key);
    const again = await act(id, 'extend-deadline', { step: 'dossier', days: 3 }, key);
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('two staff members acting at once: one suspension recorded, the other refused, state consistent', async () => {
    const id = await newCandidate();
    const [a, b] = await Promise.all([
      request(h.app).post(`/candidates/${id}/actions/suspend`).set(auth(h, 'admissions')).send({ reasonCode: 'medical_leave' }),
      request(h.app).post(`/candidates/${id}/actions/suspend`).set(auth(h, 'admin')).send({ reasonCode: 'candidate_request' }),
    ]);
    expect([a.status, b.status].sort(), JSON.stringify([a.body, b.body]).slice(0, 1500)).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.refusal).toBe('JourneySuspended');
    const state = await request(h.app).get(`/candidates/${id}/state`).set(auth(h, 'read_only'));
    expect(state.body.status).toBe('suspended');
  });

  it('withdraws: the journey ends as withdrawn and later actions are refused', async () => {
    const id = await newCandidate();
    const res = await act(id, 'withdraw', { reasonCode: 'candidate_request' });
    expect(res.status).toBe(200);
    await eventually(async () => {
      const view = await h.db.journeyView.findUniqueOrThrow({ where: { candidateId: id } });
      expect(view.status).toBe('ended:withdrawn');
    });
    const later = await act(id, 'suspend', { reasonCode: 'medical_leave' });
    expect([404, 409]).toContain(later.status);
    expect(later.headers['content-type']).toMatch(/problem\+json/);
  });
});
