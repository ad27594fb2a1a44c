// Online applications: the answers wait in Application until the address is confirmed by the emailed
// link; confirming creates the candidate and starts the journey with the staff API's own input
// (journeyInputOf, startJourney). One application per address and cohort: a second one resumes the first.
import type { Client } from '@temporalio/client';
import { hashToken, mintToken, sealToken, TOKEN_PATTERN, TOKEN_PLACEHOLDER } from '../../activities/mail/action-tokens';
import { deliverEmail } from '../../activities/mail/outbox';
import { renderEmail } from '../../activities/mail/render';
import type { Language } from '../../activities/wording/catalogue';
import { Prisma, type Database } from '../../platform/database';
import { startJourney } from '../../workflows/journey-client';
import type { MailDeps } from '../auth/sign-in';
import { journeyInputOf } from '../routes/candidate-input';
import { candidateDataOf, type ApplicationAnswers } from './apply-form';
import { mailSpaceLink } from './space-link-mail';

export const CONFIRM_TTL_MS = 24 * 60 * 60 * 1000;

export function confirmUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/apply/confirm/${token}`;
}

/**
 * Records (or updates) the unconfirmed application and mails the confirmation link; an address that
 * already applied and confirmed gets a link to its space instead. Answers the delivery.
 */
export async function submitApplication(
  db: Database, mail: MailDeps, cohort: { id: string; label: string }, answers: ApplicationAnswers, language: Language, now: Date,
): Promise<{ delivery: Promise<unknown> }> {
  const email = answers.email.toLowerCase();
  const existing = await db.application.findUnique({ where: { cohortId_email: { cohortId: cohort.id, email } } });
  const candidate = existing?.candidateId ? await db.candidate.findUnique({ where: { id: existing.candidateId } }) : await db.candidate.findUnique({ where: { cohortId_email: { cohortId: cohort.id, email } } });
  if (candidate && !candidate.erasedAt) return { delivery: mailSpaceLink(db, mail, candidate, now) };
  const minted = mintToken();
  const expiresAt = new Date(now.getTime() + CONFIRM_TTL_MS);
  const rendered = await renderEmail({
    template: 'application_confirm', data: { expiresAtMs: expiresAt.getTime(), cohortLabel: cohort.label }, language, recipientName: `${answers.firstName} ${answers.lastName}`,
    link: confirmUrl(mail.config.publicBaseUrl, TOKEN_PLACEHOLDER), admissionsEmail: mail.config.admissionsEmail,
  });
  const { blockCodes, ...rest } = answers;
  const stored = { ...rest, blockCodes } as unknown as Prisma.InputJsonValue;
  const row = await db.$transaction(async (tx) => {
    const application = await tx.application.upsert({
      where: { cohortId_email: { cohortId: cohort.id, email } },
      create: { cohortId: cohort.id, email, language, answers: stored, confirmTokenHash: minted.tokenHash, confirmExpiresAt: expiresAt },
      update: { language, answers: stored, confirmTokenHash: minted.tokenHash, confirmExpiresAt: expiresAt, updatedAt: now },
    });
    const idempotencyKey = `application-confirm:${minted.tokenHash.slice(0, 32)}`;
    return tx.outboxEmail.create({
      data: {
        idempotencyKey, kind: 'application_confirm', recipient: email, recipientRef: `application:${application.id}`, language,
        payload: { ...rendered, attachments: [], data: {} } as unknown as Prisma.InputJsonValue,
        sealedToken: sealToken(mail.config.linkSecret, minted.token, idempotencyKey),
      },
    });
  });
  return { delivery: deliverEmail({ db, mailer: mail.mailer, config: mail.config, clock: () => now }, row.id) };
}

export async function findUnconfirmed(db: Database, token: string, now: Date) {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const application = await db.application.findUnique({ where: { confirmTokenHash: hashToken(token) } });
  if (!application || !application.confirmExpiresAt || application.confirmExpiresAt.getTime() <= now.getTime()) return undefined;
  return application;
}

/** Confirms once: creates the candidate (or finds the one this address already is) and starts the journey. */
export async function confirmApplication(db: Database, temporal: Client, taskQueue: string, token: string, now: Date): Promise<{ candidateId: string } | undefined> {
  const application = await findUnconfirmed(db, token, now);
  if (!application) return undefined;
  // The token is spent first (of two racing confirmations, one goes on).
  const { count } = await db.application.updateMany({ where: { id: application.id, confirmTokenHash: application.confirmTokenHash }, data: { confirmTokenHash: null, confirmedAt: now } });
  if (count !== 1) return undefined;
  const cohort = await db.cohort.findUniqueOrThrow({ where: { id: application.cohortId } });
  const data = candidateDataOf(application.answers as unknown as ApplicationAnswers, application.language === 'en' ? 'en' : 'fr');
  let candidate;
  try {
    candidate = await db.candidate.create({
      data: { cohortId: cohort.id, ...data, accommodations: data.accommodations as Prisma.InputJsonValue, declaredProfile: data.declaredProfile as Prisma.InputJsonValue },
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    candidate = await db.candidate.findUniqueOrThrow({ where: { cohortId_email: { cohortId: cohort.id, email: data.email } } });
  }
  await db.application.update({ where: { id: application.id }, data: { candidateId: candidate.id } });
  await db.auditEvent.create({ data: { candidateId: candidate.id, actor: `candidate:${candidate.id}`, action: 'application.confirmed', after: { applicationId: application.id } } });
  await startJourney(temporal, taskQueue, journeyInputOf(candidate, cohort));
  return { candidateId: candidate.id };
}
