// The journey's writes, each on a client that may be a transaction: the activities run them alone, and
// `commitTransition` (activities/transition-commit.ts) runs a transition's together in one transaction.
// Each is idempotent, so a retried step leaves one row and one audit entry.
import type { IsoDate } from '../domain/rules';
import type { Prisma } from '../platform/database';

type Client = Prisma.TransactionClient;
type Clock = () => Date;

export interface TransitionRecord {
  journeyId: string;
  candidateId: string;
  cohortId: string;
  route: string;
  stage: string;
  status: string;
  outcome?: string;
  awaiting: unknown[];
  nextDueAtMs?: number;
  /** The journey's sequence number: an older write never overwrites a newer one. */
  version: number;
  event: { actor: string; action: string; before?: unknown; after?: unknown };
}

const json = (v: unknown) => (v === undefined ? undefined : (v as Prisma.InputJsonValue));

/** The audit event (once per version) and the read model (only if `version` is newer). */
export async function writeTransition(tx: Client, clock: Clock, t: TransitionRecord): Promise<void> {
  const view = {
    stage: t.stage,
    status: t.outcome ? `${t.status}:${t.outcome}` : t.status,
    awaiting: json(t.awaiting)!,
    nextDueAt: t.nextDueAtMs === undefined ? null : new Date(t.nextDueAtMs),
    version: t.version,
    updatedAt: clock(),
  };
  const dedupKey = `${t.journeyId}:${t.version}`;
  await tx.auditEvent.upsert({
    where: { dedupKey },
    create: { journeyId: t.journeyId, candidateId: t.candidateId, actor: t.event.actor, action: t.event.action, before: json(t.event.before), after: json(t.event.after), at: clock(), dedupKey },
    update: {},
  });
  const { count } = await tx.journeyView.updateMany({ where: { journeyId: t.journeyId, version: { lt: t.version } }, data: view });
  if (count > 0) return;
  const existing = await tx.journeyView.findUnique({ where: { journeyId: t.journeyId }, select: { version: true } });
  if (!existing) await tx.journeyView.create({ data: { journeyId: t.journeyId, candidateId: t.candidateId, cohortId: t.cohortId, route: t.route, ...view } });
}

export interface InternshipConfirmation {
  periodId: string;
  staffId: string;
}

export async function writeInternshipConfirmed(tx: Client, clock: Clock, input: InternshipConfirmation): Promise<void> {
  await tx.internshipPeriod.updateMany({ where: { id: input.periodId, confirmedAt: null }, data: { confirmedAt: clock(), confirmedBy: input.staffId } });
}

export interface AssessmentResultInput {
  candidateId: string;
  blockCode: string;
  assessmentId: string;
  attempt: number;
  grade: number;
  assessorRef: string;
}

export async function writeAssessmentResult(tx: Client, clock: Clock, input: AssessmentResultInput): Promise<void> {
  const key = { candidateId: input.candidateId, assessmentCode: input.assessmentId, attempt: input.attempt };
  await tx.assessmentResult.upsert({
    where: { candidateId_assessmentCode_attempt: key },
    create: { ...key, blockCode: input.blockCode, grade: input.grade, assessorRef: input.assessorRef, recordedAt: clock() },
    update: { grade: input.grade, assessorRef: input.assessorRef },
  });
}

export interface ThesisInput {
  candidateId: string;
  submittedAtMs?: number;
  defenceOn?: IsoDate;
  grade?: number;
  validated?: boolean;
}

export async function writeThesis(tx: Client, input: ThesisInput): Promise<void> {
  const data = {
    ...(input.submittedAtMs !== undefined ? { submittedAt: new Date(input.submittedAtMs) } : {}),
    ...(input.defenceOn !== undefined ? { defenceOn: new Date(`${input.defenceOn}T00:00:00Z`) } : {}),
    ...(input.grade !== undefined ? { grade: input.grade } : {}),
    ...(input.validated !== undefined ? { validated: input.validated } : {}),
  };
  await tx.thesis.upsert({ where: { candidateId: input.candidateId }, create: { candidateId: input.candidateId, ...data }, update: data });
}

export interface JuryDecisionInput {
  decisionId: string;
  juryId: string;
  memberId: string;
  decision: string;
  commentRef?: string;
  /** The member's earlier decision this one replaces (a change of mind while the jury is open). */
  supersedes?: string;
}

/** One row per decision id; both decisions of a change of mind stay, the earlier one marked superseded. */
export async function writeJuryDecision(tx: Client, clock: Clock, input: JuryDecisionInput): Promise<void> {
  const note = input.commentRef ? await tx.journeyNote.findUnique({ where: { id: input.commentRef } }) : null;
  await tx.juryDecision.upsert({
    where: { decisionId: input.decisionId },
    create: { decisionId: input.decisionId, juryId: input.juryId, memberId: input.memberId, decision: input.decision, comment: note?.text ?? null, decidedAt: clock() },
    update: {},
  });
  if (input.supersedes) await tx.juryDecision.updateMany({ where: { decisionId: input.supersedes, supersededAt: null }, data: { supersededAt: clock() } });
}

export interface JuryMemberReplacement {
  journeyId: string;
  juryId: string;
  replacedMemberId: string;
}

/** The replaced member's links stop working; the member row keeps when it was replaced. */
export async function writeJuryMemberReplaced(tx: Client, clock: Clock, input: JuryMemberReplacement): Promise<void> {
  const now = clock();
  await tx.juryMember.updateMany({ where: { id: input.replacedMemberId, juryId: input.juryId, replacedAt: null }, data: { replacedAt: now } });
  await tx.actionToken.updateMany({ where: { journeyId: input.journeyId, subjectRef: input.replacedMemberId, revokedAt: null }, data: { revokedAt: now } });
}

export interface FollowUpAnswerInput {
  candidateId: string;
  wave: number;
  employed: boolean;
  inTargetJob: boolean;
  romeCode?: string;
}

export async function writeFollowUpAnswer(tx: Client, clock: Clock, input: FollowUpAnswerInput): Promise<void> {
  const data = { employed: input.employed, inTargetJob: input.inTargetJob, romeCode: input.romeCode ?? null, answeredAt: clock() };
  await tx.followUpAnswer.upsert({
    where: { candidateId_wave: { candidateId: input.candidateId, wave: input.wave } },
    create: { candidateId: input.candidateId, wave: input.wave, ...data },
    update: data,
  });
}
