// Every handler of the journey, registered once per run before the first await. Decisions that belong to
// one stage are answered by the current stage's module (a decision for another stage is refused as
// `wrong_stage`); the few that apply at any time are in stages/anytime.ts.
import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Decision, Journey, StageEnd } from './journey-state';
import * as m from './messages';
import { anytimeDecisions } from './stages/anytime';
import { refuse } from './support';

/** Updates whose logic belongs to a stage. */
export const STAGE_UPDATES = {
  assignSelectionReviewers: m.assignSelectionReviewersUpdate,
  selectionReview: m.selectionReviewUpdate,
  offerInterviewSlots: m.offerInterviewSlotsUpdate,
  chooseInterviewSlot: m.chooseInterviewSlotUpdate,
  rescheduleInterview: m.rescheduleInterviewUpdate,
  recordInterviewOutcome: m.recordInterviewOutcomeUpdate,
  declareInternshipPeriod: m.declareInternshipPeriodUpdate,
  confirmInternshipPeriod: m.confirmInternshipPeriodUpdate,
  submitThesis: m.submitThesisUpdate,
  scheduleThesisDefence: m.scheduleThesisDefenceUpdate,
  recordThesisResult: m.recordThesisResultUpdate,
  recordVaeEvidence: m.recordVaeEvidenceUpdate,
  composeCertificationJury: m.composeCertificationJuryUpdate,
  recordJuryDecision: m.recordJuryDecisionUpdate,
  replaceJuryMember: m.replaceJuryMemberUpdate,
  answerFollowUpSurvey: m.answerFollowUpSurveyUpdate,
  decideQuotaReserve: m.decideQuotaReserveUpdate,
} as const;
type StageUpdates = typeof STAGE_UPDATES;
type PayloadOf<D> = D extends UpdateDefinition<m.DecisionReceipt, [infer P]> ? P : never;
export type StageHandlers = { [K in keyof StageUpdates]?: Decision<PayloadOf<StageUpdates[K]>> };

/** A stage of the journey: its handlers' logic and its body (the wait, the emails, the outcome). */
export interface StageRun {
  handlers: StageHandlers;
  /** A dossier piece was stored (dossier stage only; elsewhere the signal changes nothing). */
  onDossierPiece?: (kind: string) => void;
  /** The cohort's admissions changed (quota reserve only; elsewhere the signal changes nothing). */
  onReserveChanged?: () => void;
  /** The journey is withdrawn while this stage runs: what the stage must still tell people (journey.ts). */
  onWithdrawn?: () => Promise<void>;
  run(): Promise<StageEnd>;
}

export function mustBeActive(j: Journey): void {
  if (j.status === 'ended') refuse('JourneyEnded', 'journey_ended');
  if (j.status === 'suspended') refuse('JourneySuspended', 'journey_suspended');
}
export function mustBeStaff(a: m.Actor): void {
  if (a.kind !== 'staff') refuse('NotAllowed', 'staff_only');
}

/**
 * Registers a human decision as an update: a repeated decision id answers `applied: false`; a refusal in
 * the validator leaves no trace; a failure while applying frees the id for a corrected retry (and the
 * stage changed nothing, since it changes state only after its awaited effects succeed).
 */
export function registerDecision<P extends m.DecisionBase>(j: Journey, def: UpdateDefinition<m.DecisionReceipt, [P]>, d: Decision<P>): void {
  const receipt = (decisionId: string, applied: boolean): m.DecisionReceipt => ({ decisionId, applied, version: j.version, state: j.state() });
  setHandler(
    def,
    async (p: P) => {
      if (j.applied.has(p.decisionId)) return receipt(p.decisionId, false);
      j.applied.add(p.decisionId);
      try {
        await d.apply(p);
      } catch (error) {
        j.applied.delete(p.decisionId);
        throw error;
      }
      return receipt(p.decisionId, true);
    },
    { validator: (p: P) => (j.applied.has(p.decisionId) ? undefined : d.validate(p)) },
  );
}

export function registerHandlers(j: Journey, current: () => StageRun): void {
  setHandler(m.journeyStateQuery, () => j.state());
  setHandler(m.dossierPieceReceivedSignal, (p) => {
    if (j.applied.has(p.decisionId)) return;
    j.applied.add(p.decisionId);
    current().onDossierPiece?.(p.kind);
  });
  setHandler(m.quotaReserveChangedSignal, () => current().onReserveChanged?.());
  for (const [def, d] of anytimeDecisions(j)) registerDecision(j, def, d);
  for (const name of Object.keys(STAGE_UPDATES) as (keyof StageUpdates)[]) {
    const inStage = () => (current().handlers[name] as Decision<m.DecisionBase> | undefined) ?? refuse('WrongStage', 'wrong_stage', { stage: j.stage });
    registerDecision<m.DecisionBase>(j, STAGE_UPDATES[name] as UpdateDefinition<m.DecisionReceipt, [m.DecisionBase]>, {
      validate: (p) => {
        mustBeActive(j);
        inStage().validate(p);
      },
      apply: (p) => inStage().apply(p),
    });
  }
}
