// The one nodemailer transport of a process. Activities receive it; nothing else sends mail.
import nodemailer, { type Transporter } from 'nodemailer';

export type Mailer = Transporter;

/** `pooled`: connections kept open and reused (the outbox dispatcher); otherwise one connection per message. */
export function createMailer(smtpUrl: string, options: { pooled?: boolean; maxConnections?: number } = {}): Mailer {
  // Bounded timeouts: an SMTP server that hangs must fail the attempt (then retried), not block it.
  // Given in the URL: nodemailer reads a URL transport's options from its query only (a value the URL
  // already has wins).
  const url = new URL(smtpUrl);
  const set = (key: string, value: string | number | boolean) => void (url.searchParams.has(key) || url.searchParams.set(key, String(value)));
  set('connectionTimeout', 10_000);
  set('greetingTimeout', 10_000);
  set('socketTimeout', 20_000);
  if (options.pooled) {
    set('pool', true);
    set('maxConnections', options.maxConnections ?? 5);
    set('maxMessages', 100);
  }
  return nodemailer.createTransport(url.toString());
}

export async function checkSmtpReachable(mailer: Mailer): Promise<void> {
  await mailer.verify();
}
