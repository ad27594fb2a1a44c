// Sign-in by emailed link, same token rules as action links: 32 random bytes in the link, only their
// SHA-256 stored, expiring, single use, consumed by a POST (the link's GET only shows a confirm page, so
// a mail scanner or a preview uses nothing). The email goes through the outbox like every other one.
// The token travels in the link's fragment (#token=…): browsers never send it to the server with the
// GET, so it appears in no access log or Referer.
import type { Database } from '../../platform/database';
import type { Mailer } from '../../platform/mailer';
import type { Prisma } from '../../platform/database';
import { deliverEmail } from '../../activities/mail/outbox';
import { escapeHtml, formatDateTime } from '../../activities/mail/format';
import { mintToken, hashToken, TOKEN_PATTERN } from '../../activities/mail/action-tokens';
import type { SessionOptions } from './sessions';

export interface MailDeps {
  mailer: Mailer;
  config: { mailFrom: string; admissionsEmail: string; publicBaseUrl: string };
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
  const link = signInLink(mail.config.publicBaseUrl, token);
  const until = formatDateTime(expiresAt.getTime(), 'fr');
  const untilEn = formatDateTime(expiresAt.getTime(), 'en');
  const subject = 'Jalon — Votre lien de connexion / Your sign-in link';
  const text = [
    `Bonjour ${staff.name},`, '',
    `Pour ouvrir la console Jalon, suivez ce lien personnel (valable une fois, jusqu’au ${until}) :`, link, '',
    'Si vous n’avez rien demandé, ignorez ce message.', '',
    `Hello ${staff.name}, to open the Jalon console follow this personal link (single use, valid until ${untilEn}). If you did not ask for it, ignore this message.`,
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5">
<main style="max-width:40rem;margin:0 auto;padding:1.5rem">
<h1 style="font-size:1.3rem">Votre lien de connexion</h1>
<p>Bonjour ${e(staff.name)},</p>
<p>Pour ouvrir la console Jalon, suivez ce lien personnel (valable une fois, jusqu’au ${e(until)}) :</p>
<p><a href="${e(link)}">Se connecter à Jalon</a></p>
<p>Si vous n’avez rien demandé, ignorez ce message.</p>
<hr><p lang="en">Hello ${e(staff.name)}, to open the Jalon console follow the link above (single use, valid until ${e(untilEn)}). If you did not ask for it, ignore this message.</p>
</main></body></html>
`;
  const row = await db.$transaction(async (tx) => {
    const signIn = await tx.staffSignInLink.create({ data: { staffUserId: staff.id, tokenHash, expiresAt } });
    return tx.outboxEmail.create({
      data: {
        idempotencyKey: `staff-sign-in:${signIn.id}`,
        kind: 'staff_sign_in',
        recipient: staff.email,
        recipientRef: `staff:${staff.id}`,
        language: 'fr',
        payload: { subject, text, html, attachments: [], data: {} } as unknown as Prisma.InputJsonValue,
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
