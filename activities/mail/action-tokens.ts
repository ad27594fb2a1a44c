// Action tokens: 32 random bytes (256 bits), base64url in the link; only their SHA-256 is stored, so a
// database leak yields no usable link. A token is bound to one journey, one action, one recipient.
import { createHash, randomBytes } from 'node:crypto';
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
