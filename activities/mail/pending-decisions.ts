// What a person still has to decide: a link's step may have closed without them (another reviewer
// decided, staff decided, the journey ended: D6), and the person's pending decisions across candidates
// (the jury queue and the daily digest). Read from the database only — the audit trail and the read
// model the journey writes — never from the workflow: a page view must not depend on it.
import type { ActionKind } from '../notification-types';
import type { Database } from '../../platform/database';
import type { ActionTokenRow } from './action-tokens';
import { candidateNameOfJourney } from './recipients';

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


/**
 * The step's deadline as it stands now: the journey's read model (extensions and suspensions included)
 * when it lists this person's awaited action, else the date the email said.
 */
export async function currentDeadline(db: Database, row: ActionTokenRow, data: Record<string, unknown>): Promise<number | undefined> {
  const told = typeof data.dueAtMs === 'number' ? data.dueAtMs : undefined;
  const view = await db.journeyView.findUnique({ where: { journeyId: row.journeyId }, select: { awaiting: true } });
  const memberId = (row.recipientRef ?? '').startsWith('juryMember:') ? row.recipientRef!.slice('juryMember:'.length) : undefined;
  const awaited = ((view?.awaiting ?? []) as { who?: { role?: string; ref?: string }; what?: string; dueAtMs?: number }[]).find(
    (a) => a.what === row.action && typeof a.dueAtMs === 'number' && (memberId ? a.who?.ref === memberId : a.who?.role === 'candidate'),
  );
  return awaited?.dueAtMs ?? told;
}


/** A decision a person still has to make: the newest usable link of its step, and what the lists show. */
export interface PendingDecision {
  row: ActionTokenRow;
  step: ActionKind;
  dueAtMs?: number;
  candidateName?: string;
  /** The outbox row that carried this link (the digest marks the rows it told about). */
  outboxId?: string;
  /** The template data of that email (the decision page reads it too). */
  data: Record<string, unknown>;
}

/** The jury member rows of one person (one row per jury they sit on), still in place. */
export async function memberIdsOfPerson(db: Database, personRef: string): Promise<string[]> {
  const members = await db.juryMember.findMany({ where: { personRef, replacedAt: null }, select: { id: true } });
  return members.map((m) => m.id);
}

/**
 * Every decision one person (JuryMember.personRef, across juries and candidates) still has to make, the
 * most urgent first. A step counts once (the request and its reminders each carry a link: the newest
 * usable one is kept); a step the person answered (and was not asked again since), or that closed without
 * them, is left out.
 */
export async function pendingDecisionsOf(db: Database, personRef: string, now: Date): Promise<PendingDecision[]> {
  const refs = (await memberIdsOfPerson(db, personRef)).map((id) => `juryMember:${id}`);
  if (refs.length === 0) return [];
  const rows = await db.actionToken.findMany({ where: { recipientRef: { in: refs }, revokedAt: null }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  const steps = new Map<string, ActionTokenRow[]>();
  for (const row of rows) {
    const key = [row.journeyId, row.action, row.recipientRef, row.subjectRef ?? ''].join('|');
    steps.set(key, [...(steps.get(key) ?? []), row]);
  }
  const pending: PendingDecision[] = [];
  for (const tokens of steps.values()) {
    // Newest first: the links issued since the person's last answer. A step asked again after an answer
    // (an assessment's retake: same assessor, same assessment, a new request) is pending again.
    const used = tokens.findIndex((t) => t.useCount > 0 || t.usedAt);
    const row = (used < 0 ? tokens : tokens.slice(0, used)).find((t) => t.expiresAt.getTime() > now.getTime());
    if (!row || (await closedStep(db, row))) continue;
    const email = await db.outboxEmail.findFirst({ where: { actionTokenId: row.id }, select: { id: true, payload: true } });
    const data = ((email?.payload as { data?: Record<string, unknown> } | undefined)?.data ?? {}) as Record<string, unknown>;
    pending.push({ row, step: row.action as ActionKind, dueAtMs: await currentDeadline(db, row, data), candidateName: await candidateNameOfJourney(db, row.journeyId), outboxId: email?.id, data });
  }
  return pending.sort((a, b) => (a.dueAtMs ?? Infinity) - (b.dueAtMs ?? Infinity) || a.row.createdAt.getTime() - b.row.createdAt.getTime());
}
