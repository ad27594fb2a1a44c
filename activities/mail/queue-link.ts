// The single-use link that opens a person's jury queue (api/jury-queue), minted for each digest. Only its
// SHA-256 is stored; the digest row keeps the token sealed until the email leaves.
import { randomBytes } from 'node:crypto';
import type { Database } from '../../platform/database';
import { hashToken } from './action-tokens';

/** A queue link works once, for a week: each daily digest brings a new one. */
export const QUEUE_LINK_TTL_MS = 7 * 86_400_000;

export const queueLink = (publicBaseUrl: string, token: string) => `${publicBaseUrl.replace(/\/+$/, '')}/jury/sign-in/${token}`;

export async function mintQueueLink(db: Pick<Database, 'juryQueueLink'>, personRef: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.juryQueueLink.create({ data: { personRef, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + QUEUE_LINK_TTL_MS) } });
  return token;
}
