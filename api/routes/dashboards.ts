// Management figures from the read model: journeys per stage (and how many overdue), the overdue list,
// and the record's yearly statistics table (certified, via VAE, employment at 6 months, target jobs at
// 6 and 24 months), each one aggregate query.
import { z } from 'zod';
import { Prisma } from '../../platform/database';
import type { AppDeps } from '../app';
import { ANY_ROLE } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { cursorAs, page, pageQuery } from './common';

const rate = (n: number, of: number) => (of === 0 ? null : Math.round((n * 1000) / of) / 10);

export function dashboardsRouter(registry: ApiRegistry, { db }: AppDeps) {
  return registry.router((add) => {
    add({
      method: 'get', path: '/dashboard/stages', operationId: 'stageCounts', tag: 'Dashboards', roles: ANY_ROLE,
      summary: 'Journeys per stage and status, with how many are overdue',
      query: z.strictObject({ cohortId: z.uuid().optional() }),
      responses: { 200: { description: 'Counts' } },
      handler: async ({ query }) => {
        const now = new Date();
        const rows = await db.$queryRaw<{ stage: string; status: string; n: bigint; overdue: bigint }[]>`
          SELECT stage, status, count(*) AS n, count(*) FILTER (WHERE "nextDueAt" < ${now} AND status = 'active') AS overdue
          FROM "JourneyView" ${query.cohortId ? Prisma.sql`WHERE "cohortId" = ${query.cohortId}::uuid` : Prisma.empty}
          GROUP BY stage, status ORDER BY stage, status`;
        const items = rows.map((r) => ({ stage: r.stage, status: r.status, count: Number(r.n), overdue: Number(r.overdue) }));
        return { status: 200, body: { items, total: items.reduce((s, r) => s + r.count, 0), overdue: items.reduce((s, r) => s + r.overdue, 0) } };
      },
    });

    add({
      method: 'get', path: '/dashboard/overdue', operationId: 'overdueJourneys', tag: 'Dashboards', roles: ANY_ROLE,
      summary: 'Active journeys past a deadline, most late first; cursor pagination',
      query: z.strictObject({ cohortId: z.uuid().optional(), ...pageQuery }),
      responses: { 200: { description: 'A page of overdue journeys' } },
      handler: async ({ query }) => {
        const now = new Date();
        // Cursor: "<nextDueAt ms>_<journeyId>" (keyset on the (stage, nextDueAt) order).
        const after = query.cursor ? cursorAs.dateAndText(query.cursor) : undefined;
        const rows = await db.journeyView.findMany({
          where: {
            status: 'active', nextDueAt: { lt: now }, ...(query.cohortId ? { cohortId: query.cohortId } : {}),
            ...(after ? { OR: [{ nextDueAt: { gt: after.at } }, { nextDueAt: after.at, journeyId: { gt: after.text } }] } : {}),
          },
          orderBy: [{ nextDueAt: 'asc' }, { journeyId: 'asc' }],
          take: query.limit + 1,
          select: { journeyId: true, candidateId: true, cohortId: true, stage: true, awaiting: true, nextDueAt: true },
        });
        return { status: 200, body: page(rows, query.limit, (r) => `${r.nextDueAt!.getTime()}_${r.journeyId}`) };
      },
    });

    add({
      method: 'get', path: '/statistics/yearly', operationId: 'yearlyStatistics', tag: 'Dashboards', roles: ANY_ROLE,
      summary: 'The record\'s table per year: certified, certified via VAE, employment at 6 months, target jobs at 6 months and 2 years',
      query: z.strictObject({
        referentialCode: z.string().min(1).max(40).optional(),
        fromYear: z.coerce.number().int().min(2000).max(2100).optional(),
        toYear: z.coerce.number().int().min(2000).max(2100).optional(),
      }),
      responses: { 200: { description: 'One row per year of award' } },
      handler: async ({ query }) => {
        // Certified = a certification jury closed with the outcome "awarded" (as the journey records it); the year is the jury's.
        // Follow-up rates are over the certified people of that year who answered the wave (6 or 24 months).
        const rows = await db.$queryRaw<{ year: number; certified: bigint; vae: bigint; a6: bigint; e6: bigint; t6: bigint; a24: bigint; t24: bigint }[]>`
          WITH awarded AS (
            SELECT DISTINCT ON (j."candidateId") j."candidateId", extract(year FROM j."closedAt")::int AS year, c.route
            FROM "Jury" j JOIN "Candidate" c ON c.id = j."candidateId" JOIN "Cohort" co ON co.id = c."cohortId"
            WHERE j.kind = 'certification' AND j.outcome = 'awarded' AND j."closedAt" IS NOT NULL
              ${query.referentialCode ? Prisma.sql`AND co."referentialCode" = ${query.referentialCode}` : Prisma.empty}
            ORDER BY j."candidateId", j."closedAt")
          SELECT a.year, count(*) AS certified, count(*) FILTER (WHERE a.route = 'vae') AS vae,
                 count(f6.id) AS a6, count(f6.id) FILTER (WHERE f6.employed) AS e6, count(f6.id) FILTER (WHERE f6."inTargetJob") AS t6,
                 count(f24.id) AS a24, count(f24.id) FILTER (WHERE f24."inTargetJob") AS t24
          FROM awarded a
          LEFT JOIN "FollowUpAnswer" f6 ON f6."candidateId" = a."candidateId" AND f6.wave = 6
          LEFT JOIN "FollowUpAnswer" f24 ON f24."candidateId" = a."candidateId" AND f24.wave = 24
          WHERE a.year >= ${query.fromYear ?? 2000} AND a.year <= ${query.toYear ?? 2100}
          GROUP BY a.year ORDER BY a.year`;
        const items = rows.map((r) => {
          const [certified, a6, a24] = [Number(r.certified), Number(r.a6), Number(r.a24)];
          return {
            year: r.year, certified, certifiedViaVae: Number(r.vae),
            answered6Months: a6, employmentRate6Months: rate(Number(r.e6), a6), targetJobRate6Months: rate(Number(r.t6), a6),
            answered24Months: a24, targetJobRate24Months: rate(Number(r.t24), a24),
          };
        });
        return { status: 200, body: { items } };
      },
    });
  });
}
