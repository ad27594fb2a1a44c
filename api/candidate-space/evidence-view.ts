// What the candidate hands in besides the dossier, read from the database: the VAE evidence per item with
// its status and files, and the assessments awaiting their work (a first attempt, or a retake while its
// resubmission window is open, as the result email told the candidate).
import type { OutboxPayload } from '../../activities/mail/outbox';
import type { TemplateDataOf } from '../../activities/notification-types';
import { assessmentWorkKind, vaeEvidenceKind } from '../../documents/evidence-kinds';
import type { PieceFile } from '../../documents/pieces';
import { vaeEvidenceItems, type Referential } from '../../domain/index';
import type { Database } from '../../platform/database';

/** Each VAE item's latest status, from the journey's `vae_evidence` transitions (staff's or the candidate's). */
export async function vaeStatusesOf(db: Database, journeyId: string): Promise<Map<string, string>> {
  const events = await db.auditEvent.findMany({ where: { journeyId, action: 'vae_evidence' }, orderBy: { id: 'asc' } });
  const statuses = new Map<string, string>();
  for (const e of events) {
    const after = e.after as { item?: string; status?: string } | null;
    if (after?.item && after.status) statuses.set(after.item, after.status);
  }
  return statuses;
}

export interface VaeItemView {
  item: string;
  status: string;
  files: PieceFile[];
}

export async function vaeEvidenceView(db: Database, journeyId: string, ref: Referential, enrolledBlocks: string[], history: Map<string, PieceFile[]>): Promise<VaeItemView[]> {
  const statuses = await vaeStatusesOf(db, journeyId);
  return vaeEvidenceItems(ref, enrolledBlocks).map((item) => ({ item, status: statuses.get(item) ?? 'missing', files: history.get(vaeEvidenceKind(item)) ?? [] }));
}

export interface PendingWork {
  blockCode: string;
  assessmentId: string;
  attempt: number;
  /** A retake's resubmission deadline (a first attempt has none of its own). */
  dueAtMs?: number;
  files: PieceFile[];
}

type Retake = Pick<TemplateDataOf<'assessment_result'>, 'assessmentId' | 'attempt' | 'retakeDueAtMs'>;

/**
 * The rule, pure: an assessment of a running block awaits work for attempt 1 until its first grade; after
 * a grade announced as a retake, for the next attempt until the resubmission deadline; otherwise none.
 */
export function pendingAttempts(
  assessments: { blockCode: string; assessmentId: string }[], results: { assessmentCode: string; attempt: number }[], retakes: Retake[], endedBlocks: Set<string>, nowMs: number,
): { blockCode: string; assessmentId: string; attempt: number; dueAtMs?: number }[] {
  const out = [];
  for (const a of assessments) {
    if (endedBlocks.has(a.blockCode)) continue;
    const last = Math.max(0, ...results.filter((r) => r.assessmentCode === a.assessmentId).map((r) => r.attempt));
    if (last === 0) {
      out.push({ ...a, attempt: 1 });
      continue;
    }
    const retake = retakes.find((r) => r.assessmentId === a.assessmentId && r.attempt === last);
    if (retake?.retakeDueAtMs !== undefined && retake.retakeDueAtMs > nowMs) out.push({ ...a, attempt: last + 1, dueAtMs: retake.retakeDueAtMs });
  }
  return out;
}

/** The assessments awaiting the candidate's work now (only while the journey is in training and active). */
export async function pendingWorkOf(
  db: Database, s: { candidateId: string; journeyId: string; ref: Referential; enrolledBlocks: string[]; view: { stage: string; status: string } | null; history: Map<string, PieceFile[]> }, now: Date,
): Promise<PendingWork[]> {
  if (s.view?.stage !== 'training' || s.view.status !== 'active') return [];
  const blocks = s.enrolledBlocks.length ? s.ref.blocks.filter((b) => s.enrolledBlocks.includes(b.code)) : s.ref.blocks;
  const assessments = blocks.flatMap((b) => b.assessments.map((a) => ({ blockCode: b.code, assessmentId: a.id })));
  const results = await db.assessmentResult.findMany({ where: { candidateId: s.candidateId }, select: { assessmentCode: true, attempt: true } });
  const emails = await db.outboxEmail.findMany({ where: { journeyId: s.journeyId, kind: 'assessment_result', recipientRef: `candidate:${s.candidateId}` }, select: { payload: true } });
  const retakes = emails.map((e) => (e.payload as unknown as OutboxPayload).data as Retake);
  const ended = await db.auditEvent.findMany({ where: { journeyId: s.journeyId, action: 'block_result' }, select: { after: true } });
  const endedBlocks = new Set(ended.map((e) => (e.after as { blockCode?: string } | null)?.blockCode).filter((c): c is string => typeof c === 'string'));
  return pendingAttempts(assessments, results, retakes, endedBlocks, now.getTime())
    .map((p) => ({ ...p, files: s.history.get(assessmentWorkKind(p.assessmentId, p.attempt)) ?? [] }));
}
