// D6: a link whose step closed before its holder answered (another reviewer decided, staff decided, the
// journey ended). Read from the audit trail the journey writes at each transition (never from the
// workflow: a GET must not depend on it), and shown as a page that says what was decided, when and by
// whom — no form, no code.
import type { ActionTokenRow } from '../../activities/mail/action-tokens';
import type { ActionKind } from '../../activities/notification-types';
import { SELECTION_REASONS, formatDateTime, label, type Language, type Words } from '../../activities/wording/catalogue';
import { FORM } from '../../activities/wording/forms';
import { CLOSED, STEP_NAMES } from '../../activities/wording/jury';
import type { Database } from '../../platform/database';
import { Facts, Notice } from './components';

/** The transitions that close each kind of step; every step closes when the journey ends. */
const CLOSED_BY: Record<ActionKind, string[]> = {
  selection_review: ['selection_decided'],
  interview_slot_choice: ['interview_slot_chosen'],
  interview_outcome: ['interview_outcome'],
  jury_decision: ['certification_jury_decided'],
  thesis_submission: ['thesis_submitted'],
  // Steps whose link is the only way to answer (one person, one link): "used" covers them.
  assessment_grade: [],
  internship_declaration: [],
  follow_up_survey: [],
};
const JOURNEY_END = ['journey_ended', 'withdrawn'];

export type DecidedBy = 'you' | 'another_reviewer' | 'another_member' | 'staff' | 'journey' | 'unknown';

export interface ClosedStep {
  step: ActionKind;
  event: string;
  decidedAtMs: number;
  by: DecidedBy;
  /** What was decided, as data for the words (decision, reason, outcome). */
  detail: Record<string, unknown>;
}

/** The closing event of the link's step if it happened after the link was issued; undefined while open. */
export async function closedStep(db: Database, row: ActionTokenRow): Promise<ClosedStep | undefined> {
  const step = row.action as ActionKind;
  const closers = [...(CLOSED_BY[step] ?? []), ...JOURNEY_END];
  const event = await db.auditEvent.findFirst({
    where: { journeyId: row.journeyId, action: { in: closers }, at: { gte: row.createdAt } },
    orderBy: { id: 'asc' },
  });
  if (!event) return undefined;
  return { step, event: event.action, decidedAtMs: event.at.getTime(), by: decidedBy(event.action, event.actor, row), detail: (event.after ?? {}) as Record<string, unknown> };
}

function decidedBy(action: string, actor: string, row: ActionTokenRow): DecidedBy {
  if (JOURNEY_END.includes(action) && actor === 'system') return 'journey';
  if (row.recipientRef && actor === row.recipientRef) return 'you';
  if (actor.startsWith('juryMember:')) return row.action === 'selection_review' ? 'another_reviewer' : 'another_member';
  if (actor.startsWith('staff:')) return 'staff';
  return 'unknown';
}

const BY_WORDS: Record<DecidedBy, Words | undefined> = {
  you: CLOSED.byYou, another_reviewer: CLOSED.byAnotherReviewer, another_member: CLOSED.byAnotherMember, staff: CLOSED.byStaff, journey: CLOSED.byJourney, unknown: undefined,
};

/** What was decided, in words. */
export function decisionWords(c: ClosedStep, l: Language): string {
  const d = c.detail;
  switch (c.event) {
    case 'selection_decided': {
      const decision = d.decision === 'admissible' ? FORM.admissible[l] : FORM.notAdmissible[l];
      return typeof d.reasonCode === 'string' && d.reasonCode ? `${decision} (${CLOSED.reason[l]} : ${label(SELECTION_REASONS, d.reasonCode, l)})` : decision;
    }
    case 'interview_outcome':
      return (d.outcome === 'admitted' ? FORM.admitted : d.outcome === 'no_show' ? FORM.noShow : FORM.notAdmitted)[l];
    case 'certification_jury_decided':
      return CLOSED.juryOutcomes[String(d.outcome)]?.[l] ?? FORM.decision[l];
    case 'interview_slot_chosen':
      return CLOSED.slotChosen[l];
    case 'thesis_submitted':
      return CLOSED.thesisSubmitted[l];
    default:
      return CLOSED.journeyEnded[l];
  }
}

/** The body of the "closed" page: the same on GET and as the answer to a POST. */
export function ClosedStepView({ closed, language: l, queueHref }: { closed: ClosedStep; language: Language; queueHref?: string }) {
  const by = BY_WORDS[closed.by];
  return (
    <>
      <Notice kind="info" role="status">{(closed.by === 'you' ? CLOSED.textOwn : CLOSED.text)[l]}</Notice>
      <Facts
        rows={[
          [FORM.decision[l], `${STEP_NAMES[closed.step][l]} : ${decisionWords(closed, l)}`],
          [CLOSED.when[l], formatDateTime(closed.decidedAtMs, l)],
          [CLOSED.by[l], by?.[l]],
        ]}
      />
      {queueHref ? <p><a href={queueHref}>{CLOSED.queue[l]}</a></p> : null}
    </>
  );
}
