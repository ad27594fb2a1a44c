// The one nodemailer transport of a process. Activities receive it; nothing else sends mail.
import nodemailer, { type Transporter } from 'nodemailer';

export type Mailer = Transporter;

export function createMailer(smtpUrl: string): Mailer {
  // Bounded timeouts: an SMTP server that hangs must fail the activity attempt (then retried), not block it.
  return nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
}

export async function checkSmtpReachable(mailer: Mailer): Promise<void> {
  await mailer.verify();
}
