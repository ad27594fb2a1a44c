// API-key lookups, remembered briefly: each staff call looked its key up in the database (a join with the
// staff user). A key found valid is trusted for `ttlMs` after that lookup, so a revoked key (or a
// deactivated staff user) keeps working for at most that long: 10 s by default (API_KEY_CACHE_SECONDS;
// 0 looks every call up). Only valid keys are remembered: a new key works at once, and an unknown or
// revoked one is looked up (and counted as a failure) every time. Per API process; keys by their hash only.
import type { Database } from '../../platform/database';
import { API_KEY_PATTERN, hashApiKey, resolveApiKey, type StaffIdentity } from './keys';

export const DEFAULT_API_KEY_CACHE_MS = 10_000;
/** Enough for every key a school issues; past it the oldest entry goes (a lookup brings it back). */
const MAX_ENTRIES = 10_000;

export class ApiKeyCache {
  private readonly entries = new Map<string, { staff: StaffIdentity; until: number }>();

  constructor(
    readonly ttlMs: number = DEFAULT_API_KEY_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The staff identity behind a presented key, or null when malformed, unknown or revoked (at most `ttlMs` ago). */
  async resolve(db: Database, presented: string): Promise<StaffIdentity | null> {
    if (this.ttlMs <= 0 || !API_KEY_PATTERN.test(presented)) return resolveApiKey(db, presented);
    const hash = hashApiKey(presented);
    const cached = this.entries.get(hash);
    if (cached && cached.until > this.now()) return cached.staff;
    this.entries.delete(hash);
    const staff = await resolveApiKey(db, presented);
    if (staff) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(hash, { staff, until: this.now() + this.ttlMs });
    }
    return staff;
  }
}
