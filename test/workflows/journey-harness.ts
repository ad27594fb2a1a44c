// Shared driver of the journey tests: one time-skipping server and one worker per test file, with the
// REAL activities over the test stack (embedded database, SMTP sink), fixtures written the way the API
// writes them, and steps that act as staff, reviewers, assessors and jury members through journey-client.
// Time only moves when a test says so (env.sleep) or awaits a result: each step is deterministic.
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, inject } from 'vitest';
import { createActivities } from '../../activities';
import { addMonths, isoDateToMs, msToIsoDate } from '../../domain/index';
import { createDatabase, type Database } from '../../platform/database';
import { createMailer } from '../../platform/mailer';
import { workflowBundle } from '../../platform/worker';
import * as journey from '../../workflows/journey-client';
import type { Actor, JourneyInput, JourneyState } from '../../workflows/messages';
import type { OutboxDispatcher } from '../../activities/mail/dispatcher';
import { startTestDispatcher } from '../support/dispatcher';
import { checkReceivedEmails } from '../support/received';
import { createTimeSkippingEnv, uniqueTaskQueue } from '../support/temporal';

export const PIECES = ['cv', 'transcripts', 'recommendation_letter', 'motivation_letter', 'professional_project'];
export const DAY = 86_400_000;
export const staff: Actor = { kind: 'staff', staffId: 'staff-1' };
export const candidateActor: Actor = { kind: 'candidate' };
export const member = (memberId: string): Actor => ({ kind: 'juryMember', memberId });
export const id = () => randomUUID();

const MAIL_CONFIG = { mailFrom: 'Jalon <no-reply@jalon.test>', admissionsEmail: 'admissions@jalon.test', publicBaseUrl: 'http://localhost' };

/** The real activities over the harness's database and SMTP sink. */
export function journeyTestActivities(h: JourneyHarness, publicBaseUrl = MAIL_CONFIG.publicBaseUrl) {
  return createActivities({ db: h.db, mailer: createMailer(h.stack.smtpUrl), clock: () => new Date(), config: { ...MAIL_CONFIG, publicBaseUrl } });
}

/** A BC02-only candidate in training whose first assessment has its assessor assigned. */
export async function assessmentAssigned(h: JourneyHarness) {
  const c = await createCandidate(h, { enrolledBlocks: ['BC02'] });
  const journeyId = await start(h, c.input);
  await admit(h, journeyId, c.candidateId);
  await untilEvent(h, journeyId, 'training_started');
  const [first] = (await blockState(h, journeyId, 'BC02')).assessments;
  const { members } = await createJury(h, c.candidateId, 'assessment');
  const assessor = members[0]!;
  const assessmentId = first!.assessmentId;
  await journey.assignAssessor(h.env.client, journeyId, { decisionId: id(), actor: staff, blockCode: 'BC02', assessmentId, memberId: assessor.id });
  return { c, journeyId, assessor, assessmentId };
}

export interface JourneyHarness {
  env: TestWorkflowEnvironment;
  db: Database;
  taskQueue: string;
  stack: ReturnType<typeof inject<'stack'>>;
  /** The candidates this file created: every email of their journeys is read as received at the end. */
  candidateIds: string[];
}

/** Registers the hooks of one test file: environment, database client, one worker on its own queue. */
/** `publicBaseUrl`: where the emails' links point (read when the worker starts), for tests that serve the app. */
export function useJourneyHarness(name: string, options: { publicBaseUrl?: () => string } = {}): JourneyHarness {
  const h = { stack: inject('stack'), candidateIds: [] as string[] } as JourneyHarness;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let dispatcher: OutboxDispatcher | undefined;
  beforeAll(async () => {
    h.env = await createTimeSkippingEnv();
    // One connection: the embedded PGlite server mixes up statements of concurrent connections (retried, but slow).
    h.db = createDatabase(h.stack.databaseUrl, 1);
    h.taskQueue = uniqueTaskQueue(name);
    worker = await Worker.create({
      connection: h.env.nativeConnection,
      taskQueue: h.taskQueue,
      workflowBundle: await workflowBundle(),
      activities: journeyTestActivities(h, options.publicBaseUrl?.()),
    });
    running = worker.run();
    // The journeys queue their emails; the dispatcher delivers them, as in the worker process.
    dispatcher = await startTestDispatcher(h.db, h.stack.smtpUrl, MAIL_CONFIG);
  });
  // A journey left waiting by a test would run its timers when the next test skips time: end it.
  // Journeys a test leaves waiting are not terminated: terminating under the time-skipping server leaves
  // time locked for good (every later env.sleep would wait in real time). They only ever act on their own
  // candidate's rows and emails, which no other test reads.
  afterAll(async () => {
    // Before the worker stops: what was delivered is final; what is still queued is not read.
    if (h.db) await checkReceivedEmails(h.db, h.stack.mailboxUrl, h.candidateIds, name);
    worker?.shutdown();
    await running;
    await dispatcher?.stop();
    await h.env?.teardown();
    await h.db?.$disconnect();
  });
  return h;
}

// ------------------------------------------------------------------------------------------ fixtures

/** A Master's degree: admissible by right. */
export const BY_RIGHT_PROFILE = { degrees: [{ kind: 'university_master' }], experience: { qualifyingYears: 0 }, vappValidated: false };
/** A validated M1 without experience: admissible under derogation (b), counted in the cohort's quotas. */
export const DEROGATION_B_PROFILE = { degrees: [{ kind: 'm1' }], experience: { qualifyingYears: 0 }, vappValidated: false };

export const createCohort = (h: JourneyHarness) =>
  h.db.cohort.create({ data: { code: `C-${id()}`, referentialCode: 'RNCP37332', label: 'Test', startsOn: new Date('2026-09-01') } });

export interface CandidateFixture {
  candidateId: string;
  cohortId: string;
  email: string;
  input: JourneyInput;
}

export async function createCandidate(
  h: JourneyHarness,
  opts: { pieces?: string[]; route?: JourneyInput['route']; enrolledBlocks?: string[]; programmeEndsOn?: string; extraTimePercent?: number; cohortId?: string; profile?: object } = {},
): Promise<CandidateFixture> {
  const route = opts.route ?? 'student';
  const cohort = opts.cohortId ? { id: opts.cohortId } : await createCohort(h);
  const email = `cand-${id()}@example.org`;
  const candidate = await h.db.candidate.create({
    data: {
      cohortId: cohort.id, firstName: 'Camille', lastName: 'Test', email, route, enrolledBlocks: opts.enrolledBlocks ?? [],
      declaredProfile: opts.profile ?? BY_RIGHT_PROFILE,
    },
  });
  (h.candidateIds ??= []).push(candidate.id);
  for (const kind of opts.pieces ?? PIECES) await h.db.dossierPiece.create({ data: { candidateId: candidate.id, kind, recordedBy: 'test' } });
  const input: JourneyInput = {
    referentialCode: 'RNCP37332', candidateId: candidate.id, cohortId: cohort.id, route,
    ...(opts.enrolledBlocks ? { enrolledBlocks: opts.enrolledBlocks } : {}),
    ...(opts.programmeEndsOn ? { programmeEndsOn: opts.programmeEndsOn } : {}),
    ...(opts.extraTimePercent ? { extraTimePercent: opts.extraTimePercent } : {}),
  };
  return { candidateId: candidate.id, cohortId: cohort.id, email, input };
}

/** A jury (selection, interview, assessment or certification) with its members, as staff create them. */
export async function createJury(
  h: JourneyHarness,
  candidateId: string,
  kind: string,
  members: { kind?: 'school' | 'external_professional'; inActivity?: boolean }[] = [{}],
) {
  const jury = await h.db.jury.create({ data: { candidateId, kind } });
  const rows = [];
  for (const m of members) {
    const email = `member-${id()}@example.org`;
    const row = await h.db.juryMember.create({
      data: { juryId: jury.id, personRef: id(), name: 'Dominique Juré', email, kind: m.kind ?? 'school', inActivity: m.inActivity ?? true },
    });
    rows.push({ id: row.id, email, kind: row.kind as 'school' | 'external_professional', inActivity: row.inActivity });
  }
  return { juryId: jury.id, members: rows };
}

// ------------------------------------------------------------------------------------------ observing

export async function start(h: JourneyHarness, input: JourneyInput): Promise<string> {
  const { journeyId } = await journey.startJourney(h.env.client, h.taskQueue, input);
  return journeyId;
}

/** The journey's state, asked between two workflow tasks (see workflowTaskInFlight). */
export async function query(h: JourneyHarness, journeyId: string): Promise<JourneyState> {
  for (let i = 0; i < 100 && !(await atRest(h, journeyId)); i++);
  return journey.queryJourney(h.env.client, journeyId);
}

/** No transition recorded for a moment and nothing in flight: the journey waits for someone (or for time). */
async function atRest(h: JourneyHarness, journeyId: string): Promise<boolean> {
  const version = async () => (await h.db.journeyView.findUnique({ where: { journeyId }, select: { version: true } }))?.version;
  const before = await version();
  // Long enough for a stage's last deliveries and its continue-as-new on a loaded machine (the full suite
  // on 2 cores): 150 ms still let one query meet a continue-as-new there.
  await new Promise((r) => setTimeout(r, 300));
  return before === (await version()) && !(await workflowTaskInFlight(h, journeyId));
}

/** Polls the journey's query until `ok` holds (the workflow runs in another process). */
export async function until(h: JourneyHarness, journeyId: string, ok: (s: JourneyState) => boolean, what = 'condition'): Promise<JourneyState> {
  const deadline = Date.now() + 30_000;
  let last: JourneyState | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await query(h, journeyId);
      if (ok(last)) return last;
    } catch (error) {
      // A query may fail while the journey passes from one run to the next (continue-as-new at each stage):
      // ask again until the deadline.
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`journey ${journeyId}: ${what} not reached; last state ${JSON.stringify(last)}; last error ${String(lastError)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
/**
 * Whether the journey's current run is busy: a workflow task in flight, or activities running (the emails
 * a run delivers before it continues as new). A query that reaches a run while its last workflow task (the
 * continue-as-new at a stage boundary) is in flight is never answered by the time-skipping server, and its
 * clock then stays locked for over a minute: the harness queries a journey only while it is at rest.
 */
async function workflowTaskInFlight(h: JourneyHarness, journeyId: string): Promise<boolean> {
  const handle = h.env.client.workflow.getHandle(journeyId);
  const history = await handle.fetchHistory();
  const last = history.events?.at(-1)?.eventType;
  const { EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EVENT_TYPE_WORKFLOW_TASK_STARTED } = temporal.api.enums.v1.EventType;
  if (last === EVENT_TYPE_WORKFLOW_TASK_SCHEDULED || last === EVENT_TYPE_WORKFLOW_TASK_STARTED) return true;
  const described = await handle.describe();
  return described.status.name === 'RUNNING' && (described.raw.pendingActivities?.length ?? 0) > 0;
}
export const awaitingWhat = (s: JourneyState) => s.awaiting.map((a) => a.what);
export const untilAwaiting = (h: JourneyHarness, journeyId: string, what: string) =>
  until(h, journeyId, (s) => awaitingWhat(s).includes(what), `awaiting ${what}`);
export const untilEvent = (h: JourneyHarness, journeyId: string, action: string) =>
  until(h, journeyId, (s) => s.recentEvents.some((e) => e.action === action), `event ${action}`);

/**
 * The journey's result once it has ended. Awaiting `result()` on the time-skipping client would also skip
 * time after the end (to the server's next internal timer, years away), which breaks later tests of the file
 * that depend on dates (registration validity): poll the query instead, then read the result without skipping.
 */
export async function resultOf<T = unknown>(h: JourneyHarness, journeyId: string): Promise<T> {
  await until(h, journeyId, (s) => s.status === 'ended', 'the end');
  const plain = new Client({ connection: h.env.connection, namespace: h.env.namespace });
  return (await plain.workflow.getHandle(journeyId).result()) as T;
}

export const nowMs = (h: JourneyHarness) => h.env.currentTimeMs();
export const today = async (h: JourneyHarness) => msToIsoDate(await nowMs(h));

/** Outbox kinds of the journey for one recipient ref ("candidate:<id>", "juryMember:<id>", "staff"), in order. */
export async function outboxKinds(h: JourneyHarness, journeyId: string, recipientRef?: string): Promise<string[]> {
  const rows = await h.db.outboxEmail.findMany({ where: { journeyId, ...(recipientRef ? { recipientRef } : {}) }, orderBy: { createdAt: 'asc' } });
  return rows.map((r) => r.kind);
}

export async function auditActions(h: JourneyHarness, journeyId: string): Promise<string[]> {
  const rows = await h.db.auditEvent.findMany({ where: { journeyId }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.action);
}

// ------------------------------------------------------------------------------------------ steps

/** Staff assign one reviewer, who finds the dossier admissible. */
export async function passSelection(h: JourneyHarness, journeyId: string, candidateId: string) {
  await untilAwaiting(h, journeyId, 'assign_selection_reviewers');
  const { members } = await createJury(h, candidateId, 'selection');
  const reviewer = members[0]!;
  await journey.assignSelectionReviewers(h.env.client, journeyId, { decisionId: id(), actor: staff, memberIds: [reviewer.id] });
  await untilAwaiting(h, journeyId, 'selection_review');
  await journey.recordSelectionReview(h.env.client, journeyId, { decisionId: id(), actor: member(reviewer.id), decision: 'admissible', reasonCode: 'good_fit' });
  return reviewer;
}

/** Staff offer two slots, the candidate picks the first; time passes to the interview. */
export async function holdInterview(h: JourneyHarness, journeyId: string, candidateId: string) {
  await untilAwaiting(h, journeyId, 'offer_interview_slots');
  const { members } = await createJury(h, candidateId, 'interview');
  const interviewer = members[0]!;
  const now = await nowMs(h);
  const slots = [{ slotId: 'slot-a', startsAtMs: now + 4 * DAY }, { slotId: 'slot-b', startsAtMs: now + 5 * DAY }];
  await journey.offerInterviewSlots(h.env.client, journeyId, { decisionId: id(), actor: staff, slots, juryMemberIds: [interviewer.id] });
  await untilAwaiting(h, journeyId, 'interview_slot_choice');
  await journey.chooseInterviewSlot(h.env.client, journeyId, { decisionId: id(), actor: candidateActor, slotId: 'slot-a' });
  await untilEvent(h, journeyId, 'interview_slot_chosen');
  await h.env.sleep(4 * DAY + 3_600_000);
  await untilAwaiting(h, journeyId, 'interview_outcome');
  return interviewer;
}

export async function recordInterview(h: JourneyHarness, journeyId: string, interviewerId: string, outcome: 'admitted' | 'not_admitted' | 'no_show') {
  return journey.recordInterviewOutcome(h.env.client, journeyId, { decisionId: id(), actor: member(interviewerId), outcome });
}

/** Selection, interview and admission: the journey reaches training (or VAE evidence). */
export async function admit(h: JourneyHarness, journeyId: string, candidateId: string) {
  await passSelection(h, journeyId, candidateId);
  const interviewer = await holdInterview(h, journeyId, candidateId);
  await recordInterview(h, journeyId, interviewer.id, 'admitted');
  await untilEvent(h, journeyId, 'admitted');
}

/** Selection and a positive interview, then the stage admission leads to (e.g. `awaiting_quota` when the quota is full). */
export async function admitToStage(h: JourneyHarness, journeyId: string, candidateId: string, stage: JourneyState['stage']) {
  await passSelection(h, journeyId, candidateId);
  const interviewer = await holdInterview(h, journeyId, candidateId);
  await recordInterview(h, journeyId, interviewer.id, 'admitted');
  return until(h, journeyId, (s) => s.stage === stage, `stage ${stage}`);
}

/** The block's child is running: its state. */
export async function blockState(h: JourneyHarness, journeyId: string, blockCode: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await journey.queryBlock(h.env.client, journeyId, blockCode);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** One assessor grades every assessment of the block with `grade`; returns the assessor. */
export async function gradeBlock(h: JourneyHarness, journeyId: string, candidateId: string, blockCode: string, grade = 14) {
  const { members } = await createJury(h, candidateId, 'assessment');
  const assessor = members[0]!;
  const state = await blockState(h, journeyId, blockCode);
  for (const a of state.assessments) {
    await journey.assignAssessor(h.env.client, journeyId, { decisionId: id(), actor: staff, blockCode, assessmentId: a.assessmentId, memberId: assessor.id });
    await journey.recordAssessmentGrade(h.env.client, journeyId, { decisionId: id(), actor: member(assessor.id), blockCode, assessmentId: a.assessmentId, grade });
  }
  return assessor;
}

/** The candidate declares an internship period (row first, as the API does), staff confirm it. */
export async function internship(h: JourneyHarness, journeyId: string, candidateId: string, startOn: string, endOn: string, fteRatio = 1) {
  const period = await h.db.internshipPeriod.create({ data: { candidateId, organisation: 'ACME', startOn: new Date(startOn), endOn: new Date(endOn), fteRatio } });
  await journey.declareInternshipPeriod(h.env.client, journeyId, { decisionId: id(), actor: candidateActor, periodId: period.id });
  await journey.confirmInternshipPeriod(h.env.client, journeyId, { decisionId: id(), actor: staff, periodId: period.id });
  return period.id;
}

/** Submission, defence today, grade. */
export async function thesis(h: JourneyHarness, journeyId: string, grade = 15) {
  await journey.submitThesis(h.env.client, journeyId, { decisionId: id(), actor: candidateActor });
  await journey.scheduleThesisDefence(h.env.client, journeyId, { decisionId: id(), actor: staff, defenceOn: await today(h) });
  await journey.recordThesisResult(h.env.client, journeyId, { decisionId: id(), actor: staff, grade });
}

/** Staff compose a valid certification jury (one school member, two external professionals in activity). */
export async function composeJury(h: JourneyHarness, journeyId: string, candidateId: string) {
  await untilAwaiting(h, journeyId, 'compose_certification_jury');
  const jury = await createJury(h, candidateId, 'certification', [{ kind: 'school' }, { kind: 'external_professional' }, { kind: 'external_professional' }]);
  await journey.composeCertificationJury(h.env.client, journeyId, {
    decisionId: id(), actor: staff, juryId: jury.juryId, sittingOn: await today(h), trainerAndAssessorIds: [],
    members: jury.members.map((x) => ({ memberId: x.id, kind: x.kind, inActivity: x.inActivity })),
  });
  await untilAwaiting(h, journeyId, 'jury_decision');
  return jury;
}

export async function juryDecides(h: JourneyHarness, journeyId: string, memberIds: string[], decision: 'award' | 'not_award' | 'defer' = 'award') {
  for (const memberId of memberIds) {
    await journey.recordJuryDecision(h.env.client, journeyId, { decisionId: id(), actor: member(memberId), memberId, decision });
  }
}

/** Lets time pass to the survey of `wave` months after the award, then the certified person answers. */
export async function answerSurvey(h: JourneyHarness, journeyId: string, wave: number, answer = { employed: true, inTargetJob: true }) {
  const s = await untilEvent(h, journeyId, 'follow_up_started');
  const awardedOn = String(s.recentEvents.find((e) => e.action === 'follow_up_started')!.detail!.awardedOn);
  const due = isoDateToMs(addMonths(awardedOn, wave));
  await h.env.sleep(Math.max(0, due - (await nowMs(h))) + 3_600_000);
  await until(h, journeyId, (x) => x.recentEvents.some((e) => e.action === 'follow_up_survey_sent' && e.detail?.wave === wave), `survey ${wave} sent`);
  return journey.answerFollowUpSurvey(h.env.client, journeyId, { decisionId: id(), actor: candidateActor, wave, ...answer });
}

/** A candidate taken through admission, four graded blocks, internship and thesis to a composed certification jury. */
export async function atCertificationJury(h: JourneyHarness, grade = 12) {
  const c = await createCandidate(h);
  const journeyId = await start(h, c.input);
  const firstRunId = (await h.env.client.workflow.getHandle(journeyId).describe()).runId;
  await admit(h, journeyId, c.candidateId);
  await untilEvent(h, journeyId, 'training_started');
  for (const code of ['BC01', 'BC02', 'BC03', 'BC04']) await gradeBlock(h, journeyId, c.candidateId, code, grade);
  await internship(h, journeyId, c.candidateId, '2026-01-05', '2026-06-05');
  await thesis(h, journeyId, grade);
  const jury = await composeJury(h, journeyId, c.candidateId);
  return { c, journeyId, firstRunId, jury };
}
