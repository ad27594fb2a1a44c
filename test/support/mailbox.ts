// Reads the SMTP sink's mailbox over HTTP, as a person would read their inbox.
import type { StoredMessage } from '../../platform/services/smtp-sink';

export async function messagesTo(mailboxUrl: string, recipient: string): Promise<StoredMessage[]> {
  const res = await fetch(`${mailboxUrl}/messages?to=${encodeURIComponent(recipient)}`);
  if (!res.ok) throw new Error(`mailbox answered ${res.status}`);
  return (await res.json()) as StoredMessage[];
}

/** Polls until `count` messages reached the recipient (real delivery takes real milliseconds). */
export async function waitForMessages(mailboxUrl: string, recipient: string, count = 1, timeoutMs = 20_000): Promise<StoredMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await messagesTo(mailboxUrl, recipient);
    if (messages.length >= count) return messages;
    if (Date.now() > deadline) throw new Error(`expected ${count} message(s) to ${recipient}, got ${messages.length} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
