// Sign-in by emailed link, same token rules as action links: 32 random bytes in the link, only their
// SHA-256 stored, expiring, single use, consumed by a POST (the link's GET only shows a confirm page, so
// a mail scanner or a preview uses nothing). The email goes through the outbox like every other one.
// The token travels in the link's fragment (#token=…): browsers never send it to the server with the
// GET, so it appears in no access log or Referer.
import type { Database } from '../../platform/database';
import type { Mailer } from '../../platform/mailer';
import type { Prisma } from '../../platform/database';
import { deliverEmail } from '../../activities/mail/outbox';
import { renderEmail } from '../../activities/mail/render';
import { mintToken, hashToken, sealToken, TOKEN_PATTERN, TOKEN_PLACEHOLDER } from '../../activities/mail/action-tokens';
import type { SessionOptions } from './sessions';

export interface MailDeps {
  mailer: Mailer;
  config: { mailFrom: string; admissionsEmail: string; publicBaseUrl: string; linkSecret?: string };
}

export function signInLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/console/sign-in#token=${token}`;
}

/**
 * Queues and sends a sign-in link to an active staff member with this email. Answers the outbox id,
 * or null when nobody active has this address (the caller says the same thing either way).
 */
export async function requestSignInLink(db: Database, mail: MailDeps, email: string, options: SessionOptions): Promise<{ outboxId: string; send: Promise<unknown> } | null> {
  const staff = await db.staffUser.findFirst({ where: { email: { equals: email, mode: 'insensitive' }, deactivatedAt: null } });
  if (!staff) return null;
  const { token, tokenHash } = mintToken();
  const now = options.clock();
  const expiresAt = new Date(now.getTime() + options.linkTtlMs);
  // Rendered like every email (React component, wording catalogue), with a placeholder where the link
  // goes: the outbox keeps the token sealed and writes the link in as the email leaves.
  const rendered = await renderEmail({
    template: 'staff_sign_in', data: { expiresAtMs: expiresAt.getTime() }, language: 'fr', recipientName: staff.name,
    link: signInLink(mail.config.publicBaseUrl, TOKEN_PLACEHOLDER), admissionsEmail: mail.config.admissionsEmail, audience: 'staff',
  });
  const row = await db.$transaction(async (tx) => {
    const signIn = await tx.staffSignInLink.create({ data: { staffUserId: staff.id, tokenHash, expiresAt } });
    const idempotencyKey = `staff-sign-in:${signIn.id}`;
    return tx.outboxEmail.create({
      data: {
        idempotencyKey,
        kind: 'staff_sign_in',
        recipient: staff.email,
        recipientRef: `staff:${staff.id}`,
        language: 'fr',
        payload: { ...rendered, attachments: [], data: {} } as unknown as Prisma.InputJsonValue,
        sealedToken: sealToken(mail.config.linkSecret, token, idempotencyKey),
      },
    });
  });
  const send = deliverEmail({ db, mailer: mail.mailer, config: mail.config, clock: options.clock }, row.id);
  return { outboxId: row.id, send };
}

export type ConsumeResult = { status: 'ok'; staffUserId: string } | { status: 'invalid' | 'used' | 'expired' };

/** Uses the link once: of two racing POSTs, one wins (conditional update on usedAt). */
export async function consumeSignInLink(db: Database, token: string, now: Date): Promise<ConsumeResult> {
  if (!TOKEN_PATTERN.test(token)) return { status: 'invalid' };
  const row = await db.staffSignInLink.findUnique({ where: { tokenHash: hashToken(token) }, include: { staffUser: true } });
  if (!row || row.staffUser.deactivatedAt) return { status: 'invalid' };
  if (row.usedAt) return { status: 'used' };
  if (row.expiresAt.getTime() <= now.getTime()) return { status: 'expired' };
  const { count } = await db.staffSignInLink.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) return { status: 'used' };
  return { status: 'ok', staffUserId: row.staffUserId };
}
