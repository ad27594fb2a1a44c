// Delivery of outbox emails: every send, by the dispatcher, by the journeys' old `deliverEmail` activity,
// by the API (sign-in links) or by a staff resend, first CLAIMS its row (status 'sending' with a lease,
// in one conditional UPDATE), so that one row is sent by one sender at a time. A sender that dies mid-send
// leaves the row 'sending'; once its lease has passed, any sender takes it again and sends it with the
// same Message-ID (stored at the claim). The one repeat possible: the server accepted the message and the
// sender died before marking it sent.
import { EventEmitter } from 'node:events';
import { ApplicationFailure } from '@temporalio/common';
import { Prisma, type Database } from '../../platform/database';
import type { Mailer } from '../../platform/mailer';
import { outboxMessageId, retryDelayMs } from '../../domain/email-delivery';
import type { ActivityDeps } from '../deps';
import { TOKEN_PLACEHOLDER, unsealToken } from './action-tokens';
import { DIGEST_KIND } from './kinds';
import type { OutboxPayload } from './outbox';

export type DeliveryDeps = { db: Database; mailer: Mailer; config: ActivityDeps['config']; clock: () => Date };

/** A row its claimer may send until `leaseUntil`. */
export interface ClaimedEmail {
  id: string;
  idempotencyKey: string;
  kind: string;
  recipient: string;
  payload: unknown;
  sealedToken: string | null;
  messageId: string;
  sentAt: Date | null;
  attempts: number;
}

/** How long a claim holds by default: far longer than one send (SMTP timeouts are 10 to 20 s). */
export const DEFAULT_LEASE_MS = 2 * 60_000;

const lease = (leaseMs: number) => Prisma.sql`clock_timestamp() + make_interval(secs => ${leaseMs / 1000}::float8)`;
const RETURNED = Prisma.sql`id::text AS id, "idempotencyKey", kind, recipient, payload, "sealedToken", "messageId", "sentAt", attempts`;
/** Due for the dispatcher: queued, retrying after its backoff, or abandoned by a sender whose lease passed. */
const DUE = Prisma.sql`(status IN ('queued', 'retrying') AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= clock_timestamp()))
  OR (status = 'sending' AND "leaseUntil" < clock_timestamp())`;

/**
 * Claims up to `limit` due rows, oldest first; rows another dispatcher is claiming are skipped, not waited
 * for. `since`: only emails queued from then on (a test's dispatcher leaves earlier tests' emails alone).
 */
export async function claimDue(db: Database, limit: number, leaseMs = DEFAULT_LEASE_MS, since?: Date): Promise<ClaimedEmail[]> {
  const due = since ? Prisma.sql`(${DUE}) AND "createdAt" >= ${since}` : DUE;
  return db.$queryRaw<ClaimedEmail[]>`
    UPDATE "OutboxEmail" SET status = 'sending', "leaseUntil" = ${lease(leaseMs)}, attempts = attempts + 1,
      "messageId" = COALESCE("messageId", '<outbox-' || id::text || '@jalon>')
    WHERE id IN (SELECT id FROM "OutboxEmail" WHERE ${due} ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      AND (${DUE})
    RETURNING ${RETURNED}`;
}

/**
 * Claims one row to deliver it now (the delivery activity, the API's own emails). 'failed' rows are taken
 * too: the activity retrying a row failed before this code recorded 'retrying' is asked to deliver it.
 */
export async function claimForDelivery(db: Database, id: string, leaseMs = DEFAULT_LEASE_MS): Promise<ClaimedEmail | undefined> {
  const [row] = await db.$queryRaw<ClaimedEmail[]>`
    UPDATE "OutboxEmail" SET status = 'sending', "leaseUntil" = ${lease(leaseMs)}, attempts = attempts + 1,
      "messageId" = COALESCE("messageId", '<outbox-' || id::text || '@jalon>')
    WHERE id = ${id}::uuid AND (status IN ('queued', 'retrying', 'failed') OR (status = 'sending' AND "leaseUntil" < clock_timestamp()))
    RETURNING ${RETURNED}`;
  return row;
}

export type ResendClaim =
  | { claimed: ClaimedEmail; before: { status: string; resendCount: number }; resendCount: number }
  | { busy: true }
  | undefined;

/**
 * A staff resend, through the same claim: an email not yet sent is delivered now (its first delivery, with
 * its own Message-ID: a resend racing the dispatcher gives one email); a sent one is sent again as a new
 * message (new Message-ID, counted); one being sent right now is left to its sender ('busy').
 */
export async function claimForResend(db: Database, id: string, leaseMs = DEFAULT_LEASE_MS): Promise<ResendClaim> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string; resendCount: number; leased: boolean }[]>`
      SELECT status, "resendCount", ("leaseUntil" >= clock_timestamp()) AS leased FROM "OutboxEmail" WHERE id = ${id}::uuid FOR UPDATE`;
    if (!row) return undefined;
    if (row.status === 'sending' && row.leased) return { busy: true } as const;
    const again = row.status === 'sent';
    const resendCount = again ? row.resendCount + 1 : row.resendCount;
    const messageId = outboxMessageId(id, resendCount);
    const [claimed] = await tx.$queryRaw<ClaimedEmail[]>`
      UPDATE "OutboxEmail" SET status = 'sending', "leaseUntil" = ${lease(leaseMs)}, attempts = attempts + 1,
        "resendCount" = ${resendCount}, "messageId" = ${again ? messageId : Prisma.sql`COALESCE("messageId", ${messageId})`}
      WHERE id = ${id}::uuid RETURNING ${RETURNED}`;
    return { claimed: claimed!, before: { status: row.status, resendCount: row.resendCount }, resendCount };
  });
}

/**
 * Sends a claimed row and records the outcome: 'sent' (a digest also marks the requests it carried), or
 * on failure 'retrying' with its next attempt after a backoff, 'failed' when the server refuses it for good
 * (5xx) or its link cannot be rebuilt. Failures are rethrown, typed for Temporal's retry policy.
 */
export async function sendClaimed(deps: DeliveryDeps, row: ClaimedEmail): Promise<void> {
  const { db, mailer, config } = deps;
  const payload = withLink(row, config.linkSecret);
  if (!payload) {
    const reason = 'The action link of this email cannot be rebuilt: ACTION_LINK_SECRET changed since it was queued. Keep the secret stable; staff can resend the step\'s next reminder.';
    await recordFailure(db, row, reason, true);
    throw ApplicationFailure.nonRetryable(reason, 'ActionLinkUnsealable');
  }
  try {
    await mailer.sendMail({
      from: config.mailFrom,
      // Replies reach a person: the admissions office, not the no-reply sender.
      replyTo: config.admissionsEmail,
      to: row.recipient,
      subject: payload.subject,
      text: payload.text,
      html: payload.html,
      messageId: row.messageId,
      headers: { 'X-Jalon-Outbox-Id': row.id },
      attachments: payload.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    });
  } catch (error) {
    const e = error as { message?: string; responseCode?: number };
    const reason = `${e.responseCode ? `SMTP ${e.responseCode}: ` : ''}${e.message ?? String(error)}`.slice(0, 1000);
    // 5xx: the server refuses this message for good (bad address...); staff see the reason and resend
    // after fixing it. 4xx and network errors are retried (the row shows 'retrying' meanwhile).
    const permanent = e.responseCode !== undefined && e.responseCode >= 500;
    await recordFailure(db, row, reason, permanent);
    if (permanent) throw ApplicationFailure.nonRetryable(reason, 'EmailRejected');
    throw error;
  }
  const sentAt = row.sentAt ?? deps.clock();
  await db.outboxEmail.updateMany({
    where: { id: row.id, messageId: row.messageId },
    data: { status: 'sent', sentAt, leaseUntil: null, nextAttemptAt: null, lastError: null },
  });
  // A row that had failed is through: the mail server is back, so the other rows waiting out their
  // backoff are due now rather than up to 15 minutes later.
  if (row.attempts > 1) await db.$executeRaw`UPDATE "OutboxEmail" SET "nextAttemptAt" = clock_timestamp() WHERE status = 'retrying' AND "nextAttemptAt" > clock_timestamp()`;
  // A digest delivered tells the requests it carried: they are sent, within it.
  if (row.kind === DIGEST_KIND) await db.outboxEmail.updateMany({ where: { digestId: row.id, status: 'held' }, data: { status: 'sent', sentAt, messageId: row.messageId } });
}

async function recordFailure(db: Database, row: ClaimedEmail, reason: string, permanent: boolean): Promise<void> {
  // A resend refused for good leaves an email that was delivered before 'sent' (with the reason shown).
  const status = permanent ? (row.sentAt ? 'sent' : 'failed') : 'retrying';
  const nextAttemptAt = permanent ? null : new Date(Date.now() + retryDelayMs(row.attempts));
  await db.outboxEmail.updateMany({ where: { id: row.id, messageId: row.messageId }, data: { status, lastError: reason, leaseUntil: null, nextAttemptAt } });
}

/** The message as it leaves: the sealed token opened and put in place of the placeholder; undefined if it cannot be opened. */
function withLink(row: { idempotencyKey: string; kind: string; payload: unknown; sealedToken: string | null }, secret: string | undefined): OutboxPayload | undefined {
  const payload = row.payload as OutboxPayload;
  if (!row.sealedToken) return payload;
  const opened = unsealToken(secret, row.sealedToken, row.idempotencyKey);
  if (!opened) return undefined;
  // A digest holds several links: its sealed value maps each placeholder to its token.
  const tokens: Record<string, string> = row.kind === DIGEST_KIND ? (JSON.parse(opened) as Record<string, string>) : { [TOKEN_PLACEHOLDER]: opened };
  const put = (s: string) => Object.entries(tokens).reduce((out, [placeholder, token]) => out.replaceAll(placeholder, token), s);
  return { ...payload, subject: put(payload.subject), text: put(payload.text), html: put(payload.html) };
}

// In-process wake-up: a dispatcher of this process hears at once that an email was queued here (other
// processes hear it through PostgreSQL's NOTIFY, or at their next poll).
const queuedHere = new EventEmitter().setMaxListeners(0);
export const announceQueued = (): void => void queuedHere.emit('queued');
export function onQueued(listener: () => void): () => void {
  queuedHere.on('queued', listener);
  return () => queuedHere.off('queued', listener);
}
