// When the outbox tries an email again after the mail server failed it: 5 s, then doubling, at most
// 15 minutes apart (the retry policy the journeys' delivery activity had). No attempt limit: an outage
// delays mail, never loses it; a refusal for good (5xx) stops the retries instead.
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 15 * 60_000;

/** The wait before the next attempt, after `attempts` attempts (1 or more) have failed. */
export function retryDelayMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(n - 1, 30));
}

/** The Message-ID of an outbox email's first delivery, and of its nth deliberate resend by staff. */
export function outboxMessageId(outboxId: string, resend = 0): string {
  return resend > 0 ? `<outbox-${outboxId}-resend-${resend}@jalon>` : `<outbox-${outboxId}@jalon>`;
}
