// Fixed-window counting per key (a token's hash, a client address). Two stores: this process's memory
// (bounded: at most `maxKeys` windows, O(1) work per call, so a flood of new keys can neither grow memory
// nor slow the process down), and PostgreSQL (rate-limit-store.ts), which every API process shares.
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** What a limiter answers for one counted event. */
export interface Hit {
  /** How long to wait (ms) when this event went over the limit, else 0. */
  waitMs: number;
  /** This is the event that crossed the limit: log once per window, not once per request. */
  crossed: boolean;
}

export interface Limiter {
  hit(key: string, nowMs: number): Promise<Hit>;
}

/** Over the limit or not, from a window's count after this event. */
export function verdict(limit: RateLimit, startMs: number, count: number, nowMs: number): Hit {
  if (count <= limit.max) return { waitMs: 0, crossed: false };
  return { waitMs: Math.max(1, startMs + limit.windowMs - nowMs), crossed: count === limit.max + 1 };
}

interface Window {
  startMs: number;
  count: number;
}

export class RateLimiter implements Limiter {
  // A Map iterates in insertion order; a key is re-inserted when its window restarts, so the first
  // entries are always the oldest windows: expiry and eviction only ever look at the front.
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys = 20_000,
  ) {}

  async hit(key: string, nowMs: number): Promise<Hit> {
    let w = this.current(key, nowMs);
    if (!w) {
      this.evict(nowMs);
      w = { startMs: nowMs, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return verdict(this.limit, w.startMs, w.count, nowMs);
  }

  /** Windows held now (for tests and metrics). */
  get size(): number {
    return this.windows.size;
  }

  private current(key: string, nowMs: number): Window | undefined {
    const w = this.windows.get(key);
    if (w && nowMs - w.startMs >= this.limit.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private evict(nowMs: number) {
    for (const [key, w] of this.windows) {
      if (this.windows.size < this.maxKeys && nowMs - w.startMs < this.limit.windowMs) return;
      this.windows.delete(key);
    }
  }
}
