// Who is calling: an API key in `Authorization: Bearer <key>`. A refused call (no key, bad key, role
// not admitted) changes nothing and leaves an AuditEvent naming the route and the reason, never the key.
// Failed authentications are counted per client address: past the limit the address gets 429 with no
// audit row (so anonymous callers cannot grow the audit table without bound); a valid key is never refused
// because of its address.
import type { Request } from 'express';
import type { Database } from '../../platform/database';
import type { Limiter } from '../rate-limit';
import { HttpProblem } from '../problem';
import { resolveApiKey, type StaffIdentity } from './keys';
import { roleAllowed, type Role } from './roles';

export interface FailedAuthLimit {
  limiter: Limiter;
  /** Told once per address and window, when the address crosses the limit. */
  onLimited: (ip: string | undefined) => void;
}

export async function authenticate(db: Database, req: Request, route: { method: string; path: string; roles: readonly Role[] }, failed: FailedAuthLimit): Promise<StaffIdentity> {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const staff = match ? await resolveApiKey(db, match[1]!) : null;
  if (!staff) {
    const { waitMs, crossed } = await failed.limiter.hit(`ip:${req.ip}`, Date.now());
    if (waitMs > 0) {
      if (crossed) failed.onLimited(req.ip);
      throw new HttpProblem(429, 'Too many failed authentications', `Too many calls without a valid API key from this address. Try again in ${Math.ceil(waitMs / 1000)} s with a valid key.`, { retryAfterSeconds: Math.ceil(waitMs / 1000) });
    }
  }
  if (!match) {
    await auditRefusal(db, 'anonymous', route, 401, 'missing_api_key');
    throw new HttpProblem(401, 'Authentication required', 'Send a staff API key as "Authorization: Bearer <key>". An administrator creates keys with `npm run api-key`.');
  }
  if (!staff) {
    await auditRefusal(db, 'anonymous', route, 401, 'invalid_api_key');
    throw new HttpProblem(401, 'Invalid API key', 'This API key is unknown or revoked. Ask an administrator for a new one.');
  }
  if (!roleAllowed(staff.role, route.roles)) {
    await auditRefusal(db, `staff:${staff.staffUserId}`, route, 403, 'role_not_allowed', staff.role);
    throw new HttpProblem(403, 'Role not allowed', `Your role "${staff.role}" may not call ${route.method.toUpperCase()} ${route.path}; it needs one of: ${route.roles.join(', ')}.`);
  }
  return staff;
}

async function auditRefusal(db: Database, actor: string, route: { method: string; path: string; roles: readonly Role[] }, status: number, reason: string, role?: string) {
  await db.auditEvent.create({
    data: { actor, action: 'api.refused', after: { method: route.method.toUpperCase(), route: route.path, status, reason, ...(role ? { role } : {}) } },
  });
}
