// Rate-limit windows in PostgreSQL, so that several API processes share one count per key (in memory,
// each would allow its own share). One statement per counted event: an upsert that starts a new window
// when the old one is over. Windows past their end are deleted now and then by the same process.
import type { Database } from '../platform/database';
import { RateLimiter, verdict, type Hit, type Limiter, type RateLimit } from './rate-limit';

const SWEEP_EVERY = 500;

export class PostgresRateLimiter implements Limiter {
  private hits = 0;

  /** `scope` keeps the limits of different uses apart in the one table (e.g. 'link-address'). */
  constructor(
    private readonly db: Database,
    private readonly scope: string,
    private readonly limit: RateLimit,
  ) {}

  async hit(key: string, nowMs: number): Promise<Hit> {
    const now = new Date(nowMs);
    const expired = new Date(nowMs - this.limit.windowMs);
    const [row] = await this.db.$queryRaw<{ windowStart: Date; count: number }[]>`
      INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES (${`${this.scope}:${key}`}, ${now}, 1)
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "RateLimitWindow"."windowStart" <= ${expired} THEN 1 ELSE "RateLimitWindow"."count" + 1 END,
        "windowStart" = CASE WHEN "RateLimitWindow"."windowStart" <= ${expired} THEN ${now} ELSE "RateLimitWindow"."windowStart" END
      RETURNING "windowStart", "count"`;
    if (++this.hits % SWEEP_EVERY === 0) {
      await this.db.$executeRaw`DELETE FROM "RateLimitWindow" WHERE "key" LIKE ${`${this.scope}:%`} AND "windowStart" <= ${expired}`;
    }
    return verdict(this.limit, row!.windowStart.getTime(), Number(row!.count), nowMs);
  }
}

/** A limiter for one use (`scope`), in the store the app was given: memory (default) or PostgreSQL. */
export function limiterFactory(deps: { db: Database; rateLimitStore?: 'memory' | 'postgres' }): (scope: string, limit: RateLimit) => Limiter {
  return (scope, limit) => (deps.rateLimitStore === 'postgres' ? new PostgresRateLimiter(deps.db, scope, limit) : new RateLimiter(limit));
}
