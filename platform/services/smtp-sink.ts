// A local SMTP server that accepts every message and keeps it, as a .eml file in a folder (so mail
// survives restarts), with a small HTTP mailbox: an HTML page for people, JSON for tests.
// It can be told to refuse mail for a while (POST /control), to prove that an outage loses nothing, and to
// answer each message slowly (`delayMs`, a slow server: the message is kept, then acknowledged).
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface StoredMessage {
  id: string;
  receivedAt: string;
  envelopeFrom: string;
  envelopeTo: string[];
  messageId: string | undefined;
  subject: string;
  from: string;
  to: string;
  text: string;
  html: string | undefined;
  headers: Record<string, string>;
  attachments: { filename: string | undefined; contentType: string; content: string }[];
}

export interface SmtpSink {
  smtpUrl: string;
  mailboxUrl: string;
  messages(): Promise<StoredMessage[]>;
  clear(): Promise<void>;
  setRefusing(refusing: boolean): void;
  /** Each message is acknowledged this long after it arrived (0: at once). */
  setDelay(delayMs: number): void;
  stop(): Promise<void>;
}

export async function startSmtpSink(options: {
  dir?: string; // undefined: a fresh temporary folder kept in memory only
  smtpPort: number;
  httpPort: number;
  host?: string;
  /** A client connection failed (reset, timeout): told here, the sink goes on. */
  onClientError?: (error: Error & { code?: string }) => void;
  delayMs?: number;
}): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const memory = new Map<string, Buffer>();
  const dir = options.dir;
  if (dir) await mkdir(dir, { recursive: true });
  let refusing = false;
  let delayMs = options.delayMs ?? 0;

  const save = async (raw: Buffer, envelope: { from: string; to: string[] }) => {
    // Time-ordered names: a mailbox lists messages in the order they arrived.
    const id = `${Date.now().toString().padStart(15, '0')}-${randomUUID()}`;
    const withEnvelope = Buffer.concat([
      Buffer.from(`X-Sink-Envelope-From: ${envelope.from}\r\nX-Sink-Envelope-To: ${envelope.to.join(', ')}\r\n`),
      raw,
    ]);
    if (dir) {
      // Written whole under another name, then renamed: a mailbox read listing the folder meanwhile would
      // otherwise parse a half-written file and keep that empty message (seen once in ~1,000 by the bench).
      const file = path.join(dir, `${id}.eml`);
      await writeFile(`${file}.part`, withEnvelope);
      await rename(`${file}.part`, file);
    } else memory.set(id, withEnvelope);
  };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onMailFrom(_address, _session, callback) {
      if (refusing) {
        const error = new Error('Mailbox temporarily unavailable (sink told to refuse)') as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        // Kept first, acknowledged after the delay: a sender dying meanwhile never hears that it was accepted.
        const ack = () => (delayMs > 0 ? setTimeout(callback, delayMs) : callback());
        save(Buffer.concat(chunks), { from, to }).then(ack, (error: Error) => callback(error));
      });
    },
  });

  const list = async (): Promise<{ id: string; raw: Buffer }[]> => {
    if (!dir) return [...memory.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, raw]) => ({ id, raw }));
    const names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort();
    return Promise.all(names.map(async (n) => {
      const id = n.slice(0, -4);
      return { id, raw: parsed.has(id) ? Buffer.alloc(0) : await readFile(path.join(dir, n)) };
    }));
  };
  // Parsed once per message: a mailbox of thousands (a benchmark's intake) is listed in one pass.
  const parsed = new Map<string, Promise<StoredMessage>>();
  const messages = async () =>
    Promise.all((await list()).map(({ id, raw }) => {
      let message = parsed.get(id);
      if (!message) parsed.set(id, (message = parseMessage(id, raw)));
      return message;
    }));
  const clear = async () => {
    memory.clear();
    parsed.clear();
    if (dir) for (const n of await readdir(dir)) if (n.endsWith('.eml')) await rm(path.join(dir, n));
  };

  const http = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sink');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    (async () => {
      if (req.method === 'GET' && url.pathname === '/messages') {
        const to = url.searchParams.get('to');
        const all = await messages();
        return send(200, 'application/json', JSON.stringify(to ? all.filter((m) => m.envelopeTo.includes(to)) : all));
      }
      if (req.method === 'DELETE' && url.pathname === '/messages') {
        await clear();
        return send(204, 'text/plain', '');
      }
      if (req.method === 'POST' && url.pathname === '/control') {
        const body = await readBody(req);
        const control = JSON.parse(body || '{}') as { refusing?: boolean; delayMs?: number };
        if (control.refusing !== undefined) refusing = Boolean(control.refusing);
        if (typeof control.delayMs === 'number' && control.delayMs >= 0) delayMs = control.delayMs;
        return send(200, 'application/json', JSON.stringify({ refusing, delayMs }));
      }
      if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html; charset=utf-8', mailboxPage(await messages()));
      send(404, 'text/plain', 'not found');
    })().catch((error: Error) => send(500, 'text/plain', error.message));
  });

  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.smtpPort, host, () => resolve());
  });
  // A client that resets its connection (a worker killed mid-send) is that client's problem: without a
  // listener the 'error' event would crash the sink ("read ECONNRESET").
  smtp.on('error', (error: Error & { code?: string }) => options.onClientError?.(error));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.httpPort, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as { port: number }).port;
  const httpPort = (http.address() as { port: number }).port;

  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    mailboxUrl: `http://${host}:${httpPort}`,
    messages,
    clear,
    setRefusing: (value) => void (refusing = value),
    setDelay: (value) => void (delayMs = value),
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await closeHttp(http);
    },
  };
}

async function parseMessage(id: string, raw: Buffer): Promise<StoredMessage> {
  const parsed = await simpleParser(raw);
  const header = (name: string) => {
    const v = parsed.headers.get(name);
    return typeof v === 'string' ? v : v === undefined ? '' : String(v);
  };
  const headers: Record<string, string> = {};
  for (const [k, v] of parsed.headers) headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
  const addressText = (a: typeof parsed.to) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : a?.text ?? '');
  return {
    id,
    receivedAt: new Date(Number(id.split('-')[0])).toISOString(),
    envelopeFrom: header('x-sink-envelope-from'),
    envelopeTo: header('x-sink-envelope-to').split(',').map((s) => s.trim()).filter(Boolean),
    messageId: parsed.messageId,
    subject: parsed.subject ?? '',
    from: parsed.from?.text ?? '',
    to: addressText(parsed.to),
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : undefined,
    headers,
    attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content.toString('utf8') })),
  };
}

function mailboxPage(messages: StoredMessage[]): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = messages
    .slice()
    .reverse()
    .map((m) => `<article><h2>${esc(m.subject)}</h2><p><strong>À / To:</strong> ${esc(m.to)} — <time>${esc(m.receivedAt)}</time></p><pre>${esc(m.text)}</pre></article>`)
    .join('\n');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Boîte de réception Jalon (sink SMTP)</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #666;padding:.5rem 0}pre{white-space:pre-wrap}</style></head>
<body><h1>Boîte de réception locale / Local mailbox</h1><p>${messages.length} message(s). JSON : <a href="/messages">/messages</a></p>${rows}</body></html>`;
}

function readBody(req: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function closeHttp(server: HttpServer): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}
