// Security probe item 6: staff actions name jury members by id; an id that is not a current member of
// that kind of jury for this candidate is refused before the journey sees it. And a journey that stopped
// on an error shows as failed, and an administrator restarts it from its last good state.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/eventually';
import { waitForMessages } from '../support/mailbox';
import { auth, createCohort, createHarness, startJourneyWorker, type ApiHarness } from '../api/support';

const stack = inject('stack');
let h: ApiHarness;
let stopWorker: () => Promise<void>;
let cohort: { id: string };

beforeAll(async () => {
  h = await createHarness('jury-membership');
  stopWorker = await startJourneyWorker(h);
  cohort = await createCohort(h);
});
afterAll(async () => {
  await stopWorker?.();
  await h?.close();
});

const post = (path: string, body: object, role: 'admissions' | 'admin' = 'admissions') => request(h.app).post(path).set(auth(h, role)).send(body);
const state = async (id: string) => (await request(h.app).get(`/candidates/${id}/state`).set(auth(h, 'read_only'))).body;

/** A candidate whose journey awaits the assignment of selection reviewers. */
async function candidateAtSelection(): Promise<string> {
  const res = await post('/candidates', {
    cohortId: cohort.id, externalRef: `SEC-${randomUUID().slice(0, 8)}`, firstName: 'Inès', lastName: 'Garnier',
    email: `ines.${randomUUID().slice(0, 6)}@example.org`, route: 'student',
    declaredProfile: { degrees: [{ kind: 'university_master' }], experience: { qualifyingYears: 1 }, vappValidated: false },
  });
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  await eventually(async () => expect((await state(id)).stage).toBe('dossier'));
  for (const kind of ['cv', 'transcripts', 'recommendation_letter', 'motivation_letter', 'professional_project']) {
    expect((await post(`/candidates/${id}/actions/record-piece`, { kind })).status).toBe(200);
  }
  await eventually(async () => expect((await state(id)).awaiting.map((a: { what: string }) => a.what)).toContain('assign_selection_reviewers'));
  return id;
}

async function registerJury(candidateId: string, kind: 'selection' | 'interview' | 'assessment') {
  const email = `${kind}.${randomUUID().slice(0, 8)}@ecole.test`;
  const res = await post(`/candidates/${candidateId}/juries`, { kind, members: [{ name: `Membre ${kind}`, email, kind: 'school' }] });
  expect(res.status).toBe(201);
  return { memberId: res.body.members[0].id as string, email };
}

describe('#6 staff actions accept only this candidate\'s jury members', () => {
  it('refuses a made-up member, another candidate\'s reviewer and a member of another kind of jury (422), and the journey goes on', async () => {
    const id = await candidateAtSelection();
    const other = await candidateAtSelection();
    const othersReviewer = await registerJury(other, 'selection');
    const interviewer = await registerJury(id, 'interview');
    for (const [memberId, why] of [[randomUUID(), 'made up'], [othersReviewer.memberId, 'another candidate'], [interviewer.memberId, 'interview jury']] as const) {
      const res = await post(`/candidates/${id}/actions/assign-selection-reviewers`, { memberIds: [memberId] });
      expect(res.status, why).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.memberIds.0', message: expect.stringContaining('POST /candidates/:id/juries') })]);
    }
    const after = await state(id);
    expect(after).toMatchObject({ stage: 'selection', status: 'active' });
    expect(after.awaiting.map((a: { what: string }) => a.what)).toContain('assign_selection_reviewers');

    // The real reviewer is then assigned and asked.
    const reviewer = await registerJury(id, 'selection');
    expect((await post(`/candidates/${id}/actions/assign-selection-reviewers`, { memberIds: [reviewer.memberId] })).status).toBe(200);
    await waitForMessages(stack.mailboxUrl, reviewer.email, 1);
  });

  it('checks the interview jury of a slot offer and the assessor of an assessment the same way', async () => {
    const id = await candidateAtSelection();
    const reviewer = await registerJury(id, 'selection');
    const offer = await post(`/candidates/${id}/actions/offer-interview-slots`, { slots: [{ slotId: 's1', startsAt: '2027-03-02T10:00:00+01:00' }], juryMemberIds: [reviewer.memberId] });
    expect(offer.status).toBe(422);
    expect(offer.body.errors[0].path).toBe('body.juryMemberIds.0');
    const assessor = await post(`/candidates/${id}/actions/assign-assessor`, { blockCode: 'BC01', assessmentId: 'bc01-case-study', memberId: randomUUID() });
    expect(assessor.status).toBe(422);
    expect(assessor.body.errors[0].path).toBe('body.memberId');
  });
});

describe('#6 a journey that stopped on an error', () => {
  it('shows as failed, is not "ensured" as if it ran, and an administrator restarts it from its last good state', async () => {
    const id = await candidateAtSelection();
    const { journeyId } = (await request(h.app).get(`/candidates/${id}`).set(auth(h, 'read_only'))).body;
    await h.client.workflow.getHandle(journeyId).terminate('simulated crash of the journey');

    const stopped = await state(id);
    expect(stopped.status).toBe('failed');
    expect(stopped.failure).toMatchObject({ closedAs: 'TERMINATED', restart: `POST /candidates/${id}/journey/restart` });
    const ensured = await post(`/candidates/${id}/journey`, {});
    expect(ensured.status).toBe(409);
    expect(ensured.body.detail).toContain(`/candidates/${id}/journey/restart`);

    expect((await post(`/candidates/${id}/journey/restart`, { reasonCode: 'crash' })).status).toBe(403);
    const restarted = await post(`/candidates/${id}/journey/restart`, { reasonCode: 'crash' }, 'admin');
    expect(restarted.status).toBe(200);
    expect(restarted.body.runId).toMatch(/[0-9a-f-]{36}/);
    await eventually(async () => expect(await state(id)).toMatchObject({ stage: 'selection', status: 'active' }));
    expect((await state(id)).failure).toBeUndefined();
    expect((await post(`/candidates/${id}/journey/restart`, { reasonCode: 'crash' }, 'admin')).status).toBe(409);

    // It goes on: the reviewer assigned now is asked.
    const reviewer = await registerJury(id, 'selection');
    expect((await post(`/candidates/${id}/actions/assign-selection-reviewers`, { memberIds: [reviewer.memberId] })).status).toBe(200);
    await waitForMessages(stack.mailboxUrl, reviewer.email, 1);
  });

  it('can drop the last decision it accepted before it stopped', async () => {
    const id = await candidateAtSelection();
    const { journeyId } = (await request(h.app).get(`/candidates/${id}`).set(auth(h, 'read_only'))).body;
    expect((await post(`/candidates/${id}/actions/extend-deadline`, { step: 'selectionReview', days: 3 })).status).toBe(200);
    await eventually(async () => expect((await state(id)).recentEvents.map((e: { action: string }) => e.action)).toContain('deadline_extended'));
    await h.client.workflow.getHandle(journeyId).terminate('simulated crash after a mistaken decision');
    const restarted = await post(`/candidates/${id}/journey/restart`, { reasonCode: 'mistaken_decision', undoLastDecision: true }, 'admin');
    expect(restarted.status).toBe(200);
    await eventually(async () => expect(await state(id)).toMatchObject({ stage: 'selection', status: 'active' }));
    expect((await state(id)).recentEvents.map((e: { action: string }) => e.action)).not.toContain('deadline_extended');
  });
});
