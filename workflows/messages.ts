// Every signal, update and query of the candidate journey, defined once. The API, the action-link pages
// and the workflows import these definitions (through workflows/journey-client.ts on the caller side).
// Payloads carry identifiers, codes, dates, grades and decisions only: comments and other personal text
// are written to the database first (activities/journey-notes.ts) and travel as a `commentRef` id.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BlockCode, DeadlineStep, IsoDate, Route } from '../domain/types';
import type { SelectionReviewRule } from '../domain/selection-reviews';

// ---------------------------------------------------------------------------------------------- ids

/** One journey per candidate and certification: `journey:<referentialCode>:<candidateId>`. */
export const journeyWorkflowId = (referentialCode: string, candidateId: string) => `journey:${referentialCode}:${candidateId}`;
/** Child workflow of one competency block of the journey. */
export const blockWorkflowId = (journeyId: string, blockCode: BlockCode) => `${journeyId}:block:${blockCode}`;

/** The parts of a journey id, or undefined if the string is not one. */
export function parseJourneyWorkflowId(journeyId: string): { referentialCode: string; candidateId: string } | undefined {
  const m = /^journey:([A-Z0-9]+):([^:]+)$/.exec(journeyId);
  return m ? { referentialCode: m[1]!, candidateId: m[2]! } : undefined;
}

// ---------------------------------------------------------------------------------------------- input

/** Limits the school sets per journey ("once by default"); counts, not durations (those are in the referential). */
export interface JourneyPolicy {
  /** How many times the interview may be rescheduled. */
  interviewReschedules: number;
  /** How many retakes a failed assessment gets. */
  assessmentRetakes: number;
  /** How several selection reviewers' opinions combine, when this journey differs from its referential's rule. */
  selectionReviews?: SelectionReviewRule;
}
export const DEFAULT_JOURNEY_POLICY: JourneyPolicy = { interviewReschedules: 1, assessmentRetakes: 1 };

export interface JourneyInput {
  referentialCode: string;
  candidateId: string;
  cohortId: string;
  route: Route;
  /** Block-only enrolment: the enrolled blocks. Absent: full enrolment (every block of the referential). */
  enrolledBlocks?: BlockCode[];
  /** Extra time granted as an accommodation, in percent of eligible steps (0 or absent: none). */
  extraTimePercent?: number;
  /** Last day of the programme (cohort end), for the internship shortfall warning. */
  programmeEndsOn?: IsoDate;
  policy?: Partial<JourneyPolicy>;
}

/** The workflow's argument: the input, plus the state carried across continue-as-new (workflow-internal). */
export interface JourneyArgs {
  input: JourneyInput;
  carried?: unknown;
}

// ---------------------------------------------------------------------------------------------- state

export const JOURNEY_STAGES = [
  'dossier', // the five pieces arrive
  'eligibility', // computed from the declared profile
  'selection', // selection jury reviews the dossier
  'interview', // slot choice, interview, outcome
  'admission', // quota check and admission row
  'awaiting_quota', // derogation candidate admissible, waiting for a place under the quota (or staff's decision)
  'training', // blocks (children), internship, thesis, in parallel
  'vae_evidence', // VAE route: evidence per block and the in-depth work
  'certification_jury', // jury composed, three decisions, outcome
  'follow_up', // surveys at 6 and 24 months after the award
  'closed',
] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

export type JourneyStatus = 'active' | 'suspended' | 'ended';

/** How a journey ended. */
export type JourneyOutcome =
  | 'certified' // awarded, follow-up done
  | 'blocks_awarded' // block-only enrolment awarded, follow-up done
  | 'not_awarded'
  | 'expired'
  | 'not_eligible'
  | 'not_admissible'
  | 'not_admitted'
  | 'no_show'
  | 'quota_full'
  | 'withdrawn';

export * from './quota-messages';

export type Actor =
  | { kind: 'staff'; staffId: string }
  | { kind: 'candidate' }
  | { kind: 'juryMember'; memberId: string }
  | { kind: 'system' };

/** Who must act: a role and, for people other than the candidate, the reference of the person. */
export interface AwaitedFrom {
  role: 'candidate' | 'staff' | 'juryMember';
  ref?: string;
}

export interface AwaitedAction {
  who: AwaitedFrom;
  /** What is awaited, a stable code: 'dossier_pieces', 'selection_review', 'interview_slot_choice', ... */
  what: string;
  /** Subject inside the journey (block code, assessment id, jury member id), if any. */
  subjectRef?: string;
  /** Deadline (epoch ms); absent when nothing bounds it. */
  dueAtMs?: number;
}

export interface JourneyEvent {
  seq: number;
  atMs: number;
  action: string;
  actor: Actor;
  /** Identifiers and codes only. */
  detail?: Record<string, string | number | boolean | null | string[]>;
}

export interface BlockSummary {
  code: BlockCode;
  /** not_started until the training stage starts the block (or the VAE evidence decides it). */
  status: 'not_started' | 'in_progress' | 'validated' | 'failed';
}

export interface JourneyState {
  journeyId: string;
  referentialCode: string;
  candidateId: string;
  route: Route;
  stage: JourneyStage;
  status: JourneyStatus;
  outcome?: JourneyOutcome;
  awaiting: AwaitedAction[];
  blocks: BlockSummary[];
  internshipFteMonths?: number;
  /** The last events (the full trail is AuditEvent in the database). */
  recentEvents: JourneyEvent[];
  /** Sequence number of the last transition; the read model keeps the highest. */
  version: number;
}

// ------------------------------------------------------------------------------------------ payloads

/** Every human decision carries an idempotency key (API Idempotency-Key or action token id) and its author. */
export interface DecisionBase {
  decisionId: string;
  actor: Actor;
}

export type DossierPieceReceived = DecisionBase & { kind: string };
export type ExtendDeadline = DecisionBase & { step: DeadlineStep; days: number; subjectRef?: string };
export type AssignSelectionReviewers = DecisionBase & { memberIds: string[] };
export type SelectionReview = DecisionBase & {
  decision: 'admissible' | 'not_admissible';
  /** Stable reason code (e.g. 'project_unclear'); free text goes through commentRef. */
  reasonCode: string;
  commentRef?: string;
};
export interface InterviewSlot {
  slotId: string;
  startsAtMs: number;
  /** Minutes; 30 when absent (slots offered before the field existed). */
  durationMinutes?: number;
  /** A room and address, or a video-call link (not personal data). */
  place?: string;
}
export type OfferInterviewSlots = DecisionBase & { slots: InterviewSlot[]; juryMemberIds: string[] };
export type ChooseInterviewSlot = DecisionBase & { slotId: string };
export type RecordInterviewOutcome = DecisionBase & { outcome: 'admitted' | 'not_admitted' | 'no_show'; commentRef?: string };
export type RescheduleInterview = DecisionBase & { slots: InterviewSlot[] };
export type DeclareInternshipPeriod = DecisionBase & { periodId: string };
export type ConfirmInternshipPeriod = DecisionBase & { periodId: string };
export type SubmitThesis = DecisionBase;
export type ScheduleThesisDefence = DecisionBase & { defenceOn: IsoDate };
export type RecordThesisResult = DecisionBase & { grade: number };
export type RecordVaeEvidence = DecisionBase & {
  /** A block code, or 'in_depth_work'. */
  item: string;
  status: 'submitted' | 'validated' | 'rejected';
};
export interface JuryMemberRef {
  memberId: string;
  kind: 'school' | 'external_professional';
  inActivity: boolean;
}
export type ComposeCertificationJury = DecisionBase & {
  /** The Jury row (kind 'certification') staff created with its members. */
  juryId: string;
  members: JuryMemberRef[];
  /** People who trained or assessed the candidate (impartiality check). */
  trainerAndAssessorIds: string[];
  sittingOn: IsoDate;
};
export type RecordJuryDecision = DecisionBase & {
  memberId: string;
  decision: 'award' | 'not_award' | 'defer';
  /** Deferred blocks, when only some blocks are at stake. */
  deferredBlocks?: BlockCode[];
  commentRef?: string;
};
export type ReplaceJuryMember = DecisionBase & { replacedMemberId: string; substitute: JuryMemberRef };
export type AnswerFollowUpSurvey = DecisionBase & { wave: number; employed: boolean; inTargetJob: boolean; romeCode?: string };
export type WithdrawJourney = DecisionBase & { reasonCode: string; commentRef?: string };
export type SuspendJourney = DecisionBase & { reasonCode: string };
export type ResumeJourney = DecisionBase;
/** Staff take back an extension they granted (a bulk operation's undo): the same step and days. */
export type RevertDeadlineExtension = DecisionBase & { revertsDecisionId: string; step: DeadlineStep; days: number };
/** Staff correction of a wrongly recorded decision, with its reason. */
export type CorrectDecision = DecisionBase & {
  correctsDecisionId: string;
  reasonCode: string;
  commentRef?: string;
  correction:
    | { kind: 'assessment_grade'; blockCode: BlockCode; assessmentId: string; grade: number }
    | { kind: 'thesis_grade'; grade: number };
};

/** What an update answers when the decision is recorded (or was already, for a repeated decisionId). */
export interface DecisionReceipt {
  decisionId: string;
  /** false when the same decisionId had already been applied: nothing happened twice. */
  applied: boolean;
  version: number;
  /**
   * The journey's state once the decision is applied (what the state query would answer then), so that
   * callers need no query after a decision. Absent from a block's receipt and from v1 journeys.
   * An update's result is no command: adding it changes nothing on replay (docs/upgrading.md).
   */
  state?: JourneyState;
}

// --------------------------------------------------------------------------------- parent messages

export const journeyStateQuery = defineQuery<JourneyState>('journeyState');

export const dossierPieceReceivedSignal = defineSignal<[DossierPieceReceived]>('dossierPieceReceived');

export const extendDeadlineUpdate = defineUpdate<DecisionReceipt, [ExtendDeadline]>('extendDeadline');
export const assignSelectionReviewersUpdate = defineUpdate<DecisionReceipt, [AssignSelectionReviewers]>('assignSelectionReviewers');
export const selectionReviewUpdate = defineUpdate<DecisionReceipt, [SelectionReview]>('selectionReview');
export const offerInterviewSlotsUpdate = defineUpdate<DecisionReceipt, [OfferInterviewSlots]>('offerInterviewSlots');
export const chooseInterviewSlotUpdate = defineUpdate<DecisionReceipt, [ChooseInterviewSlot]>('chooseInterviewSlot');
export const recordInterviewOutcomeUpdate = defineUpdate<DecisionReceipt, [RecordInterviewOutcome]>('recordInterviewOutcome');
export const rescheduleInterviewUpdate = defineUpdate<DecisionReceipt, [RescheduleInterview]>('rescheduleInterview');
export const declareInternshipPeriodUpdate = defineUpdate<DecisionReceipt, [DeclareInternshipPeriod]>('declareInternshipPeriod');
export const confirmInternshipPeriodUpdate = defineUpdate<DecisionReceipt, [ConfirmInternshipPeriod]>('confirmInternshipPeriod');
export const submitThesisUpdate = defineUpdate<DecisionReceipt, [SubmitThesis]>('submitThesis');
export const scheduleThesisDefenceUpdate = defineUpdate<DecisionReceipt, [ScheduleThesisDefence]>('scheduleThesisDefence');
export const recordThesisResultUpdate = defineUpdate<DecisionReceipt, [RecordThesisResult]>('recordThesisResult');
export const recordVaeEvidenceUpdate = defineUpdate<DecisionReceipt, [RecordVaeEvidence]>('recordVaeEvidence');
export const composeCertificationJuryUpdate = defineUpdate<DecisionReceipt, [ComposeCertificationJury]>('composeCertificationJury');
export const recordJuryDecisionUpdate = defineUpdate<DecisionReceipt, [RecordJuryDecision]>('recordJuryDecision');
export const replaceJuryMemberUpdate = defineUpdate<DecisionReceipt, [ReplaceJuryMember]>('replaceJuryMember');
export const answerFollowUpSurveyUpdate = defineUpdate<DecisionReceipt, [AnswerFollowUpSurvey]>('answerFollowUpSurvey');
export const withdrawJourneyUpdate = defineUpdate<DecisionReceipt, [WithdrawJourney]>('withdrawJourney');
export const suspendJourneyUpdate = defineUpdate<DecisionReceipt, [SuspendJourney]>('suspendJourney');
export const resumeJourneyUpdate = defineUpdate<DecisionReceipt, [ResumeJourney]>('resumeJourney');
export const revertDeadlineExtensionUpdate = defineUpdate<DecisionReceipt, [RevertDeadlineExtension]>('revertDeadlineExtension');
export const correctDecisionUpdate = defineUpdate<DecisionReceipt, [CorrectDecision]>('correctDecision');

// Block messages (assessor, grade, correction, state; suspension and extensions from the parent).
export * from './block-messages';

// ------------------------------------------------------------------------------------------ refusals

/** Failure types of updates and workflow ends (ApplicationFailure.type); the API maps them to statuses. */
export const REFUSAL_TYPES = [
  'InvalidDecision', // payload inconsistent with the journey (unknown member, grade out of scale): 422
  'WrongStage', // the journey is not waiting for this decision now: 409
  'NotAllowed', // this actor may not take this decision: 409 (403 at the API if authentication says so)
  'JourneyEnded', // the journey has ended: 409
  'JourneySuspended', // suspended: decisions wait for the resumption: 409
  'RegistrationNotValid', // the certification's registration is not valid on that date: 409
  'InvalidJury', // jury composition refused by domain/jury: 422
] as const;
export type RefusalType = (typeof REFUSAL_TYPES)[number];

/**
 * Carried in the failure's details: a stable code and the values its wording needs. The wording (French and
 * English) is activities/wording/refusals.ts, applied by journey-client. Journeys of v1 still send `fr` and `en` too.
 */
export interface RefusalDetails {
  code: string;
  data?: Record<string, string | number | boolean | string[] | null>;
  fr?: string;
  en?: string;
}
