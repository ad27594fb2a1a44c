// Cohorts (intakes): create, list, read, the referential they follow, the specific recruitment context
// flag with its justification, and the quota reserve's cut-off date. Quotas in use and left, and the
// reserve's decisions: quota-reserve.ts.
import { z } from 'zod';
import { findReferential, getReferential, type CohortCounts, type Referential } from '../../domain/index';
import { notifyQuotaReserveChanged } from '../../workflows/journey-client';
import type { AppDeps } from '../app';
import type { Database } from '../../platform/database';
import { ADMISSIONS, ANY_ROLE } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { dateOnly, displayText, idParams, isUniqueViolation, notFound, page, pageOf, pageQuery } from './common';

const justification = z.string().trim().min(20, 'explain the specific recruitment context in at least 20 characters').max(2000);

export const createCohortBody = z
  .strictObject({
    code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, 'letters, digits, - and _ (2 to 64)'),
    referentialCode: z.string().refine((c) => findReferential(c) !== undefined, 'unknown certification referential'),
    label: displayText(200),
    startsOn: dateOnly,
    endsOn: dateOnly.optional(),
    capacity: z.number().int().min(1).max(10_000).optional(),
    specificRecruitmentContext: z.strictObject({ justification }).optional().describe('Flag the intake as a specific recruitment context; the school must justify it.'),
  })
  .refine((b) => !b.endsOn || b.endsOn >= b.startsOn, { path: ['endsOn'], message: 'must not be before startsOn' });

export const updateCohortBody = z
  .strictObject({
    label: z.string().trim().min(1).max(200).optional(),
    startsOn: dateOnly.optional(),
    endsOn: dateOnly.nullable().optional().describe('null removes the end date'),
    capacity: z.number().int().min(1).max(10_000).nullable().optional().describe('null removes the capacity'),
    quotaReserveCutoffOn: dateOnly.nullable().optional().describe('The day staff decide the candidates on the quota reserve (reminded a week and a day before; without a decision, refusal at the end of that day, Paris time); null removes it'),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const contextBody = z.strictObject({
  specificRecruitmentContext: z.boolean(),
  justification: justification.optional(),
}).refine((b) => !b.specificRecruitmentContext || b.justification, { path: ['justification'], message: 'required when the context is flagged' });

const cohortOut = z.object({
  id: z.uuid(),
  code: z.string(),
  referentialCode: z.string(),
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  capacity: z.number().nullable(),
  specificRecruitmentContext: z.boolean(),
  contextJustification: z.string().nullable(),
  quotaReserveCutoffOn: z.string().nullable(),
  createdAt: z.string(),
});

type CohortRow = NonNullable<Awaited<ReturnType<Database['cohort']['findUnique']>>>;
function present(c: CohortRow) {
  return {
    ...c,
    startsOn: c.startsOn.toISOString().slice(0, 10),
    endsOn: c.endsOn ? c.endsOn.toISOString().slice(0, 10) : null,
    quotaReserveCutoffOn: c.quotaReserveCutoffOn ? c.quotaReserveCutoffOn.toISOString().slice(0, 10) : null,
    createdAt: c.createdAt.toISOString(),
  };
}

function referentialSummary(ref: Referential) {
  return {
    code: ref.code,
    title: ref.title,
    // The assessment ids are what staff hand to assign-assessor and record-assessment-grade.
    blocks: ref.blocks.map((b) => ({ code: b.code, title: b.title, assessments: b.assessments.map((a) => ({ id: a.id, title: a.title, mode: a.mode })) })),
  };
}

/** Admitted candidates of a cohort per category, withdrawn ones excluded (the quota base). */
export async function admittedCounts(db: Database, cohortId: string): Promise<CohortCounts> {
  const rows = await db.$queryRaw<{ category: string; n: bigint }[]>`
    SELECT a.category, count(*) AS n FROM "Admission" a
    LEFT JOIN "JourneyView" j ON j."candidateId" = a."candidateId"
    WHERE a."cohortId" = ${cohortId}::uuid AND coalesce(j.status, '') <> 'ended:withdrawn'
    GROUP BY a.category`;
  const n = (cat: string) => Number(rows.find((r) => r.category === cat)?.n ?? 0);
  return { byRight: n('by_right'), derogationA: n('derogation_a_vapp'), derogationB: n('derogation_b') };
}

export function cohortsRouter(registry: ApiRegistry, db: Database, temporal: AppDeps['temporal']) {
  return registry.router((add) => {
    add({
      method: 'post', path: '/cohorts', operationId: 'createCohort', tag: 'Cohorts', roles: ADMISSIONS,
      summary: 'Open an intake (cohort) following a certification referential',
      body: createCohortBody,
      responses: { 201: { description: 'Created', schema: cohortOut }, 409: { description: 'A cohort with this code exists' } },
      handler: async ({ body }) => {
        try {
          const cohort = await db.cohort.create({
            data: {
              code: body.code, referentialCode: body.referentialCode, label: body.label,
              startsOn: new Date(body.startsOn), endsOn: body.endsOn ? new Date(body.endsOn) : null, capacity: body.capacity ?? null,
              specificRecruitmentContext: !!body.specificRecruitmentContext,
              contextJustification: body.specificRecruitmentContext?.justification ?? null,
            },
          });
          return { status: 201, body: present(cohort), headers: { Location: `/cohorts/${cohort.id}` } };
        } catch (error) {
          if (isUniqueViolation(error)) throw new HttpProblem(409, 'Cohort code taken', `A cohort with code "${body.code}" already exists; choose another code or read that cohort.`);
          throw error;
        }
      },
    });

    add({
      method: 'get', path: '/cohorts', operationId: 'listCohorts', tag: 'Cohorts', roles: ANY_ROLE,
      summary: 'List cohorts by code',
      query: z.strictObject({ ...pageQuery, referentialCode: z.string().optional() }),
      responses: { 200: { description: 'A page of cohorts', schema: pageOf(cohortOut) } },
      handler: async ({ query }) => {
        const rows = await db.cohort.findMany({
          where: { ...(query.referentialCode ? { referentialCode: query.referentialCode } : {}), ...(query.cursor ? { code: { gt: query.cursor } } : {}) },
          orderBy: { code: 'asc' },
          take: query.limit + 1,
        });
        const p = page(rows, query.limit, (c) => c.code);
        return { status: 200, body: { items: p.items.map(present), nextCursor: p.nextCursor } };
      },
    });

    add({
      method: 'get', path: '/cohorts/:id', operationId: 'getCohort', tag: 'Cohorts', roles: ANY_ROLE,
      summary: 'A cohort, the referential it follows and its candidate count',
      params: idParams,
      responses: { 200: { description: 'The cohort' }, 404: { description: 'No such cohort' } },
      handler: async ({ params }) => {
        const cohort = await db.cohort.findUnique({ where: { id: params.id } });
        if (!cohort) throw notFound('Cohort', params.id);
        const candidates = await db.candidate.count({ where: { cohortId: cohort.id } });
        return { status: 200, body: { ...present(cohort), candidates, referential: referentialSummary(getReferential(cohort.referentialCode)) } };
      },
    });

    add({
      method: 'patch', path: '/cohorts/:id', operationId: 'updateCohort', tag: 'Cohorts', roles: ADMISSIONS,
      summary: 'Change a cohort\'s label, dates, capacity or quota reserve cut-off (the capacity cannot go below the candidates admitted; journeys already started keep the end date they started with)',
      params: idParams,
      body: updateCohortBody,
      responses: { 200: { description: 'The cohort', schema: cohortOut }, 404: { description: 'No such cohort' }, 422: { description: 'Inconsistent with the dates or the admissions' } },
      handler: async ({ params, body, staff }) => {
        if (body.capacity) {
          // Read before the transaction: the embedded PostgreSQL is one session, held by an open transaction.
          const counts = await admittedCounts(db, params.id);
          const admitted = counts.byRight + counts.derogationA + counts.derogationB;
          if (body.capacity < admitted) {
            throw new HttpProblem(422, 'Capacity below admissions', `${admitted} candidates are admitted already.`, { errors: [{ path: 'body.capacity', message: `at least ${admitted} (admitted already)`, code: 'too_small', minimum: admitted }] });
          }
        }
        const updated = await db.$transaction(async (tx) => {
          const before = await tx.cohort.findUnique({ where: { id: params.id } });
          if (!before) throw notFound('Cohort', params.id);
          const startsOn = body.startsOn ? new Date(body.startsOn) : before.startsOn;
          const endsOn = body.endsOn === undefined ? before.endsOn : body.endsOn === null ? null : new Date(body.endsOn);
          if (endsOn && endsOn < startsOn) {
            throw new HttpProblem(422, 'Dates out of order', 'The end date must not be before the start date.', { errors: [{ path: 'body.endsOn', message: 'must not be before startsOn', code: 'custom' }] });
          }
          const cutoff = body.quotaReserveCutoffOn === undefined ? before.quotaReserveCutoffOn : body.quotaReserveCutoffOn === null ? null : new Date(body.quotaReserveCutoffOn);
          if (cutoff && endsOn && cutoff > endsOn) {
            throw new HttpProblem(422, 'Cut-off after the cohort', 'The quota reserve\'s cut-off date must not be after the cohort\'s end date.', { errors: [{ path: 'body.quotaReserveCutoffOn', message: 'must not be after endsOn', code: 'custom' }] });
          }
          const after = await tx.cohort.update({
            where: { id: params.id },
            data: { label: body.label ?? before.label, startsOn, endsOn, capacity: body.capacity === undefined ? before.capacity : body.capacity, quotaReserveCutoffOn: cutoff },
          });
          await tx.auditEvent.create({
            data: {
              actor: `staff:${staff.staffUserId}`, action: 'cohort.updated',
              before: { cohortId: before.id, label: before.label, startsOn: before.startsOn.toISOString(), endsOn: before.endsOn?.toISOString() ?? null, capacity: before.capacity, quotaReserveCutoffOn: before.quotaReserveCutoffOn?.toISOString() ?? null },
              after: { cohortId: after.id, label: after.label, startsOn: after.startsOn.toISOString(), endsOn: after.endsOn?.toISOString() ?? null, capacity: after.capacity, quotaReserveCutoffOn: after.quotaReserveCutoffOn?.toISOString() ?? null },
            },
          });
          return after;
        });
        // A new cut-off date: the journeys on the cohort's quota reserve plan their reminders and cut-off again.
        if (body.quotaReserveCutoffOn !== undefined) {
          const waiting = await db.quotaReserve.findMany({ where: { cohortId: params.id, status: 'waiting' }, select: { journeyId: true } });
          await notifyQuotaReserveChanged(temporal, waiting.map((r) => r.journeyId));
        }
        return { status: 200, body: present(updated) };
      },
    });

    add({
      method: 'put', path: '/cohorts/:id/recruitment-context', operationId: 'setRecruitmentContext', tag: 'Cohorts', roles: ADMISSIONS,
      summary: 'Flag (or unflag) the intake as a specific recruitment context, with the justification',
      params: idParams,
      body: contextBody,
      responses: { 200: { description: 'The cohort', schema: cohortOut }, 404: { description: 'No such cohort' } },
      handler: async ({ params, body, staff }) => {
        const updated = await db.$transaction(async (tx) => {
          const before = await tx.cohort.findUnique({ where: { id: params.id } });
          if (!before) throw notFound('Cohort', params.id);
          const after = await tx.cohort.update({
            where: { id: params.id },
            data: { specificRecruitmentContext: body.specificRecruitmentContext, contextJustification: body.specificRecruitmentContext ? body.justification! : null },
          });
          await tx.auditEvent.create({
            data: {
              actor: `staff:${staff.staffUserId}`, action: 'cohort.recruitment_context_set',
              before: { cohortId: before.id, specificRecruitmentContext: before.specificRecruitmentContext, contextJustification: before.contextJustification },
              after: { cohortId: after.id, specificRecruitmentContext: after.specificRecruitmentContext, contextJustification: after.contextJustification },
            },
          });
          return after;
        });
        return { status: 200, body: present(updated) };
      },
    });

  });
}
