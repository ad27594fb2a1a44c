// What the timeline says, for staff: the journey's transitions and the staff API's actions, in words
// (FR/EN). A code without an entry is shown as itself, so a new event is never hidden.
import { w, type Language, type Words } from './catalogue';

const JOURNEY_EVENTS: Record<string, Words> = {
  journey_started: w('Parcours commencé', 'Journey started'),
  dossier_complete: w('Dossier complet', 'Dossier complete'),
  eligibility_assessed: w('Recevabilité évaluée', 'Eligibility assessed'),
  selection_opened: w('Sélection ouverte', 'Selection opened'),
  selection_reviewers_assigned: w('Examinateurs du dossier désignés', 'Dossier reviewers assigned'),
  selection_decided: w('Décision du jury de sélection', 'Selection jury decision'),
  interview_opened: w('Entretien ouvert', 'Interview opened'),
  interview_slots_offered: w('Créneaux d’entretien proposés', 'Interview slots offered'),
  interview_slot_chosen: w('Créneau d’entretien choisi', 'Interview slot chosen'),
  interview_outcome: w('Résultat de l’entretien', 'Interview outcome'),
  admitted: w('Admis·e', 'Admitted'),
  admission_refused: w('Admission refusée', 'Admission refused'),
  quota_reserve_entered: w('Admissible, en attente d’une place (quota de dérogations atteint)', 'Admissible, waiting for a place (derogation quota reached)'),
  quota_reserve_waiting: w('Candidat·e informé·e de l’attente d’une place', 'Candidate told about waiting for a place'),
  admitted_on_appeal: w('Admis·e sur recours, avec justification', 'Admitted on appeal, with a justification'),
  quota_reserve_refused: w('Attente d’une place terminée par un refus', 'Wait for a place ended in a refusal'),
  training_started: w('Formation commencée', 'Training started'),
  block_result: w('Résultat d’un bloc', 'Block result'),
  internship_period_declared: w('Période de stage déclarée', 'Internship period declared'),
  internship_period_confirmed: w('Période de stage confirmée', 'Internship period confirmed'),
  internship_met: w('Durée de stage atteinte', 'Internship length reached'),
  thesis_submitted: w('Thèse déposée', 'Thesis submitted'),
  thesis_defence_scheduled: w('Soutenance programmée', 'Defence scheduled'),
  thesis_result: w('Résultat de la thèse', 'Thesis result'),
  vae_evidence_opened: w('Dépôt des preuves VAE ouvert', 'VAE evidence opened'),
  vae_evidence: w('Preuve VAE enregistrée', 'VAE evidence recorded'),
  assessment_work_handed_in: w('Travail d’évaluation remis', 'Assessment work handed in'),
  certification_jury_awaited: w('Jury de certification attendu', 'Certification jury awaited'),
  certification_jury_composed: w('Jury de certification composé', 'Certification jury composed'),
  certification_jury_decided: w('Décision du jury de certification', 'Certification jury decision'),
  jury_member_replaced: w('Membre du jury remplacé', 'Jury member replaced'),
  follow_up_started: w('Suivi commencé', 'Follow-up started'),
  follow_up_survey_sent: w('Enquête de suivi envoyée', 'Follow-up survey sent'),
  follow_up_answered: w('Enquête de suivi répondue', 'Follow-up survey answered'),
  follow_up_withdrawn: w('Suivi arrêté (retrait)', 'Follow-up stopped (withdrawal)'),
  deadline_extended: w('Délai prolongé', 'Deadline extended'),
  deadline_extension_reverted: w('Prolongation annulée', 'Extension taken back'),
  decision_corrected: w('Décision corrigée', 'Decision corrected'),
  staff_alerted: w('Équipe alertée', 'Staff alerted'),
  suspended: w('Parcours suspendu', 'Journey suspended'),
  resumed: w('Parcours repris', 'Journey resumed'),
  withdrawn: w('Retrait', 'Withdrawal'),
  journey_ended: w('Parcours terminé', 'Journey ended'),
  'candidate.identity_corrected': w('Identité corrigée', 'Identity corrected'),
  'action_link.decision_recorded': w('Décision reçue par lien', 'Decision received by link'),
  'email.resent': w('E-mail renvoyé', 'Email sent again'),
};

// The staff API's actions (audit rows `api.<operationId>`).
const API_ACTIONS: Record<string, Words> = {
  createCandidate: w('Candidat·e créé·e', 'Candidate created'),
  ensureJourney: w('Parcours vérifié', 'Journey checked'),
  restartJourney: w('Parcours relancé', 'Journey restarted'),
  updateCandidateIdentity: w('Identité corrigée', 'Identity corrected'),
  createJury: w('Jury enregistré', 'Jury registered'),
  recordDossierPiece: w('Pièce du dossier enregistrée', 'Dossier piece recorded'),
  extendDeadline: w('Délai prolongé', 'Deadline extended'),
  assignSelectionReviewers: w('Examinateurs désignés', 'Reviewers assigned'),
  offerInterviewSlots: w('Créneaux proposés', 'Slots offered'),
  rescheduleInterview: w('Entretien reprogrammé', 'Interview rescheduled'),
  recordInterviewOutcome: w('Résultat d’entretien saisi', 'Interview outcome entered'),
  assignAssessor: w('Évaluateur désigné', 'Assessor assigned'),
  recordAssessmentGrade: w('Note saisie', 'Grade entered'),
  confirmInternshipPeriod: w('Période de stage confirmée', 'Internship period confirmed'),
  declareInternshipPeriod: w('Période de stage déclarée', 'Internship period declared'),
  composeCertificationJury: w('Jury de certification composé', 'Certification jury composed'),
  replaceJuryMember: w('Membre du jury remplacé', 'Jury member replaced'),
  submitThesis: w('Thèse déposée', 'Thesis submitted'),
  scheduleThesisDefence: w('Soutenance programmée', 'Defence scheduled'),
  recordThesisResult: w('Résultat de thèse saisi', 'Thesis result entered'),
  recordVaeEvidence: w('Preuve VAE saisie', 'VAE evidence entered'),
  suspendJourney: w('Suspension', 'Suspension'),
  resumeJourney: w('Reprise', 'Resumption'),
  withdrawJourney: w('Retrait', 'Withdrawal'),
  correctDecision: w('Décision corrigée', 'Decision corrected'),
  decideQuotaReserve: w('Décision sur l’attente d’une place', 'Decision on the wait for a place'),
  resendEmail: w('E-mail renvoyé', 'Email sent again'),
};

/** The event in words; an unknown code is shown as itself. */
export function eventLabel(action: string, l: Language): string {
  const api = action.startsWith('api.') ? API_ACTIONS[action.slice(4)] : undefined;
  const words = api ?? JOURNEY_EVENTS[action];
  if (!words) return action;
  return api ? `${words[l]} (${l === 'fr' ? 'équipe' : 'staff'})` : words[l];
}
