// Reads a closed certification jury's record into what the minutes say (domain/proces-verbal.ts): the
// members still on it, each one's final decision and comment, the blocks validated before the jury (the
// journey's block results or VAE review, as the audit trail recorded them) and the deferred blocks.
import { getReferential, msToIsoDate, procesVerbalProblems, type JuryOutcome, type JuryVote, type PvVote, type ProcesVerbalRecord } from '../../domain/index';
import type { Database } from '../../platform/database';

export class ProcesVerbalUnavailable extends Error {
  override name = 'ProcesVerbalUnavailable';
  constructor(readonly reason: 'no_jury' | 'not_certification' | 'not_closed' | 'incomplete', message: string) {
    super(message);
  }
}

const OUTCOMES: JuryOutcome[] = ['awarded', 'partially_deferred', 'deferred', 'not_awarded'];
const VOTES: JuryVote[] = ['award', 'not_award', 'defer'];

export async function loadProcesVerbalRecord(db: Database, juryId: string): Promise<ProcesVerbalRecord> {
  const jury = await db.jury.findUnique({
    where: { id: juryId },
    include: { members: { where: { replacedAt: null } }, decisions: { where: { supersededAt: null }, orderBy: { decidedAt: 'asc' } }, candidate: { include: { cohort: true } } },
  });
  if (!jury) throw new ProcesVerbalUnavailable('no_jury', `No jury ${juryId}. Check the id (GET /candidates/{id}/juries lists them).`);
  if (jury.kind !== 'certification') throw new ProcesVerbalUnavailable('not_certification', `Jury ${juryId} is a ${jury.kind} jury: only a certification jury has minutes.`);
  if (!jury.closedAt || !OUTCOMES.includes(jury.outcome as JuryOutcome)) {
    throw new ProcesVerbalUnavailable('not_closed', `Jury ${juryId} has not closed yet: its minutes exist once every member has decided.`);
  }
  const ref = getReferential(jury.candidate.cohort.referentialCode);
  const candidate = jury.candidate;
  const enrolledBlocks = candidate.enrolledBlocks.length ? candidate.enrolledBlocks : ref.blocks.map((b) => b.code);
  const deliberation = parseDeliberation(jury.deliberation);

  const events = await db.auditEvent.findMany({
    where: { candidateId: candidate.id, action: { in: ['block_result', 'vae_evidence'] }, at: { lte: jury.closedAt } },
    orderBy: { id: 'asc' },
    select: { action: true, after: true },
  });
  const status = new Map<string, string>(); // the latest result per block wins
  for (const e of events) {
    const after = (e.after ?? {}) as { blockCode?: string; item?: string; status?: string };
    const code = e.action === 'block_result' ? after.blockCode : after.item;
    if (code && after.status) status.set(code, after.status);
  }
  const votes: PvVote[] = [];
  for (const d of jury.decisions) {
    if (!VOTES.includes(d.decision as JuryVote)) continue;
    const vote = { memberId: d.memberId, decision: d.decision as JuryVote, ...(d.comment ? { comment: d.comment } : {}) };
    const i = votes.findIndex((v) => v.memberId === d.memberId);
    if (i >= 0) votes[i] = vote; else votes.push(vote);
  }
  // School members first, then the external professionals; by name within each (a stable order, so the same file).
  const members = [...jury.members]
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id) : a.kind === 'school' ? -1 : 1))
    .map((m) => ({ memberId: m.id, name: m.name, kind: m.kind === 'school' ? 'school' as const : 'external_professional' as const, inActivity: m.inActivity }));

  const record: ProcesVerbalRecord = {
    juryId: jury.id,
    referentialCode: ref.code,
    sittingOn: jury.sittingOn ? jury.sittingOn.toISOString().slice(0, 10) : msToIsoDate(jury.closedAt.getTime()),
    closedAtMs: jury.closedAt.getTime(),
    members,
    candidates: [{
      name: `${candidate.firstName} ${candidate.lastName}`,
      enrolledBlocks,
      validatedBefore: enrolledBlocks.filter((code) => status.get(code) === 'validated'),
      deferredBlocks: deliberation.deferredBlocks,
      outcome: jury.outcome as JuryOutcome,
      votes: members.flatMap((m) => votes.filter((v) => v.memberId === m.memberId)),
    }],
  };
  const problems = procesVerbalProblems(record);
  if (problems.length) throw new ProcesVerbalUnavailable('incomplete', `Jury ${juryId}'s record cannot give minutes: ${problems.join(', ')}.`);
  return record;
}

function parseDeliberation(text: string | null): { deferredBlocks: string[] } {
  try {
    const parsed = JSON.parse(text ?? '{}') as { deferredBlocks?: unknown };
    return { deferredBlocks: Array.isArray(parsed.deferredBlocks) ? parsed.deferredBlocks.filter((b): b is string => typeof b === 'string') : [] };
  } catch {
    return { deferredBlocks: [] };
  }
}
