// Fixed-window request counting per key (a token's hash, an address), in this process's memory: enough
// to stop guessing and hammering on one API process. Several API processes each count their own.
export interface RateLimit {
  max: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();

  constructor(private readonly limit: RateLimit) {}

  /** Counts one request; answers how long to wait (ms) when over the limit, else 0. */
  hit(key: string, nowMs: number): number {
    const w = this.windows.get(key);
    if (!w || nowMs - w.startMs >= this.limit.windowMs) {
      if (this.windows.size > 50_000) this.sweep(nowMs);
      this.windows.set(key, { startMs: nowMs, count: 1 });
      return 0;
    }
    w.count += 1;
    return w.count > this.limit.max ? w.startMs + this.limit.windowMs - nowMs : 0;
  }

  private sweep(nowMs: number) {
    for (const [key, w] of this.windows) if (nowMs - w.startMs >= this.limit.windowMs) this.windows.delete(key);
  }
}
