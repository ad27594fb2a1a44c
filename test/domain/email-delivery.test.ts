import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, outboxMessageId, retryDelayMs } from '../../domain/email-delivery';

describe('retryDelayMs', () => {
  it('waits 5 s after the first failure, doubling after each one', () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
  });

  it('never waits more than 15 minutes, however many attempts failed (no overflow)', () => {
    for (const attempts of [9, 10, 50, 1_000, Number.MAX_SAFE_INTEGER]) expect(retryDelayMs(attempts)).toBe(MAX_RETRY_MS);
    expect(retryDelayMs(8)).toBe(640_000);
  });

  it('treats 0, negative and fractional counts as the first failure or their whole part', () => {
    expect(retryDelayMs(0)).toBe(FIRST_RETRY_MS);
    expect(retryDelayMs(-3)).toBe(FIRST_RETRY_MS);
    expect(retryDelayMs(2.9)).toBe(10_000);
  });
});

describe('outboxMessageId', () => {
  it('is the same for every attempt of a first delivery, and distinct for each deliberate resend', () => {
    const id = '6f1c2d3e-0000-4000-8000-000000000001';
    expect(outboxMessageId(id)).toBe(`<outbox-${id}@jalon>`);
    expect(outboxMessageId(id, 0)).toBe(outboxMessageId(id));
    expect(outboxMessageId(id, 1)).toBe(`<outbox-${id}-resend-1@jalon>`);
    expect(new Set([0, 1, 2, 3].map((n) => outboxMessageId(id, n))).size).toBe(4);
  });
});
