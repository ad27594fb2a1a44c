// Bulk operations on journeys (extend a deadline, suspend, resume, resend the last email, assign a
// reviewer): what each would do to one candidate, or why it would be refused, and whether it can be
// undone. Pure rules over what the read model says of the journey; the journeys' own validators still
// have the last word when the operation runs (a journey that moved in between refuses there).
import type { DeadlineStep } from './types';

export const BULK_KINDS = ['extend_deadline', 'suspend', 'resume', 'resend_last_email', 'assign_reviewer'] as const;
export type BulkKind = (typeof BULK_KINDS)[number];

/** Hours during which a bulk operation can be undone. */
export const BULK_UNDO_WINDOW_HOURS = 24;
export const BULK_UNDO_WINDOW_MS = BULK_UNDO_WINDOW_HOURS * 3_600_000;
/** Most candidates one operation may touch. */
export const BULK_MAX_ITEMS = 500;

/**
 * The journey steps a bulk extension may move, with what the journey awaits during each. Steps of the
 * blocks (assessments) are extended per block from the candidate page: their deadlines live in the
 * block's own workflow, and an extension there cannot be taken back.
 */
export const BULK_EXTENSION_STEPS = {
  dossier: 'dossier_pieces',
  selectionReview: 'selection_review',
  interviewSlotChoice: 'interview_slot_choice',
  interviewDecision: 'interview_outcome',
  thesisSubmission: 'thesis_submission',
  vaeEvidenceSubmission: 'vae_evidence',
  juryDecision: 'jury_decision',
  followUpSurvey: 'follow_up_survey',
} as const satisfies Partial<Record<DeadlineStep, string>>;
export type BulkExtensionStep = keyof typeof BULK_EXTENSION_STEPS;
export const BULK_EXTENSION_STEP_CODES = Object.keys(BULK_EXTENSION_STEPS) as BulkExtensionStep[];

export type BulkParams =
  | { kind: 'extend_deadline'; step: BulkExtensionStep; days: number }
  | { kind: 'suspend'; reasonCode: string }
  | { kind: 'resume' }
  | { kind: 'resend_last_email' }
  /** `memberId`: one jury member row of the person (an id: people's addresses stay out of workflows). */
  | { kind: 'assign_reviewer'; memberId: string };

/** What the read model knows of one candidate's journey (null journey: none started). */
export interface BulkJourneyFacts {
  journey: null | {
    status: 'active' | 'suspended' | 'ended';
    stage: string;
    awaiting: { what: string; dueAtMs?: number }[];
  };
  /** The journey's most recent email to the candidate, if any. */
  lastEmail?: { status: 'queued' | 'sent' | 'failed' } | null;
}

export type Plan =
  | { verdict: 'apply'; effect: string; data?: Record<string, number | string> }
  | { verdict: 'refuse'; code: string; data?: Record<string, number | string> };

const refuse = (code: string, data?: Record<string, number | string>): Plan => ({ verdict: 'refuse', code, ...(data ? { data } : {}) });
const apply = (effect: string, data?: Record<string, number | string>): Plan => ({ verdict: 'apply', effect, ...(data ? { data } : {}) });

/** What the operation would do to this candidate, or why it would be refused. */
export function planBulkItem(p: BulkParams, facts: BulkJourneyFacts): Plan {
  const j = facts.journey;
  if (!j) return refuse('no_journey');
  if (j.status === 'ended') return refuse('journey_ended');
  switch (p.kind) {
    case 'extend_deadline': {
      if (!Number.isInteger(p.days) || p.days < 1 || p.days > 365) return refuse('extension_days');
      const what = BULK_EXTENSION_STEPS[p.step];
      const awaited = j.awaiting.find((a) => a.what === what);
      if (!awaited) return refuse('step_not_awaited', { step: p.step });
      if (awaited.dueAtMs === undefined) return apply('deadline_extended', { step: p.step, days: p.days });
      return apply('deadline_extended', { step: p.step, days: p.days, dueBeforeMs: awaited.dueAtMs, dueAfterMs: awaited.dueAtMs + p.days * 86_400_000 });
    }
    case 'suspend':
      return j.status === 'suspended' ? refuse('journey_suspended') : apply('suspended');
    case 'resume':
      return j.status !== 'suspended' ? refuse('not_suspended') : apply('resumed');
    case 'resend_last_email':
      if (!facts.lastEmail) return refuse('no_email');
      if (facts.lastEmail.status === 'queued') return refuse('email_queued');
      return apply('email_resent');
    case 'assign_reviewer':
      if (j.status === 'suspended') return refuse('journey_suspended');
      if (!j.awaiting.some((a) => a.what === 'assign_selection_reviewers')) return refuse('reviewer_not_awaited');
      return apply('reviewer_assigned');
  }
}

/**
 * How an item of a bulk operation ended. Each item's decision id is its own (operation and candidate),
 * so a retried call the journey had already applied is 'applied' too.
 */
export type ItemOutcome = 'applied' | 'refused' | 'failed';

export type UndoPlan = { verdict: 'undo'; by: 'revert_extension' | 'resume' | 'suspend' } | { verdict: 'cannot'; code: string };

/**
 * Whether an item can be undone now: only what was applied, within the window, and only when the
 * journey is still where the operation left it. An email cannot be unsent, and a reviewer once asked
 * has received the request: those say so.
 */
export function planUndo(kind: BulkKind, outcome: ItemOutcome, facts: BulkJourneyFacts, doneAtMs: number, nowMs: number): UndoPlan {
  if (outcome !== 'applied') return { verdict: 'cannot', code: 'nothing_to_undo' };
  if (nowMs - doneAtMs > BULK_UNDO_WINDOW_MS) return { verdict: 'cannot', code: 'undo_window_passed' };
  if (kind === 'resend_last_email') return { verdict: 'cannot', code: 'email_cannot_be_unsent' };
  if (kind === 'assign_reviewer') return { verdict: 'cannot', code: 'reviewer_already_asked' };
  const j = facts.journey;
  if (!j || j.status === 'ended') return { verdict: 'cannot', code: 'journey_ended' };
  if (kind === 'extend_deadline') return { verdict: 'undo', by: 'revert_extension' };
  if (kind === 'suspend') return j.status === 'suspended' ? { verdict: 'undo', by: 'resume' } : { verdict: 'cannot', code: 'no_longer_suspended' };
  return j.status === 'active' ? { verdict: 'undo', by: 'suspend' } : { verdict: 'cannot', code: 'no_longer_active' };
}
