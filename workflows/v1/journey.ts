// FROZEN: the v1 journey, as released, for the journeys started before v2 (no `journey-v2` patch marker
// in their history). Do not change the commands it issues (activities, timers, children, their order):
// test/replay/histories/v1 replays it on every test run. Arguments of activities may change (replay does not
// compare them): the emails' data follows the typed templates (issue 12), whose new sends are behind
// patched() markers. Remove this folder once no
// v1 journey is running (docs/upgrading.md).
import {
  ApplicationFailure,
  CancelledFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  isCancellation,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import {
  addMonths,
  checkJuryComposition,
  computeDeadline,
  dossierComplete,
  getReferential,
  isoDateToMs,
  missingPieces,
  msToIsoDate,
  registrationValidOn,
  reminderLadder,
  summariseInternship,
  type AdmissionPieceKind,
  type DeadlineStep,
  type InternshipPeriod,
} from '../../domain/rules';
import type { UpdateDefinition } from '@temporalio/common';
import type { Recipient, SlotFacts, StaffAlertReason } from '../../activities/notification-types';
import { blockJourney, type BlockResult } from '../block';
import { escalateThenWait, waitWithReminders } from './ladder';
import * as m from '../messages';
import { journeyActivities as acts, Mailer, refuse } from './support';

export interface JourneyResult {
  outcome: m.JourneyOutcome;
  reasonCode?: string;
}

/** What continue-as-new carries (identifiers and decisions only). */
interface Carried {
  stage: m.JourneyStage;
  version: number;
  appliedDecisions: string[];
  events: m.JourneyEvent[];
  awardedOn: string;
  award: 'title' | 'blocks';
  wavesDone: number;
}

const LINK_VALIDITY_MS = 30 * 86_400_000;
const RECENT_EVENTS = 25;

export async function candidateJourneyV1(args: m.JourneyArgs): Promise<JourneyResult> {
  const { input } = args;
  const carried = args.carried as Carried | undefined;
  const ref = getReferential(input.referentialCode);
  const policy = { ...m.DEFAULT_JOURNEY_POLICY, ...input.policy };
  const journeyId = workflowInfo().workflowId;
  const candidate: Recipient = { kind: 'candidate', candidateId: input.candidateId };
  const staff: Recipient = { kind: 'staff' };
  const mail = new Mailer(journeyId);
  const fullEnrolment = !input.enrolledBlocks || input.enrolledBlocks.length === 0;
  const blockCodes = fullEnrolment ? ref.blocks.map((b) => b.code) : input.enrolledBlocks!;
  const isVae = input.route === 'vae';

  // ------------------------------------------------------------------------------------ state
  let stage: m.JourneyStage = carried?.stage ?? 'dossier';
  let status: m.JourneyStatus = 'active';
  let outcome: m.JourneyOutcome | undefined;
  let version = carried?.version ?? 0;
  const applied = new Set<string>(carried?.appliedDecisions ?? []);
  const events: m.JourneyEvent[] = carried?.events ?? [];
  const awaiting = new Map<string, m.AwaitedAction>();
  const extensions = new Map<DeadlineStep, number>();
  const ext = (step: DeadlineStep) => () => extensions.get(step) ?? 0;
  const suspendedNow = () => status === 'suspended';
  /** The step's deadline as people are told it (the wait plans the same date from the same start). */
  const dueOf = (step: DeadlineStep, startMs: number) => computeDeadline(step, startMs, ref, { extraTimePercent: input.extraTimePercent ?? 0 }, ext(step)());
  /** The deadline the wait planned last (extensions, suspension included), for reminders. */
  const plannedDue = (key: string, fallback: number) => awaiting.get(`${key}:0`)?.dueAtMs ?? fallback;
  const slotFacts = (s: m.InterviewSlot): SlotFacts => ({ slotId: s.slotId, startsAtMs: s.startsAtMs, durationMinutes: s.durationMinutes ?? 30, ...(s.place ? { place: s.place } : {}) });

  const pieces = new Set<string>();
  let reviewers: string[] = [];
  let selection: m.SelectionReview | undefined;
  let slots: m.InterviewSlot[] = [];
  let interviewJury: string[] = [];
  let chosenSlot: m.InterviewSlot | undefined;
  let interviewOutcome: m.RecordInterviewOutcome['outcome'] | undefined;
  let reschedulesUsed = 0;
  /** The interview whose calendar invitation was sent (a reschedule or a withdrawal cancels it). */
  let confirmedInterview: { offer: number; slot: m.InterviewSlot } | undefined;
  const blocks = new Map<string, m.BlockSummary>(blockCodes.map((code) => [code, { code, status: 'in_progress' }]));
  const declaredPeriods = new Map<string, InternshipPeriod & { confirmed: boolean }>();
  let thesis: { submittedAtMs?: number; defenceOn?: string; grade?: number } = {};
  const vaeItems = new Map<string, m.RecordVaeEvidence['status'] | 'missing'>();
  let juryDueAtMs = 0;
  let jury: { juryId: string; members: m.JuryMemberRef[]; sittingOn: string; decisions: Map<string, m.RecordJuryDecision> } | undefined;
  const followUpAnswered = new Set<number>();
  /** The survey wave this run is about (follow-up runs only): answers to an earlier wave's link are refused. */
  let currentSurveyWave: number | undefined;

  const internship = () =>
    summariseInternship(
      [...declaredPeriods.values()].filter((p) => p.confirmed).map(({ confirmed: _c, ...p }) => p),
      ref,
      ref.completion.nonVae.internshipMinFteMonths ?? 0,
    );
  const internshipRequired = () => fullEnrolment && !isVae && ref.completion.nonVae.internshipMinFteMonths !== null;
  const thesisRequired = () => fullEnrolment && !isVae && ref.completion.nonVae.thesisRequired;

  const state = (): m.JourneyState => ({
    journeyId,
    referentialCode: input.referentialCode,
    candidateId: input.candidateId,
    route: input.route,
    stage,
    status,
    outcome,
    awaiting: [...awaiting.values()],
    blocks: [...blocks.values()],
    internshipFteMonths: internshipRequired() ? internship().fteMonths : undefined,
    recentEvents: events.slice(-RECENT_EVENTS),
    version,
  });

  const actorRef = (a: m.Actor) => (a.kind === 'staff' ? `staff:${a.staffId}` : a.kind === 'juryMember' ? `juryMember:${a.memberId}` : a.kind);

  /** One transition: sequence number, event, read model and audit trail (idempotent per version). */
  async function transition(action: string, actor: m.Actor, detail?: m.JourneyEvent['detail']): Promise<void> {
    version += 1;
    events.push({ seq: version, atMs: Date.now(), action, actor, detail });
    if (events.length > RECENT_EVENTS) events.splice(0, events.length - RECENT_EVENTS);
    const awaited = [...awaiting.values()];
    const due = awaited.map((a) => a.dueAtMs).filter((d): d is number => d !== undefined);
    await acts.recordJourneyTransition({
      journeyId,
      candidateId: input.candidateId,
      cohortId: input.cohortId,
      route: input.route,
      stage,
      status,
      outcome,
      awaiting: awaited,
      nextDueAtMs: due.length ? Math.min(...due) : undefined,
      version,
      event: { actor: actorRef(actor), action, after: detail ?? null },
    });
  }
  const system: m.Actor = { kind: 'system' };
  const await_ = (key: string, a: m.AwaitedAction) => void awaiting.set(key, a);
  const done_ = (key: string) => void awaiting.delete(key);

  // -------------------------------------------------------------------------------- handlers
  const receipt = (decisionId: string, wasApplied: boolean): m.DecisionReceipt => ({ decisionId, applied: wasApplied, version });
  const mustBeActive = () => {
    if (status === 'ended') refuse('JourneyEnded', 'journey_ended', 'Ce parcours est terminé : aucune décision ne peut plus être enregistrée.', 'This journey has ended: no decision can be recorded any more.');
    if (status === 'suspended') refuse('JourneySuspended', 'journey_suspended', 'Le parcours est suspendu : la décision pourra être enregistrée après la reprise.', 'The journey is suspended: the decision can be recorded after it resumes.');
  };
  const mustBeStage = (...stages: m.JourneyStage[]) => {
    if (!stages.includes(stage)) {
      refuse('WrongStage', 'wrong_stage', `Le parcours est à l’étape « ${stage} » : cette décision n’est pas attendue maintenant.`, `The journey is at stage "${stage}": this decision is not awaited now.`);
    }
  };
  const mustBeStaff = (a: m.Actor) => {
    if (a.kind !== 'staff') refuse('NotAllowed', 'staff_only', 'Seule l’équipe des admissions peut prendre cette décision.', 'Only admissions staff can take this decision.');
  };
  /** Registers a human decision as an update: duplicates answer `applied: false`, refusals leave no trace. */
  function decision<P extends m.DecisionBase>(
    def: UpdateDefinition<m.DecisionReceipt, [P]>,
    validate: (p: P) => void,
    apply: (p: P) => Promise<void> | void,
  ) {
    setHandler(
      def,
      async (p: P) => {
        if (applied.has(p.decisionId)) return receipt(p.decisionId, false);
        applied.add(p.decisionId);
        try {
          await apply(p);
        } catch (error) {
          // Refused while applying (e.g. the period row is missing): the same decision id may come back corrected.
          applied.delete(p.decisionId);
          throw error;
        }
        return receipt(p.decisionId, true);
      },
      { validator: (p: P) => (applied.has(p.decisionId) ? undefined : validate(p)) },
    );
  }

  setHandler(m.journeyStateQuery, state);
  setHandler(m.dossierPieceReceivedSignal, (p) => {
    if (applied.has(p.decisionId)) return;
    applied.add(p.decisionId);
    pieces.add(p.kind);
  });

  decision(
    m.extendDeadlineUpdate,
    (p) => {
      mustBeStaff(p.actor);
      if (status === 'ended') mustBeActive();
      if (!Number.isInteger(p.days) || p.days < 1 || p.days > 365) refuse('InvalidDecision', 'extension_days', 'Une prolongation compte de 1 à 365 jours.', 'An extension is 1 to 365 days.');
    },
    async (p) => {
      extensions.set(p.step, (extensions.get(p.step) ?? 0) + p.days);
      if (p.step === 'assessmentGrading') await forEachBlock((h) => h.signal(m.blockExtendSignal, { decisionId: p.decisionId, days: p.days, assessmentId: p.subjectRef }));
      await transition('deadline_extended', p.actor, { step: p.step, days: p.days });
    },
  );
  decision(
    m.assignSelectionReviewersUpdate,
    (p) => {
      mustBeStaff(p.actor);
      mustBeActive();
      mustBeStage('selection');
      if (p.memberIds.length === 0) refuse('InvalidDecision', 'no_reviewer', 'Désignez au moins un membre du jury de sélection.', 'Assign at least one selection reviewer.');
    },
    (p) => void (reviewers = [...new Set([...reviewers, ...p.memberIds])]),
  );
  decision(
    m.selectionReviewUpdate,
    (p) => {
      mustBeActive();
      mustBeStage('selection');
      if (selection) refuse('WrongStage', 'already_reviewed', 'La décision du jury de sélection est déjà enregistrée.', 'The selection decision is already recorded.');
      if (p.actor.kind === 'juryMember' ? !reviewers.includes(p.actor.memberId) : p.actor.kind !== 'staff') {
        refuse('NotAllowed', 'not_a_reviewer', 'Vous n’êtes pas membre du jury de sélection de ce dossier.', 'You are not a selection reviewer of this dossier.');
      }
      if (p.decision !== 'admissible' && p.decision !== 'not_admissible') refuse('InvalidDecision', 'decision_value', 'Décision attendue : admissible ou non admissible.', 'Expected decision: admissible or not admissible.');
      if (p.decision === 'not_admissible' && !p.reasonCode) refuse('InvalidDecision', 'reason_required', 'Un refus doit être motivé.', 'A refusal needs a reason.');
    },
    (p) => void (selection = p),
  );
  decision(
    m.offerInterviewSlotsUpdate,
    (p) => {
      mustBeStaff(p.actor);
      mustBeActive();
      mustBeStage('interview');
      if (slots.length > 0) refuse('WrongStage', 'slots_already_offered', 'Des créneaux sont déjà proposés ; utilisez la reprogrammation.', 'Slots are already offered; reschedule instead.');
      checkSlots(p.slots);
      if (p.juryMemberIds.length === 0) refuse('InvalidDecision', 'no_interview_jury', 'Désignez le jury d’entretien.', 'Assign the interview jury.');
    },
    (p) => {
      slots = p.slots;
      interviewJury = p.juryMemberIds;
    },
  );
  decision(
    m.chooseInterviewSlotUpdate,
    (p) => {
      mustBeActive();
      mustBeStage('interview');
      if (p.actor.kind !== 'candidate' && p.actor.kind !== 'staff') refuse('NotAllowed', 'candidate_only', 'Seul le candidat choisit son créneau.', 'Only the candidate chooses the slot.');
      if (chosenSlot) refuse('WrongStage', 'slot_already_chosen', 'Un créneau est déjà choisi.', 'A slot is already chosen.');
      const slot = slots.find((s) => s.slotId === p.slotId);
      if (!slot) refuse('InvalidDecision', 'unknown_slot', 'Ce créneau ne fait pas partie de ceux proposés.', 'This slot is not one of those offered.');
      if (slot.startsAtMs <= Date.now()) refuse('InvalidDecision', 'slot_past', 'Ce créneau est déjà passé.', 'This slot is in the past.');
    },
    (p) => void (chosenSlot = slots.find((s) => s.slotId === p.slotId)),
  );
  decision(
    m.rescheduleInterviewUpdate,
    (p) => {
      mustBeActive();
      mustBeStage('interview');
      if (interviewOutcome) refuse('WrongStage', 'interview_done', 'L’entretien a déjà eu lieu.', 'The interview already took place.');
      if (reschedulesUsed >= policy.interviewReschedules) {
        refuse('NotAllowed', 'no_reschedule_left', `L’entretien a déjà été reprogrammé ${reschedulesUsed} fois, le maximum.`, `The interview was already rescheduled ${reschedulesUsed} time(s), the maximum.`);
      }
      checkSlots(p.slots);
    },
    (p) => {
      reschedulesUsed += 1;
      slots = p.slots;
      chosenSlot = undefined;
    },
  );
  decision(
    m.recordInterviewOutcomeUpdate,
    (p) => {
      mustBeActive();
      mustBeStage('interview');
      if (!chosenSlot || chosenSlot.startsAtMs > Date.now()) refuse('WrongStage', 'interview_not_held', 'L’entretien n’a pas encore eu lieu.', 'The interview has not taken place yet.');
      if (interviewOutcome) refuse('WrongStage', 'outcome_recorded', 'Le résultat de l’entretien est déjà enregistré.', 'The interview outcome is already recorded.');
      if (p.actor.kind === 'juryMember' ? !interviewJury.includes(p.actor.memberId) : p.actor.kind !== 'staff') {
        refuse('NotAllowed', 'not_interview_jury', 'Vous n’êtes pas membre du jury de cet entretien.', 'You are not on this interview jury.');
      }
      if (!['admitted', 'not_admitted', 'no_show'].includes(p.outcome)) refuse('InvalidDecision', 'outcome_value', 'Résultat attendu : admis, non admis ou absent.', 'Expected outcome: admitted, not admitted or no-show.');
    },
    (p) => void (interviewOutcome = p.outcome),
  );
  decision(
    m.declareInternshipPeriodUpdate,
    (p) => {
      mustBeActive();
      mustBeStage('training');
      if (!internshipRequired()) refuse('WrongStage', 'no_internship', 'Aucun stage n’est requis pour ce parcours.', 'No internship is required on this journey.');
      if (declaredPeriods.has(p.periodId)) refuse('InvalidDecision', 'period_declared', 'Cette période est déjà déclarée.', 'This period is already declared.');
    },
    async (p) => {
      const period = await acts.readInternshipPeriod({ candidateId: input.candidateId, periodId: p.periodId });
      if (!period) throw ApplicationFailure.create({ type: 'InvalidDecision', message: `No internship period ${p.periodId} for this candidate`, nonRetryable: true });
      declaredPeriods.set(p.periodId, { start: period.start, end: period.end, fteRatio: period.fteRatio, confirmed: false });
      await transition('internship_period_declared', p.actor, { periodId: p.periodId });
    },
  );
  decision(
    m.confirmInternshipPeriodUpdate,
    (p) => {
      mustBeStaff(p.actor);
      mustBeActive();
      const period = declaredPeriods.get(p.periodId);
      if (!period) refuse('InvalidDecision', 'period_unknown', 'Période non déclarée dans ce parcours.', 'Period not declared on this journey.');
      if (period.confirmed) refuse('WrongStage', 'period_confirmed', 'Période déjà confirmée.', 'Period already confirmed.');
    },
    async (p) => {
      declaredPeriods.get(p.periodId)!.confirmed = true;
      await acts.confirmInternshipPeriodRow({ periodId: p.periodId, staffId: p.actor.kind === 'staff' ? p.actor.staffId : '' });
      await transition('internship_period_confirmed', p.actor, { periodId: p.periodId, fteMonths: internship().fteMonths });
    },
  );
  decision(
    m.submitThesisUpdate,
    (p) => {
      mustBeActive();
      mustBeStage('training');
      if (!thesisRequired()) refuse('WrongStage', 'no_thesis', 'Aucune thèse n’est requise pour ce parcours.', 'No thesis is required on this journey.');
      if (thesis.submittedAtMs !== undefined) refuse('WrongStage', 'thesis_submitted', 'La thèse est déjà déposée.', 'The thesis is already submitted.');
      if (p.actor.kind !== 'candidate' && p.actor.kind !== 'staff') refuse('NotAllowed', 'candidate_only', 'Seul le candidat dépose sa thèse.', 'Only the candidate submits the thesis.');
    },
    async (p) => {
      thesis.submittedAtMs = Date.now();
      await acts.recordThesis({ candidateId: input.candidateId, submittedAtMs: thesis.submittedAtMs });
      await transition('thesis_submitted', p.actor);
    },
  );
  decision(
    m.scheduleThesisDefenceUpdate,
    (p) => {
      mustBeStaff(p.actor);
      mustBeActive();
      if (thesis.submittedAtMs === undefined) refuse('WrongStage', 'thesis_not_submitted', 'La thèse n’est pas encore déposée.', 'The thesis is not submitted yet.');
    },
    async (p) => {
      thesis.defenceOn = p.defenceOn;
      await acts.recordThesis({ candidateId: input.candidateId, defenceOn: p.defenceOn });
      await transition('thesis_defence_scheduled', p.actor, { defenceOn: p.defenceOn });
    },
  );
  decision(
    m.recordThesisResultUpdate,
    (p) => {
      mustBeStaff(p.actor);
      mustBeActive();
      if (!thesis.defenceOn || isoDateToMs(thesis.defenceOn) > Date.now()) refuse('WrongStage', 'thesis_not_defended', 'La soutenance n’a pas encore eu lieu.', 'The defence has not taken place yet.');
      if (thesis.grade !== undefined) refuse('WrongStage', 'thesis_graded', 'La note de thèse est déjà enregistrée ; utilisez une correction.', 'The thesis grade is already recorded; use a correction.');
      checkScale(p.grade);
    },
    async (p) => {
      thesis.grade = p.grade;
      await acts.recordThesis({ candidateId: input.candidateId, grade: p.grade, validated: p.grade >= ref.grading.passMark });
      await mail.send('thesis-result', 'thesis_result', candidate, { data: { validated: p.grade >= ref.grading.passMark, grade: p.grade, scale: ref.grading.scale } });
      await transition('thesis_result', p.actor, { grade: p.grade });
    },
  );
  decision(
    m.recordVaeEvidenceUpdate,
    (p) => {
      mustBeStaff(p.actor);
      mustBeActive();
      mustBeStage('vae_evidence');
      if (!vaeItems.has(p.item)) refuse('InvalidDecision', 'unknown_item', `« ${p.item} » n’est pas une pièce attendue de ce parcours VAE.`, `"${p.item}" is not expected on this VAE journey.`);
    },
    async (p) => {
      vaeItems.set(p.item, p.status);
      await transition('vae_evidence', p.actor, { item: p.item, status: p.status });
    },
  );
  decision(
    m.composeCertificationJuryUpdate,
    (p) => {
      mustBeStaff(p.actor);
      mustBeActive();
      mustBeStage('certification_jury');
      if (jury) refuse('WrongStage', 'jury_composed', 'Le jury est déjà composé ; remplacez un membre si besoin.', 'The jury is already composed; replace a member if needed.');
      const check = checkJuryComposition(p.members.map((x) => ({ id: x.memberId, kind: x.kind, inActivity: x.inActivity })), { trainerAndAssessorIds: p.trainerAndAssessorIds }, ref);
      if (!check.valid) {
        throw ApplicationFailure.create({ type: 'InvalidJury', message: check.reasons.map((r) => r.en).join(' '), details: [{ code: check.reasons[0]!.code, fr: check.reasons.map((r) => r.fr).join(' '), en: check.reasons.map((r) => r.en).join(' ') }], nonRetryable: true });
      }
      mustBeRegistered(p.sittingOn);
    },
    (p) => void (jury = { juryId: p.juryId, members: p.members, sittingOn: p.sittingOn, decisions: new Map() }),
  );
  decision(
    m.recordJuryDecisionUpdate,
    (p) => {
      mustBeActive();
      mustBeStage('certification_jury');
      if (!jury) refuse('WrongStage', 'no_jury', 'Le jury n’est pas encore composé.', 'The jury is not composed yet.');
      if (!(p.actor.kind === 'juryMember' && p.actor.memberId === p.memberId) && p.actor.kind !== 'staff') refuse('NotAllowed', 'not_this_member', 'Vous ne pouvez décider que pour vous-même.', 'You can only decide for yourself.');
      if (!jury.members.some((x) => x.memberId === p.memberId)) refuse('NotAllowed', 'not_a_member', 'Vous n’êtes pas (ou plus) membre de ce jury.', 'You are not (or no longer) on this jury.');
      // A member may change their mind while the jury is open; once every member has decided it deliberates.
      if (jury.decisions.has(p.memberId) && jury.members.every((x) => jury!.decisions.has(x.memberId))) {
        refuse('WrongStage', 'jury_closed', 'Le jury a délibéré : la décision ne peut plus changer.', 'The jury has deliberated: the decision can no longer change.');
      }
      if (!['award', 'not_award', 'defer'].includes(p.decision)) refuse('InvalidDecision', 'decision_value', 'Décision attendue : attribuer, ne pas attribuer ou ajourner.', 'Expected decision: award, not award or defer.');
      for (const b of p.deferredBlocks ?? []) if (!blockCodes.includes(b)) refuse('InvalidDecision', 'unknown_block', `Bloc ${b} hors du parcours.`, `Block ${b} is not part of this journey.`);
      mustBeRegistered(msToIsoDate(Date.now()));
    },
    async (p) => {
      const superseded = jury!.decisions.get(p.memberId);
      jury!.decisions.set(p.memberId, p);
      await acts.recordJuryDecisionRow({ decisionId: p.decisionId, juryId: jury!.juryId, memberId: p.memberId, decision: p.decision, commentRef: p.commentRef, supersedes: superseded?.decisionId });
      await transition(superseded ? 'jury_decision_changed' : 'jury_decision', p.actor, { memberId: p.memberId, decision: p.decision });
    },
  );
  decision(
    m.replaceJuryMemberUpdate,
    (p) => {
      mustBeStaff(p.actor);
      mustBeActive();
      mustBeStage('certification_jury');
      if (!jury || !jury.members.some((x) => x.memberId === p.replacedMemberId)) refuse('InvalidDecision', 'not_a_member', 'Ce membre ne fait pas partie du jury.', 'This member is not on the jury.');
      if (jury.decisions.has(p.replacedMemberId)) refuse('WrongStage', 'already_decided', 'Ce membre a déjà décidé : il ne peut plus être remplacé.', 'This member already decided and can no longer be replaced.');
      const members = jury.members.map((x) => (x.memberId === p.replacedMemberId ? p.substitute : x));
      const check = checkJuryComposition(members.map((x) => ({ id: x.memberId, kind: x.kind, inActivity: x.inActivity })), { trainerAndAssessorIds: [] }, ref);
      if (!check.valid) throw ApplicationFailure.create({ type: 'InvalidJury', message: check.reasons.map((r) => r.en).join(' '), details: [{ code: check.reasons[0]!.code, fr: check.reasons.map((r) => r.fr).join(' '), en: check.reasons.map((r) => r.en).join(' ') }], nonRetryable: true });
    },
    async (p) => {
      jury!.members = jury!.members.map((x) => (x.memberId === p.replacedMemberId ? p.substitute : x));
      await acts.replaceJuryMemberRow({ journeyId, juryId: jury!.juryId, replacedMemberId: p.replacedMemberId });
      // The replaced member is told their link no longer works.
      if (patched('receive-12-jury-member-released')) await mail.send(`jury-released:${jury!.juryId}:${p.replacedMemberId}`, 'jury_member_released', { kind: 'juryMember', memberId: p.replacedMemberId }, { data: { sittingOn: jury!.sittingOn } });
      await requestJuryDecision(p.substitute.memberId, juryDueAtMs);
      await transition('jury_member_replaced', p.actor, { replacedMemberId: p.replacedMemberId, substituteId: p.substitute.memberId });
    },
  );
  decision(
    m.answerFollowUpSurveyUpdate,
    (p) => {
      mustBeActive();
      mustBeStage('follow_up');
      if (p.actor.kind !== 'candidate' && p.actor.kind !== 'staff') refuse('NotAllowed', 'candidate_only', 'Seule la personne certifiée répond à l’enquête.', 'Only the certified person answers the survey.');
      if (!ref.followUp.surveyMonthsAfterCertification.includes(p.wave)) refuse('InvalidDecision', 'unknown_wave', `Pas d’enquête à ${p.wave} mois.`, `No survey at ${p.wave} months.`);
      if (followUpAnswered.has(p.wave)) refuse('WrongStage', 'already_answered', 'Cette enquête a déjà une réponse.', 'This survey is already answered.');
      if (currentSurveyWave !== undefined && p.wave !== currentSurveyWave) refuse('WrongStage', 'survey_closed', `L’enquête à ${p.wave} mois est close.`, `The ${p.wave}-month survey is closed.`);
    },
    async (p) => {
      followUpAnswered.add(p.wave);
      await acts.recordFollowUpAnswer({ candidateId: input.candidateId, wave: p.wave, employed: p.employed, inTargetJob: p.inTargetJob, romeCode: p.romeCode });
      await transition('follow_up_answered', p.actor, { wave: p.wave, employed: p.employed, inTargetJob: p.inTargetJob });
    },
  );
  decision(
    m.suspendJourneyUpdate,
    (p) => {
      mustBeStaff(p.actor);
      mustBeActive();
    },
    async (p) => {
      status = 'suspended';
      await forEachBlock((h) => h.signal(m.blockSuspensionSignal, { suspended: true }));
      await mail.send(`suspended-${version + 1}`, 'journey_suspended', candidate);
      await transition('suspended', p.actor, { reasonCode: p.reasonCode });
    },
  );
  decision(
    m.resumeJourneyUpdate,
    (p) => {
      mustBeStaff(p.actor);
      if (status !== 'suspended') refuse('WrongStage', 'not_suspended', 'Le parcours n’est pas suspendu.', 'The journey is not suspended.');
    },
    async (p) => {
      status = 'active';
      await forEachBlock((h) => h.signal(m.blockSuspensionSignal, { suspended: false }));
      await mail.send(`resumed-${version + 1}`, 'journey_resumed', candidate);
      await transition('resumed', p.actor);
    },
  );
  decision(
    m.correctDecisionUpdate,
    (p) => {
      mustBeStaff(p.actor);
      if (status === 'ended') mustBeActive();
      if (p.correction.kind !== 'thesis_grade') refuse('InvalidDecision', 'correction_kind', 'Cette correction se fait sur le bloc concerné.', 'This correction is made on the block concerned.');
      if (thesis.grade === undefined) refuse('WrongStage', 'nothing_to_correct', 'Aucune note de thèse à corriger.', 'No thesis grade to correct.');
      checkScale(p.correction.grade);
    },
    async (p) => {
      const before = thesis.grade;
      thesis.grade = p.correction.grade;
      await acts.recordThesis({ candidateId: input.candidateId, grade: thesis.grade, validated: thesis.grade >= ref.grading.passMark });
      await transition('decision_corrected', p.actor, { correctsDecisionId: p.correctsDecisionId, reasonCode: p.reasonCode, before: before ?? null, after: thesis.grade });
    },
  );
  let withdrawal: m.WithdrawJourney | undefined;
  const journeyScope = new CancellationScope();
  decision(
    m.withdrawJourneyUpdate,
    (p) => {
      if (status === 'ended') mustBeActive();
      if (p.actor.kind !== 'candidate' && p.actor.kind !== 'staff') refuse('NotAllowed', 'withdraw_actor', 'Seuls le candidat ou l’équipe peuvent retirer un parcours.', 'Only the candidate or staff can withdraw a journey.');
    },
    (p) => {
      withdrawal = p;
      journeyScope.cancel();
    },
  );

  function checkSlots(offered: m.InterviewSlot[]) {
    if (offered.length === 0) refuse('InvalidDecision', 'no_slot', 'Proposez au moins un créneau.', 'Offer at least one slot.');
    if (offered.some((s) => s.startsAtMs <= Date.now())) refuse('InvalidDecision', 'slot_past', 'Un créneau proposé est déjà passé.', 'An offered slot is in the past.');
  }
  function checkScale(grade: number) {
    if (!Number.isFinite(grade) || grade < 0 || grade > ref.grading.scale) refuse('InvalidDecision', 'grade_out_of_scale', `La note doit être comprise entre 0 et ${ref.grading.scale}.`, `The grade must be between 0 and ${ref.grading.scale}.`);
  }
  function mustBeRegistered(date: string) {
    if (!registrationValidOn(ref, date)) {
      refuse('RegistrationNotValid', 'registration_not_valid', `L’enregistrement de ${ref.code} au RNCP n’est pas valide le ${date} (échéance ${ref.registration.endDate}).`, `${ref.code}'s RNCP registration is not valid on ${date} (ends ${ref.registration.endDate}).`);
    }
  }
  const blockHandles = new Map<string, string>();
  async function forEachBlock(f: (h: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>) {
    await Promise.allSettled([...blockHandles.values()].map((id) => f(getExternalWorkflowHandle(id))));
  }
  async function cancelInterview(because: 'rescheduled' | 'withdrawn') {
    const { offer, slot } = confirmedInterview!;
    confirmedInterview = undefined;
    await mail.send(`interview-cancelled:${offer}`, 'interview_cancelled', candidate, { data: { slot: slotFacts(slot), offer, audience: 'candidate', because } });
    for (const j of interviewJury) await mail.send(`interview-cancelled:${offer}:${j}`, 'interview_cancelled', { kind: 'juryMember', memberId: j }, { data: { slot: slotFacts(slot), offer, audience: 'interviewer', because } });
  }
  async function requestJuryDecision(memberId: string, dueAtMs: number) {
    await mail.send(`jury-request:${jury!.juryId}:${memberId}`, 'jury_decision_request', { kind: 'juryMember', memberId }, {
      data: { sittingOn: jury!.sittingOn, dueAtMs },
      action: { action: 'jury_decision', expiresAtMs: dueAtMs + LINK_VALIDITY_MS, subjectRef: memberId },
    });
  }
  /** The common wait: the referential's ladder, reminders by `remind`, then `onLate` (expire or escalate). */
  function wait(step: DeadlineStep, key: string, who: m.AwaitedFrom[], what: string, isDone: () => boolean, remind: (n: number, last: boolean) => Promise<void>, startMs = Date.now()) {
    return waitWithReminders({
      step,
      ref,
      startMs,
      extraTimePercent: input.extraTimePercent,
      isDone,
      extensionDays: ext(step),
      isSuspended: suspendedNow,
      onPlan: (due) => who.forEach((w, i) => await_(`${key}:${i}`, { who: w, what, dueAtMs: due })),
      onReminder: remind,
    }).finally(() => who.forEach((_w, i) => done_(`${key}:${i}`)));
  }
  const alertStaff = (purpose: string, reason: StaffAlertReason) => () => mail.send(purpose, 'staff_alert', staff, { data: { reason, stage } }).then(() => transition('staff_alerted', system, { reason }));
  /**
   * Before continue-as-new: no update handler still running and no email still being delivered. A handler
   * accepted while deliveries settle (an SMTP outage can take hours) may queue more mail: repeat until both
   * are empty, with nothing awaited in between and the continue-as-new.
   */
  async function quiesce(): Promise<void> {
    do {
      await condition(allHandlersFinished);
      await mail.settle();
    } while (!allHandlersFinished() || mail.busy);
  }

  async function end(o: m.JourneyOutcome, reasonCode?: string): Promise<JourneyResult> {
    outcome = o;
    status = 'ended';
    stage = 'closed';
    awaiting.clear();
    await transition('journey_ended', system, { outcome: o, reasonCode: reasonCode ?? null });
    await condition(allHandlersFinished);
    await mail.settle();
    return { outcome: o, reasonCode };
  }

  // ---------------------------------------------------------------------------------- stages
  if (carried) {
    // Follow-up runs: a certified person may withdraw from the surveys; the award stands.
    const c = carried;
    try {
      return await journeyScope.run(() => followUp(c));
    } catch (error) {
      if (!(withdrawal && isCancellation(error))) throw error;
      return CancellationScope.nonCancellable(async () => {
        await transition('follow_up_withdrawn', withdrawal!.actor, { reasonCode: withdrawal!.reasonCode });
        return end(c.award === 'title' ? 'certified' : 'blocks_awarded', 'follow_up_withdrawn');
      });
    }
  }
  try {
    const result = await journeyScope.run(() => runUntilAward());
    if ('outcome' in result) return result;
    stage = 'follow_up';
    await transition('follow_up_started', system, { awardedOn: result.awardedOn });
    await quiesce();
    // A withdrawal accepted since the award (this run's scope is over) must not be lost in the next run.
    if (withdrawal) {
      await transition('follow_up_withdrawn', withdrawal.actor, { reasonCode: withdrawal.reasonCode });
      return end(result.award === 'title' ? 'certified' : 'blocks_awarded', 'follow_up_withdrawn');
    }
    // The follow-up lasts two years: start it afresh so the history stays small.
    return continueAsNew<typeof candidateJourneyV1>({
      input,
      carried: { stage, version, appliedDecisions: [...applied], events, awardedOn: result.awardedOn, award: result.award, wavesDone: 0 } satisfies Carried,
    });
  } catch (error) {
    if (!(withdrawal && isCancellation(error))) throw error;
    return CancellationScope.nonCancellable(async () => {
      await acts.releaseAdmission(input.candidateId);
      await mail.send('withdrawn', 'journey_withdrawn', candidate);
      if (confirmedInterview && interviewOutcome === undefined && patched('receive-12-interview-cancel')) await cancelInterview('withdrawn');
      await transition('withdrawn', withdrawal!.actor, { reasonCode: withdrawal!.reasonCode, atStage: stage });
      return end('withdrawn', withdrawal!.reasonCode);
    });
  }

  async function runUntilAward(): Promise<JourneyResult | { awardedOn: string; award: 'title' | 'blocks' }> {
    // 1. Dossier
    for (const kind of await acts.loadDossierPieceKinds(input.candidateId)) pieces.add(kind);
    const missing = () => missingPieces(ref, [...pieces] as AdmissionPieceKind[]).map((p) => p.kind);
    const complete = () => dossierComplete(ref, [...pieces] as AdmissionPieceKind[]);
    await transition('journey_started', system, { route: input.route, blocks: blockCodes });
    if (!complete()) {
      const dossierStart = Date.now();
      await mail.send('dossier-opened', 'dossier_opened', candidate, { data: { missing: missing(), dueAtMs: dueOf('dossier', dossierStart) } });
      const dossier = await wait('dossier', 'dossier', [{ role: 'candidate' }], 'dossier_pieces', complete, async (n, last) => {
        await mail.send(`dossier-reminder-${n}`, 'dossier_reminder', candidate, { data: { missing: missing(), dueAtMs: plannedDue('dossier', dueOf('dossier', dossierStart)) } });
        if (last) await alertStaff('dossier-staff-alert', 'dossier_incomplete_after_last_reminder')();
      }, dossierStart);
      if (dossier === 'deadline') {
        await mail.send('dossier-expired', 'dossier_expired', candidate, { data: { missing: missing() } });
        return end('expired', 'dossier_deadline_passed');
      }
    }
    stage = 'eligibility';
    await transition('dossier_complete', system);

    // 2. Eligibility (the quota check comes at admission, after the interview)
    const eligibility = await acts.assessCandidateEligibility({ candidateId: input.candidateId, referentialCode: input.referentialCode });
    await transition('eligibility_assessed', system, { category: eligibility.category, reasonCodes: eligibility.reasonCodes });
    if (eligibility.category === 'not_eligible') {
      await mail.send('selection-decision', 'eligibility_refused', candidate, { data: { reasonCodes: eligibility.reasonCodes } });
      return end('not_eligible', eligibility.reasonCodes[0]);
    }

    // 3. Selection jury
    stage = 'selection';
    await_('selection-assign', { who: { role: 'staff' }, what: 'assign_selection_reviewers' });
    await transition('selection_opened', system);
    await condition(() => reviewers.length > 0);
    done_('selection-assign');
    const selectionStart = Date.now();
    const selectionDue = dueOf('selectionReview', selectionStart);
    for (const r of reviewers) {
      await mail.send(`selection-request:${r}`, 'selection_review_request', { kind: 'juryMember', memberId: r }, { data: { dueAtMs: selectionDue }, action: { action: 'selection_review', expiresAtMs: selectionDue + LINK_VALIDITY_MS, subjectRef: r } });
    }
    await transition('selection_reviewers_assigned', system, { reviewers });
    const reviewed = () => selection !== undefined;
    const review = await wait('selectionReview', 'selection', reviewers.map((r) => ({ role: 'juryMember', ref: r })), 'selection_review', reviewed, async (n) => {
      const dueAtMs = plannedDue('selection', selectionDue);
      for (const r of reviewers) await mail.send(`selection-reminder:${r}:${n}`, 'selection_review_reminder', { kind: 'juryMember', memberId: r }, { data: { dueAtMs }, action: { action: 'selection_review', expiresAtMs: dueAtMs + LINK_VALIDITY_MS, subjectRef: r } });
    }, selectionStart);
    if (review === 'deadline') await escalateThenWait({ step: 'selectionReview', ref, isDone: reviewed }, alertStaff('selection-escalation', 'selection_review_overdue'));
    await transition('selection_decided', selection!.actor, { decision: selection!.decision, reasonCode: selection!.reasonCode });
    await mail.send('selection-decision', 'selection_decision', candidate, { data: selection!.decision === 'admissible' ? { admissible: true } : { admissible: false, reasonCode: selection!.reasonCode ?? 'other' } });
    if (selection!.decision === 'not_admissible') return end('not_admissible', selection!.reasonCode);

    // 4. Interview: slots, choice, reminders, outcome; rescheduling re-opens the choice
    stage = 'interview';
    await_('interview-slots', { who: { role: 'staff' }, what: 'offer_interview_slots' });
    await transition('interview_opened', system);
    await condition(() => slots.length > 0);
    done_('interview-slots');
    while (interviewOutcome === undefined) {
      // A confirmed interview replaced by a reschedule: the earlier calendar invitation is cancelled.
      if (confirmedInterview && confirmedInterview.offer !== reschedulesUsed && patched('receive-12-interview-cancel')) await cancelInterview('rescheduled');
      const offer = reschedulesUsed;
      const slotStart = Date.now();
      const slotDue = dueOf('interviewSlotChoice', slotStart);
      await mail.send(`interview-slots:${offer}`, 'interview_slots_offered', candidate, { data: { slots: slots.map(slotFacts), dueAtMs: slotDue }, action: { action: 'interview_slot_choice', expiresAtMs: slotDue + LINK_VALIDITY_MS } });
      await transition('interview_slots_offered', system, { slots: slots.map((s) => s.slotId), offer });
      const chosen = () => chosenSlot !== undefined || reschedulesUsed !== offer;
      const choice = await wait('interviewSlotChoice', 'slot', [{ role: 'candidate' }], 'interview_slot_choice', chosen, (n) => {
        const dueAtMs = plannedDue('slot', slotDue);
        return mail.send(`interview-slot-reminder:${offer}:${n}`, 'interview_slots_offered', candidate, { data: { slots: slots.map(slotFacts), dueAtMs, reminder: true }, action: { action: 'interview_slot_choice', expiresAtMs: dueAtMs + LINK_VALIDITY_MS } }).then(() => undefined);
      }, slotStart);
      if (choice === 'deadline') await escalateThenWait({ step: 'interviewSlotChoice', ref, isDone: chosen }, alertStaff(`interview-slot-escalation:${offer}`, 'interview_slot_not_chosen'));
      if (reschedulesUsed !== offer) continue;
      const slot = chosenSlot!;
      await mail.send(`interview-confirmed:${offer}`, 'interview_confirmed', candidate, { data: { slot: slotFacts(slot), offer, audience: 'candidate' } });
      confirmedInterview = { offer, slot };
      // The interviewers get the same invitation (same calendar event).
      if (patched('receive-12-interviewer-invitation')) {
        for (const j of interviewJury) await mail.send(`interview-confirmed:${offer}:${j}`, 'interview_confirmed', { kind: 'juryMember', memberId: j }, { data: { slot: slotFacts(slot), offer, audience: 'interviewer' } });
      }
      await transition('interview_slot_chosen', system, { slotId: slot.slotId });
      // Reminders before the interview, on the slot-choice step's ladder counted back from the interview.
      for (const [i, at] of reminderLadder(slot.startsAtMs, ref.deadlines.interviewSlotChoice.remindersBefore, Date.now()).entries()) {
        if (await condition(() => reschedulesUsed !== offer, at - Date.now())) break;
        await mail.send(`interview-reminder:${offer}:${i}`, 'interview_reminder', candidate, { data: { slot: slotFacts(slot) } });
      }
      if (reschedulesUsed !== offer) continue;
      if (await condition(() => reschedulesUsed !== offer, Math.max(0, slot.startsAtMs - Date.now()))) continue;
      const outcomeStart = Date.now();
      const outcomeDue = dueOf('interviewDecision', outcomeStart);
      for (const j of interviewJury) {
        await mail.send(`interview-outcome-request:${offer}:${j}`, 'interview_outcome_request', { kind: 'juryMember', memberId: j }, { data: { slot: slotFacts(slot), dueAtMs: outcomeDue }, action: { action: 'interview_outcome', expiresAtMs: outcomeDue + LINK_VALIDITY_MS, subjectRef: j } });
      }
      // A reschedule after the interview time (it did not take place) re-opens the slot choice.
      const decided = () => interviewOutcome !== undefined || reschedulesUsed !== offer;
      const outcomeWait = await wait('interviewDecision', 'interview-outcome', interviewJury.map((j) => ({ role: 'juryMember', ref: j })), 'interview_outcome', decided, async (n) => {
        const dueAtMs = plannedDue('interview-outcome', outcomeDue);
        for (const j of interviewJury) await mail.send(`interview-outcome-reminder:${offer}:${j}:${n}`, 'interview_outcome_request', { kind: 'juryMember', memberId: j }, { data: { slot: slotFacts(slot), dueAtMs, reminder: true }, action: { action: 'interview_outcome', expiresAtMs: dueAtMs + LINK_VALIDITY_MS, subjectRef: j } });
      }, outcomeStart);
      if (outcomeWait === 'deadline') await escalateThenWait({ step: 'interviewDecision', ref, isDone: decided }, alertStaff(`interview-outcome-escalation:${offer}`, 'interview_outcome_overdue'));
      if (reschedulesUsed !== offer) continue;
    }
    await transition('interview_outcome', system, { outcome: interviewOutcome });
    if (interviewOutcome === 'no_show') {
      await mail.send('admission-decision', 'admission_decision', candidate, { data: { admitted: false, reasonCode: 'no_show' } });
      return end('no_show', 'interview_no_show');
    }
    if (interviewOutcome === 'not_admitted') {
      await mail.send('admission-decision', 'admission_decision', candidate, { data: { admitted: false, reasonCode: 'interview_not_admitted' } });
      return end('not_admitted', 'interview_not_admitted');
    }

    // 5. Admission: the derogation quota is checked now, under the cohort's row lock
    stage = 'admission';
    const admission = await acts.admitCandidate({ candidateId: input.candidateId, cohortId: input.cohortId, referentialCode: input.referentialCode });
    await mail.send('admission-decision', 'admission_decision', candidate, { data: admission.admitted ? { admitted: true, next: isVae ? 'vae_evidence' : internshipRequired() || thesisRequired() ? 'full_training' : 'blocks_only' } : { admitted: false, reasonCode: 'quota_full' } });
    if (!admission.admitted) {
      await transition('admission_refused', system, { reasonCodes: admission.reasonCodes });
      return end('quota_full', admission.reasonCodes[0]);
    }
    await transition('admitted', system, { category: admission.category, countedInQuota: admission.countedInQuota });

    // 6-7. Training (blocks, internship, thesis) or VAE evidence
    if (isVae) await vaeEvidence();
    else await training();

    // 8. Certification jury; a deferral opens a new sitting
    for (let sitting = 1; ; sitting++) {
      stage = 'certification_jury';
      jury = undefined;
      await_('jury-compose', { who: { role: 'staff' }, what: 'compose_certification_jury' });
      await transition('certification_jury_awaited', system, { sitting });
      await condition(() => jury !== undefined);
      done_('jury-compose');
      const j = jury!;
      const juryStart = Date.now();
      juryDueAtMs = dueOf('juryDecision', juryStart);
      for (const member of j.members) await requestJuryDecision(member.memberId, juryDueAtMs);
      await transition('certification_jury_composed', system, { juryId: j.juryId, members: j.members.map((x) => x.memberId), sittingOn: j.sittingOn });
      const allDecided = () => j.members.every((x) => j.decisions.has(x.memberId));
      const undecided = () => j.members.filter((x) => !j.decisions.has(x.memberId)).map((x) => x.memberId);
      const juryWait = await wait('juryDecision', `jury:${sitting}`, j.members.map((x) => ({ role: 'juryMember', ref: x.memberId })), 'jury_decision', allDecided, async (n) => {
        juryDueAtMs = plannedDue(`jury:${sitting}`, juryDueAtMs);
        for (const id of undecided()) {
          await mail.send(`jury-reminder:${j.juryId}:${id}:${n}`, 'jury_decision_reminder', { kind: 'juryMember', memberId: id }, { data: { sittingOn: j.sittingOn, dueAtMs: juryDueAtMs }, action: { action: 'jury_decision', expiresAtMs: juryDueAtMs + LINK_VALIDITY_MS, subjectRef: id } });
        }
      }, juryStart);
      if (juryWait === 'deadline') await escalateThenWait({ step: 'juryDecision', ref, isDone: allDecided }, alertStaff(`jury-escalation:${j.juryId}`, 'jury_decision_overdue'));
      const votes = [...j.decisions.values()];
      const count = (d: string) => votes.filter((v) => v.decision === d).length;
      const majority = Math.floor(j.members.length / 2) + 1;
      const deferredBlocks = [...new Set(votes.flatMap((v) => v.deferredBlocks ?? []))].sort();
      const juryOutcome = count('award') >= majority ? (deferredBlocks.length ? 'partially_deferred' : 'awarded') : count('not_award') >= majority ? 'not_awarded' : 'deferred';
      await acts.closeJury({ juryId: j.juryId, outcome: juryOutcome, deliberation: { votes: votes.map((v) => ({ memberId: v.memberId, decision: v.decision, decisionId: v.decisionId })), deferredBlocks } });
      await mail.send(`certification-outcome:${j.juryId}`, 'certification_outcome', candidate, { data: { outcome: juryOutcome, deferredBlocks, award: fullEnrolment ? 'title' : 'blocks', blocks: blockCodes } });
      await transition('certification_jury_decided', system, { juryId: j.juryId, outcome: juryOutcome, deferredBlocks });
      if (juryOutcome === 'not_awarded') return end('not_awarded', 'jury_not_awarded');
      if (juryOutcome === 'awarded') return { awardedOn: msToIsoDate(Date.now()), award: fullEnrolment ? 'title' : 'blocks' };
    }
  }

  async function training(): Promise<void> {
    stage = 'training';
    await transition('training_started', system);
    const children = await Promise.all(
      blockCodes.map(async (code) => {
        const id = m.blockWorkflowId(journeyId, code);
        blockHandles.set(code, id);
        return startChild(blockJourney, {
          workflowId: id,
          args: [{ journeyId, candidateId: input.candidateId, referentialCode: input.referentialCode, blockCode: code, extraTimePercent: input.extraTimePercent, assessmentRetakes: policy.assessmentRetakes, suspended: suspendedNow() }],
        });
      }),
    );
    const blocksDone = Promise.all(
      children.map(async (child) => {
        const r: BlockResult = await child.result();
        blocks.set(r.blockCode, { code: r.blockCode, status: r.status });
        await transition('block_result', system, { blockCode: r.blockCode, status: r.status });
      }),
    );
    await Promise.all([blocksDone, internshipRequired() ? followInternship() : undefined, thesisRequired() ? followThesis() : undefined]);
  }

  async function followInternship(): Promise<void> {
    const min = ref.completion.nonVae.internshipMinFteMonths!;
    await mail.send('internship-request', 'internship_declaration_request', candidate, { data: { minimumMonths: min }, action: { action: 'internship_declaration', expiresAtMs: Date.now() + 365 * 86_400_000 } });
    await_('internship', { who: { role: 'candidate' }, what: 'internship_periods', dueAtMs: input.programmeEndsOn ? isoDateToMs(input.programmeEndsOn) : undefined });
    const met = () => internship().met;
    if (input.programmeEndsOn) {
      // Warnings as the end of the programme approaches, on the declaration step's ladder.
      const endMs = isoDateToMs(input.programmeEndsOn);
      for (const [i, at] of reminderLadder(endMs, ref.deadlines.internshipDeclaration.remindersBefore, Date.now()).entries()) {
        if (await condition(met, at - Date.now())) break;
        const s = internship();
        await mail.send(`internship-shortfall:${i}`, 'internship_shortfall_warning', candidate, { data: { fteMonths: s.fteMonths, minimumMonths: min, programmeEndsOn: input.programmeEndsOn } });
        await alertStaff(`internship-shortfall-staff:${i}`, 'internship_short_of_minimum')();
      }
    }
    await condition(met);
    done_('internship');
    await transition('internship_met', system, { fteMonths: internship().fteMonths });
  }

  async function followThesis(): Promise<void> {
    const thesisStart = Date.now();
    const thesisDue = dueOf('thesisSubmission', thesisStart);
    await mail.send('thesis-request', 'thesis_submission_request', candidate, { data: { dueAtMs: thesisDue }, action: { action: 'thesis_submission', expiresAtMs: thesisDue + LINK_VALIDITY_MS } });
    const submitted = () => thesis.submittedAtMs !== undefined;
    const w = await wait('thesisSubmission', 'thesis', [{ role: 'candidate' }], 'thesis_submission', submitted, (n) => {
      const dueAtMs = plannedDue('thesis', thesisDue);
      return mail.send(`thesis-reminder-${n}`, 'thesis_reminder', candidate, { data: { dueAtMs }, action: { action: 'thesis_submission', expiresAtMs: dueAtMs + LINK_VALIDITY_MS } }).then(() => undefined);
    }, thesisStart);
    if (w === 'deadline') await escalateThenWait({ step: 'thesisSubmission', ref, isDone: submitted }, alertStaff('thesis-escalation', 'thesis_not_submitted'));
    await_('thesis-result', { who: { role: 'staff' }, what: 'thesis_result' });
    await condition(() => thesis.grade !== undefined);
    done_('thesis-result');
  }

  async function vaeEvidence(): Promise<void> {
    stage = 'vae_evidence';
    for (const code of blockCodes) vaeItems.set(code, 'missing');
    if (fullEnrolment && ref.completion.vae.inDepthWorkRequired) vaeItems.set('in_depth_work', 'missing');
    const vaeStart = Date.now();
    const vaeDue = dueOf('vaeEvidenceSubmission', vaeStart);
    await mail.send('vae-request', 'vae_evidence_request', candidate, { data: { items: [...vaeItems.keys()], dueAtMs: vaeDue } });
    await transition('vae_evidence_opened', system, { items: [...vaeItems.keys()] });
    const submitted = () => [...vaeItems.values()].every((s) => s !== 'missing');
    const w = await wait('vaeEvidenceSubmission', 'vae', [{ role: 'candidate' }], 'vae_evidence', submitted, (n) => mail.send(`vae-reminder-${n}`, 'vae_evidence_request', candidate, { data: { reminder: true, items: [...vaeItems].filter(([, s]) => s === 'missing').map(([k]) => k), dueAtMs: plannedDue('vae', vaeDue) } }).then(() => undefined), vaeStart);
    if (w === 'deadline') await escalateThenWait({ step: 'vaeEvidenceSubmission', ref, isDone: submitted }, alertStaff('vae-escalation', 'vae_evidence_missing'));
    await_('vae-review', { who: { role: 'staff' }, what: 'vae_evidence_review' });
    await condition(() => [...vaeItems.values()].every((s) => s === 'validated' || s === 'rejected'));
    done_('vae-review');
    for (const code of blockCodes) blocks.set(code, { code, status: vaeItems.get(code) === 'validated' ? 'validated' : 'failed' });
  }

  // 9. Follow-up surveys, one wave per run (continue-as-new between waves keeps two years of history small)
  async function followUp(c: Carried): Promise<JourneyResult> {
    const months = ref.followUp.surveyMonthsAfterCertification;
    const wave = months[c.wavesDone];
    currentSurveyWave = wave;
    const finalOutcome = c.award === 'title' ? 'certified' : 'blocks_awarded';
    if (wave === undefined) return end(finalOutcome);
    const surveyOn = isoDateToMs(addMonths(c.awardedOn, wave));
    await_(`survey-${wave}`, { who: { role: 'candidate' }, what: 'follow_up_survey', dueAtMs: surveyOn });
    await sleep(Math.max(0, surveyOn - Date.now()));
    const surveyStart = Date.now();
    const surveyDue = dueOf('followUpSurvey', surveyStart);
    await mail.send(`survey-${wave}`, 'follow_up_survey_request', candidate, { data: { wave, dueAtMs: surveyDue }, action: { action: 'follow_up_survey', expiresAtMs: surveyDue + LINK_VALIDITY_MS, subjectRef: String(wave) } });
    await transition('follow_up_survey_sent', system, { wave });
    done_(`survey-${wave}`);
    const answered = () => followUpAnswered.has(wave);
    const w = await wait('followUpSurvey', `survey-${wave}`, [{ role: 'candidate' }], 'follow_up_survey', answered, (n) => {
      const dueAtMs = plannedDue(`survey-${wave}`, surveyDue);
      return mail.send(`survey-${wave}-reminder-${n}`, 'follow_up_survey_reminder', candidate, { data: { wave, dueAtMs }, action: { action: 'follow_up_survey', expiresAtMs: dueAtMs + LINK_VALIDITY_MS, subjectRef: String(wave) } }).then(() => undefined);
    }, surveyStart);
    // An unanswered survey is recorded as such; the statistics count it as a non-response.
    await transition(w === 'done' ? 'follow_up_wave_answered' : 'follow_up_wave_unanswered', system, { wave });
    await quiesce();
    // A withdrawal accepted while deliveries settled: end here rather than lose it in the next run.
    if (withdrawal) throw new CancelledFailure('withdrawn from the follow-up');
    if (c.wavesDone + 1 >= months.length) return end(finalOutcome);
    return continueAsNew<typeof candidateJourneyV1>({ input, carried: { ...c, version, appliedDecisions: [...applied], events, wavesDone: c.wavesDone + 1 } satisfies Carried });
  }
}
