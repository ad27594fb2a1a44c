// Console sessions: a random cookie value (32 bytes) whose SHA-256 only is stored in StaffSession.
// A session ends at idle expiry (no request for `idleMs`), at its absolute expiry, at sign-out, or when
// the person is deactivated. The CSRF token is an HMAC of the cookie value: the console reads it from
// GET /auth/session and sends it back in X-CSRF-Token; a page on another site knows neither.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Database } from '../../platform/database';
import { isRole, type Role } from './roles';

export const SESSION_COOKIE = 'jalon_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionOptions {
  /** Ends a session nobody used for this long. Default 2 h. */
  idleMs: number;
  /** Ends every session this long after sign-in. Default 12 h. */
  absoluteMs: number;
  /** How long an emailed sign-in link stays valid. Default 15 min. */
  linkTtlMs: number;
  clock: () => Date;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  idleMs: 2 * 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  linkTtlMs: 15 * 60 * 1000,
  clock: () => new Date(),
};

export function sessionOptionsOf(deps: { sessions?: Partial<SessionOptions> }): SessionOptions {
  return { ...DEFAULT_SESSION_OPTIONS, ...deps.sessions };
}

export interface SessionIdentity {
  sessionId: string;
  staffUserId: string;
  role: Role;
  name: string;
  email: string;
  csrfToken: string;
}

export function hashSecret(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A session cookie value: 43 base64url characters; anything else is refused without a query. */
export const SESSION_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function csrfTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('jalon-console-csrf').digest('base64url');
}

export function csrfMatches(sessionToken: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenOf(sessionToken));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function createSession(db: Database, staffUserId: string, options: SessionOptions): Promise<{ token: string; absoluteExpiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = options.clock();
  const absoluteExpiresAt = new Date(now.getTime() + options.absoluteMs);
  await db.staffSession.create({ data: { staffUserId, tokenHash: hashSecret(token), lastSeenAt: now, absoluteExpiresAt } });
  return { token, absoluteExpiresAt };
}

/** The cookie's session if it is still open; records the activity (idle expiry restarts). */
export async function resolveSession(db: Database, token: string | undefined, options: SessionOptions): Promise<SessionIdentity | null> {
  if (!token || !SESSION_PATTERN.test(token)) return null;
  const row = await db.staffSession.findUnique({ where: { tokenHash: hashSecret(token) }, include: { staffUser: true } });
  if (!row || row.revokedAt || row.staffUser.deactivatedAt || !isRole(row.staffUser.role)) return null;
  const now = options.clock();
  if (row.absoluteExpiresAt.getTime() <= now.getTime()) return null;
  if (row.lastSeenAt.getTime() + options.idleMs <= now.getTime()) return null;
  // One write a minute at most: enough for an idle time counted in hours.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.staffSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  }
  return {
    sessionId: row.id, staffUserId: row.staffUserId, role: row.staffUser.role, name: row.staffUser.name, email: row.staffUser.email,
    csrfToken: csrfTokenOf(token),
  };
}

export async function revokeSession(db: Database, sessionId: string, now: Date): Promise<void> {
  await db.staffSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** The session cookie's value, read from the Cookie header (no cookie-parser needed for one cookie). */
export function sessionTokenOf(req: Request, cookie = SESSION_COOKIE): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookie) return rest.join('=');
  }
  return undefined;
}

export function setSessionCookie(res: Response, token: string, expires: Date, publicBaseUrl: string, cookie = SESSION_COOKIE) {
  res.cookie(cookie, token, { httpOnly: true, sameSite: 'lax', secure: publicBaseUrl.startsWith('https:'), path: '/', expires });
}

export function clearSessionCookie(res: Response, publicBaseUrl: string, cookie = SESSION_COOKIE) {
  res.clearCookie(cookie, { httpOnly: true, sameSite: 'lax', secure: publicBaseUrl.startsWith('https:'), path: '/' });
}
