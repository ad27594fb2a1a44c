// Fixed-window counting per key (a token's hash, a client address), in this process's memory: enough to
// stop guessing and hammering on one API process (several API processes each count their own).
// Bounded: at most `maxKeys` windows are held, and every call does O(1) work, so a flood of new keys
// (random tokens, many addresses) can neither grow memory nor slow the process down.
export interface RateLimit {
  max: number;
  windowMs: number;
}

interface Window {
  startMs: number;
  count: number;
}

export class RateLimiter {
  // A Map iterates in insertion order; a key is re-inserted when its window restarts, so the first
  // entries are always the oldest windows: expiry and eviction only ever look at the front.
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys = 20_000,
  ) {}

  /** How long (ms) `key` must still wait before it may be counted again; 0 when it is not over the limit. Counts nothing. */
  retryAfter(key: string, nowMs: number): number {
    const w = this.current(key, nowMs);
    return w && w.count >= this.limit.max ? w.startMs + this.limit.windowMs - nowMs : 0;
  }

  /**
   * Counts one event for `key`. Answers how long to wait (ms) when this event went over the limit,
   * else 0, and whether this is the event that crossed it (to log once per window, not per request).
   */
  hit(key: string, nowMs: number): { waitMs: number; crossed: boolean } {
    let w = this.current(key, nowMs);
    if (!w) {
      this.evict(nowMs);
      w = { startMs: nowMs, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    if (w.count <= this.limit.max) return { waitMs: 0, crossed: false };
    return { waitMs: w.startMs + this.limit.windowMs - nowMs, crossed: w.count === this.limit.max + 1 };
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
