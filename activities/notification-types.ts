// The contract between the journey (which decides that someone must be told or asked something) and
// the mail side (outbox, templates, action links). Types only: workflows import them with `import type`.
// No personal data crosses it: recipients are references resolved from the database by the activity.

/** Who receives the email. Resolved to a name, address and language by the activity, never by workflow code. */
export type Recipient =
  | { kind: 'candidate'; candidateId: string }
  | { kind: 'juryMember'; memberId: string } // a selection reviewer, interviewer, assessor or certification jury member (JuryMember row)
  | { kind: 'staff' }; // the admissions team's address (ADMISSIONS_EMAIL)

/** What a link lets its recipient do; each has its page (GET shows, POST records through a workflow update). */
export type ActionKind =
  | 'selection_review' // reviewer: admissible / not admissible, with a reason
  | 'interview_slot_choice' // candidate: picks one of the offered slots
  | 'interview_outcome' // interview jury: admitted / not admitted / no-show
  | 'assessment_grade' // assessor: grade of one assessment
  | 'internship_declaration' // candidate: declares a period
  | 'thesis_submission' // candidate: confirms the thesis submission
  | 'jury_decision' // certification jury member: award / not award / defer, with comment
  | 'follow_up_survey'; // certified person: employment at 6 or 24 months

export interface ActionLinkRequest {
  action: ActionKind;
  /** Until when the link may be used (epoch ms): a technical limit, later than the step's deadline (`data.dueAtMs`),
   * which is what people are told. */
  expiresAtMs: number;
  /** What the action is about inside the journey: a block code, an assessment id, a jury id, a survey wave. */
  subjectRef?: string;
}

/** A slot as people are told it: when, how long, where (a room or a video link). */
export interface SlotFacts {
  slotId: string;
  startsAtMs: number;
  durationMinutes: number;
  /** A room and address, or a video-call link; absent when staff gave none (the email says so). */
  place?: string;
}

/** Why staff are alerted: each has its wording in the catalogue. */
export type StaffAlertReason =
  | 'dossier_incomplete_after_last_reminder'
  | 'selection_review_overdue'
  | 'interview_slot_not_chosen'
  | 'interview_outcome_overdue'
  | 'jury_decision_overdue'
  | 'internship_short_of_minimum'
  | 'thesis_not_submitted'
  | 'vae_evidence_missing'
  | 'assessment_grade_overdue'
  /** The selection reviewers disagree (per the referential's rule): the admissions office decides. */
  | 'selection_reviews_disagree'
  /** An email could not be sent: its recipient no longer exists (an erased person, a deleted jury member). */
  | 'recipient_missing'
  /** A candidate waits on the cohort's quota reserve: decide before the cut-off (`dueAtMs`). */
  | 'quota_reserve_cutoff_soon'
  /** A candidate entered the quota reserve of a cohort without a cut-off date: set one. */
  | 'quota_reserve_no_cutoff';

/** Why a candidate is not admitted after the interview stage. */
export type NotAdmittedReason = 'interview_not_admitted' | 'no_show' | 'quota_full' | 'quota_reserve_refused' | 'quota_reserve_cutoff';

/**
 * The facts each template needs, keyed by template kind. Required facts are required: `tsc` refuses a
 * call site (workflows/support.ts Mailer.send) or a template that disagrees. `dueAtMs` is always the
 * STEP's deadline (referential, accommodations, extensions, suspension), never the link's expiry.
 * Identifiers, codes, dates and numbers only: names and addresses are added by the activity.
 */
export interface TemplateDataByKind {
  dossier_opened: { missing: string[]; dueAtMs: number };
  dossier_reminder: { missing: string[]; dueAtMs: number };
  dossier_expired: { missing: string[] };
  /** `recipient`: who could not be reached, for `recipient_missing`. */
  staff_alert: { reason: StaffAlertReason; stage: string; blockCode?: string; assessmentId?: string; dueAtMs?: number; recipient?: Recipient['kind'] };
  selection_review_request: { dueAtMs: number };
  selection_review_reminder: { dueAtMs: number };
  /** Eligibility computed from the declared profile (no jury sat); the reasons in words are read from the database. */
  eligibility_refused: { reasonCodes: string[] };
  selection_decision: { admissible: true } | { admissible: false; reasonCode: string };
  interview_slots_offered: { slots: SlotFacts[]; dueAtMs: number; reminder?: boolean };
  /** To the candidate and to each interviewer (same calendar event, same UID per offer). */
  interview_confirmed: { slot: SlotFacts; offer: number; audience: 'candidate' | 'interviewer' };
  /** The earlier invitation is void (reschedule or withdrawal): calendar METHOD:CANCEL with the same UID. */
  interview_cancelled: { slot: SlotFacts; offer: number; audience: 'candidate' | 'interviewer'; because: 'rescheduled' | 'withdrawn' };
  interview_reminder: { slot: SlotFacts };
  interview_outcome_request: { slot: SlotFacts; dueAtMs: number; reminder?: boolean };
  /** `next`: what the admitted candidate will receive (VAE evidence request, block results only, or also internship and thesis requests). */
  /** `via`: admitted from the quota reserve when a place opened, or on appeal by staff at the cut-off. */
  admission_decision: { admitted: true; next: 'vae_evidence' | 'blocks_only' | 'full_training'; via?: 'reserve' | 'appeal' } | { admitted: false; reasonCode: NotAdmittedReason };
  /** Admissible after the interview, the place confirmed when the cohort's composition allows; `cutoffOn`: the day staff decide at the latest. */
  quota_reserve_entered: { cutoffOn?: string };
  assessment_grade_request: { blockCode: string; assessmentId: string; attempt: number; dueAtMs: number };
  assessment_grade_reminder: { blockCode: string; assessmentId: string; attempt: number; dueAtMs: number };
  /** One assessment graded: passed, failed with a retake (when), or failed for good. */
  assessment_result: { blockCode: string; assessmentId: string; attempt: number; grade: number; scale: number; result: 'passed' | 'retake' | 'failed'; retakeDueAtMs?: number };
  block_result: { blockCode: string; status: 'validated' | 'failed' };
  internship_declaration_request: { minimumMonths: number; programmeEndsOn?: string };
  internship_shortfall_warning: { fteMonths: number; minimumMonths: number; programmeEndsOn: string };
  thesis_submission_request: { dueAtMs: number };
  thesis_reminder: { dueAtMs: number };
  thesis_result: { validated: boolean; grade: number; scale: number };
  vae_evidence_request: { items: string[]; dueAtMs: number; reminder?: boolean };
  jury_decision_request: { sittingOn: string; dueAtMs: number };
  jury_decision_reminder: { sittingOn: string; dueAtMs: number };
  /** A replaced certification jury member: their link is void. */
  jury_member_released: { sittingOn: string };
  certification_outcome: {
    outcome: 'awarded' | 'partially_deferred' | 'deferred' | 'not_awarded';
    deferredBlocks: string[];
    /** What an award gives: the whole title, or the enrolled blocks only. */
    award: 'title' | 'blocks';
    blocks: string[];
  };
  follow_up_survey_request: { wave: number; dueAtMs: number };
  follow_up_survey_reminder: { wave: number; dueAtMs: number };
  journey_suspended: Record<string, never>;
  journey_resumed: Record<string, never>;
  journey_withdrawn: Record<string, never>;
  /** A staff member's single-use console sign-in link (the link is the email's action link). */
  staff_sign_in: { expiresAtMs: number };
  candidate_space_link: { expiresAtMs: number };
  application_confirm: { expiresAtMs: number; cohortLabel: string };
  /** To staff: a certified holder is not yet declared to the CPF (a reminder before the three-month deadline, or an alert after it). */
  cpf_declaration_due: { awardedOn: string; dueAtMs: number; overdue: boolean; declaration: 'to_declare' | 'pending' };
  /** To a candidate who asked for their data from their space: a single-use link to the archive. */
  personal_data_export: { expiresAtMs: number };
  /** To staff, before each run of the retention policy: who is erased (ids, cohorts, outcomes; no names). */
  retention_report: {
    reportId: string;
    dryRun: boolean;
    years: number;
    cutoffAtMs: number;
    due: { candidateId: string; cohortCode: string; outcome: string; lastDecisionAtMs: number }[];
  };
}

export type TemplateKind = keyof TemplateDataByKind;
export type TemplateDataOf<K extends TemplateKind> = TemplateDataByKind[K];

/** The discriminated union of every email the journey may ask for: `template` decides the shape of `data`. */
export type EmailRequest = { [K in TemplateKind]: { template: K; data: TemplateDataByKind[K] } }[TemplateKind];

/** Any template's data, as stored in the outbox row (the link page reads it back). */
export type TemplateData = EmailRequest['data'];

export type NotifyInput = EmailRequest & {
  journeyId: string;
  /** Unique within the journey for one intended email (e.g. 'dossier-reminder-2'): with the journey id it is the
   * outbox idempotency key, so a retried or replayed call queues one email. */
  purpose: string;
  to: Recipient;
  action?: ActionLinkRequest;
};

export interface NotifyResult {
  outboxId: string;
  /** Set when an action link was minted: the token's id (not the token), used as the workflow update id. */
  actionTokenId?: string;
}



/**
 * The mail activities the journey calls (implemented in activities/, registered by the worker).
 * The outbox pattern: `queueEmail` writes the outbox row (and mints the action token if asked) in one
 * transaction, idempotent on `${journeyId}:${purpose}`; the outbox dispatcher delivers it
 * (activities/mail/dispatcher.ts). `deliverEmail` is kept for the runs made before the dispatcher
 * (patch `outbox-dispatcher`): they still schedule it after each queued email, and it delivers through the
 * same claim as the dispatcher (never twice at once), sending nothing if the row was already sent.
 */
export interface MailActivities {
  queueEmail(input: NotifyInput): Promise<NotifyResult>;
  /** 'held_for_digest': a request that waits for the person's digest (nothing sent now). */
  deliverEmail(outboxId: string): Promise<'sent' | 'already_sent' | 'held_for_digest'>;
}
