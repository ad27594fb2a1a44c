// The outbox: `queueEmail` renders the message and writes it (with its action token, if any) in one
// transaction; `deliverEmail` sends it. The raw token is stored nowhere in clear: the queued message has
// a placeholder where the link goes and the row keeps the token sealed; the link is written into the
// message only as it is sent. Never in a workflow history, a log, or another column.
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../platform/database';
import { Prisma } from '../../platform/database';
import type { Mailer } from '../../platform/mailer';
import type { ActivityDeps } from '../deps';
import { createHash } from 'node:crypto';
import type { EmailRequest, NotifyInput, NotifyResult, TemplateData } from '../notification-types';
import type { Words } from '../wording/catalogue';
import { actionLink, mintToken, sealToken, TOKEN_PLACEHOLDER, unsealToken } from './action-tokens';
import { buildIcs } from './ics';
import { DEFAULT_SPACE_LINK_DAYS, createSpaceLink, leadsToSpace, spaceSignInUrl } from './space-link';
import { candidateIdOfJourney, candidateNameOfJourney, RecipientNotFoundError, resolveRecipient } from './recipients';
import { renderEmail } from './render';
import { DIGEST_KIND, DIGESTED_TEMPLATES } from './kinds';

/** What an outbox row's payload holds: the message exactly as it will be sent. */
export interface OutboxPayload {
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
  /** The template data (identifiers, codes, dates): the action page reads it, e.g. the offered slots. */
  data: TemplateData;
}

/** 'held': a request waiting for its person's digest; 'skipped': its step closed before any digest told it. */
export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'held' | 'skipped';

export async function queueEmail(deps: ActivityDeps, input: NotifyInput): Promise<NotifyResult> {
  const { db, config, clock } = deps;
  const idempotencyKey = `${input.journeyId}:${input.purpose}`;
  const existing = await db.outboxEmail.findUnique({ where: { idempotencyKey } });
  if (existing) return resultOf(existing);

  let recipient;
  try {
    recipient = await resolveRecipient(db, input.to, config.admissionsEmail);
  } catch (error) {
    // Retrying cannot create a missing person: the journey must hear it (typed, not retried).
    if (error instanceof RecipientNotFoundError) throw ApplicationFailure.nonRetryable(error.message, 'RecipientNotFound');
    throw error;
  }
  const candidateName = input.to.kind === 'candidate' ? undefined : await candidateNameOfJourney(db, input.journeyId);
  const candidateId = candidateIdOfJourney(input.journeyId);
  // Some emails lead into the candidate space with a personal single-use link (no action link): leadsToSpace.
  const space = !input.action && input.to.kind === 'candidate' && candidateId && leadsToSpace(input)
    ? { candidateId, expiresAt: new Date(clock().getTime() + (config.candidateSpaceLinkDays ?? DEFAULT_SPACE_LINK_DAYS) * 86_400_000) }
    : undefined;
  const minted = input.action || space ? mintToken() : undefined;
  const eligibilityReasons = input.template === 'eligibility_refused' && candidateId ? await eligibilityReasonsOf(db, candidateId) : undefined;
  const rendered = await renderEmail({
    ...emailOf(input),
    language: recipient.language,
    recipientName: recipient.name,
    candidateName,
    // The link is written in as the email leaves (the token is kept sealed until then).
    link: space ? spaceSignInUrl(config.publicBaseUrl, TOKEN_PLACEHOLDER) : minted ? actionLink(config.publicBaseUrl, TOKEN_PLACEHOLDER) : undefined,
    linkExpiresAtMs: input.action?.expiresAtMs ?? space?.expiresAt.getTime(),
    admissionsEmail: config.admissionsEmail,
    referentialCode: referentialCodeOfJourney(input.journeyId),
    eligibilityReasons,
    candidateUrl: input.to.kind === 'staff' && candidateId ? `${config.publicBaseUrl.replace(/\/+$/, '')}/candidates/${candidateId}` : undefined,
  });
  const attachments: OutboxPayload['attachments'] = [];
  if (input.template === 'interview_confirmed' || input.template === 'interview_cancelled') {
    const { slot, offer } = input.data;
    const cancel = input.template === 'interview_cancelled';
    attachments.push({
      filename: cancel ? 'entretien-annule-interview-cancelled.ics' : 'entretien-interview.ics',
      contentType: `text/calendar; charset=utf-8; method=${cancel ? 'CANCEL' : 'REQUEST'}`,
      content: buildIcs({
        method: cancel ? 'CANCEL' : 'REQUEST',
        // One event per journey and offer, the same for the candidate and the interviewers: a cancel matches it.
        uid: interviewUid(input.journeyId, offer),
        sequence: cancel ? 1 : 0,
        startMs: slot.startsAtMs,
        durationMinutes: slot.durationMinutes,
        summary: recipient.language === 'fr' ? 'Entretien de motivation' : 'Motivation interview',
        location: slot.place,
        organizerEmail: config.admissionsEmail,
        attendees: [{ email: recipient.email, name: recipient.name }],
        stampMs: clock().getTime(),
      }),
    });
  }
  const data = input.data;
  const payload: OutboxPayload = { ...rendered, attachments, data };

  try {
    return await db.$transaction(async (tx) => {
      if (space && minted) await createSpaceLink(tx, space.candidateId, space.expiresAt, minted);
      const token = minted && input.action
        ? await tx.actionToken.create({
            data: {
              tokenHash: minted.tokenHash,
              action: input.action.action,
              journeyId: input.journeyId,
              recipientEmail: recipient.email,
              recipientRole: recipient.role,
              recipientRef: recipient.ref,
              subjectRef: input.action.subjectRef ?? null,
              expiresAt: new Date(input.action.expiresAtMs),
            },
          })
        : undefined;
      const row = await tx.outboxEmail.create({
        data: {
          idempotencyKey,
          kind: input.template,
          recipient: recipient.email,
          recipientRef: recipient.ref,
          language: recipient.language,
          journeyId: input.journeyId,
          payload: payload as unknown as Prisma.InputJsonValue,
          actionTokenId: token?.id ?? null,
          status: config.requestDigest && input.to.kind === 'juryMember' && DIGESTED_TEMPLATES.has(input.template) ? 'held' : 'queued',
          sealedToken: minted ? sealToken(config.linkSecret, minted.token, idempotencyKey) : null,
        },
      });
      return resultOf(row);
    });
  } catch (error) {
    // Two attempts raced: the other one's row (and token) stand, this one's transaction rolled back.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return resultOf(await db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey } }));
    }
    throw error;
  }
}

/** The template and its data, without the routing fields. */
const emailOf = (input: NotifyInput): EmailRequest => ({ template: input.template, data: input.data }) as EmailRequest;

/** `journey:<referential>:<candidateId>` -> the referential's code. */
const referentialCodeOfJourney = (journeyId: string) => journeyId.split(':')[1];

/** A calendar UID that names no person: a hash of the journey id and the offer. */
export const interviewUid = (journeyId: string, offer: number) => `interview-${createHash('sha256').update(journeyId).digest('hex').slice(0, 24)}-${offer}@jalon`;

async function eligibilityReasonsOf(db: Database, candidateId: string): Promise<Words[]> {
  const row = await db.eligibilityResult.findUnique({ where: { candidateId } });
  const reasons = (row?.reasons ?? []) as { fr?: string; en?: string }[];
  return reasons.filter((r) => typeof r.fr === 'string' && typeof r.en === 'string').map((r) => ({ fr: r.fr!, en: r.en! }));
}

function resultOf(row: { id: string; actionTokenId: string | null }): NotifyResult {
  return row.actionTokenId ? { outboxId: row.id, actionTokenId: row.actionTokenId } : { outboxId: row.id };
}

/** Sends a queued email once. SMTP refusals are recorded then rethrown, so Temporal retries with backoff. */
export async function deliverEmail(deps: Pick<ActivityDeps, 'db' | 'mailer' | 'config' | 'clock'>, outboxId: string): Promise<'sent' | 'already_sent' | 'held_for_digest'> {
  const { db } = deps;
  const row = await db.outboxEmail.findUnique({ where: { id: outboxId } });
  if (!row) throw ApplicationFailure.nonRetryable(`No outbox email ${outboxId}: nothing to deliver.`, 'OutboxEmailNotFound');
  if (row.status === 'sent') return 'already_sent';
  if (row.status === 'held' || row.status === 'skipped') return 'held_for_digest';
  const messageId = `<outbox-${row.id}@jalon>`;
  await send(deps, row, messageId);
  const sentAt = deps.clock();
  await db.outboxEmail.update({
    where: { id: row.id },
    data: { status: 'sent', sentAt, messageId, attempts: { increment: 1 }, lastError: null },
  });
  // A digest delivered tells the requests it carried: they are sent, within it.
  if (row.kind === DIGEST_KIND) await db.outboxEmail.updateMany({ where: { digestId: row.id, status: 'held' }, data: { status: 'sent', sentAt, messageId } });
  return 'sent';
}

async function send(
  { db, mailer, config }: { db: Database; mailer: Mailer; config: ActivityDeps['config'] },
  row: { id: string; idempotencyKey: string; kind: string; recipient: string; payload: unknown; status: string; sealedToken: string | null },
  messageId: string,
): Promise<void> {
  const payload = withLink(row, config.linkSecret);
  if (!payload) {
    const reason = 'The action link of this email cannot be rebuilt: ACTION_LINK_SECRET changed since it was queued. Keep the secret stable; staff can resend the step\'s next reminder.';
    await db.outboxEmail.update({ where: { id: row.id }, data: { status: row.status === 'sent' ? 'sent' : 'failed', attempts: { increment: 1 }, lastError: reason } });
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
      messageId,
      headers: { 'X-Jalon-Outbox-Id': row.id },
      attachments: payload.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    });
  } catch (error) {
    const e = error as { message?: string; responseCode?: number };
    const reason = `${e.responseCode ? `SMTP ${e.responseCode}: ` : ''}${e.message ?? String(error)}`.slice(0, 1000);
    await db.outboxEmail.update({
      where: { id: row.id },
      data: { status: row.status === 'sent' ? 'sent' : 'failed', attempts: { increment: 1 }, lastError: reason },
    });
    // 5xx: the server refuses this message for good (bad address...). Retrying changes nothing;
    // staff see the reason and resend after fixing it. 4xx and network errors are retried.
    if (e.responseCode !== undefined && e.responseCode >= 500) throw ApplicationFailure.nonRetryable(reason, 'EmailRejected');
    throw error;
  }
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

/**
 * Staff "resend": a deliberate new send of the same message (new Message-ID), counted and audited.
 * The link inside still works only if its token is still valid.
 */
export async function resendEmail(
  deps: { db: Database; mailer: Mailer; config: ActivityDeps['config']; clock: () => Date },
  outboxId: string,
  actor: string,
): Promise<{ outboxId: string; status: 'sent'; resendCount: number }> {
  const row = await deps.db.outboxEmail.findUnique({ where: { id: outboxId } });
  if (!row) throw new Error(`No outbox email ${outboxId}: check the id in the journey's email list.`);
  const resendCount = row.resendCount + 1;
  await send(deps, row, `<outbox-${row.id}-resend-${resendCount}@jalon>`);
  const now = deps.clock();
  await deps.db.$transaction([
    deps.db.outboxEmail.update({ where: { id: row.id }, data: { status: 'sent', sentAt: row.sentAt ?? now, resendCount, lastError: null, attempts: { increment: 1 } } }),
    deps.db.auditEvent.create({
      data: { journeyId: row.journeyId, actor, action: 'email.resent', before: { status: row.status, resendCount: row.resendCount }, after: { outboxId: row.id, kind: row.kind, resendCount } },
    }),
  ]);
  return { outboxId: row.id, status: 'sent', resendCount };
}

export interface OutboxEmailSummary {
  id: string;
  kind: string;
  recipient: string;
  recipientRef: string | null;
  language: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  resendCount: number;
  createdAt: Date;
  sentAt: Date | null;
}

/** A journey's emails with their status, oldest first; never the body (it holds the action link). */
export async function listJourneyEmails(db: Database, journeyId: string): Promise<OutboxEmailSummary[]> {
  const rows = await db.outboxEmail.findMany({ where: { journeyId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((r) => ({
    id: r.id, kind: r.kind, recipient: r.recipient, recipientRef: r.recipientRef, language: r.language,
    subject: (r.payload as unknown as OutboxPayload).subject, status: r.status as OutboxStatus, attempts: r.attempts,
    lastError: r.lastError, resendCount: r.resendCount, createdAt: r.createdAt, sentAt: r.sentAt,
  }));
}
