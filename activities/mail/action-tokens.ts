// Action tokens: 32 random bytes (256 bits), base64url in the link; only their SHA-256 is stored, so a
// database leak yields no usable link. A token is bound to one journey, one action, one recipient.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Database } from '../../platform/database';

export interface MintedToken {
  /** The secret: goes into the email only. */
  token: string;
  tokenHash: string;
}

/** 43 base64url characters = 32 bytes. Anything else is tampered or truncated, refused without a query. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function mintToken(): MintedToken {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function actionLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/a/${token}`;
}

export type ActionTokenRow = NonNullable<Awaited<ReturnType<Database['actionToken']['findUnique']>>>;

export type TokenResolution =
  | { status: 'valid'; row: ActionTokenRow }
  | { status: 'used'; row: ActionTokenRow }
  | { status: 'expired'; row: ActionTokenRow }
  | { status: 'revoked'; row: ActionTokenRow }
  | { status: 'unknown' };

/** Reads only: resolving a token never changes it (a GET, a scanner, a preview must leave no trace). */
export async function resolveActionToken(db: Database, token: string, now: Date): Promise<TokenResolution> {
  if (!TOKEN_PATTERN.test(token)) return { status: 'unknown' };
  const row = await db.actionToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row) return { status: 'unknown' };
  return resolutionOf(row, now);
}

/** What a known token allows now (the jury queue finds its rows by id, not by token). */
export function resolutionOf(row: ActionTokenRow, now: Date): Exclude<TokenResolution, { status: 'unknown' }> {
  if (row.revokedAt) return { status: 'revoked', row };
  if (row.useCount > 0 || row.usedAt) return { status: 'used', row };
  if (row.expiresAt.getTime() <= now.getTime()) return { status: 'expired', row };
  return { status: 'valid', row };
}

/**
 * Records one more use, only if nobody recorded one since `expectedUseCount` was read: of two racing
 * submissions, one wins here (and the workflow update id made their effect single anyway).
 */
export async function markTokenUsed(db: Database, id: string, expectedUseCount: number, now: Date): Promise<boolean> {
  const { count } = await db.actionToken.updateMany({
    where: { id, useCount: expectedUseCount },
    data: { useCount: expectedUseCount + 1, lastUsedAt: now, ...(expectedUseCount === 0 ? { usedAt: now } : {}) },
  });
  return count === 1;
}

// A queued message holds its link with this word in place of the token, and the token itself sealed
// (AES-256-GCM, key derived from ACTION_LINK_SECRET, bound to the row): a database backup yields no
// working link. The real link is put in only as the message leaves (and again for a staff resend).
// A link still showing the placeholder is refused like any unknown token (it is not 43 characters).
export const TOKEN_PLACEHOLDER = 'JALON-ACTION-TOKEN';

// Without a configured secret (tests that build the activities by hand), one per process: a message
// queued by one process is then sent by the same one.
const processSecret = randomBytes(32).toString('hex');
const sealKey = (secret: string | undefined) => Buffer.from(hkdfSync('sha256', secret ?? processSecret, 'jalon-outbox', 'action-token-seal', 32));

export function sealToken(secret: string | undefined, token: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret), iv).setAAD(Buffer.from(boundTo));
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), sealed.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The token, or undefined when it cannot be opened (another secret, or altered). */
export function unsealToken(secret: string | undefined, sealed: string, boundTo: string): string | undefined {
  const [version, iv, data, tag] = sealed.split('.');
  if (version !== 'v1' || !iv || !data || !tag) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(secret), Buffer.from(iv, 'base64url')).setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
