// The quota reserve's side effects (domain/quota-reserve.ts for the rules). Every change of a cohort's
// admissions or reserve runs in one transaction holding the cohort's row lock (SELECT … FOR UPDATE), like
// admitCandidate: the counts read are the counts written against, so a place is never given twice, however
// many journeys re-evaluate at once. Each call is idempotent (a retried activity finds the row as it left it).
import {
  fitsNow, getReferential, isDerogation, msToIsoDate, placesForReserve, type CohortCounts, type DerogationCategory, type EligibilityCategory,
  type IsoDate, type QuotaReserveStatus, type ReserveContext,
} from '../domain/index';
import type { Prisma } from '../platform/database';
import type { ActivityDeps } from './deps';

type Tx = Prisma.TransactionClient;

export interface ReserveState {
  status: QuotaReserveStatus;
  category: DerogationCategory;
  /** The cohort's cut-off date (null: staff have not set one yet). */
  cutoffOn: IsoDate | null;
}

/** What staff decide for a candidate on the reserve, or the cut-off deciding for them. */
export type ReserveSettlement =
  | { decision: 'admit_on_appeal'; staffId: string; justificationRef: string }
  | { decision: 'refuse'; staffId: string }
  | { decision: 'cutoff' };

async function lockCohort(tx: Tx, cohortId: string) {
  await tx.$queryRaw`SELECT id FROM "Cohort" WHERE id = ${cohortId}::uuid FOR UPDATE`;
  const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: cohortId } });
  const ctx: ReserveContext = {
    ref: getReferential(cohort.referentialCode),
    specificRecruitmentContext: cohort.specificRecruitmentContext ? { justification: cohort.contextJustification ?? '' } : null,
  };
  return { cohort, ctx };
}

/** Admitted per category, withdrawn excluded: the quota base (as admitCandidate counts it). */
async function counts(tx: Tx, cohortId: string): Promise<CohortCounts> {
  const groups = await tx.admission.groupBy({ by: ['category'], where: { cohortId, withdrawnAt: null }, _count: { _all: true } });
  const n = (c: string) => groups.find((g) => g.category === c)?._count._all ?? 0;
  return { byRight: n('by_right'), derogationA: n('derogation_a_vapp'), derogationB: n('derogation_b') };
}

export function createQuotaReserveActivities({ db, clock }: ActivityDeps) {
  const admitRow = (tx: Tx, r: { candidateId: string; cohortId: string; category: string }) => {
    const data = { cohortId: r.cohortId, category: r.category, countedInQuota: true, admittedAt: clock(), withdrawnAt: null };
    return tx.admission.upsert({ where: { candidateId: r.candidateId }, create: { candidateId: r.candidateId, ...data }, update: data });
  };
  const stateOf = async (candidateId: string): Promise<ReserveState> => {
    const row = await db.quotaReserve.findUniqueOrThrow({ where: { candidateId }, include: { cohort: { select: { quotaReserveCutoffOn: true } } } });
    const cutoff = row.cohort.quotaReserveCutoffOn;
    return { status: row.status as QuotaReserveStatus, category: row.category as DerogationCategory, cutoffOn: cutoff ? msToIsoDate(cutoff.getTime()) : null };
  };

  return {
    /**
     * A derogation candidate refused on quota after a positive interview enters the reserve, in the same
     * locked transaction that checks again: if a place opened since the refusal, they are admitted at once.
     */
    async enterQuotaReserve(input: { candidateId: string; cohortId: string; journeyId: string }): Promise<ReserveState> {
      await db.$transaction(async (tx) => {
        const { ctx } = await lockCohort(tx, input.cohortId);
        const existing = await tx.quotaReserve.findUnique({ where: { candidateId: input.candidateId } });
        if (existing) return;
        const eligibility = await tx.eligibilityResult.findUniqueOrThrow({ where: { candidateId: input.candidateId } });
        const category = eligibility.category as EligibilityCategory;
        if (!isDerogation(category)) throw new Error(`Only a derogation candidate enters the quota reserve (candidate ${input.candidateId} is ${category}).`);
        const fits = fitsNow(await counts(tx, input.cohortId), category, ctx);
        if (fits) await admitRow(tx, { ...input, category });
        await tx.quotaReserve.create({ data: { ...input, category, reservedAt: clock(), status: fits ? 'admitted' : 'waiting', ...(fits ? { decidedAt: clock(), decidedBy: 'system' } : {}) } });
      });
      return stateOf(input.candidateId);
    },

    /**
     * The cohort's admissions changed: the open places go to the waiting candidates in reserve order.
     * Answers the journeys that were waiting (each is told to look again: admitted, or still waiting).
     */
    async fillQuotaReserve(cohortId: string): Promise<{ journeyIds: string[] }> {
      return db.$transaction(async (tx) => {
        const { ctx } = await lockCohort(tx, cohortId);
        const waiting = await tx.quotaReserve.findMany({ where: { cohortId, status: 'waiting' }, orderBy: [{ reservedAt: 'asc' }, { id: 'asc' }] });
        const given = placesForReserve(await counts(tx, cohortId), waiting.map((w) => ({ ...w, category: w.category as DerogationCategory })), ctx);
        for (const r of given) {
          await admitRow(tx, r);
          await tx.quotaReserve.update({ where: { id: r.id }, data: { status: 'admitted', decidedAt: clock(), decidedBy: 'system' } });
        }
        return { journeyIds: waiting.map((w) => w.journeyId) };
      });
    },

    async readQuotaReserve(candidateId: string): Promise<ReserveState> {
      return stateOf(candidateId);
    },

    /**
     * Staff's decision, or the cut-off's refusal. A reserve that a place already reached stays admitted
     * (the decision came too late to matter): the answer is the reserve's final status.
     */
    async settleQuotaReserve(input: { candidateId: string } & ReserveSettlement): Promise<ReserveState> {
      const row = await db.quotaReserve.findUniqueOrThrow({ where: { candidateId: input.candidateId } });
      await db.$transaction(async (tx) => {
        await lockCohort(tx, row.cohortId);
        const current = await tx.quotaReserve.findUniqueOrThrow({ where: { id: row.id } });
        if (current.status !== 'waiting') return;
        if (input.decision === 'admit_on_appeal') await admitRow(tx, current);
        const status: QuotaReserveStatus = input.decision === 'admit_on_appeal' ? 'admitted_on_appeal' : input.decision === 'refuse' ? 'refused' : 'cutoff_refused';
        await tx.quotaReserve.update({
          where: { id: row.id },
          data: {
            status, decidedAt: clock(), decidedBy: 'staffId' in input ? `staff:${input.staffId}` : 'system',
            ...(input.decision === 'admit_on_appeal' ? { justificationRef: input.justificationRef } : {}),
          },
        });
      });
      return stateOf(input.candidateId);
    },
  };
}

export type QuotaReserveActivities = ReturnType<typeof createQuotaReserveActivities>;
