// Everything the candidate space shows, read from the database (never from the workflow: a page view
// must not depend on, or touch, the journey): the journey's read model, the pieces and their files,
// the candidate's open tasks (the action links mailed to them), the interview, the timeline.
import type { OutboxPayload } from '../../activities/mail/outbox';
import { referentialOf } from '../../activities/wording/catalogue';
import { pieceHistory } from '../../documents/pieces';
import { pendingWorkOf, vaeEvidenceView } from './evidence-view';
import type { Database } from '../../platform/database';
import { journeyWorkflowId, type AwaitedAction } from '../../workflows/messages';
import { cpfIdentityTask } from './cpf-identity';

/** The journey events a candidate reads in their timeline (staff-internal ones are left out). */
const CANDIDATE_EVENTS = new Set([
  'journey_started', 'dossier_complete', 'eligibility_assessed', 'selection_opened', 'selection_decided', 'interview_opened', 'interview_slots_offered',
  'interview_slot_chosen', 'interview_outcome', 'admitted', 'admission_refused', 'training_started', 'block_result', 'internship_period_declared',
  'internship_period_confirmed', 'internship_met', 'thesis_submitted', 'thesis_defence_scheduled', 'thesis_result', 'vae_evidence_opened', 'vae_evidence', 'assessment_work_handed_in',
  'certification_jury_awaited', 'certification_jury_decided', 'follow_up_started', 'follow_up_survey_sent', 'follow_up_answered', 'deadline_extended',
  'suspended', 'resumed', 'withdrawn', 'journey_ended',
]);

/** The candidate's forms that the space shows inline (the same forms as their emailed links). */
export const SPACE_TASKS = ['interview_slot_choice', 'internship_declaration', 'thesis_submission', 'follow_up_survey'] as const;
const TASK_STAGE: Record<string, string> = { interview_slot_choice: 'interview', internship_declaration: 'training', thesis_submission: 'training', follow_up_survey: 'follow_up' };
/** The read model's name of an awaited action, as the space knows it (the internship link is one "declaration"). */
const AWAITED_AS: Record<string, string> = { internship_periods: 'internship_declaration' };

export async function loadSpace(db: Database, candidateId: string, now: Date) {
  const candidate = await db.candidate.findUniqueOrThrow({ where: { id: candidateId }, include: { cohort: true, pieces: true, thesis: true } });
  const journeyId = journeyWorkflowId(candidate.cohort.referentialCode, candidate.id);
  const ref = referentialOf(candidate.cohort.referentialCode);
  const view = await db.journeyView.findUnique({ where: { journeyId } });
  const awaiting = ((view?.awaiting ?? []) as unknown as AwaitedAction[]);
  const tokens = await db.actionToken.findMany({
    where: { journeyId, recipientRole: 'candidate', revokedAt: null, expiresAt: { gt: now }, action: { in: [...SPACE_TASKS] } },
    orderBy: { createdAt: 'desc' },
  });
  const mine = `candidate:${candidate.id}`;
  const confirmed = await db.outboxEmail.findFirst({ where: { journeyId, kind: 'interview_confirmed', recipientRef: mine }, orderBy: { createdAt: 'desc' } });
  // One open task per action: the newest link (a reschedule's new slots replace the old ones), only while
  // the journey is at that link's stage and the task was not done another way (staff, or an earlier link).
  const tasks = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    if (seen.has(token.action)) continue;
    seen.add(token.action);
    if (token.useCount > 0 && token.action !== 'internship_declaration') continue;
    if (!view || view.stage !== TASK_STAGE[token.action] || view.status !== 'active') continue;
    if (token.action === 'interview_slot_choice' && confirmed && confirmed.createdAt > token.createdAt) continue;
    const email = await db.outboxEmail.findFirst({ where: { actionTokenId: token.id }, select: { payload: true } });
    tasks.push({ token, data: ((email?.payload as unknown as OutboxPayload | undefined)?.data ?? {}) as Record<string, unknown> });
  }
  const cancelled = await db.outboxEmail.findFirst({ where: { journeyId, kind: 'interview_cancelled', recipientRef: mine }, orderBy: { createdAt: 'desc' } });
  const interview = confirmed && (!cancelled || cancelled.createdAt < confirmed.createdAt)
    ? { outboxId: confirmed.id, slot: (confirmed.payload as unknown as OutboxPayload).data as unknown as { slot: { startsAtMs: number; durationMinutes: number; place?: string } } }
    : undefined;
  const events = await db.auditEvent.findMany({ where: { journeyId }, orderBy: { id: 'asc' }, take: 500 });
  const timeline = events.filter((e) => CANDIDATE_EVENTS.has(e.action)).map((e) => ({ at: e.at, action: e.action }));
  const history = await pieceHistory(db, candidate.id);
  const vae = candidate.route === 'vae' ? await vaeEvidenceView(db, journeyId, ref, candidate.enrolledBlocks, history) : [];
  const done = doneByCandidate({ thesisSubmitted: Boolean(candidate.thesis?.submittedAt), vae });
  const expected = (await expectedOf(db, journeyId, view, awaiting, tasks)).filter((e) => !done.has(e.what));
  const work = await pendingWorkOf(db, { candidateId: candidate.id, journeyId, ref, enrolledBlocks: candidate.enrolledBlocks, view, history }, now);
  // The quota reserve is a stage only for the candidates who entered it (most never do).
  const enteredQuotaReserve = view?.stage === 'awaiting_quota' || events.some((e) => e.action === 'quota_reserve_entered');
  return { candidate, journeyId, ref, view, awaiting, expected, tasks, interview, timeline, enteredQuotaReserve, nowMs: now.getTime(), history, vae, work, cpfIdentity: await cpfIdentityTask(db, candidate.id) };
}
export type SpaceData = Awaited<ReturnType<typeof loadSpace>>;

/**
 * What the candidate has done although the read model may still await it: the read model is written at
 * transitions, and the transition that records the thesis or the last VAE item runs before the journey's
 * wait ends (so it still lists the wait). The facts in the database say it is done.
 */
export function doneByCandidate(facts: { thesisSubmitted: boolean; vae: { status: string }[] }): Set<string> {
  const done = new Set<string>();
  if (facts.thesisSubmitted) done.add('thesis_submission');
  if (facts.vae.length > 0 && facts.vae.every((v) => v.status !== 'missing')) done.add('vae_evidence');
  return done;
}

/**
 * What the candidate must do, and by when: the journey's read model, completed by the emails that asked
 * (the read model is written at transitions, so a step opened since the last one is known from its email).
 */
async function expectedOf(
  db: Database, journeyId: string, view: { stage: string; status: string } | null, awaiting: AwaitedAction[], tasks: { token: { action: string }; data: Record<string, unknown> }[],
): Promise<{ what: string; dueAtMs?: number }[]> {
  const out = new Map<string, { what: string; dueAtMs?: number }>();
  for (const a of awaiting) {
    const what = AWAITED_AS[a.what] ?? a.what;
    if (a.who.role === 'candidate' && (!TASK_STAGE[what] || TASK_STAGE[what] === view?.stage)) out.set(what, { what, dueAtMs: a.dueAtMs });
  }
  for (const t of tasks) {
    if (!out.has(t.token.action)) out.set(t.token.action, { what: t.token.action, dueAtMs: typeof t.data.dueAtMs === 'number' ? t.data.dueAtMs : undefined });
  }
  if (view?.stage === 'dossier' && view.status === 'active' && !out.has('dossier_pieces')) {
    const asked = await db.outboxEmail.findFirst({ where: { journeyId, kind: { in: ['dossier_opened', 'dossier_reminder'] } }, orderBy: { createdAt: 'desc' } });
    const due = ((asked?.payload as unknown as OutboxPayload | undefined)?.data as { dueAtMs?: number } | undefined)?.dueAtMs;
    if (asked) out.set('dossier_pieces', { what: 'dossier_pieces', dueAtMs: due });
  }
  return [...out.values()];
}
