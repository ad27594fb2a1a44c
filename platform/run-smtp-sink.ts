// Child process of `npm start`: the local SMTP sink and its mailbox. Prints {"ready":smtpUrl,"mailbox":url}.
import { loadConfig, mailboxDir } from './config';
import { startSmtpSink } from './services/smtp-sink';

const config = loadConfig();
const sink = await startSmtpSink({
  dir: mailboxDir(config),
  smtpPort: config.EMBEDDED_SMTP_PORT,
  httpPort: config.EMBEDDED_MAILBOX_PORT,
  onClientError: (error) => console.error(JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg: 'smtp client connection failed', code: error.code, error: error.message })),
});
console.log(JSON.stringify({ ready: sink.smtpUrl, mailbox: sink.mailboxUrl }));
const stop = async () => {
  await sink.stop();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
