// The words of every refusal of a journey decision, French and English side by side, in the one catalogue
// (activities/wording/). Workflows refuse with a code and the data the words need (workflows/support.ts
// `refuse`); the API, the link pages and any email use these words. A wording fix is a change here, never a
// workflow deploy.
import { checkJuryComposition, getReferential } from '../../domain/index';
import { STAGES, assessmentName, blockName, referentialOf, type Language, type Words } from './catalogue';

type Data = Record<string, unknown>;
const fixed = (fr: string, en: string) => () => ({ fr, en });

const CATALOGUE: Record<string, (d: Data) => Words> = {
  journey_ended: fixed('Ce parcours est terminé : aucune décision ne peut plus être enregistrée.', 'This journey has ended: no decision can be recorded any more.'),
  journey_suspended: fixed('Le parcours est suspendu : la décision pourra être enregistrée après la reprise.', 'The journey is suspended: the decision can be recorded after it resumes.'),
  suspended: fixed('Le parcours est suspendu : la note sera enregistrée à la reprise.', 'The journey is suspended: record the grade once it resumes.'),
  wrong_stage: (d) => {
    const stage = STAGES[String(d.stage)] ?? { fr: 'en cours', en: 'under way' };
    return { fr: `Le parcours est à l’étape « ${stage.fr} » : cette décision n’est pas attendue maintenant.`, en: `The journey is at the "${stage.en}" stage: this decision is not awaited now.` };
  },
  decision_in_progress: fixed('Une décision du même type est en cours d’enregistrement : réessayez dans un instant.', 'A decision of the same kind is being recorded: try again in a moment.'),
  staff_only: fixed('Seule l’équipe des admissions peut prendre cette décision.', 'Only admissions staff can take this decision.'),
  extension_days: fixed('Une prolongation compte de 1 à 365 jours.', 'An extension is 1 to 365 days.'),
  no_reviewer: fixed('Désignez au moins un membre du jury de sélection.', 'Assign at least one selection reviewer.'),
  already_reviewed: fixed('La décision du jury de sélection est déjà enregistrée.', 'The selection decision is already recorded.'),
  not_a_reviewer: fixed('Vous n’êtes pas membre du jury de sélection de ce dossier.', 'You are not a selection reviewer of this dossier.'),
  decision_value: fixed('Cette décision ne fait pas partie de celles attendues.', 'This decision is not one of those expected.'),
  reason_required: fixed('Cette décision doit être motivée.', 'This decision needs a reason.'),
  slots_already_offered: fixed('Des créneaux sont déjà proposés ; utilisez la reprogrammation.', 'Slots are already offered; reschedule instead.'),
  no_slot: fixed('Proposez au moins un créneau.', 'Offer at least one slot.'),
  slot_past: fixed('Ce créneau est déjà passé.', 'This slot is in the past.'),
  no_interview_jury: fixed('Désignez le jury d’entretien.', 'Assign the interview jury.'),
  candidate_only: fixed('Seul le candidat peut prendre cette décision.', 'Only the candidate can take this decision.'),
  slot_already_chosen: fixed('Un créneau est déjà choisi.', 'A slot is already chosen.'),
  unknown_slot: fixed('Ce créneau ne fait pas partie de ceux proposés.', 'This slot is not one of those offered.'),
  interview_done: fixed('L’entretien a déjà eu lieu.', 'The interview already took place.'),
  no_reschedule_left: (d) => ({ fr: `L’entretien a déjà été reprogrammé ${String(d.used)} fois, le maximum.`, en: `The interview was already rescheduled ${String(d.used)} time(s), the maximum.` }),
  interview_not_held: fixed('L’entretien n’a pas encore eu lieu.', 'The interview has not taken place yet.'),
  outcome_recorded: fixed('Le résultat de l’entretien est déjà enregistré.', 'The interview outcome is already recorded.'),
  not_interview_jury: fixed('Vous n’êtes pas membre du jury de cet entretien.', 'You are not on this interview jury.'),
  outcome_value: fixed('Résultat attendu : admis, non admis ou absent.', 'Expected outcome: admitted, not admitted or no-show.'),
  no_internship: fixed('Aucun stage n’est requis pour ce parcours.', 'No internship is required on this journey.'),
  period_declared: fixed('Cette période est déjà déclarée.', 'This period is already declared.'),
  period_unknown: fixed('Période inconnue pour ce parcours.', 'Period unknown on this journey.'),
  period_confirmed: fixed('Période déjà confirmée.', 'Period already confirmed.'),
  no_thesis: fixed('Aucune thèse n’est requise pour ce parcours.', 'No thesis is required on this journey.'),
  thesis_submitted: fixed('La thèse est déjà déposée.', 'The thesis is already submitted.'),
  thesis_not_submitted: fixed('La thèse n’est pas encore déposée.', 'The thesis is not submitted yet.'),
  thesis_not_defended: fixed('La soutenance n’a pas encore eu lieu.', 'The defence has not taken place yet.'),
  thesis_graded: fixed('La note de thèse est déjà enregistrée ; utilisez une correction.', 'The thesis grade is already recorded; use a correction.'),
  grade_out_of_scale: (d) => ({ fr: `La note doit être comprise entre 0 et ${String(d.scale)}.`, en: `The grade must be between 0 and ${String(d.scale)}.` }),
  unknown_item: (d) => ({ fr: `« ${String(d.item)} » n’est pas une pièce attendue de ce parcours VAE.`, en: `"${String(d.item)}" is not expected on this VAE journey.` }),
  vae_item_reviewed: fixed('Cette preuve a déjà été examinée par le service des admissions : écrivez-lui pour la compléter.', 'This evidence was already reviewed by the admissions office: write to it to add to it.'),
  jury_composed: fixed('Le jury est déjà composé ; remplacez un membre si besoin.', 'The jury is already composed; replace a member if needed.'),
  invalid_jury: juryWords,
  no_jury: fixed('Le jury n’est pas encore composé.', 'The jury is not composed yet.'),
  not_this_member: fixed('Vous ne pouvez décider que pour vous-même.', 'You can only decide for yourself.'),
  not_a_member: fixed('Vous n’êtes pas (ou plus) membre de ce jury.', 'You are not (or no longer) on this jury.'),
  jury_closed: fixed('Le jury a délibéré : la décision ne peut plus changer.', 'The jury has deliberated: the decision can no longer change.'),
  unknown_block: (d) => ({ fr: `${blockWords(d, 'fr')} : hors de ce parcours.`, en: `${blockWords(d, 'en')}: not part of this journey.` }),
  registration_not_valid: (d) => ({
    fr: `L’enregistrement de ${String(d.referentialCode)} au RNCP n’est pas valide le ${String(d.date)} (échéance ${String(d.endDate)}).`,
    en: `${String(d.referentialCode)}'s RNCP registration is not valid on ${String(d.date)} (ends ${String(d.endDate)}).`,
  }),
  already_decided: fixed('Ce membre a déjà décidé : il ne peut plus être remplacé.', 'This member already decided and can no longer be replaced.'),
  unknown_wave: (d) => ({ fr: `Pas d’enquête à ${String(d.wave)} mois.`, en: `No survey at ${String(d.wave)} months.` }),
  already_answered: fixed('Cette enquête a déjà une réponse.', 'This survey is already answered.'),
  survey_closed: (d) => ({ fr: `L’enquête à ${String(d.wave)} mois est close.`, en: `The ${String(d.wave)}-month survey is closed.` }),
  not_suspended: fixed('Le parcours n’est pas suspendu.', 'The journey is not suspended.'),
  correction_kind: fixed('Cette correction se fait ailleurs : sur le bloc pour une note d’épreuve, sur le parcours pour la thèse.', 'This correction is made elsewhere: on the block for an assessment grade, on the journey for the thesis.'),
  nothing_to_correct: fixed('Aucune note à corriger.', 'No grade to correct.'),
  withdraw_actor: fixed('Seuls le candidat ou l’équipe peuvent retirer un parcours.', 'Only the candidate or staff can withdraw a journey.'),
  unknown_assessment: (d) => ({ fr: `L’épreuve « ${assessmentWords(d, 'fr')} » n’appartient pas à ce bloc (${blockWords(d, 'fr')}).`, en: `Assessment "${assessmentWords(d, 'en')}" is not part of this block (${blockWords(d, 'en')}).` }),
  // Bulk operations (domain/bulk-operations.ts): refusals of the dry run and reasons an undo cannot happen.
  extension_unknown: fixed('Cette prolongation n’a pas été enregistrée sur ce parcours.', 'This extension was not recorded on this journey.'),
  extension_not_revertible: fixed('Cette prolongation ne peut plus être reprise : le délai a déjà été modifié depuis.', 'This extension can no longer be taken back: the deadline has changed since.'),
  no_journey: fixed('Aucun parcours n’a démarré pour ce candidat.', 'No journey has started for this candidate.'),
  step_not_awaited: fixed('Rien n’est attendu sur cette étape en ce moment : aucun délai à prolonger.', 'Nothing is awaited on this step now: no deadline to extend.'),
  no_email: fixed('Aucun e-mail n’a encore été envoyé à ce candidat.', 'No email has been sent to this candidate yet.'),
  email_queued: fixed('Le dernier e-mail est encore en cours d’envoi.', 'The last email is still being delivered.'),
  reviewer_not_awaited: fixed('Le parcours n’attend pas la désignation d’un relecteur.', 'The journey is not waiting for a reviewer to be assigned.'),
  bulk_still_running: fixed('L’opération est encore en cours : attendez sa fin pour l’annuler.', 'The operation is still running: wait for it to finish before undoing it.'),
  bulk_already_undone: fixed('Cette opération a déjà été annulée.', 'This operation was already undone.'),
  unknown_person: fixed('Cette personne n’est inscrite sur aucun jury.', 'This person is on no jury.'),
  item_failed: fixed('L’opération a échoué pour ce candidat après plusieurs essais ; refaites-la depuis sa fiche.', 'The operation failed for this candidate after several attempts; do it again from their page.'),
  nothing_to_undo: fixed('Rien n’a été fait pour ce candidat : rien à annuler.', 'Nothing was done for this candidate: nothing to undo.'),
  undo_window_passed: fixed('Plus de 24 heures ont passé : l’opération ne peut plus être annulée.', 'More than 24 hours have passed: the operation can no longer be undone.'),
  email_cannot_be_unsent: fixed('Un e-mail envoyé ne peut pas être repris.', 'An email once sent cannot be taken back.'),
  reviewer_already_asked: fixed('Le relecteur a déjà reçu la demande : elle ne peut pas être reprise.', 'The reviewer has already received the request: it cannot be taken back.'),
  no_longer_suspended: fixed('Le parcours a été repris entre-temps : rien à annuler.', 'The journey was resumed since: nothing to undo.'),
  no_longer_active: fixed('Le parcours a été suspendu entre-temps : rien à annuler.', 'The journey was suspended since: nothing to undo.'),
  assessment_closed: fixed('Cette épreuve est déjà notée définitivement.', 'This assessment is already graded for good.'),
  not_awaiting_grade: fixed('Aucune note n’est attendue pour cette épreuve.', 'No grade is awaited for this assessment.'),
  not_the_assessor: fixed('Vous n’êtes pas l’évaluateur désigné de cette épreuve.', 'You are not the assigned assessor of this assessment.'),
  assessor_only: fixed('Seul l’évaluateur note une épreuve.', 'Only the assessor grades an assessment.'),
  reserve_decided: fixed('La décision sur cette candidature en attente de place est déjà enregistrée.', 'The decision on this candidate waiting for a place is already recorded.'),
  justification_required: fixed('Une admission sur recours doit être justifiée par écrit.', 'An admission on appeal needs a written justification.'),
};

/** A block by its name (never its code alone); what the caller gave, quoted, when the referential has no such block. */
function blockWords(d: Data, l: Language): string {
  const ref = referentialOf(d.referentialCode as string | undefined);
  const code = String(d.block);
  return ref.blocks.some((b) => b.code === code) ? blockName(ref, code, l) : `« ${code} »`;
}
function assessmentWords(d: Data, l: Language): string {
  const ref = referentialOf(d.referentialCode as string | undefined);
  const id = String(d.assessment);
  return ref.blocks.some((b) => b.assessments.some((a) => a.id === id)) ? assessmentName(ref, id, l) : id;
}

/** The jury's composition is checked again from the same data, for the domain's own words. */
function juryWords(d: Data): Words {
  try {
    const ref = getReferential(String(d.referentialCode));
    const members = JSON.parse(String(d.members)) as { memberId: string; kind: 'school' | 'external_professional'; inActivity: boolean }[];
    const check = checkJuryComposition(members.map((x) => ({ id: x.memberId, kind: x.kind, inActivity: x.inActivity })), { trainerAndAssessorIds: (d.trainerAndAssessorIds as string[]) ?? [] }, ref);
    if (!check.valid) return { fr: check.reasons.map((r) => r.fr).join(' '), en: check.reasons.map((r) => r.en).join(' ') };
  } catch {
    // fall through to the general words
  }
  return { fr: 'La composition du jury n’est pas conforme au référentiel.', en: 'The jury composition does not meet the referential.' };
}

/** The words of a refusal; an unknown code (a newer workflow) still says something true. */
export function refusalWords(code: string, data: Data = {}): Words {
  const words = CATALOGUE[code];
  return words ? words(data) : { fr: `Décision refusée (${code}).`, en: `Decision refused (${code}).` };
}

export const REFUSAL_CODES = Object.keys(CATALOGUE);
