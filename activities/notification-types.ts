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
  /** Until when the link may be used (epoch ms); the page says so after. */
  expiresAtMs: number;
  /** What the action is about inside the journey: a block code, an assessment id, a jury id, a survey wave. */
  subjectRef?: string;
}

/** Values a template may show. Identifiers, dates, codes: never names or addresses (the activity adds those). */
export type TemplateData = Record<string, string | number | boolean | string[] | null>;

export interface NotifyInput {
  journeyId: string;
  /** Unique within the journey for one intended email (e.g. 'dossier-reminder-2'): with the journey id it is the
   * outbox idempotency key, so a retried or replayed call queues one email. */
  purpose: string;
  /** The template: see activities' template registry for the kinds and the data each expects. */
  template: string;
  to: Recipient;
  data?: TemplateData;
  action?: ActionLinkRequest;
}

export interface NotifyResult {
  outboxId: string;
  /** Set when an action link was minted: the token's id (not the token), used as the workflow update id. */
  actionTokenId?: string;
}

/**
 * Templates the journey may ask for. Each has a French and an English version (activities' template
 * registry); a test renders every kind. Add a kind here when the journey needs a new email.
 */
export const TEMPLATE_KINDS = [
  'dossier_opened', // candidate: welcome, pieces still missing, deadline
  'dossier_reminder', // candidate: pieces still missing, deadline
  'dossier_expired', // candidate: the dossier expired
  'staff_alert', // staff: something needs a person (escalation, overdue answer, shortfall); data.reason says what
  'selection_review_request', // reviewer: review this dossier (action selection_review)
  'selection_review_reminder', // reviewer: still waiting for your review (action link re-sent)
  'selection_decision', // candidate: admissible or not, next step
  'interview_slots_offered', // candidate: choose a slot (action interview_slot_choice)
  'interview_confirmed', // candidate (and jury): date, place, calendar attachment (ICS, Europe/Paris)
  'interview_reminder', // candidate: the interview is soon
  'interview_outcome_request', // interview jury member: record the outcome (action interview_outcome)
  'admission_decision', // candidate: admitted or not
  'assessment_grade_request', // assessor: grade this assessment (action assessment_grade)
  'assessment_grade_reminder', // assessor: grade still missing
  'block_result', // candidate: a block validated or failed, retake if any
  'internship_declaration_request', // candidate: declare internship periods (action internship_declaration)
  'internship_shortfall_warning', // candidate: FTE months short of the minimum, time left
  'thesis_submission_request', // candidate: submit the thesis (action thesis_submission)
  'thesis_reminder', // candidate: the submission deadline is near
  'thesis_result', // candidate: thesis validated or not
  'vae_evidence_request', // VAE candidate: evidence per block and the in-depth work
  'jury_decision_request', // certification jury member: decide (action jury_decision)
  'jury_decision_reminder', // certification jury member: still waiting for your decision
  'certification_outcome', // candidate: awarded, not awarded, deferred (per block if so)
  'follow_up_survey_request', // certified person: 6- or 24-month survey (action follow_up_survey)
  'follow_up_survey_reminder', // certified person: survey still unanswered
  'journey_suspended', // candidate: journey suspended (deadlines paused)
  'journey_resumed', // candidate: journey resumed, new deadlines
  'journey_withdrawn', // candidate: withdrawal recorded
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/**
 * The mail activities the journey calls (implemented in activities/, registered by the worker).
 * The outbox pattern: `queueEmail` writes the outbox row (and mints the action token if asked) in one
 * transaction, idempotent on `${journeyId}:${purpose}`; `deliverEmail` sends it through nodemailer and
 * marks it sent, sending nothing if it was already sent. The workflow awaits `queueEmail`, then runs
 * `deliverEmail` with unbounded retries and backoff WITHOUT blocking the journey on it (an SMTP outage
 * delays mail, never the journey, never loses mail), and waits for pending deliveries before
 * continue-as-new or completion.
 */
export interface MailActivities {
  queueEmail(input: NotifyInput & { template: TemplateKind }): Promise<NotifyResult>;
  deliverEmail(outboxId: string): Promise<'sent' | 'already_sent'>;
}
