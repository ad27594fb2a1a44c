// After a fault: did every effect happen exactly once? Journeys in Temporal, rows in the database, the
// audit trail, and the emails as the SMTP sink received them, matched by Message-ID.
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import type { StoredMessage } from '../platform/services/smtp-sink';
import type { IntakeJourney } from './drill-intake';

export interface Finding {
  journeyId: string;
  what: string;
}

export interface Verdict {
  lost: Finding[];
  duplicated: Finding[];
  /**
   * An email received twice under its one Message-ID: the worker died between the SMTP server's "250 OK"
   * and the row's update, so the retry sent it again. SMTP cannot do better than at-least-once; mail
   * clients that deduplicate by Message-ID show one. Reported apart, in its own column.
   */
  redelivered: Finding[];
  /** Journey id -> when its reviewer's request was sent (the intake's last effect). */
  reviewerRequestSentAt: Map<string, Date>;
}

/**
 * The reviewer's request of every journey has been sent and no email of theirs is still on its way (an
 * outage's retries included); waits for it (answers how many requests are missing at the end).
 */
export async function waitUntilSettled(databaseUrl: string, journeys: IntakeJourney[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = journeys.length - (await sentRequests(databaseUrl, journeys)).size;
    const settled = missing === 0 && (await emailsOnTheirWay(databaseUrl, journeys)) === 0 && (await milestonesRecorded(databaseUrl, journeys)) === journeys.length;
    if (settled || Date.now() > deadline) return missing;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

// The dispatcher sends a request as soon as it is queued: the journey's next activities (its audit) may
// still be retried on another worker after a crash, so the milestones are waited for too.
const MILESTONES = ['selection_opened', 'selection_reviewers_assigned'];

async function milestonesRecorded(databaseUrl: string, journeys: IntakeJourney[]): Promise<number> {
  return withDb(databaseUrl, async (db) => (await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT "journeyId" FROM "AuditEvent" WHERE action = ANY($2) AND "journeyId" = ANY($1) GROUP BY 1 HAVING count(DISTINCT action) = $3) done`,
    [journeys.map((j) => j.journeyId), MILESTONES, MILESTONES.length])).rows[0]!.n);
}

async function emailsOnTheirWay(databaseUrl: string, journeys: IntakeJourney[]): Promise<number> {
  return withDb(databaseUrl, async (db) => (await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "OutboxEmail" WHERE status IN ('queued', 'sending', 'retrying') AND "journeyId" = ANY($1)`,
    [journeys.map((j) => j.journeyId)])).rows[0]!.n);
}

async function withDb<T>(url: string, f: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return await f(db);
  } finally {
    await db.end();
  }
}

async function sentRequests(databaseUrl: string, journeys: IntakeJourney[]): Promise<Map<string, Date>> {
  return withDb(databaseUrl, async (db) => {
    const { rows } = await db.query<{ journeyId: string; sentAt: Date }>(
      `SELECT "journeyId", min("sentAt") AS "sentAt" FROM "OutboxEmail" WHERE kind = 'selection_review_request' AND status = 'sent' AND "journeyId" = ANY($1) GROUP BY "journeyId"`,
      [journeys.map((j) => j.journeyId)]);
    return new Map(rows.map((r) => [r.journeyId, r.sentAt]));
  });
}

const bare = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '');

export async function verify(system: { databaseUrl: string; mailbox: string; temporalAddress: string; namespace: string }, cohortId: string, journeys: IntakeJourney[]): Promise<Verdict> {
  const lost: Finding[] = [];
  const duplicated: Finding[] = [];
  const redelivered: Finding[] = [];
  const ids = journeys.map((j) => j.journeyId);

  // Temporal: every journey runs on (none failed or ended), waiting for its reviewer.
  const connection = await Connection.connect({ address: system.temporalAddress });
  try {
    const client = new Client({ connection, namespace: system.namespace });
    for (const j of journeys) {
      const d = await client.workflow.getHandle(j.journeyId).describe();
      if (d.status.name !== 'RUNNING') lost.push({ journeyId: j.journeyId, what: `journey ${d.status.name.toLowerCase()}` });
    }
  } finally {
    await connection.close();
  }

  const rows = await withDb(system.databaseUrl, async (db) => ({
    candidates: (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Candidate" WHERE "cohortId" = $1`, [cohortId])).rows[0]!.n,
    pieces: (await db.query<{ candidateId: string; n: number }>(`SELECT "candidateId", count(*)::int AS n FROM "DossierPiece" WHERE "candidateId" = ANY($1::uuid[]) GROUP BY 1`, [journeys.map((j) => j.candidateId)])).rows,
    audit: (await db.query<{ journeyId: string; action: string; after: unknown; n: number }>(
      `SELECT "journeyId", action, after, count(*)::int AS n FROM "AuditEvent" WHERE "journeyId" = ANY($1) GROUP BY 1, 2, 3`, [ids])).rows,
    outbox: (await db.query<{ id: string; journeyId: string; kind: string; status: string; messageId: string | null }>(
      `SELECT id, "journeyId", kind, status, "messageId" FROM "OutboxEmail" WHERE "journeyId" = ANY($1)`, [ids])).rows,
  }));

  // Database rows: one candidate per line of the intake, five pieces each.
  if (rows.candidates < journeys.length) lost.push({ journeyId: '-', what: `${journeys.length - rows.candidates} candidate row(s) missing` });
  if (rows.candidates > journeys.length) duplicated.push({ journeyId: '-', what: `${rows.candidates - journeys.length} extra candidate row(s)` });
  const pieces = new Map(rows.pieces.map((r) => [r.candidateId, r.n]));
  for (const j of journeys) if ((pieces.get(j.candidateId) ?? 0) !== 5) lost.push({ journeyId: j.journeyId, what: `${pieces.get(j.candidateId) ?? 0}/5 dossier pieces stored` });

  // Audit: the journey's milestones once each; the same event (action and content) twice is a duplicate.
  for (const a of rows.audit) if (a.n > 1) duplicated.push({ journeyId: a.journeyId, what: `audit "${a.action}" ×${a.n}` });
  for (const j of journeys) {
    for (const action of MILESTONES) {
      if (!rows.audit.some((a) => a.journeyId === j.journeyId && a.action === action)) lost.push({ journeyId: j.journeyId, what: `no audit "${action}"` });
    }
  }

  // Emails: every queued email sent, and received exactly once under its Message-ID.
  const received = new Map<string, number>();
  const mailbox = (await (await fetch(`${system.mailbox}/messages`)).json()) as StoredMessage[];
  for (const m of mailbox) received.set(bare(m.messageId), (received.get(bare(m.messageId)) ?? 0) + 1);
  for (const j of journeys) {
    if (!rows.outbox.some((o) => o.journeyId === j.journeyId && o.kind === 'selection_review_request')) lost.push({ journeyId: j.journeyId, what: 'no reviewer request queued' });
  }
  for (const o of rows.outbox) {
    if (o.status !== 'sent') {
      lost.push({ journeyId: o.journeyId, what: `${o.kind} email ${o.status}` });
      continue;
    }
    const copies = received.get(bare(o.messageId ?? undefined)) ?? 0;
    if (copies === 0) lost.push({ journeyId: o.journeyId, what: `${o.kind} email marked sent, never received (${o.messageId})` });
    if (copies > 1) redelivered.push({ journeyId: o.journeyId, what: `${o.kind} email received ×${copies} under one Message-ID (${o.messageId})` });
  }
  // The same row's email under another Message-ID (a second send that is not a retry of the first).
  const rowIds = new Map(rows.outbox.map((o) => [o.id, o]));
  for (const m of mailbox) {
    const row = rowIds.get(m.headers['x-jalon-outbox-id'] ?? '');
    if (row && bare(row.messageId ?? undefined) !== bare(m.messageId)) duplicated.push({ journeyId: row.journeyId, what: `${row.kind} email sent again as ${m.messageId}` });
  }
  return { lost, duplicated, redelivered, reviewerRequestSentAt: await sentRequests(system.databaseUrl, journeys) };
}
