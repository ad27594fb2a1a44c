// The words of the journey's codes the console shows (stages, awaited actions, email statuses), French
// first and English beside it; a check in test/console/words.test.ts makes sure none is missing.
const fr: Record<'stages' | 'awaited' | 'emailStatuses', Record<string, string>> = {
  stages: {
    dossier: 'Dossier', eligibility: 'Recevabilité', selection: 'Sélection sur dossier', interview: 'Entretien', admission: 'Admission',
    awaiting_quota: 'En attente d’une place (quota de dérogation)', training: 'Formation', vae_evidence: 'Preuves VAE', certification_jury: 'Jury de certification', follow_up: 'Suivi', closed: 'Clos',
  },
  awaited: {
    dossier_pieces: 'pièces du dossier', assign_selection_reviewers: 'désignation des relecteurs', selection_review: 'avis du relecteur',
    offer_interview_slots: 'proposition de créneaux d’entretien', interview_slot_choice: 'choix du créneau par le candidat', interview_outcome: 'résultat de l’entretien',
    compose_certification_jury: 'composition du jury de certification', internship_periods: 'périodes de stage', thesis_result: 'résultat du mémoire',
    follow_up_survey: 'enquête de suivi', vae_evidence_review: 'examen des preuves VAE', assessment_grade: 'note d’évaluation',
    vae_evidence: 'preuves VAE du candidat', thesis_submission: 'dépôt du mémoire', jury_decision: 'décisions du jury de certification',
    quota_reserve_decision: 'décision sur l’attente d’une place',
  },
  emailStatuses: {
    queued: 'en file', sending: 'en cours d’envoi', retrying: 'nouvel essai prévu (serveur de messagerie indisponible)', sent: 'envoyé', failed: 'en échec', held: 'gardé pour le récapitulatif quotidien du destinataire',
    skipped: 'non envoyé : l’étape s’est close avant le récapitulatif',
  },
};

const en: typeof fr = {
  stages: {
    dossier: 'Dossier', eligibility: 'Eligibility', selection: 'Dossier selection', interview: 'Interview', admission: 'Admission',
    awaiting_quota: 'Waiting for a place (derogation quota)', training: 'Training', vae_evidence: 'VAE evidence', certification_jury: 'Certification jury', follow_up: 'Follow-up', closed: 'Closed',
  },
  awaited: {
    dossier_pieces: 'dossier pieces', assign_selection_reviewers: 'reviewers to assign', selection_review: 'reviewer’s opinion',
    offer_interview_slots: 'interview slots to offer', interview_slot_choice: 'slot choice by the candidate', interview_outcome: 'interview outcome',
    compose_certification_jury: 'certification jury to compose', internship_periods: 'internship periods', thesis_result: 'thesis result',
    follow_up_survey: 'follow-up survey', vae_evidence_review: 'VAE evidence review', assessment_grade: 'assessment grade',
    vae_evidence: 'candidate’s VAE evidence', thesis_submission: 'thesis submission', jury_decision: 'certification jury decisions',
    quota_reserve_decision: 'decision on the wait for a place',
  },
  emailStatuses: {
    queued: 'queued', sending: 'being sent', retrying: 'retrying (mail server unavailable)', sent: 'sent', failed: 'failed', held: 'held for the recipient’s daily digest',
    skipped: 'not sent: the step closed before the digest',
  },
};

export const JOURNEY_WORDS = { fr, en };
