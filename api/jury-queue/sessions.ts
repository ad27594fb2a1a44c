// How a jury member reaches their queue. Why a single-use link exchanged for a session cookie, rather than
// a long-lived token in the URL: a URL leaks (forwarded emails, browser history, shared computers, proxy
// logs) and cannot be ended early; a link that works once and for a few days, exchanged for an HttpOnly,
// SameSite cookie that ends after 2 h idle or 12 h in all and at sign-out, is what passwordless products
// do (the staff console does the same, api/auth/). The link is consumed by a POST (a button on the page
// the GET shows): mail scanners that open links do not spend it. Each digest brings a new link, and every
// decision still works with its own link from the emails.
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { hashToken as hashSecret } from '../../activities/mail/action-tokens';
export { mintQueueLink } from '../../activities/mail/queue-link';
import type { Database } from '../../platform/database';

export const JURY_COOKIE = 'jalon_jury';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const IDLE_MS = 2 * 3_600_000;
const ABSOLUTE_MS = 12 * 3_600_000;

/** The link's person if it is still unused and valid (reading only: a GET spends nothing). */
export async function peekQueueLink(db: Database, token: string, now: Date): Promise<string | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const link = await db.juryQueueLink.findUnique({ where: { tokenHash: hashSecret(token) } });
  return link && !link.usedAt && link.expiresAt.getTime() > now.getTime() ? link.personRef : undefined;
}

/** Spends the link once (of two racing POSTs, one wins) and opens a session; undefined if it was not usable. */
export async function signIn(db: Database, token: string, now: Date): Promise<{ cookie: string; personRef: string; expires: Date } | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const tokenHash = hashSecret(token);
  const { count } = await db.juryQueueLink.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (count !== 1) return undefined;
  const { personRef } = await db.juryQueueLink.findUniqueOrThrow({ where: { tokenHash } });
  const cookie = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + ABSOLUTE_MS);
  await db.juryQueueSession.create({ data: { personRef, tokenHash: hashSecret(cookie), lastSeenAt: now, absoluteExpiresAt: expires } });
  return { cookie, personRef, expires };
}

/** The person of the request's session, if it is still open (idle time restarts). */
export async function sessionPerson(db: Database, req: Request, now: Date): Promise<{ personRef: string; sessionId: string } | undefined> {
  const cookie = cookieOf(req);
  if (!cookie || !TOKEN.test(cookie)) return undefined;
  const s = await db.juryQueueSession.findUnique({ where: { tokenHash: hashSecret(cookie) } });
  if (!s || s.revokedAt || s.absoluteExpiresAt.getTime() <= now.getTime() || s.lastSeenAt.getTime() + IDLE_MS <= now.getTime()) return undefined;
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) await db.juryQueueSession.update({ where: { id: s.id }, data: { lastSeenAt: now } });
  return { personRef: s.personRef, sessionId: s.id };
}

export async function signOut(db: Database, sessionId: string, now: Date): Promise<void> {
  await db.juryQueueSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

function cookieOf(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === JURY_COOKIE) return rest.join('=');
  }
  return undefined;
}

const cookieOptions = (publicBaseUrl: string) => ({ httpOnly: true, sameSite: 'lax' as const, secure: publicBaseUrl.startsWith('https:'), path: '/jury' });
export const setJuryCookie = (res: Response, value: string, expires: Date, publicBaseUrl: string) => res.cookie(JURY_COOKIE, value, { ...cookieOptions(publicBaseUrl), expires });
export const clearJuryCookie = (res: Response, publicBaseUrl: string) => res.clearCookie(JURY_COOKIE, cookieOptions(publicBaseUrl));
