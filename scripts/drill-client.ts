// The drills' HTTP client behaves as a careful integrator does: every mutating call carries an
// Idempotency-Key that it keeps across retries; it retries on network errors, 5xx, 503 and 409 ("in
// progress" or "not at that step yet") until a deadline, so a fault shows as delay, never as a lost call.
import { randomUUID } from 'node:crypto';

export class DrillClient {
  /** Calls that needed more than one attempt: how many requests the fault reached. */
  retried = 0;

  constructor(
    readonly base: string,
    private readonly key: string,
    private readonly deadlineMs = 300_000,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const idempotencyKey = `drill-${randomUUID()}`;
    const started = Date.now();
    let last = '';
    for (let attempt = 0; Date.now() - started < this.deadlineMs; attempt++) {
      if (attempt === 1) this.retried++;
      try {
        const res = await fetch(`${this.base}${path}`, {
          method,
          headers: { Authorization: `Bearer ${this.key}`, ...(body !== undefined ? { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        if (res.ok) return (text ? JSON.parse(text) : undefined) as T;
        last = `${res.status} ${text.slice(0, 200)}`;
        if (res.status < 500 && res.status !== 409 && res.status !== 429) throw new Error(`${method} ${path} answered ${last}`);
      } catch (error) {
        if ((error as Error).message.startsWith(`${method} ${path} answered`)) throw error;
        last = (error as Error).message;
      }
      await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 2_000)));
    }
    throw new Error(`${method} ${path}: no success within ${this.deadlineMs / 1000} s; last: ${last}`);
  }
}
