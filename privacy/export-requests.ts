// A candidate's own request for their data (from their space): a single-use link, emailed, valid 72 hours
// (only its SHA-256 is stored); used by a POST, so that a mail scanner following the link uses nothing.
// One request per 10 minutes: asking again meanwhile points to the email already sent.
import type { Database, Prisma } from '../platform/database';
import { hashToken, mintToken, sealToken, TOKEN_PATTERN, TOKEN_PLACEHOLDER } from '../activities/mail/action-tokens';
import { deliverEmail } from '../activities/mail/outbox';
import { renderEmail } from '../activities/mail/render';
import { asLanguage } from '../activities/wording/catalogue';
import type { MailDeps } from '../api/auth/sign-in';

export const EXPORT_LINK_TTL_MS = 72 * 3_600_000;
const AGAIN_AFTER_MS = 10 * 60_000;

export const exportLinkUrl = (publicBaseUrl: string, token: string) => `${publicBaseUrl.replace(/\/$/, '')}/space/personal-data/${token}`;

/** Queues and sends the email; answers 'sent', or 'recent' when a link went out less than 10 minutes ago. */
export async function requestOwnExport(db: Database, mail: MailDeps, candidateId: string, now: Date): Promise<{ status: 'sent' | 'recent'; delivery?: Promise<unknown> }> {
  const recent = await db.personalDataExport.findFirst({ where: { candidateId, usedAt: null, createdAt: { gt: new Date(now.getTime() - AGAIN_AFTER_MS) } } });
  if (recent) return { status: 'recent' };
  const candidate = await db.candidate.findUniqueOrThrow({ where: { id: candidateId } });
  const expiresAt = new Date(now.getTime() + EXPORT_LINK_TTL_MS);
  const language = asLanguage(candidate.language);
  const rendered = await renderEmail({
    template: 'personal_data_export', data: { expiresAtMs: expiresAt.getTime() }, language, recipientName: `${candidate.firstName} ${candidate.lastName}`,
    link: exportLinkUrl(mail.config.publicBaseUrl, TOKEN_PLACEHOLDER), admissionsEmail: mail.config.admissionsEmail,
  });
  const minted = mintToken();
  const row = await db.$transaction(async (tx) => {
    await tx.personalDataExport.create({ data: { candidateId, tokenHash: minted.tokenHash, expiresAt, createdAt: now } });
    const idempotencyKey = `personal-data-export:${minted.tokenHash.slice(0, 32)}`;
    return tx.outboxEmail.create({
      data: {
        idempotencyKey, kind: 'personal_data_export', recipient: candidate.email, recipientRef: `candidate:${candidateId}`, language,
        payload: { ...rendered, attachments: [], data: {} } as unknown as Prisma.InputJsonValue,
        sealedToken: sealToken(mail.config.linkSecret, minted.token, idempotencyKey),
      },
    });
  });
  return { status: 'sent', delivery: deliverEmail({ db, mailer: mail.mailer, config: mail.config, clock: () => now }, row.id) };
}

export type ExportLinkUse = { status: 'ok'; candidateId: string } | { status: 'used' | 'expired'; candidateId: string } | { status: 'invalid' };

export async function peekExportLink(db: Database, token: string, now: Date): Promise<ExportLinkUse> {
  if (!TOKEN_PATTERN.test(token)) return { status: 'invalid' };
  const row = await db.personalDataExport.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row) return { status: 'invalid' };
  if (row.usedAt) return { status: 'used', candidateId: row.candidateId };
  if (row.expiresAt.getTime() <= now.getTime()) return { status: 'expired', candidateId: row.candidateId };
  return { status: 'ok', candidateId: row.candidateId };
}

/** Uses the link once: of two racing POSTs, one wins. */
export async function consumeExportLink(db: Database, token: string, now: Date): Promise<ExportLinkUse> {
  const peeked = await peekExportLink(db, token, now);
  if (peeked.status !== 'ok') return peeked;
  const { count } = await db.personalDataExport.updateMany({ where: { tokenHash: hashToken(token), usedAt: null }, data: { usedAt: now } });
  return count === 1 ? peeked : { status: 'used', candidateId: peeked.candidateId };
}
