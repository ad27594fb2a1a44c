// The candidate journey on the time-skipping server, with the real activities over the embedded
// database and the SMTP sink: months of deadlines pass in milliseconds.
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { createDatabase, type Database } from '../../platform/database';
import { createMailer } from '../../platform/mailer';
import { workflowBundle } from '../../platform/worker';
import * as journey from '../../workflows/journey-client';
import { JourneyRefusal } from '../../workflows/journey-client';
import type { JourneyInput } from '../../workflows/messages';
import { messagesTo, waitForMessages } from '../support/mailbox';
import { createTimeSkippingEnv, uniqueTaskQueue } from '../support/temporal';
import { startTestDispatcher } from '../support/dispatcher';

const stack = inject('stack');
let env: TestWorkflowEnvironment;
let db: Database;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  db = createDatabase(stack.databaseUrl);
});
afterAll(async () => {
  await env?.teardown();
  await db?.$disconnect();
});

const staff = { kind: 'staff' as const, staffId: 'staff-1' };
const PIECES = ['cv', 'transcripts', 'recommendation_letter', 'motivation_letter', 'professional_project'];

async function candidateFixture(opts: { pieces: string[] }) {
  const cohort = await db.cohort.create({ data: { code: `C-${randomUUID()}`, referentialCode: 'RNCP37332', label: 'Test', startsOn: new Date('2026-09-01') } });
  const email = `cand-${randomUUID()}@example.org`;
  const candidate = await db.candidate.create({
    data: {
      cohortId: cohort.id, firstName: 'Camille', lastName: 'Test', email, route: 'student',
      declaredProfile: { degrees: [{ kind: 'university_master' }], experience: { qualifyingYears: 0 }, vappValidated: false },
    },
  });
  for (const kind of opts.pieces) await db.dossierPiece.create({ data: { candidateId: candidate.id, kind, recordedBy: 'test' } });
  const input: JourneyInput = { referentialCode: 'RNCP37332', candidateId: candidate.id, cohortId: cohort.id, route: 'student' };
  return { cohort, candidate, email, input };
}

async function juryMember(candidateId: string, kind = 'selection') {
  const jury = await db.jury.create({ data: { candidateId, kind } });
  const email = `member-${randomUUID()}@example.org`;
  const member = await db.juryMember.create({ data: { juryId: jury.id, personRef: randomUUID(), name: 'Dominique Juré', email, kind: 'school' } });
  return { jury, member, email };
}

const MAIL_CONFIG = { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl: 'http://localhost' };

async function withWorker<T>(name: string, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = uniqueTaskQueue(name);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config: MAIL_CONFIG }),
  });
  const dispatcher = await startTestDispatcher(db, stack.smtpUrl, MAIL_CONFIG);
  try {
    return await worker.runUntil(() => fn(taskQueue));
  } finally {
    await dispatcher.stop();
  }
}

describe('candidateJourney', () => {
  it('expires an incomplete dossier at the deadline, after the reminder ladder, with the reason', async () => {
    const { input, email } = await candidateFixture({ pieces: ['cv'] });
    await withWorker('journey-expired', async (taskQueue) => {
      const started = await journey.startJourney(env.client, taskQueue, input);
      expect(started.created).toBe(true);
      const again = await journey.startJourney(env.client, taskQueue, input);
      expect(again).toMatchObject({ journeyId: started.journeyId, created: false });
      const result = await env.client.workflow.getHandle(started.journeyId).result();
      expect(result).toEqual({ outcome: 'expired', reasonCode: 'dossier_deadline_passed' });
      const view = await db.journeyView.findUniqueOrThrow({ where: { journeyId: started.journeyId } });
      expect(view.status).toBe('ended:expired');
      const outbox = await db.outboxEmail.findMany({ where: { journeyId: started.journeyId }, orderBy: { createdAt: 'asc' } });
      expect(outbox.map((o) => o.kind)).toEqual(['dossier_opened', 'dossier_reminder', 'dossier_reminder', 'staff_alert', 'dossier_expired']);
      // Delivered by the dispatcher, shortly after the journey queued them.
      await waitForMessages(stack.mailboxUrl, email, 4);
      expect((await messagesTo(stack.mailboxUrl, email)).length).toBe(4);
    });
  });

  it('refuses an invalid decision without a trace, applies a duplicate once, and ends not admissible', async () => {
    const { input, candidate } = await candidateFixture({ pieces: PIECES });
    const { member } = await juryMember(candidate.id);
    await withWorker('journey-not-admissible', async (taskQueue) => {
      const { journeyId } = await journey.startJourney(env.client, taskQueue, input);
      await expect.poll(async () => (await journey.queryJourney(env.client, journeyId)).stage, { timeout: 20_000 }).toBe('selection');
      await journey.assignSelectionReviewers(env.client, journeyId, { decisionId: randomUUID(), actor: staff, memberIds: [member.id] });
      await expect.poll(async () => (await journey.queryJourney(env.client, journeyId)).awaiting.map((a) => a.what), { timeout: 20_000 }).toContain('selection_review');
      const before = await journey.queryJourney(env.client, journeyId);

      const refusal = await journey
        .recordSelectionReview(env.client, journeyId, { decisionId: randomUUID(), actor: { kind: 'candidate' }, decision: 'admissible', reasonCode: 'x' })
        .catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(JourneyRefusal);
      expect((refusal as JourneyRefusal).type).toBe('NotAllowed');
      expect((refusal as JourneyRefusal).reason.fr).toMatch(/jury de sélection/);
      expect((await journey.queryJourney(env.client, journeyId)).version).toBe(before.version);

      const decision = { decisionId: randomUUID(), actor: { kind: 'juryMember' as const, memberId: member.id }, decision: 'not_admissible' as const, reasonCode: 'project_unclear' };
      const first = await journey.recordSelectionReview(env.client, journeyId, decision);
      const second = await journey.recordSelectionReview(env.client, journeyId, decision);
      expect(first.applied).toBe(true);
      expect(second.decisionId).toBe(decision.decisionId);
      const result = await env.client.workflow.getHandle(journeyId).result();
      expect(result).toEqual({ outcome: 'not_admissible', reasonCode: 'project_unclear' });
      const audit = await db.auditEvent.findMany({ where: { journeyId, action: 'selection_decided' } });
      expect(audit).toHaveLength(1);
    });
  });
});
