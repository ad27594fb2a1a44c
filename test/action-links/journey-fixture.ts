// A real candidate journey (workflows/journey.ts) on the dev server with the real activities, brought to
// the point where a selection reviewer holds a link: the pages are tested against the journey itself.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createApp } from '../../api/app';
import type { Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { startTestDispatcher } from '../support/dispatcher';
import { workflowBundle } from '../../platform/worker';
import * as journey from '../../workflows/journey-client';
import { waitForMessages } from '../support/mailbox';
import { uniqueTaskQueue } from '../support/temporal';
import type { TestStack } from '../support/global-setup';
import { linkIn } from '../mail/fixtures';
import { eventually } from '../support/eventually';
import type { JourneyInput } from '../../workflows/messages';

/** A reviewer as a person: the same personRef on several juries is one person with one queue. */
export interface Reviewer {
  personRef: string;
  name: string;
  email: string;
  language?: string;
}

const PIECES = ['cv', 'transcripts', 'recommendation_letter', 'motivation_letter', 'professional_project'];
export const staff = { kind: 'staff' as const, staffId: 'staff-action-links' };

/** `digest`: requests to jury members are held for their daily digest (as `npm start` does), not mailed one by one. */
export async function startJourneyStack(stack: TestStack, db: Database, publicBaseUrl = 'http://jalon.test', stackOptions: { digest?: boolean } = {}) {
  const taskQueue = uniqueTaskQueue('action-links');
  const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  const mailConfig = { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl, linkSecret: 'y'.repeat(32), requestDigest: stackOptions.digest };
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: stack.temporalAddress }),
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ db, mailer: createMailer(stack.smtpUrl), clock: () => new Date(), config: mailConfig }),
  });
  const run = worker.run();
  const dispatcher = await startTestDispatcher(db, stack.smtpUrl, mailConfig);
  const started: string[] = [];
  const app = (base = publicBaseUrl) => createApp({
    db, temporal: client, log: createLogger({}, 'error', () => undefined), readiness: {},
    config: { taskQueue, publicBaseUrl: base }, actionLinks: { csrfSecret: 'y'.repeat(32) },
  });

  /**
   * A journey waiting for its selection reviewers' decision; each reviewer got an email with a link.
   * `people`: who the reviewers are (the same person may review several candidates); `policy` of the journey.
   */
  async function atSelection(reviewerCount = 1, options: { people?: Reviewer[]; policy?: JourneyInput['policy'] } = {}) {
    const cohort = await db.cohort.create({ data: { code: `AL-${randomUUID()}`, referentialCode: 'RNCP37332', label: 'Promotion liens', startsOn: new Date('2026-09-01') } });
    const candidate = await db.candidate.create({
      data: {
        cohortId: cohort.id, firstName: 'Inès', lastName: `Bernard-${randomUUID().slice(0, 6)}`, email: `ines-${randomUUID()}@candidats.test`, route: 'student',
        declaredProfile: { degrees: [{ kind: 'university_master' }], experience: { qualifyingYears: 0 }, vappValidated: false },
      },
    });
    for (const kind of PIECES) await db.dossierPiece.create({ data: { candidateId: candidate.id, kind, recordedBy: 'test' } });
    const jury = await db.jury.create({ data: { candidateId: candidate.id, kind: 'selection' } });
    const reviewers = [];
    for (let i = 0; i < reviewerCount; i++) {
      const person = options.people?.[i] ?? { personRef: randomUUID(), name: `Dominique Relecteur ${i + 1}`, email: `reviewer-${randomUUID()}@jury.test` };
      reviewers.push(await db.juryMember.create({ data: { juryId: jury.id, ...person, kind: 'school' } }));
    }
    const { journeyId } = await journey.startJourney(client, taskQueue, { referentialCode: 'RNCP37332', candidateId: candidate.id, cohortId: cohort.id, route: 'student', ...(options.policy ? { policy: options.policy } : {}) });
    started.push(journeyId);
    await waitUntilStage(journeyId, 'selection');
    await journey.assignSelectionReviewers(client, journeyId, { decisionId: randomUUID(), actor: staff, memberIds: reviewers.map((r) => r.id) });
    const links: URL[] = [];
    // With digests, the requests wait for the person's digest: the test says when digests are composed.
    if (stackOptions.digest) {
      await eventually(async () => {
        const held = await db.outboxEmail.count({ where: { journeyId, kind: 'selection_review_request', status: 'held' } });
        if (held < reviewers.length) throw new Error('requests not held yet');
      }, 20_000, 100);
      return { journeyId, candidate, reviewers, links };
    }
    for (const r of reviewers) {
      // A person reviewing several candidates gets one request per candidate: this candidate's.
      const message = await eventually(async () => {
        const found = (await waitForMessages(stack.mailboxUrl, r.email, 1)).find((m) => m.text.includes(candidate.lastName));
        if (!found) throw new Error(`no request about ${candidate.lastName} for ${r.email} yet`);
        return found;
      }, 20_000, 100);
      links.push(new URL(linkIn(message.text)));
    }
    return { journeyId, candidate, reviewers, links };
  }

  async function waitUntilStage(journeyId: string, stage: string) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const state = await journey.queryJourney(client, journeyId).catch(() => undefined);
      if (state?.stage === stage && (stage !== 'selection' || state.awaiting.some((a) => a.what === 'assign_selection_reviewers' || a.what === 'selection_review'))) return state;
      if (Date.now() > deadline) throw new Error(`journey ${journeyId} did not reach ${stage} (at ${state?.stage})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function stop() {
    await Promise.allSettled(started.map((id) => client.workflow.getHandle(id).terminate('test finished')));
    worker.shutdown();
    await run;
    await dispatcher.stop();
    await client.connection.close();
  }

  return { client, taskQueue, app, atSelection, waitUntilStage, stop };
}
