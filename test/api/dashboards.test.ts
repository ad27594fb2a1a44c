// Dashboards from the read model: counts per stage with overdue, the overdue list, the yearly table.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyWorkflowId } from '../../workflows/messages';
import { auth, createCohort, createHarness, type ApiHarness } from './support';

let h: ApiHarness;
let cohort: { id: string; code: string };
beforeAll(async () => {
  h = await createHarness('dashboards');
  cohort = await createCohort(h, { referentialCode: 'RNCP37332' });
});
afterAll(() => h?.close());

async function candidate(i: number, route = 'student') {
  return h.db.candidate.create({ data: { cohortId: cohort.id, firstName: 'P', lastName: `N${i}`, email: `d${i}-${cohort.id}@ex.org`, route } });
}

describe('dashboards', () => {
  it('counts journeys per stage and the overdue ones, and lists the overdue most late first, paged', async () => {
    const day = 86_400_000;
    const specs = [
      { stage: 'dossier', due: -3 }, { stage: 'dossier', due: -1 }, { stage: 'dossier', due: 5 },
      { stage: 'interview', due: -2 }, { stage: 'training', due: null },
    ];
    for (const [i, s] of specs.entries()) {
      const c = await candidate(i);
      await h.db.journeyView.create({
        data: { journeyId: journeyWorkflowId('RNCP37332', c.id), candidateId: c.id, cohortId: cohort.id, route: 'student', stage: s.stage, status: 'active', version: 1, nextDueAt: s.due === null ? null : new Date(Date.now() + s.due * day) },
      });
    }
    const counts = await request(h.app).get('/dashboard/stages').query({ cohortId: cohort.id }).set(auth(h, 'read_only'));
    expect(counts.status).toBe(200);
    expect(counts.body.items).toEqual([
      { stage: 'dossier', status: 'active', count: 3, overdue: 2 },
      { stage: 'interview', status: 'active', count: 1, overdue: 1 },
      { stage: 'training', status: 'active', count: 1, overdue: 0 },
    ]);
    expect(counts.body).toMatchObject({ total: 5, overdue: 3 });

    const p1 = await request(h.app).get('/dashboard/overdue').query({ cohortId: cohort.id, limit: 2 }).set(auth(h, 'read_only'));
    expect(p1.body.items.map((r: { stage: string }) => r.stage)).toEqual(['dossier', 'interview']);
    const p2 = await request(h.app).get('/dashboard/overdue').query({ cohortId: cohort.id, limit: 2, cursor: p1.body.nextCursor }).set(auth(h, 'read_only'));
    expect(p2.body.items.map((r: { stage: string }) => r.stage)).toEqual(['dossier']);
    expect(p2.body.nextCursor).toBeNull();
  });

  it('builds the yearly statistics table from awarded juries and follow-up answers', async () => {
    const awarded = async (i: number, route: string, closedAt: string, waves: { wave: number; employed: boolean; inTargetJob: boolean }[]) => {
      const c = await candidate(100 + i, route);
      await h.db.jury.create({ data: { candidateId: c.id, kind: 'certification', status: 'closed', outcome: 'awarded', closedAt: new Date(closedAt) } });
      for (const w of waves) await h.db.followUpAnswer.create({ data: { candidateId: c.id, ...w } });
    };
    await awarded(1, 'student', '2031-07-01', [{ wave: 6, employed: true, inTargetJob: true }, { wave: 24, employed: true, inTargetJob: false }]);
    await awarded(2, 'vae', '2031-07-01', [{ wave: 6, employed: true, inTargetJob: false }]);
    await awarded(3, 'student', '2031-12-01', [{ wave: 6, employed: false, inTargetJob: false }]);
    await awarded(4, 'student', '2031-12-01', []);
    await awarded(5, 'vae', '2032-07-01', [{ wave: 24, employed: true, inTargetJob: true }]);
    const notAwarded = await candidate(200);
    await h.db.jury.create({ data: { candidateId: notAwarded.id, kind: 'certification', status: 'closed', outcome: 'not_awarded', closedAt: new Date('2031-07-01') } });

    const res = await request(h.app).get('/statistics/yearly').query({ fromYear: 2031, toYear: 2032 }).set(auth(h, 'read_only'));
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { year: 2031, certified: 4, certifiedViaVae: 1, answered6Months: 3, employmentRate6Months: 66.7, targetJobRate6Months: 33.3, answered24Months: 1, targetJobRate24Months: 0, cpfDeclared: 0, cpfPending: 0, cpfToDeclare: 4 },
      { year: 2032, certified: 1, certifiedViaVae: 1, answered6Months: 0, employmentRate6Months: null, targetJobRate6Months: null, answered24Months: 1, targetJobRate24Months: 100, cpfDeclared: 0, cpfPending: 0, cpfToDeclare: 1 },
    ]);
    expect((await request(h.app).get('/statistics/yearly').query({ fromYear: 'last' }).set(auth(h, 'read_only'))).status).toBe(400);
  });
});

describe('attention and workload', () => {
  it('count awaited actions by role (overdue apart) and failed emails; put what falls due in its Paris week, naming jury members', async () => {
    const own = await createCohort(h, { referentialCode: 'RNCP37332' });
    const now = Date.now();
    const day = 86_400_000;
    const jury = await h.db.jury.create({ data: { candidateId: (await candidate(900)).id, kind: 'selection', members: { create: [{ name: 'Paul Relecteur', email: 'paul@ex.org', kind: 'school', personRef: 'paul@ex.org' }] } }, include: { members: true } });
    const memberId = jury.members[0]!.id;
    const rows = [
      { awaiting: [{ who: { role: 'juryMember', ref: memberId }, what: 'selection_review', dueAtMs: now + 3 * day }], status: 'active' },
      { awaiting: [{ who: { role: 'candidate' }, what: 'interview_slot_choice', dueAtMs: now - day }], status: 'active' },
      { awaiting: [{ who: { role: 'candidate' }, what: 'interview_slot_choice', dueAtMs: now + 10 * day }], status: 'active' },
      { awaiting: [{ who: { role: 'candidate' }, what: 'interview_slot_choice', dueAtMs: now + 2 * day }], status: 'suspended' },
    ];
    for (const [i, r] of rows.entries()) {
      const c = await h.db.candidate.create({ data: { cohortId: own.id, firstName: 'A', lastName: `W${i}`, email: `w${i}-${own.id}@ex.org`, route: 'student' } });
      const journeyId = journeyWorkflowId('RNCP37332', c.id);
      await h.db.journeyView.create({ data: { journeyId, candidateId: c.id, cohortId: own.id, route: 'student', stage: 'selection', status: r.status, awaiting: r.awaiting, version: 1 } });
      if (i === 1) await h.db.outboxEmail.create({ data: { idempotencyKey: `${journeyId}:x`, kind: 'dossier_opened', recipient: 'x@ex.org', language: 'fr', journeyId, payload: {}, status: 'failed', lastError: 'SMTP 550' } });
    }
    const attention = await request(h.app).get('/dashboard/attention').query({ cohortId: own.id }).set(auth(h, 'read_only'));
    expect(attention.status).toBe(200);
    expect(attention.body).toEqual({
      awaiting: [
        { role: 'candidate', what: 'interview_slot_choice', count: 2, overdue: 1 },
        { role: 'juryMember', what: 'selection_review', count: 1, overdue: 0 },
      ],
      failedEmails: 1,
    });

    const workload = await request(h.app).get('/dashboard/workload').query({ cohortId: own.id, weeks: 1 }).set(auth(h, 'read_only'));
    expect(workload.status).toBe(200);
    // Within a week from now: the reviewer's (named) review only; the overdue, the later and the suspended ones are not.
    expect(workload.body.items.map((i: { role: string; personName: string | null; what: string; count: number }) => [i.role, i.personName, i.what, i.count])).toEqual([['juryMember', 'Paul Relecteur', 'selection_review', 1]]);
    const monday = new Date(`${workload.body.items[0].week}T12:00:00Z`);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'long' }).format(monday)).toBe('Monday');
    expect((await request(h.app).get('/dashboard/workload').query({ weeks: 27 }).set(auth(h, 'read_only'))).status).toBe(400);
  });
});
