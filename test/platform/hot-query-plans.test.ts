// Every query a decision makes (API key, idempotency, candidate, action token, outbox, audit, journey read
// model) must find its rows through an index, not by reading the table: a table scan costs nothing on
// a fresh database and grows with every email ever queued. EXPLAIN with sequential scans priced out
// (enable_seqscan off) shows a "Seq Scan" only where no index can serve the query.
// `SHOW_PLANS=1 npx vitest run test/platform/hot-query-plans.test.ts` prints the plans.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../platform/database';

const db = createDatabase(inject('stack').databaseUrl, 1);
afterAll(() => db.$disconnect());

const ID = "'00000000-0000-4000-8000-000000000000'";
/** [what, SQL as Prisma sends it (literal values)], in the order of a decision. */
export const HOT_QUERIES: [string, string][] = [
  ['API key of a staff call', `SELECT * FROM "ApiKey" k JOIN "StaffUser" s ON s.id = k."staffUserId" WHERE k."keyHash" = 'h'`],
  ['idempotency claim read', `SELECT * FROM "IdempotentRequest" WHERE key = 'k'`],
  ['idempotency stale claim removed', `DELETE FROM "IdempotentRequest" WHERE key = 'k' AND "statusCode" IS NULL AND "createdAt" < now()`],
  ['candidate and cohort load', `SELECT * FROM "Candidate" c JOIN "Cohort" co ON co.id = c."cohortId" WHERE c.id = ${ID}`],
  ['action token of a link', `SELECT * FROM "ActionToken" WHERE "tokenHash" = 'h'`],
  ['action token marked used', `UPDATE "ActionToken" SET "useCount" = 1 WHERE id = ${ID} AND "useCount" = 0`],
  ['action tokens of a replaced jury member revoked', `UPDATE "ActionToken" SET "revokedAt" = now() WHERE "journeyId" = 'j' AND "subjectRef" = 'm' AND "revokedAt" IS NULL`],
  ['the email of a link (link form)', `SELECT payload FROM "OutboxEmail" WHERE "actionTokenId" = ${ID} LIMIT 1`],
  ['outbox row by idempotency key (queueing)', `SELECT * FROM "OutboxEmail" WHERE "idempotencyKey" = 'k'`],
  ['outbox row delivered', `UPDATE "OutboxEmail" SET status = 'sent' WHERE id = ${ID}`],
  ['latest email of a kind on a journey', `SELECT * FROM "OutboxEmail" WHERE "journeyId" = 'j' AND kind = 'interview_confirmed' AND "recipientRef" = 'c' ORDER BY "createdAt" DESC LIMIT 1`],
  ['audit event deduplicated', `SELECT * FROM "AuditEvent" WHERE "dedupKey" = 'k'`],
  ['audit events of a journey', `SELECT * FROM "AuditEvent" WHERE "journeyId" = 'j' ORDER BY "at" LIMIT 500`],
  ['journey read model moved on', `UPDATE "JourneyView" SET version = 2 WHERE "journeyId" = 'j' AND version < 2`],
  ['journey read model of a candidate', `SELECT * FROM "JourneyView" WHERE "candidateId" = ${ID}`],
];

async function plan(sql: string): Promise<string> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
    const rows = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describe('the hot queries of a decision', () => {
  it.each(HOT_QUERIES)('%s uses an index', async (what, sql) => {
    const text = await plan(sql);
    if (process.env.SHOW_PLANS) console.log(`${what}\n${sql}\n${text}\n`);
    expect(text, text).not.toMatch(/Seq Scan/);
  });
});
