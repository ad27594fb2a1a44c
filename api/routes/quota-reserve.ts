// Derogation quotas and the quota reserve of a cohort (D2): quotas in use and left, how many by-right
// admissions would free a place, who waits on the reserve; and staff's decision for a candidate on it at the
// cut-off (admit on appeal with a written justification, or refuse), sent to the journey as an update.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { saveJourneyNote } from '../../activities/journey-notes';
import { byRightAdmissionsToFreePlace, checkDerogationQuota, getReferential, placesLeftNow, type DerogationCategory, type ReserveContext } from '../../domain/index';
import * as journey from '../../workflows/journey-client';
import type { AppDeps } from '../app';
import { ADMISSIONS, ANY_ROLE } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { loadCandidate, refusalProblem } from './candidates';
import { admittedCounts } from './cohorts';
import { idParams, notFound } from './common';

export const quotaReserveDecisionBody = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('admit_on_appeal'),
    justification: z.string().trim().min(20, 'explain in at least 20 characters why the candidate is admitted over the quota').max(2000),
  }),
  z.strictObject({ decision: z.literal('refuse') }),
]);

const CATEGORIES: { key: 'derogationA' | 'derogationB'; category: DerogationCategory }[] = [
  { key: 'derogationA', category: 'derogation_a_vapp' },
  { key: 'derogationB', category: 'derogation_b' },
];

export function quotaReserveRouter(registry: ApiRegistry, { db, temporal }: AppDeps) {
  return registry.router((add) => {
    add({
      method: 'get', path: '/cohorts/:id/quotas', operationId: 'getCohortQuotas', tag: 'Cohorts', roles: ANY_ROLE,
      summary: 'Derogation quotas: admitted per category, limits in force, places left for (a) and (b) now, by-right admissions that would free a place, the quota reserve',
      params: idParams,
      responses: { 200: { description: 'Quota use' }, 404: { description: 'No such cohort' } },
      handler: async ({ params }) => {
        const cohort = await db.cohort.findUnique({ where: { id: params.id } });
        if (!cohort) throw notFound('Cohort', params.id);
        const ctx: ReserveContext = {
          ref: getReferential(cohort.referentialCode),
          specificRecruitmentContext: cohort.specificRecruitmentContext ? { justification: cohort.contextJustification ?? '' } : null,
        };
        const counts = await admittedCounts(db, cohort.id);
        // The cohort picture as the rules see it (a by-right admission changes no derogation count).
        const picture = checkDerogationQuota({ admitted: counts, candidateCategory: 'by_right', specificRecruitmentContext: ctx.specificRecruitmentContext }, ctx.ref);
        const total = counts.byRight + counts.derogationA + counts.derogationB;
        const pct = (n: number) => (total === 0 ? 0 : (n * 100) / total);
        const offered = (key: 'derogationA' | 'derogationB') => picture.limits[key] !== null;
        const per = <T>(f: (c: DerogationCategory) => T, none: T) => Object.fromEntries(CATEGORIES.map(({ key, category }) => [key, offered(key) ? f(category) : none])) as Record<'derogationA' | 'derogationB', T>;
        const waiting = await db.quotaReserve.groupBy({ by: ['category'], where: { cohortId: cohort.id, status: 'waiting' }, _count: { _all: true } });
        return {
          status: 200,
          body: {
            cohortId: cohort.id,
            admitted: { ...counts, total },
            percent: { derogationA: pct(counts.derogationA), derogationB: pct(counts.derogationB), combined: pct(counts.derogationA + counts.derogationB) },
            limits: picture.limits,
            specificContextApplied: picture.specificContextApplied,
            placesLeftNow: per((c) => placesLeftNow(counts, c, ctx), 0),
            // 0: a place is open now; null: that derogation is not offered by this certification.
            byRightAdmissionsToFreePlace: per((c) => byRightAdmissionsToFreePlace(counts, c, ctx), null),
            reserve: {
              waiting: Object.fromEntries(CATEGORIES.map(({ key, category }) => [key, waiting.find((g) => g.category === category)?._count._all ?? 0])),
              cutoffOn: cohort.quotaReserveCutoffOn ? cohort.quotaReserveCutoffOn.toISOString().slice(0, 10) : null,
            },
            capacity: cohort.capacity,
            capacityLeft: cohort.capacity === null ? null : Math.max(0, cohort.capacity - total),
          },
        };
      },
    });

    add({
      method: 'post', path: '/candidates/:id/quota-reserve/decision', operationId: 'decideQuotaReserve', tag: 'Actions', roles: ADMISSIONS,
      summary: 'Decide for a candidate on the quota reserve: admit on appeal (written justification) or refuse',
      params: idParams,
      body: quotaReserveDecisionBody,
      responses: {
        200: { description: 'Recorded: the receipt (applied false if this decision was already recorded); the journey tells the candidate' },
        404: { description: 'No such candidate' },
        409: { description: 'The candidate is not waiting on the quota reserve, or the journey refused the decision' },
      },
      handler: async ({ params, body, staff, idempotencyKey }) => {
        const { candidate, journeyId } = await loadCandidate(db, params.id);
        const reserve = await db.quotaReserve.findUnique({ where: { candidateId: candidate.id } });
        if (!reserve || reserve.status !== 'waiting') {
          throw new HttpProblem(409, 'Not on the quota reserve', reserve
            ? `The candidate's reserve is already settled (${reserve.status.replaceAll('_', ' ')}): nothing to decide.`
            : 'The candidate is not waiting for a place on the cohort\'s quota reserve: nothing to decide.');
        }
        // The Idempotency-Key doubles as the update id, so the journey itself dedups a repeated decision.
        const decisionId = idempotencyKey ? `api:${staff.staffUserId}:${idempotencyKey}` : `api:${randomUUID()}`;
        const actor = { kind: 'staff' as const, staffId: staff.staffUserId };
        // The justification is personal text: stored first, the journey gets its id (removed if the journey refuses).
        const noteId = body.decision === 'admit_on_appeal' ? await saveJourneyNote(db, { journeyId, authorRef: `staff:${staff.staffUserId}`, text: body.justification }) : undefined;
        try {
          const receipt = noteId
            ? await journey.decideQuotaReserve(temporal, journeyId, { decisionId, actor, decision: 'admit_on_appeal', justificationRef: noteId })
            : await journey.decideQuotaReserve(temporal, journeyId, { decisionId, actor, decision: 'refuse' });
          return { status: 200, body: { receipt } };
        } catch (error) {
          if (noteId) await db.journeyNote.delete({ where: { id: noteId } });
          if (error instanceof journey.JourneyRefusal) throw refusalProblem(error);
          throw error;
        }
      },
    });
  });
}
