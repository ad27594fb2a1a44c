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
