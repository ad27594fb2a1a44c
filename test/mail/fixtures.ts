// Records the mail tests need: a cohort, a candidate, a jury with its members. Unique per call, so
// test files can run in parallel on the shared database and twice in a row.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/database';
import type { EmailRequest, TemplateDataOf, TemplateKind } from '../../activities/notification-types';

export async function createCandidate(db: Database, overrides: { language?: string; firstName?: string; lastName?: string } = {}) {
  const suffix = randomUUID().slice(0, 8);
  const cohort = await db.cohort.create({
    data: { code: `mail-${suffix}`, referentialCode: 'RNCP37332', label: 'Promotion test', startsOn: new Date('2027-09-01') },
  });
  const candidate = await db.candidate.create({
    data: {
      cohortId: cohort.id,
      firstName: overrides.firstName ?? 'Léa',
      lastName: overrides.lastName ?? `Martin-${suffix}`,
      email: `lea.${suffix}@candidats.test`,
      route: 'student',
      language: overrides.language ?? 'fr',
    },
  });
  return { cohort, candidate, journeyId: `journey:RNCP37332:${candidate.id}` };
}

export async function createJury(db: Database, candidateId: string, kind = 'certification') {
  const suffix = randomUUID().slice(0, 8);
  const jury = await db.jury.create({ data: { candidateId, kind } });
  const members = await Promise.all(
    ['school', 'external', 'external'].map((memberKind, i) =>
      db.juryMember.create({
        data: { juryId: jury.id, personRef: `person-${suffix}-${i}`, name: `Membre ${i + 1} ${suffix}`, email: `jury${i}.${suffix}@jury.test`, kind: memberKind },
      }),
    ),
  );
  return { jury, members };
}

export const mailConfig = (publicBaseUrl = 'http://jalon.test') => ({
  mailFrom: 'Jalon <no-reply@jalon.test>',
  admissionsEmail: `admissions.${randomUUID().slice(0, 8)}@jalon.test`,
  publicBaseUrl,
});

/** The action link in a message's text part. */
export function linkIn(text: string): string {
  const match = /(https?:\/\/\S+\/a\/[A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no action link in:\n${text}`);
  return match[1]!;
}

// 2027-03-01 13:00 UTC = 14:00 in Paris (winter time): the step deadline of the samples.
export const SAMPLE_DUE = Date.UTC(2027, 2, 1, 13, 0);
// 2027-06-10 12:00 UTC = 14:00 in Paris (summer time).
export const SAMPLE_SLOT = { slotId: 's1', startsAtMs: Date.UTC(2027, 5, 10, 12, 0), durationMinutes: 45, place: 'Campus Lille, salle 2' };

/** One valid data value per template, as the journey sends it (typed: a template change breaks this file). */
export const SAMPLE_DATA: { [K in TemplateKind]: TemplateDataOf<K> } = {
  dossier_opened: { missing: ['cv', 'motivation_letter'], dueAtMs: SAMPLE_DUE },
  dossier_reminder: { missing: ['transcripts'], dueAtMs: SAMPLE_DUE },
  dossier_expired: { missing: ['transcripts'] },
  staff_alert: { reason: 'assessment_grade_overdue', stage: 'training', blockCode: 'BC02', assessmentId: 'bc02-functional-specification', dueAtMs: SAMPLE_DUE },
  selection_review_request: { dueAtMs: SAMPLE_DUE },
  selection_review_reminder: { dueAtMs: SAMPLE_DUE },
  eligibility_refused: { reasonCodes: ['no_admissible_degree'] },
  selection_decision: { admissible: false, reasonCode: 'project_unclear' },
  interview_slots_offered: { slots: [SAMPLE_SLOT, { slotId: 's2', startsAtMs: Date.UTC(2027, 5, 11, 8, 30), durationMinutes: 30 }], dueAtMs: SAMPLE_DUE },
  interview_confirmed: { slot: SAMPLE_SLOT, offer: 0, audience: 'candidate' },
  interview_cancelled: { slot: SAMPLE_SLOT, offer: 0, audience: 'candidate', because: 'rescheduled' },
  interview_reminder: { slot: SAMPLE_SLOT },
  interview_outcome_request: { slot: SAMPLE_SLOT, dueAtMs: SAMPLE_DUE },
  admission_decision: { admitted: false, reasonCode: 'quota_full' },
  quota_reserve_entered: { cutoffOn: '2027-03-01' },
  assessment_grade_request: { blockCode: 'BC02', assessmentId: 'bc02-functional-specification', attempt: 1, dueAtMs: SAMPLE_DUE },
  assessment_grade_reminder: { blockCode: 'BC02', assessmentId: 'bc02-functional-specification', attempt: 2, dueAtMs: SAMPLE_DUE },
  assessment_result: { blockCode: 'BC01', assessmentId: 'bc01-case-study', attempt: 1, grade: 8.5, scale: 20, result: 'retake', retakeDueAtMs: SAMPLE_DUE },
  block_result: { blockCode: 'BC03', status: 'validated' },
  internship_declaration_request: { minimumMonths: 4, programmeEndsOn: '2027-08-31' },
  internship_shortfall_warning: { fteMonths: 2.033333333333333, minimumMonths: 4, programmeEndsOn: '2027-08-31' },
  thesis_submission_request: { dueAtMs: SAMPLE_DUE },
  thesis_reminder: { dueAtMs: SAMPLE_DUE },
  thesis_result: { validated: false, grade: 9.5, scale: 20 },
  vae_evidence_request: { items: ['BC01', 'in_depth_work'], dueAtMs: SAMPLE_DUE },
  jury_decision_request: { sittingOn: '2027-03-15', dueAtMs: SAMPLE_DUE },
  jury_decision_reminder: { sittingOn: '2027-03-15', dueAtMs: SAMPLE_DUE },
  jury_member_released: { sittingOn: '2027-03-15' },
  certification_outcome: { outcome: 'partially_deferred', deferredBlocks: ['BC04'], award: 'title', blocks: ['BC01', 'BC02', 'BC03', 'BC04'] },
  follow_up_survey_request: { wave: 6, dueAtMs: SAMPLE_DUE },
  follow_up_survey_reminder: { wave: 24, dueAtMs: SAMPLE_DUE },
  journey_suspended: {},
  journey_resumed: {},
  journey_withdrawn: {},
  staff_sign_in: { expiresAtMs: SAMPLE_DUE },
  candidate_space_link: { expiresAtMs: SAMPLE_DUE },
  application_confirm: { expiresAtMs: SAMPLE_DUE, cohortLabel: 'Promotion 2027' },
  cpf_declaration_due: { awardedOn: '2027-06-30', dueAtMs: SAMPLE_DUE, overdue: false, declaration: 'to_declare' },
  personal_data_export: { expiresAtMs: SAMPLE_DUE },
  retention_report: { reportId: '7d1f0c9e-0000-4000-8000-000000000001', dryRun: true, years: 2, cutoffAtMs: SAMPLE_DUE, due: [{ candidateId: '7d1f0c9e-0000-4000-8000-000000000002', cohortCode: 'MS-2025', outcome: 'not_admitted', lastDecisionAtMs: SAMPLE_DUE }] },
};

/** The sample email of a kind, as a typed request. */
export const sampleEmail = <K extends TemplateKind>(template: K, data: TemplateDataOf<K> = SAMPLE_DATA[template]) => ({ template, data }) as EmailRequest;
