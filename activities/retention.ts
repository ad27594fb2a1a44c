// The retention policy's side effects (workflows/retention.ts): find who is due and keep the report, erase
// one person, close the report. Identifiers, cohorts, outcomes and dates cross to the workflow; no names.
import path from 'node:path';
import { retentionCutoffMs, retentionVerdict } from '../domain/retention';
import { LocalBlobStore } from '../documents/blob-store';
import type { Prisma } from '../platform/database';
import { erasePerson } from '../privacy/erasure';
import type { ActivityDeps } from './deps';

export interface RetentionPlanInput {
  runKey: string;
  nowMs: number;
  years: number;
  dryRun: boolean;
  cohortIds?: string[];
}

export interface DuePerson {
  candidateId: string;
  cohortCode: string;
  outcome: string;
  lastDecisionAtMs: number;
}

export interface RetentionPlan {
  reportId: string;
  cutoffAtMs: number;
  due: DuePerson[];
}

export type RetentionErasure = 'erased' | 'already_erased' | 'no_longer_due';

export const RETENTION_REASON = 'Politique de conservation des données : candidat·e sans certification, effacé·e à l’échéance du délai de conservation après la dernière décision (RGPD art. 5-1-e et 17).';

export function createRetentionActivities({ db, privacy }: ActivityDeps) {
  /** Whether the person is still due now (a journey restarted or an award recorded since the plan keeps them). */
  const stillDue = async (candidateId: string, nowMs: number, years: number) => {
    const views = await db.journeyView.findMany({ where: { candidateId }, select: { status: true, updatedAt: true } });
    return views.length > 0 && views.every((v) => retentionVerdict(v.status, v.updatedAt.getTime(), nowMs, years).kind === 'due');
  };

  return {
    /** Who is due (every journey of theirs ended without the certification, N years ago); the report is kept once per run. */
    async planRetention(input: RetentionPlanInput): Promise<RetentionPlan> {
      const existing = await db.retentionReport.findUnique({ where: { runKey: input.runKey } });
      if (existing) return { reportId: existing.id, cutoffAtMs: existing.cutoffAt.getTime(), due: existing.due as unknown as DuePerson[] };
      const cutoffAtMs = retentionCutoffMs(input.nowMs, input.years);
      const ended = await db.journeyView.findMany({
        where: { status: { startsWith: 'ended' }, updatedAt: { lte: new Date(cutoffAtMs) }, ...(input.cohortIds ? { cohortId: { in: input.cohortIds } } : {}) },
        select: { candidateId: true },
        orderBy: { updatedAt: 'asc' },
      });
      const due: DuePerson[] = [];
      for (const { candidateId } of ended) {
        const candidate = await db.candidate.findUnique({ where: { id: candidateId }, select: { erasedAt: true, cohort: { select: { code: true } } } });
        if (!candidate || candidate.erasedAt || !(await stillDue(candidateId, input.nowMs, input.years))) continue;
        const views = await db.journeyView.findMany({ where: { candidateId }, select: { status: true, updatedAt: true }, orderBy: { updatedAt: 'desc' } });
        due.push({ candidateId, cohortCode: candidate.cohort.code, outcome: views[0]!.status.replace(/^ended:?/, ''), lastDecisionAtMs: views[0]!.updatedAt.getTime() });
      }
      const report = await db.retentionReport.upsert({
        where: { runKey: input.runKey },
        create: { runKey: input.runKey, dryRun: input.dryRun, years: input.years, cutoffAt: new Date(cutoffAtMs), due: due as unknown as Prisma.InputJsonValue },
        update: {},
      });
      return { reportId: report.id, cutoffAtMs, due: report.due as unknown as DuePerson[] };
    },

    /** Erases one person of the report, if still due. */
    async eraseForRetention(input: { reportId: string; candidateId: string; nowMs: number; years: number }): Promise<RetentionErasure> {
      const candidate = await db.candidate.findUnique({ where: { id: input.candidateId }, select: { erasedAt: true } });
      if (!candidate || candidate.erasedAt) return 'already_erased';
      if (!(await stillDue(input.candidateId, input.nowMs, input.years))) return 'no_longer_due';
      const documentsDir = privacy?.documentsDir ?? path.resolve('.data', 'files');
      await erasePerson(
        { db, blobs: new LocalBlobStore(documentsDir), mailboxDir: privacy?.mailboxDir },
        { candidateId: input.candidateId, reason: RETENTION_REASON, by: `retention:${input.reportId}`, actor: { kind: 'system' } },
      );
      return 'erased';
    },

    async completeRetention(input: { reportId: string; erased: string[] }): Promise<void> {
      await db.retentionReport.update({ where: { id: input.reportId }, data: { status: 'completed', erased: input.erased, completedAt: new Date() } });
    },
  };
}

export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
