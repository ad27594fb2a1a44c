// The outbox: `queueEmail` renders the message and writes it (with its action token, if any) in one
// transaction; the outbox dispatcher (activities/mail/dispatcher.ts) sends it. The raw token is stored
// nowhere in clear: the queued message has a placeholder where the link goes and the row keeps the token
// sealed; the link is written into the message only as it is sent (activities/mail/delivery.ts). Never in
// a workflow history, a log, or another column.
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../../platform/database';
import { Prisma } from '../../platform/database';
import type { ActivityDeps } from '../deps';
import { createHash } from 'node:crypto';
import type { EmailRequest, NotifyInput, NotifyResult, TemplateData } from '../notification-types';
import { cpfIdentityAsk } from '../cpf/identity';
import type { Words } from '../wording/catalogue';
import { actionLink, mintToken, sealToken, TOKEN_PLACEHOLDER } from './action-tokens';
import { announceQueued, claimForDelivery, claimForResend, sendClaimed, type DeliveryDeps } from './delivery';
import { buildIcs } from './ics';
import { DEFAULT_SPACE_LINK_DAYS, SPACE_TASK_TEMPLATES, createSpaceLink, leadsToSpace, spaceLinkExpiresAtMs, spaceLostLinkUrl, spaceSignInUrl } from './space-link';
import { candidateIdOfJourney, candidateNameOfJourney, RecipientNotFoundError, resolveRecipient } from './recipients';
import { renderEmail } from './render';
import { DIGESTED_TEMPLATES } from './kinds';

/** What an outbox row's payload holds: the message exactly as it will be sent. */
export interface OutboxPayload {
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
  /** The template data (identifiers, codes, dates): the action page reads it, e.g. the offered slots. */
  data: TemplateData;
}

/**
 * 'held': a request waiting for its person's digest; 'skipped': its step closed before any digest told it;
 * 'sending': claimed by a sender (until its lease); 'retrying': the mail server failed it, tried again later;
 * 'failed': refused for good (5xx) or its link cannot be rebuilt.
 */
export type OutboxStatus = 'queued' | 'sending' | 'retrying' | 'sent' | 'failed' | 'held' | 'skipped';

export async function queueEmail(deps: ActivityDeps, input: NotifyInput): Promise<NotifyResult> {
  const prepared = await prepareEmail(deps, input);
  // Retrying cannot create a missing person: the journey must hear it (typed, not retried).
  if ('missing' in prepared) throw ApplicationFailure.nonRetryable(prepared.missing, 'RecipientNotFound');
  if ('queued' in prepared) return prepared.queued;
  try {
    const queued = await deps.db.$transaction((tx) => prepared.write(tx));
    announceQueued();
    return queued;
  } catch (error) {
    // Two attempts raced: the other one's row (and token) stand, this one's transaction rolled back.
    if (isDuplicate(error)) return resultOf(await deps.db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: idempotencyKeyOf(input) } }));
    throw error;
  }
}

/** A unique constraint refused the insert: another attempt of the same email (or step) committed first. */
export const isDuplicate = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

const idempotencyKeyOf = (input: NotifyInput) => `${input.journeyId}:${input.purpose}`;

/**
 * An email ready to be written: already queued (a retried step), its recipient gone, or rendered with the
 * writes that queue it (space link, action token, outbox row), to run in the caller's transaction. Reads
 * and rendering happen here, outside any transaction: a transition's transaction holds writes only.
 */
export type PreparedEmail =
  | { queued: NotifyResult }
  | { missing: string }
  | { write: (tx: Prisma.TransactionClient) => Promise<NotifyResult> };

export async function prepareEmail(deps: ActivityDeps, input: NotifyInput): Promise<PreparedEmail> {
  const { db, config, clock } = deps;
  const idempotencyKey = idempotencyKeyOf(input);
  const existing = await db.outboxEmail.findUnique({ where: { idempotencyKey } });
  if (existing) return { queued: resultOf(existing) };

  let recipient;
  try {
    recipient = await resolveRecipient(db, input.to, config.admissionsEmail);
  } catch (error) {
    if (error instanceof RecipientNotFoundError) return { missing: error.message };
    throw error;
  }
  const candidateName = input.to.kind === 'candidate' ? undefined : await candidateNameOfJourney(db, input.journeyId);
  const candidateId = candidateIdOfJourney(input.journeyId);
  // Some emails lead into the candidate space with a personal single-use link: leadsToSpace (no action link),
  // and the requests whose task is done in the space (their action token is kept for the space's form).
  // An award to a holder whose identity the CPF declaration still lacks asks for it, in the space.
  const cpfAsk = input.template === 'certification_outcome' && input.data.outcome === 'awarded' && input.to.kind === 'candidate' && candidateId
    ? await cpfIdentityAsk(db, candidateId) : undefined;
  const spaceTask = Boolean(input.action) && SPACE_TASK_TEMPLATES.has(input.template);
  const spaceDays = config.candidateSpaceLinkDays ?? DEFAULT_SPACE_LINK_DAYS;
  const space = (spaceTask || !input.action) && input.to.kind === 'candidate' && candidateId && (spaceTask || leadsToSpace(input) || cpfAsk)
    // The link outlives the date the email gives (the step's deadline, or the date asked for the identity).
    ? { candidateId, expiresAt: new Date(Math.max(spaceLinkExpiresAtMs(input, clock().getTime(), spaceDays), (cpfAsk?.askedByMs ?? 0) + spaceDays * 86_400_000)) }
    : undefined;
  const minted = input.action || space ? mintToken() : undefined;
  /** The action token when the mailed one is the space's: created, never sent. */
  const actionMinted = space && input.action ? mintToken() : minted;
  const eligibilityReasons = input.template === 'eligibility_refused' && candidateId ? await eligibilityReasonsOf(db, candidateId) : undefined;
  const rendered = await renderEmail({
    ...emailOf(input),
    language: recipient.language,
    recipientName: recipient.name,
    candidateName,
    // The link is written in as the email leaves (the token is kept sealed until then).
    link: space ? spaceSignInUrl(config.publicBaseUrl, TOKEN_PLACEHOLDER) : minted ? actionLink(config.publicBaseUrl, TOKEN_PLACEHOLDER) : undefined,
    linkExpiresAtMs: space ? space.expiresAt.getTime() : input.action?.expiresAtMs,
    lostLinkUrl: space ? spaceLostLinkUrl(config.publicBaseUrl) : undefined,
    audience: input.to.kind === 'staff' ? 'staff' : 'others',
    admissionsEmail: config.admissionsEmail,
    referentialCode: referentialCodeOfJourney(input.journeyId),
    eligibilityReasons,
    cpfIdentityAskedByMs: cpfAsk?.askedByMs,
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

  return {
    write: async (tx) => {
      if (space && minted) await createSpaceLink(tx, space.candidateId, space.expiresAt, minted);
      const token = actionMinted && input.action
        ? await tx.actionToken.create({
            data: {
              tokenHash: actionMinted.tokenHash,
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
    },
  };
}

/** The template and its data, without the routing fields. */
const emailOf = (input: NotifyInput): EmailRequest => ({ template: input.template, data: input.data }) as EmailRequest;

/** `journey:<referential>:<candidateId>` -> the referential's code. */
const referentialCodeOfJourney = (journeyId: string) => journeyId.split(':')[1];

/** A calendar UID that names no person: a hash of the journey id and the offer. */
export const interviewUid = (journeyId: string, offer: number) => `interview-${createHash('sha256').update(journeyId).digest('hex').slice(0, 24)}-${offer}@jalon`;

async function eligibilityReasonsOf(db: Database, candidateId: string): Promise<Words[]> {
  const row = await db.eligibilityResult.findUnique({ where: { candidateId } });
  const reasons = (row?.reasons ?? []) as { code?: string; fr?: string; en?: string }[];
  // The missing-profile reason is a note to staff (field names, what to do): the email says it in its own words.
  return reasons.filter((r) => r.code !== 'declared_profile_invalid' && typeof r.fr === 'string' && typeof r.en === 'string').map((r) => ({ fr: r.fr!, en: r.en! }));
}

function resultOf(row: { id: string; actionTokenId: string | null }): NotifyResult {
  return row.actionTokenId ? { outboxId: row.id, actionTokenId: row.actionTokenId } : { outboxId: row.id };
}

/**
 * Delivers one queued email now, through the claim (activities/mail/delivery.ts): the journeys' activity
 * of the code before the outbox dispatcher (their histories still call it) and the API's own emails.
 * 'already_sent': sent, or being sent by another sender (a dispatcher) right now.
 */
export async function deliverEmail(deps: DeliveryDeps, outboxId: string): Promise<'sent' | 'already_sent' | 'held_for_digest'> {
  const claimed = await claimForDelivery(deps.db, outboxId);
  if (!claimed) {
    const row = await deps.db.outboxEmail.findUnique({ where: { id: outboxId }, select: { status: true } });
    if (!row) throw ApplicationFailure.nonRetryable(`No outbox email ${outboxId}: nothing to deliver.`, 'OutboxEmailNotFound');
    return row.status === 'held' || row.status === 'skipped' ? 'held_for_digest' : 'already_sent';
  }
  await sendClaimed(deps, claimed);
  return 'sent';
}

/** Why a resend did not happen: the email is being sent by someone else at this moment. */
export class EmailBeingSentError extends Error {
  constructor() {
    super('This email is being sent right now; it will arrive once. Resend it after it shows as sent, if needed.');
  }
}

/**
 * Staff "resend", through the same claim as every delivery: an email not yet sent is delivered now; a sent
 * one is sent again as a new message (new Message-ID), counted; each is audited. The link inside still
 * works only if its token is still valid.
 */
export async function resendEmail(
  deps: DeliveryDeps,
  outboxId: string,
  actor: string,
): Promise<{ outboxId: string; status: 'sent'; resendCount: number }> {
  const claim = await claimForResend(deps.db, outboxId);
  if (!claim) throw new Error(`No outbox email ${outboxId}: check the id in the journey's email list.`);
  if ('busy' in claim) throw new EmailBeingSentError();
  await sendClaimed(deps, claim.claimed);
  const row = await deps.db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId }, select: { journeyId: true, kind: true } });
  await deps.db.auditEvent.create({
    data: { journeyId: row.journeyId, actor, action: 'email.resent', before: claim.before, after: { outboxId, kind: row.kind, resendCount: claim.resendCount } },
  });
  return { outboxId, status: 'sent', resendCount: claim.resendCount };
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
