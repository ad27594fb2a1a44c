// Candidate space sign-in and sessions, by the staff console's rules (api/auth): a single-use link
// (32 random bytes, only the SHA-256 stored, expiring, used by a POST so that a mail scanner's GET uses
// nothing), then a session cookie (HttpOnly, SameSite=Lax, idle and absolute expiry, sign-out), and a
// CSRF value derived from the cookie for every form.
import { randomBytes } from 'node:crypto';
import type { Database } from '../../platform/database';
import { hashToken, TOKEN_PATTERN } from '../../activities/mail/action-tokens';
import { csrfTokenOf, hashSecret, SESSION_PATTERN, type SessionOptions } from '../auth/sessions';

export const CANDIDATE_COOKIE = 'jalon_candidate';

export type SpaceLinkUse = { status: 'ok'; candidateId: string } | { status: 'used' | 'expired'; candidateId: string } | { status: 'invalid' };

/** Looks the link up without using it (the GET's confirm page). */
export async function peekSpaceLink(db: Database, token: string, now: Date): Promise<SpaceLinkUse> {
  if (!TOKEN_PATTERN.test(token)) return { status: 'invalid' };
  const row = await db.candidateSignInLink.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row) return { status: 'invalid' };
  if (row.usedAt) return { status: 'used', candidateId: row.candidateId };
  if (row.expiresAt.getTime() <= now.getTime()) return { status: 'expired', candidateId: row.candidateId };
  const candidate = await db.candidate.findUnique({ where: { id: row.candidateId }, select: { erasedAt: true } });
  if (!candidate || candidate.erasedAt) return { status: 'invalid' };
  return { status: 'ok', candidateId: row.candidateId };
}

/** Uses the link once: of two racing POSTs, one wins (conditional update on usedAt). */
export async function consumeSpaceLink(db: Database, token: string, now: Date): Promise<SpaceLinkUse> {
  const peeked = await peekSpaceLink(db, token, now);
  if (peeked.status !== 'ok') return peeked;
  const { count } = await db.candidateSignInLink.updateMany({ where: { tokenHash: hashToken(token), usedAt: null }, data: { usedAt: now } });
  return count === 1 ? peeked : { status: 'used', candidateId: peeked.candidateId };
}

export async function createCandidateSession(db: Database, candidateId: string, options: SessionOptions): Promise<{ token: string; absoluteExpiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = options.clock();
  const absoluteExpiresAt = new Date(now.getTime() + options.absoluteMs);
  await db.candidateSession.create({ data: { candidateId, tokenHash: hashSecret(token), lastSeenAt: now, absoluteExpiresAt } });
  return { token, absoluteExpiresAt };
}

export interface CandidateIdentity {
  sessionId: string;
  candidateId: string;
  csrfToken: string;
}

/** The cookie's session if it is still open (and the person not erased); records the activity. */
export async function resolveCandidateSession(db: Database, token: string | undefined, options: SessionOptions): Promise<CandidateIdentity | null> {
  if (!token || !SESSION_PATTERN.test(token)) return null;
  const row = await db.candidateSession.findUnique({ where: { tokenHash: hashSecret(token) } });
  if (!row || row.revokedAt) return null;
  const now = options.clock();
  if (row.absoluteExpiresAt.getTime() <= now.getTime() || row.lastSeenAt.getTime() + options.idleMs <= now.getTime()) return null;
  const candidate = await db.candidate.findUnique({ where: { id: row.candidateId }, select: { erasedAt: true } });
  if (!candidate || candidate.erasedAt) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) await db.candidateSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  return { sessionId: row.id, candidateId: row.candidateId, csrfToken: csrfTokenOf(token) };
}

export async function revokeCandidateSession(db: Database, sessionId: string, now: Date): Promise<void> {
  await db.candidateSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}
