// Side effects of the candidate journey: the staff read model and audit trail, eligibility and admission
// under the cohort's quotas, and the results people record. Each call is idempotent, so a retried or
// replayed activity leaves one row and one audit entry.
import {
  assessEligibility,
  checkDerogationQuota,
  eligibilityInputSchema,
  getReferential,
  type EligibilityCategory,
  type IsoDate,
} from '../domain/index';
import type { Prisma } from '../platform/database';
import type { ActivityDeps } from './deps';
import { onCertificationJuryClosed } from './official-records';
import {
  writeAssessmentResult, writeFollowUpAnswer, writeInternshipConfirmed, writeJuryDecision, writeJuryMemberReplaced, writeThesis, writeTransition,
  type AssessmentResultInput, type FollowUpAnswerInput, type InternshipConfirmation, type JuryDecisionInput, type JuryMemberReplacement, type ThesisInput, type TransitionRecord,
} from './journey-writes';

export type { TransitionRecord } from './journey-writes';

/** What a wait planned (who is awaited, by when): the read model learns it when it is planned, not at the next step. */
export interface PlanRecord {
  journeyId: string;
  awaiting: unknown[];
  nextDueAtMs?: number;
  /** The journey's sequence number when planned: a later transition's write is never overwritten. */
  version: number;
}

export interface EligibilityOutcome {
  category: EligibilityCategory;
  reasonCodes: string[];
}

export type AdmissionOutcome =
  | { admitted: true; category: EligibilityCategory; countedInQuota: boolean }
  | { admitted: false; reasonCodes: string[]; byRightAdmissionsNeeded: number | null };

const json = (v: unknown) => (v === undefined ? undefined : (v as Prisma.InputJsonValue));

export function createJourneyActivities({ db, clock, documents }: ActivityDeps) {
  return {
    /** Upserts the read model (only if `version` is newer) and appends the audit event once per version. */
    async recordJourneyTransition(t: TransitionRecord): Promise<void> {
      await db.$transaction((tx) => writeTransition(tx, clock, t));
    },

    /** A wait's plan (first deadline, extension, suspension) into the read model, with no event of its own. */
    async recordJourneyPlan(p: PlanRecord): Promise<void> {
      await db.journeyView.updateMany({
        where: { journeyId: p.journeyId, version: { lte: p.version } },
        data: { awaiting: json(p.awaiting)!, nextDueAt: p.nextDueAtMs === undefined ? null : new Date(p.nextDueAtMs), updatedAt: clock() },
      });
    },

    /** Kinds of the dossier pieces already stored for the candidate. */
    async loadDossierPieceKinds(candidateId: string): Promise<string[]> {
      const rows = await db.dossierPiece.findMany({ where: { candidateId }, select: { kind: true } });
      return rows.map((r) => r.kind).sort();
    },

    /** Eligibility from the declared profile (domain rules), stored for staff; reasons as codes only. */
    async assessCandidateEligibility(input: { candidateId: string; referentialCode: string }): Promise<EligibilityOutcome> {
      const ref = getReferential(input.referentialCode);
      const candidate = await db.candidate.findUniqueOrThrow({ where: { id: input.candidateId }, select: { declaredProfile: true } });
      const parsed = eligibilityInputSchema.safeParse(candidate.declaredProfile);
      const result = parsed.success
        ? assessEligibility(parsed.data, ref)
        : {
            category: 'not_eligible' as const,
            reasons: [
              {
                code: 'declared_profile_invalid',
                fr: `Profil déclaré incomplet ou invalide : ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}. Corrigez le profil puis relancez l’examen.`,
                en: `Declared profile incomplete or invalid: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}. Fix the profile, then review again.`,
              },
            ],
          };
      await db.eligibilityResult.upsert({
        where: { candidateId: input.candidateId },
        create: { candidateId: input.candidateId, category: result.category, reasons: json(result.reasons)!, computedAt: clock() },
        update: { category: result.category, reasons: json(result.reasons)!, computedAt: clock() },
      });
      return { category: result.category, reasonCodes: result.reasons.map((r) => r.code) };
    },

    /**
     * Admits the candidate into the cohort. For a derogation, the quota check and the insert run in one
     * transaction holding a row lock on the cohort: two concurrent admissions cannot take the same last place.
     * Idempotent: an existing admission is returned as is.
     */
    async admitCandidate(input: { candidateId: string; cohortId: string; referentialCode: string }): Promise<AdmissionOutcome> {
      const ref = getReferential(input.referentialCode);
      return db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Cohort" WHERE id = ${input.cohortId}::uuid FOR UPDATE`;
        const existing = await tx.admission.findUnique({ where: { candidateId: input.candidateId } });
        if (existing && !existing.withdrawnAt) {
          return { admitted: true, category: existing.category as EligibilityCategory, countedInQuota: existing.countedInQuota };
        }
        const eligibility = await tx.eligibilityResult.findUniqueOrThrow({ where: { candidateId: input.candidateId } });
        const category = eligibility.category as EligibilityCategory;
        if (category === 'not_eligible') return { admitted: false, reasonCodes: ['not_eligible'], byRightAdmissionsNeeded: null };
        const countedInQuota = category !== 'by_right';
        if (countedInQuota) {
          const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: input.cohortId } });
          const groups = await tx.admission.groupBy({
            by: ['category'],
            where: { cohortId: input.cohortId, withdrawnAt: null },
            _count: { _all: true },
          });
          const n = (c: string) => groups.find((g) => g.category === c)?._count._all ?? 0;
          const quota = checkDerogationQuota(
            {
              admitted: { byRight: n('by_right'), derogationA: n('derogation_a_vapp'), derogationB: n('derogation_b') },
              candidateCategory: category,
              specificRecruitmentContext: cohort.specificRecruitmentContext ? { justification: cohort.contextJustification ?? '' } : null,
              plannedCapacity: cohort.capacity ?? undefined,
            },
            ref,
          );
          if (!quota.allowed) {
            return { admitted: false, reasonCodes: quota.reasons.map((r) => r.code), byRightAdmissionsNeeded: quota.byRightAdmissionsNeeded };
          }
        }
        const data = { cohortId: input.cohortId, category, countedInQuota, admittedAt: clock(), withdrawnAt: null };
        await tx.admission.upsert({ where: { candidateId: input.candidateId }, create: { candidateId: input.candidateId, ...data }, update: data });
        return { admitted: true, category, countedInQuota };
      });
    },

    /** A withdrawn candidate no longer counts in the cohort's quotas, nor waits on its quota reserve. */
    async releaseAdmission(candidateId: string): Promise<void> {
      await db.admission.updateMany({ where: { candidateId, withdrawnAt: null }, data: { withdrawnAt: clock() } });
      await db.quotaReserve.updateMany({ where: { candidateId, status: 'waiting' }, data: { status: 'withdrawn', decidedAt: clock() } });
    },

    /** Dates and ratio of a declared internship period (the organisation stays in the database). */
    async readInternshipPeriod(input: { candidateId: string; periodId: string }): Promise<{ start: IsoDate; end: IsoDate; fteRatio: number } | null> {
      const row = await db.internshipPeriod.findFirst({ where: { id: input.periodId, candidateId: input.candidateId } });
      if (!row) return null;
      const iso = (d: Date) => d.toISOString().slice(0, 10);
      return { start: iso(row.startOn), end: iso(row.endOn), fteRatio: Number(row.fteRatio) };
    },

    async confirmInternshipPeriodRow(input: InternshipConfirmation): Promise<void> {
      await writeInternshipConfirmed(db, clock, input);
    },

    async recordAssessmentResult(input: AssessmentResultInput): Promise<void> {
      await writeAssessmentResult(db, clock, input);
    },

    async recordThesis(input: ThesisInput): Promise<void> {
      await writeThesis(db, input);
    },

    /** One row per decision id; a correction supersedes the member's earlier decisions. */
    async recordJuryDecisionRow(input: JuryDecisionInput): Promise<void> {
      await db.$transaction((tx) => writeJuryDecision(tx, clock, input));
    },

    async closeJury(input: { juryId: string; outcome: string; deliberation: unknown }): Promise<void> {
      await db.jury.updateMany({
        where: { id: input.juryId, closedAt: null },
        data: { status: 'closed', outcome: input.outcome, deliberation: JSON.stringify(input.deliberation), closedAt: clock() },
      });
      // The official records (procès-verbal, CPF declaration deadline) start from the closed row.
      await onCertificationJuryClosed({ db, clock, documents }, input.juryId);
    },

    /** The replaced member's links stop working; the member row keeps when it was replaced. */
    async replaceJuryMemberRow(input: JuryMemberReplacement): Promise<void> {
      await db.$transaction((tx) => writeJuryMemberReplaced(tx, clock, input));
    },

    async recordFollowUpAnswer(input: FollowUpAnswerInput): Promise<void> {
      await writeFollowUpAnswer(db, clock, input);
    },
  };
}

export type JourneyActivities = ReturnType<typeof createJourneyActivities>;
