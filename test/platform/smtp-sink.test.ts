// The embedded SMTP sink keeps working when a client resets its connection mid-conversation (a worker
// killed while sending): that used to crash it with "read ECONNRESET", and the supervisor then stopped
// the whole system.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../platform/mailer';
import { startSmtpSink, type SmtpSink } from '../../platform/services/smtp-sink';
import { waitForMessages } from '../support/mailbox';

let sink: SmtpSink;
const clientErrors: string[] = [];
beforeAll(async () => {
  sink = await startSmtpSink({ smtpPort: 0, httpPort: 0, onClientError: (e) => clientErrors.push(e.code ?? e.message) });
});
afterAll(() => sink?.stop());

describe('SMTP sink', () => {
  it('survives clients that reset their connection, and goes on accepting mail', async () => {
    const { port } = new URL(sink.smtpUrl);
    for (let i = 0; i < 5; i++) {
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise((r) => socket.once('data', r)); // the greeting
      socket.write('EHLO crashing-worker\r\nMAIL FROM:<a@b.test>\r\n');
      await new Promise((r) => setTimeout(r, 20));
      socket.resetAndDestroy(); // TCP RST, as a killed process leaves it
    }
    await createMailer(sink.smtpUrl).sendMail({ from: 'a@b.test', to: 'still-here@example.org', subject: 'après / after', text: 'ok' });
    const [mail] = await waitForMessages(sink.mailboxUrl, 'still-here@example.org', 1);
    expect(mail!.subject).toBe('après / after');
    expect(clientErrors.length).toBeGreaterThan(0);
  });
});
