// The list of template kinds at run time (tests, registry), checked against the typed contract both ways.
import type { TemplateKind } from '../notification-types';

/** Every template kind, for tests and the registry (checked against TemplateDataByKind both ways). */
export const TEMPLATE_KINDS = [
  'dossier_opened', 'dossier_reminder', 'dossier_expired', 'staff_alert', 'selection_review_request', 'selection_review_reminder',
  'eligibility_refused', 'selection_decision', 'interview_slots_offered', 'interview_confirmed', 'interview_cancelled', 'interview_reminder',
  'interview_outcome_request', 'admission_decision', 'quota_reserve_entered', 'assessment_grade_request', 'assessment_grade_reminder', 'assessment_result', 'block_result',
  'internship_declaration_request', 'internship_shortfall_warning', 'thesis_submission_request', 'thesis_reminder', 'thesis_result',
  'vae_evidence_request', 'jury_decision_request', 'jury_decision_reminder', 'jury_member_released', 'certification_outcome',
  'follow_up_survey_request', 'follow_up_survey_reminder', 'journey_suspended', 'journey_resumed', 'journey_withdrawn',
  'staff_sign_in', 'candidate_space_link', 'application_confirm', 'cpf_declaration_due',
  'personal_data_export', 'retention_report',
] as const satisfies readonly TemplateKind[];
type _AllKindsListed = Exclude<TemplateKind, (typeof TEMPLATE_KINDS)[number]> extends never ? true : never;
export const ALL_KINDS_LISTED: _AllKindsListed = true;

/** The daily digest of a jury member, reviewer or assessor (activities/mail/digest.ts): not a journey template. */
export const DIGEST_KIND = 'jury_digest';

/**
 * Requests to jury members, reviewers and assessors: with digests on, they are held (status "held") and
 * told in the person's next digest instead of one email each. Reminders of the ladder still go out alone.
 */
export const DIGESTED_TEMPLATES: ReadonlySet<TemplateKind> = new Set<TemplateKind>(['selection_review_request', 'interview_outcome_request', 'assessment_grade_request', 'jury_decision_request']);
