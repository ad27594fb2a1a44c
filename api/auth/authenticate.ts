// Who is calling: an API key in `Authorization: Bearer <key>` (integrations), or a console session
// cookie (people). A session's mutating call must carry the CSRF token (X-CSRF-Token) and, when the
// browser sends one, an Origin of this site. A refused call (no credential, bad key, expired session,
// CSRF, role not admitted) changes nothing and leaves an AuditEvent naming the route and the reason,
// never the key or the cookie. Failed authentications are counted per client address: past the limit
// the address gets 429 with no audit row (so anonymous callers cannot grow the audit table without
// bound); a valid key or session is never refused because of its address.
import type { Request } from 'express';
import type { Database } from '../../platform/database';
import { sameOrigin } from '../action-links/csrf';
import type { Limiter } from '../rate-limit';
import { HttpProblem } from '../problem';
import type { ApiKeyCache } from './key-cache';
import type { StaffIdentity } from './keys';
import { roleAllowed, type Role } from './roles';
import { CSRF_HEADER, csrfMatches, resolveSession, sessionTokenOf, type SessionOptions, DEFAULT_SESSION_OPTIONS } from './sessions';

export interface FailedAuthLimit {
  limiter: Limiter;
  /** Told once per address and window, when the address crosses the limit. */
  onLimited: (ip: string | undefined) => void;
}

export interface AuthOptions {
  sessions: SessionOptions;
  publicBaseUrl: string;
  failed: FailedAuthLimit;
  /** Valid keys remembered briefly: a revoked key keeps working at most `apiKeys.ttlMs` (key-cache.ts). */
  apiKeys: ApiKeyCache;
}

type RouteRef = { method: string; path: string; roles: readonly Role[] };

export async function authenticate(db: Database, req: Request, route: RouteRef, options: AuthOptions): Promise<StaffIdentity> {
  const header = req.get('authorization');
  const staff = header !== undefined ? await byApiKey(db, req, header, route, options) : await bySession(db, req, route, options);
  if (!roleAllowed(staff.role, route.roles)) {
    await auditRefusal(db, `staff:${staff.staffUserId}`, route, 403, 'role_not_allowed', staff.role);
    throw new HttpProblem(403, 'Role not allowed', `Your role "${staff.role}" may not call ${route.method.toUpperCase()} ${route.path}; it needs one of: ${route.roles.join(', ')}.`);
  }
  return staff;
}

/** Counts a failed authentication; past the address's limit, refuses with 429 (and no audit row). */
async function countFailure(req: Request, failed: FailedAuthLimit): Promise<void> {
  const { waitMs, crossed } = await failed.limiter.hit(`ip:${req.ip}`, Date.now());
  if (waitMs === 0) return;
  if (crossed) failed.onLimited(req.ip);
  throw new HttpProblem(429, 'Too many failed authentications', `Too many calls without a valid API key or session from this address. Try again in ${Math.ceil(waitMs / 1000)} s with a valid key, or sign in again.`, { retryAfterSeconds: Math.ceil(waitMs / 1000) });
}

async function byApiKey(db: Database, req: Request, header: string, route: RouteRef, options: AuthOptions): Promise<StaffIdentity> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const staff = match ? await options.apiKeys.resolve(db, match[1]!) : null;
  if (!staff) await countFailure(req, options.failed);
  if (!match) {
    await auditRefusal(db, 'anonymous', route, 401, 'missing_api_key');
    throw new HttpProblem(401, 'Authentication required', 'Send a staff API key as "Authorization: Bearer <key>". An administrator creates keys with `npm run api-key`.');
  }
  if (!staff) {
    await auditRefusal(db, 'anonymous', route, 401, 'invalid_api_key');
    throw new HttpProblem(401, 'Invalid API key', 'This API key is unknown or revoked. Ask an administrator for a new one.');
  }
  return staff;
}

async function bySession(db: Database, req: Request, route: RouteRef, options: AuthOptions): Promise<StaffIdentity> {
  const token = sessionTokenOf(req);
  const session = token ? await resolveSession(db, token, options.sessions) : null;
  if (!session) await countFailure(req, options.failed);
  if (!token) {
    await auditRefusal(db, 'anonymous', route, 401, 'missing_api_key');
    throw new HttpProblem(401, 'Authentication required', 'Send a staff API key as "Authorization: Bearer <key>" (an administrator creates keys with `npm run api-key`), or sign in to the console at /console.');
  }
  if (!session) {
    await auditRefusal(db, 'anonymous', route, 401, 'session_expired');
    throw new HttpProblem(401, 'Session expired', 'Your session has ended (signed out, idle too long, or too old). Sign in again at /console.');
  }
  if (route.method.toLowerCase() !== 'get' && (!csrfMatches(token, req.get(CSRF_HEADER)) || !sameOrigin(req, options.publicBaseUrl))) {
    await auditRefusal(db, `staff:${session.staffUserId}`, route, 403, 'csrf');
    throw new HttpProblem(403, 'CSRF check failed', 'This request did not come from the console page (missing or wrong X-CSRF-Token, or another site\'s Origin). Reload the console and try again.');
  }
  return { staffUserId: session.staffUserId, role: session.role, keyPrefix: null, sessionId: session.sessionId };
}

async function auditRefusal(db: Database, actor: string, route: RouteRef, status: number, reason: string, role?: string) {
  await db.auditEvent.create({
    data: { actor, action: 'api.refused', after: { method: route.method.toUpperCase(), route: route.path, status, reason, ...(role ? { role } : {}) } },
  });
}
