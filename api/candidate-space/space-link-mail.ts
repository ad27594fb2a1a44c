// "Lost my link": a fresh single-use link into the space, mailed to each application with this address
// (one per cohort). Same outbox as every email: the token sealed in the row, the link written in as it leaves.
import type { Prisma } from '../../platform/database';
import type { Database } from '../../platform/database';
import { deliverEmail } from '../../activities/mail/outbox';
import { renderEmail } from '../../activities/mail/render';
import { mintToken, sealToken, TOKEN_PLACEHOLDER } from '../../activities/mail/action-tokens';
import { createSpaceLink, spaceSignInUrl } from '../../activities/mail/space-link';
import { asLanguage } from '../../activities/wording/catalogue';
import type { MailDeps } from '../auth/sign-in';

export const LOST_LINK_TTL_MS = 60 * 60 * 1000;

/** Queues one email per candidate with this address; answers the deliveries (empty when nobody has it). */
export async function mailSpaceLinks(db: Database, mail: MailDeps, email: string, now: Date): Promise<Promise<unknown>[]> {
  const candidates = await db.candidate.findMany({ where: { email: email.toLowerCase(), erasedAt: null }, take: 5 });
  const sends: Promise<unknown>[] = [];
  for (const candidate of candidates) sends.push(mailSpaceLink(db, mail, candidate, now));
  return sends;
}

export async function mailSpaceLink(db: Database, mail: MailDeps, candidate: { id: string; email: string; firstName: string; lastName: string; language: string }, now: Date): Promise<unknown> {
  const expiresAt = new Date(now.getTime() + LOST_LINK_TTL_MS);
  const language = asLanguage(candidate.language);
  const rendered = await renderEmail({
    template: 'candidate_space_link', data: { expiresAtMs: expiresAt.getTime() }, language, recipientName: `${candidate.firstName} ${candidate.lastName}`,
    link: spaceSignInUrl(mail.config.publicBaseUrl, TOKEN_PLACEHOLDER), admissionsEmail: mail.config.admissionsEmail,
  });
  const minted = mintToken();
  const row = await db.$transaction(async (tx) => {
    await createSpaceLink(tx, candidate.id, expiresAt, minted);
    const idempotencyKey = `candidate-space-link:${minted.tokenHash.slice(0, 32)}`;
    return tx.outboxEmail.create({
      data: {
        idempotencyKey, kind: 'candidate_space_link', recipient: candidate.email, recipientRef: `candidate:${candidate.id}`, language,
        payload: { ...rendered, attachments: [], data: {} } as unknown as Prisma.InputJsonValue,
        sealedToken: sealToken(mail.config.linkSecret, minted.token, idempotencyKey),
      },
    });
  });
  return deliverEmail({ db, mailer: mail.mailer, config: mail.config, clock: () => now }, row.id);
}
