// The caller side of the journey: what the HTTP API and the action-link pages use. Callers know a
// journey id and a decision; routing to a block's child workflow and the Temporal error shapes stay here.
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { refusalWords } from '../activities/wording/refusals';
import * as m from './messages';

/** A refusal as callers show it: its code, its data and its words in French and English. */
export interface RefusalReason {
  code: string;
  data?: m.RefusalDetails['data'];
  fr: string;
  en: string;
}

/** Name of the journey workflow type (registered in workflows/index.ts). */
export const JOURNEY_WORKFLOW_TYPE = 'candidateJourney';

/** A decision refused by the journey: the API answers 409 (state) or 422 (input) with `reason`. */
export class JourneyRefusal extends Error {
  override readonly name = 'JourneyRefusal';
  constructor(
    readonly type: m.RefusalType | 'JourneyNotFound',
    readonly reason: RefusalReason,
  ) {
    super(`${type}: ${reason.en}`);
  }
  /** The HTTP status the API should answer with. */
  get httpStatus(): 404 | 409 | 422 {
    if (this.type === 'JourneyNotFound') return 404;
    return this.type === 'InvalidDecision' || this.type === 'InvalidJury' ? 422 : 409;
  }
}

export interface StartJourneyResult {
  journeyId: string;
  runId: string;
  /** false: a journey already existed for this candidate and certification; it was returned as is. */
  created: boolean;
}

/**
 * Starts the candidate's journey, or returns the existing one: one journey per candidate and certification,
 * ever (a closed journey is not restarted under the same id). Concurrent starts create one run.
 */
export async function startJourney(client: Client, taskQueue: string, input: m.JourneyInput): Promise<StartJourneyResult> {
  const journeyId = m.journeyWorkflowId(input.referentialCode, input.candidateId);
  try {
    // FAIL rather than USE_EXISTING: the same single run results, and the error tells us it was not ours.
    const handle = await client.workflow.start(JOURNEY_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: journeyId,
      args: [{ input } satisfies m.JourneyArgs],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { journeyId, runId: handle.firstExecutionRunId, created: true };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const existing = await client.workflow.getHandle(journeyId).describe();
    return { journeyId, runId: existing.runId, created: false };
  }
}

export async function queryJourney(client: Client, journeyId: string): Promise<m.JourneyState> {
  return translate(() => queryAgainIfStuck(client, journeyId, m.journeyStateQuery));
}

const QUERY_DEADLINE_MS = 5_000;
/**
 * A journey continues as new at each stage boundary. A query that reaches the closing run right then was
 * seen to wait over a minute on the time-skipping server: ask with a short deadline, and ask again (the
 * next attempt reaches the new run).
 */
async function queryAgainIfStuck<T>(client: Client, workflowId: string, def: QueryDefinition<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => client.workflow.getHandle(workflowId).query(def));
    } catch (error) {
      const code = (error as { code?: number; cause?: { code?: number } }).code ?? (error as { cause?: { code?: number } }).cause?.code;
      if (attempt >= 3 || code !== 4 /* gRPC DEADLINE_EXCEEDED */) throw error;
    }
  }
}

export async function queryBlock(client: Client, journeyId: string, blockCode: string): Promise<m.BlockState> {
  return translate(() => client.workflow.getHandle(m.blockWorkflowId(journeyId, blockCode)).query(m.blockStateQuery));
}

/** Signal: a dossier piece was stored (the API wrote the DossierPiece row first). No answer needed. */
export async function notifyDossierPiece(client: Client, journeyId: string, payload: m.DossierPieceReceived): Promise<void> {
  await translate(() => client.workflow.getHandle(journeyId).signal(m.dossierPieceReceivedSignal, payload));
}

/**
 * Signal: the cohort's cut-off date or admissions changed outside a journey (the cohorts API): each journey
 * on the cohort's quota reserve looks again. A journey that ended meanwhile is skipped.
 */
export async function notifyQuotaReserveChanged(client: Client, journeyIds: string[]): Promise<void> {
  for (const id of journeyIds) {
    await client.workflow.getHandle(id).signal(m.quotaReserveChangedSignal).catch((error: unknown) => {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    });
  }
}

async function decide<P extends m.DecisionBase>(
  client: Client,
  workflowId: string,
  def: UpdateDefinition<m.DecisionReceipt, [P]>,
  payload: P,
): Promise<m.DecisionReceipt> {
  // updateId = decisionId: Temporal deduplicates a retried call on the same run; the workflow's own set
  // of applied decision ids covers repeats across continue-as-new.
  try {
    return await translate(() => client.workflow.getHandle(workflowId).executeUpdate(def, { args: [payload], updateId: payload.decisionId }));
  } catch (error) {
    // An update to a closed workflow answers "not found": say that the journey (or block) has ended.
    if (error instanceof JourneyRefusal && error.type === 'JourneyNotFound' && (await hasEnded(client, workflowId))) {
      throw new JourneyRefusal('JourneyEnded', {
        code: 'journey_ended',
        fr: 'Ce parcours (ou cette étape) est terminé : aucune décision ne peut plus être enregistrée.',
        en: 'This journey (or step) has ended: no decision can be recorded any more.',
      });
    }
    throw error;
  }
}

async function hasEnded(client: Client, workflowId: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name !== 'RUNNING';
  } catch {
    return false;
  }
}

async function translate<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toRefusal(error) ?? error;
  }
}

function toRefusal(error: unknown): JourneyRefusal | undefined {
  if (error instanceof WorkflowNotFoundError) {
    return new JourneyRefusal('JourneyNotFound', {
      code: 'journey_not_found',
      fr: 'Aucun parcours en cours pour ce candidat : vérifiez l’identifiant ou démarrez le parcours.',
      en: 'No running journey for this candidate: check the identifier or start the journey.',
    });
  }
  const failure = error instanceof WorkflowUpdateFailedError ? error.cause : error;
  if (failure instanceof ApplicationFailure && (m.REFUSAL_TYPES as readonly string[]).includes(failure.type ?? '')) {
    const details = failure.details?.[0] as m.RefusalDetails | undefined;
    if (!details) return new JourneyRefusal(failure.type as m.RefusalType, { code: failure.type!, fr: failure.message, en: failure.message });
    // Journeys of v1 still carry their own words; later ones carry a code and data only.
    const words = details.fr && details.en ? { fr: details.fr, en: details.en } : refusalWords(details.code, details.data);
    return new JourneyRefusal(failure.type as m.RefusalType, { ...details, ...words });
  }
  return undefined;
}

const onJourney =
  <P extends m.DecisionBase>(def: UpdateDefinition<m.DecisionReceipt, [P]>) =>
  (client: Client, journeyId: string, payload: P) =>
    decide(client, journeyId, def, payload);

const onBlock =
  <P extends m.DecisionBase & { blockCode: string }>(def: UpdateDefinition<m.DecisionReceipt, [P]>) =>
  (client: Client, journeyId: string, payload: P) =>
    decide(client, m.blockWorkflowId(journeyId, payload.blockCode), def, payload);

export const extendDeadline = onJourney(m.extendDeadlineUpdate);
export const assignSelectionReviewers = onJourney(m.assignSelectionReviewersUpdate);
export const recordSelectionReview = onJourney(m.selectionReviewUpdate);
export const offerInterviewSlots = onJourney(m.offerInterviewSlotsUpdate);
export const chooseInterviewSlot = onJourney(m.chooseInterviewSlotUpdate);
export const recordInterviewOutcome = onJourney(m.recordInterviewOutcomeUpdate);
export const rescheduleInterview = onJourney(m.rescheduleInterviewUpdate);
export const declareInternshipPeriod = onJourney(m.declareInternshipPeriodUpdate);
export const confirmInternshipPeriod = onJourney(m.confirmInternshipPeriodUpdate);
export const submitThesis = onJourney(m.submitThesisUpdate);
export const scheduleThesisDefence = onJourney(m.scheduleThesisDefenceUpdate);
export const recordThesisResult = onJourney(m.recordThesisResultUpdate);
export const recordVaeEvidence = onJourney(m.recordVaeEvidenceUpdate);
export const composeCertificationJury = onJourney(m.composeCertificationJuryUpdate);
export const recordJuryDecision = onJourney(m.recordJuryDecisionUpdate);
export const replaceJuryMember = onJourney(m.replaceJuryMemberUpdate);
export const answerFollowUpSurvey = onJourney(m.answerFollowUpSurveyUpdate);
export const withdrawJourney = onJourney(m.withdrawJourneyUpdate);
export const suspendJourney = onJourney(m.suspendJourneyUpdate);
export const resumeJourney = onJourney(m.resumeJourneyUpdate);
export const decideQuotaReserve = onJourney(m.decideQuotaReserveUpdate);
export const revertDeadlineExtension = onJourney(m.revertDeadlineExtensionUpdate);
export const assignAssessor = onBlock(m.assignAssessorUpdate);
export const recordAssessmentGrade = onBlock(m.recordAssessmentGradeUpdate);

/** Staff correction: grade corrections go to the block that holds the grade, the rest to the journey. */
export function correctDecision(client: Client, journeyId: string, payload: m.CorrectDecision): Promise<m.DecisionReceipt> {
  if (payload.correction.kind === 'assessment_grade') {
    return decide(client, m.blockWorkflowId(journeyId, payload.correction.blockCode), m.correctAssessmentGradeUpdate, payload);
  }
  return decide(client, journeyId, m.correctDecisionUpdate, payload);
}
