// Management figures from the read model: journeys per stage (and how many overdue), the overdue list,
// and the record's yearly statistics table (certified, via VAE, employment at 6 months, target jobs at
// 6 and 24 months), each one aggregate query.
import { z } from 'zod';
import { Prisma } from '../../platform/database';
import type { AppDeps } from '../app';
import { ANY_ROLE } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { cursorAs, page, pageOf, pageQuery } from './common';
import { describeOverdue, overdueRow } from './overdue';

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
      summary: 'Active journeys past a deadline, most late first, with the candidate, each late action, the person awaited, since when, and what a reminder would resend; cursor pagination',
      query: z.strictObject({ cohortId: z.uuid().optional(), ...pageQuery }),
      responses: { 200: { description: 'A page of overdue journeys', schema: pageOf(overdueRow) } },
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
        const p = page(rows, query.limit, (r) => `${r.nextDueAt!.getTime()}_${r.journeyId}`);
        return { status: 200, body: { items: await describeOverdue(db, p.items, now.getTime()), nextCursor: p.nextCursor } };
      },
    });

    add({
      method: 'get', path: '/dashboard/attention', operationId: 'attention', tag: 'Dashboards', roles: ANY_ROLE,
      summary: 'What needs attention: awaited actions of active journeys by role and action (how many overdue), and emails whose delivery failed',
      query: z.strictObject({ cohortId: z.uuid().optional() }),
      responses: {
        200: {
          description: 'Counts',
          schema: z.object({
            awaiting: z.array(z.object({ role: z.string(), what: z.string(), count: z.number(), overdue: z.number() })),
            failedEmails: z.number(),
          }),
        },
      },
      handler: async ({ query }) => {
        const now = Date.now();
        const cohort = query.cohortId ? Prisma.sql`AND j."cohortId" = ${query.cohortId}::uuid` : Prisma.empty;
        const awaiting = await db.$queryRaw<{ role: string | null; what: string; n: bigint; overdue: bigint }[]>`
          SELECT a->'who'->>'role' AS role, a->>'what' AS what, count(*) AS n,
                 count(*) FILTER (WHERE a ? 'dueAtMs' AND (a->>'dueAtMs')::bigint < ${now}) AS overdue
          FROM "JourneyView" j CROSS JOIN LATERAL jsonb_array_elements(j.awaiting) a
          WHERE j.status = 'active' ${cohort}
          GROUP BY 1, 2 ORDER BY 1, 2`;
        const [failed] = await db.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM "OutboxEmail" o JOIN "JourneyView" j ON j."journeyId" = o."journeyId"
          WHERE o.status = 'failed' ${cohort}`;
        return {
          status: 200,
          body: { awaiting: awaiting.map((r) => ({ role: r.role ?? 'staff', what: r.what, count: Number(r.n), overdue: Number(r.overdue) })), failedEmails: Number(failed?.n ?? 0) },
        };
      },
    });

    add({
      method: 'get', path: '/dashboard/workload', operationId: 'workload', tag: 'Dashboards', roles: ANY_ROLE,
      summary: 'What falls due in the coming weeks (weeks start on Monday, Paris time), by role and by person: awaited actions of active journeys',
      query: z.strictObject({ cohortId: z.uuid().optional(), weeks: z.coerce.number().int().min(1).max(26).default(8) }),
      responses: {
        200: {
          description: 'Counts per week, role, person and action',
          schema: z.object({
            from: z.string(), to: z.string(),
            items: z.array(z.object({ week: z.string(), role: z.string(), personRef: z.string().nullable(), personName: z.string().nullable(), what: z.string(), count: z.number() })),
          }),
        },
      },
      handler: async ({ query }) => {
        const from = new Date();
        const to = new Date(from.getTime() + query.weeks * 7 * 86_400_000);
        const rows = await db.$queryRaw<{ week: Date; role: string | null; ref: string | null; what: string; n: bigint }[]>`
          SELECT date_trunc('week', to_timestamp((a->>'dueAtMs')::bigint / 1000.0) AT TIME ZONE 'Europe/Paris')::date AS week,
                 a->'who'->>'role' AS role, a->'who'->>'ref' AS ref, a->>'what' AS what, count(*) AS n
          FROM "JourneyView" j CROSS JOIN LATERAL jsonb_array_elements(j.awaiting) a
          WHERE j.status = 'active' AND a ? 'dueAtMs'
            AND (a->>'dueAtMs')::bigint >= ${from.getTime()} AND (a->>'dueAtMs')::bigint < ${to.getTime()}
            ${query.cohortId ? Prisma.sql`AND j."cohortId" = ${query.cohortId}::uuid` : Prisma.empty}
          GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 4`;
        // A jury member is named (staff plan with people, not ids); other roles have no person.
        const refs = [...new Set(rows.map((r) => r.ref).filter((r): r is string => !!r && /^[0-9a-f-]{36}$/.test(r)))];
        const members = refs.length ? await db.juryMember.findMany({ where: { id: { in: refs } }, select: { id: true, name: true } }) : [];
        const names = new Map(members.map((m) => [m.id, m.name]));
        const items = rows.map((r) => ({
          week: r.week.toISOString().slice(0, 10), role: r.role ?? 'staff', personRef: r.ref, personName: r.ref ? names.get(r.ref) ?? null : null, what: r.what, count: Number(r.n),
        }));
        return { status: 200, body: { from: from.toISOString(), to: to.toISOString(), items } };
      },
    });

    add({
      method: 'get', path: '/statistics/yearly', operationId: 'yearlyStatistics', tag: 'Dashboards', roles: ANY_ROLE,
      summary: 'The record\'s table per year: certified, certified via VAE, employment at 6 months, target jobs at 6 months and 2 years, and the CPF declaration (declared, pending the CDC, to declare)',
      query: z.strictObject({
        referentialCode: z.string().min(1).max(40).optional(),
        fromYear: z.coerce.number().int().min(2000).max(2100).optional(),
        toYear: z.coerce.number().int().min(2000).max(2100).optional(),
      }),
      responses: { 200: { description: 'One row per year of award' } },
      handler: async ({ query }) => {
        // Certified = a certification jury closed with the outcome "awarded" (as the journey records it); the year is the jury's.
        // Follow-up rates are over the certified people of that year who answered the wave (6 or 24 months).
        const rows = await db.$queryRaw<{ year: number; certified: bigint; vae: bigint; a6: bigint; e6: bigint; t6: bigint; a24: bigint; t24: bigint; declared: bigint; pending: bigint }[]>`
          WITH awarded AS (
            SELECT DISTINCT ON (j."candidateId") j."candidateId", j.id AS "juryId", extract(year FROM j."closedAt")::int AS year, c.route
            FROM "Jury" j JOIN "Candidate" c ON c.id = j."candidateId" JOIN "Cohort" co ON co.id = c."cohortId"
            WHERE j.kind = 'certification' AND j.outcome = 'awarded' AND j."closedAt" IS NOT NULL
              ${query.referentialCode ? Prisma.sql`AND co."referentialCode" = ${query.referentialCode}` : Prisma.empty}
            ORDER BY j."candidateId", j."closedAt")
          SELECT a.year, count(*) AS certified, count(*) FILTER (WHERE a.route = 'vae') AS vae,
                 count(f6.id) AS a6, count(f6.id) FILTER (WHERE f6.employed) AS e6, count(f6.id) FILTER (WHERE f6."inTargetJob") AS t6,
                 count(f24.id) AS a24, count(f24.id) FILTER (WHERE f24."inTargetJob") AS t24,
                 count(*) FILTER (WHERE cpf.status = 'accepted') AS declared, count(*) FILTER (WHERE cpf.status = 'pending') AS pending
          FROM awarded a
          -- CPF declaration: accepted by the CDC, pending its answer, or neither (to declare; a rejection counts here).
          LEFT JOIN LATERAL (SELECT CASE WHEN bool_or(l.status = 'accepted') THEN 'accepted' WHEN bool_or(l.status = 'pending') THEN 'pending' END AS status
                             FROM "CpfDeclarationLine" l WHERE l."juryId" = a."juryId") cpf ON true
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
            cpfDeclared: Number(r.declared), cpfPending: Number(r.pending), cpfToDeclare: certified - Number(r.declared) - Number(r.pending),
          };
        });
        return { status: 200, body: { items } };
      },
    });
  });
}
