/**
 * Shared vocabulary of the certification journey. Pure types and constant lists, no logic:
 * workflows, activities and the API import these so that a route or a step is spelled once.
 */

/** Access routes of an RNCP certification (the record lists these six for RNCP37332). */
export const ROUTES = [
  'student',
  'apprenticeship',
  'continuing_education',
  'professionalisation',
  'individual',
  'vae',
] as const;
export type Route = (typeof ROUTES)[number];

/** Short block code as used within one referential, e.g. 'BC01' (the RNCP form is `${code}${block}`). */
export type BlockCode = string;

export const ELIGIBILITY_CATEGORIES = ['by_right', 'derogation_a_vapp', 'derogation_b', 'not_eligible'] as const;
export type EligibilityCategory = (typeof ELIGIBILITY_CATEGORIES)[number];
/** Categories that count against the cohort's derogation quotas. */
export type DerogationCategory = 'derogation_a_vapp' | 'derogation_b';

/** Declared degree kinds understood by the eligibility rules (each referential says which ones admit). */
export const DEGREE_KINDS = [
  'engineering_cti', // diplôme d'ingénieur habilité CTI
  'management_master_cefdg', // diplôme d'école de management conférant le grade de master (CEFDG)
  'university_master', // diplôme de 3e cycle : DEA, DESS, Master
  'professional_bac5', // diplôme professionnel de niveau Bac+5
  'm1', // M1 validé ou équivalent
  'l3', // Licence (L3)
  'rncp_level7', // titre inscrit au RNCP niveau 7
  'foreign_equivalent', // diplôme étranger : see DeclaredDegree.equivalentTo
  'other',
] as const;
export type DegreeKind = (typeof DEGREE_KINDS)[number];

/** Pieces an application dossier may require; each referential lists the ones it requires. */
export const ADMISSION_PIECE_KINDS = [
  'cv',
  'transcripts',
  'recommendation_letter',
  'motivation_letter',
  'professional_project',
  'degree_certificate',
  'equivalence_certificate',
  'vapp_decision',
  'portfolio',
] as const;
export type AdmissionPieceKind = (typeof ADMISSION_PIECE_KINDS)[number];

/**
 * Steps of the journey that carry a deadline, reminders and an escalation.
 * The set is fixed by the journey (code); the durations are data (the referential).
 */
export const DEADLINE_STEPS = [
  'dossier',
  'selectionReview',
  'interviewSlotChoice',
  'interviewDecision',
  'assessmentSubmission',
  'assessmentGrading',
  'internshipDeclaration',
  'thesisSubmission',
  'vaeEvidenceSubmission',
  'juryDecision',
  'followUpSurvey',
] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];

/** Who must act before a step's deadline. */
export const STEP_ACTORS = ['candidate', 'staff', 'jury'] as const;
export type StepActor = (typeof STEP_ACTORS)[number];

export type AssessmentMode = 'individual' | 'collective';
export type DefenceKind = 'none' | 'individual' | 'collective';

export type JuryMemberKind = 'school' | 'external_professional';

export type BlockStatus = 'validated' | 'failed' | 'in_progress' | 'not_enrolled';

/** Calendar date 'YYYY-MM-DD' (no time, no zone). Instants are epoch milliseconds (number). */
export type IsoDate = string;

/** A staff-facing explanation: a stable code for programs, French first for staff, English alongside. */
export interface Reason {
  code: string;
  fr: string;
  en: string;
}

/** Bilingual label used in the referential. */
export interface Label {
  fr: string;
  en: string;
}
