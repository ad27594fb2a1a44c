// Staff API keys: 32 random bytes shown once, only their SHA-256 stored. The prefix (public, 8 hex
// characters) lets staff and logs tell keys apart without revealing them.
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../platform/database';
import { isRole, type Role } from './roles';

export const API_KEY_PATTERN = /^jalon_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const prefix = randomBytes(4).toString('hex');
  const key = `jalon_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

export interface StaffIdentity {
  staffUserId: string;
  role: Role;
  /** The API key's public prefix; null for a console session. */
  keyPrefix: string | null;
  /** The console session, when the caller is signed in rather than using a key. */
  sessionId?: string;
}

/** Creates (or reuses by email) a staff user and issues a new key; the key is returned once, never stored. */
export async function issueApiKey(db: Database, user: { email: string; name: string; role: Role }): Promise<{ key: string; staffUserId: string; prefix: string }> {
  const staff = await db.staffUser.upsert({
    where: { email: user.email },
    create: { email: user.email, name: user.name, role: user.role },
    update: { name: user.name, role: user.role },
  });
  const { key, prefix, keyHash } = generateApiKey();
  await db.apiKey.create({ data: { staffUserId: staff.id, prefix, keyHash } });
  return { key, staffUserId: staff.id, prefix };
}

/** The staff identity behind a presented key, or null when the key is malformed, unknown or revoked. */
export async function resolveApiKey(db: Database, presented: string): Promise<StaffIdentity | null> {
  if (!API_KEY_PATTERN.test(presented)) return null;
  const row = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(presented) }, include: { staffUser: true } });
  if (!row || row.revokedAt || row.staffUser.deactivatedAt || !isRole(row.staffUser.role)) return null;
  return { staffUserId: row.staffUserId, role: row.staffUser.role, keyPrefix: row.prefix };
}
