// Search over Candidate joined with the JourneyView read model, keyset-paginated on the candidate id:
// each page is one indexed range scan, whatever the table size.
import { z } from 'zod';
import { ROUTES } from '../../domain/index';
import { JOURNEY_STAGES } from '../../workflows/messages';
import { Prisma, type Database } from '../../platform/database';
import { pageQuery } from './common';

export const searchFilters = {
  cohortId: z.uuid().optional(),
  stage: z.enum(JOURNEY_STAGES).optional(),
  route: z.enum(ROUTES).optional(),
  awaiting: z.string().regex(/^[a-z_]+$/).max(60).optional().describe('An awaited action code, e.g. dossier_pieces, selection_review.'),
  overdue: z.enum(['true', 'false']).optional().describe('true: a deadline of the journey has passed.'),
  email: z.string().max(254).optional().describe('Exact email address.'),
  q: z.string().trim().min(1).max(100).optional().describe('Part of the first name, last name, email or external reference (case-insensitive).'),
};
export const searchQuery = z.strictObject({ ...searchFilters, ...pageQuery });
export type SearchFilters = { [K in keyof typeof searchFilters]?: z.infer<(typeof searchFilters)[K]> };

export interface CandidateRow {
  id: string;
  cohortId: string;
  externalRef: string | null;
  firstName: string;
  lastName: string;
  email: string;
  route: string;
  language: string;
  createdAt: Date;
  journeyId: string | null;
  stage: string | null;
  status: string | null;
  awaiting: unknown;
  nextDueAt: Date | null;
}

export async function searchCandidates(db: Database, f: SearchFilters, page: { cursor?: string; limit: number }, now: Date): Promise<CandidateRow[]> {
  const where: Prisma.Sql[] = [Prisma.sql`c."erasedAt" IS NULL`];
  if (f.cohortId) where.push(Prisma.sql`c."cohortId" = ${f.cohortId}::uuid`);
  if (f.route) where.push(Prisma.sql`c.route = ${f.route}`);
  if (f.email) where.push(Prisma.sql`c.email = ${f.email}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(Prisma.sql`(c."firstName" ILIKE ${like} OR c."lastName" ILIKE ${like} OR c.email ILIKE ${like} OR c."externalRef" ILIKE ${like})`);
  }
  if (f.stage) where.push(Prisma.sql`j.stage = ${f.stage}`);
  if (f.awaiting) where.push(Prisma.sql`j.awaiting @> ${JSON.stringify([{ what: f.awaiting }])}::jsonb`);
  if (f.overdue === 'true') where.push(Prisma.sql`j."nextDueAt" < ${now} AND j.status = 'active'`);
  if (f.overdue === 'false') where.push(Prisma.sql`(j."nextDueAt" IS NULL OR j."nextDueAt" >= ${now} OR j.status <> 'active')`);
  if (page.cursor) where.push(Prisma.sql`c.id > ${page.cursor}::uuid`);
  return db.$queryRaw<CandidateRow[]>`
    SELECT c.id, c."cohortId", c."externalRef", c."firstName", c."lastName", c.email, c.route, c.language, c."createdAt",
           j."journeyId", j.stage, j.status, j.awaiting, j."nextDueAt"
    FROM "Candidate" c LEFT JOIN "JourneyView" j ON j."candidateId" = c.id
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY c.id
    LIMIT ${page.limit + 1}`;
}

export function presentRow(r: CandidateRow, now: Date) {
  return {
    id: r.id,
    cohortId: r.cohortId,
    externalRef: r.externalRef,
    firstName: r.firstName,
    lastName: r.lastName,
    email: r.email,
    route: r.route,
    language: r.language,
    createdAt: r.createdAt.toISOString(),
    journey: r.journeyId
      ? { journeyId: r.journeyId, stage: r.stage, status: r.status, awaiting: r.awaiting, nextDueAt: r.nextDueAt?.toISOString() ?? null, overdue: !!r.nextDueAt && r.nextDueAt < now && r.status === 'active' }
      : null,
  };
}
