// The local SMTP sink keeps every message it accepted as a .eml file (platform/run-smtp-sink.ts:
// JALON_DATA_DIR/mail): an archive of copies of what was sent. Erasure removes the copies that name the
// person (address, name or phone, anywhere in the message once decoded).
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';

/** Removes the messages mentioning any of `identifiers` (case-insensitive); answers how many. */
export async function removeMailboxCopies(dir: string, identifiers: string[]): Promise<number> {
  const needles = identifiers.map((i) => i.trim().toLowerCase()).filter((i) => i.length >= 3);
  if (needles.length === 0) return 0;
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  let removed = 0;
  for (const name of names.filter((n) => n.endsWith('.eml'))) {
    const file = path.join(dir, name);
    const raw = await readFile(file).catch(() => undefined);
    if (!raw) continue;
    if (mentions(await decodedText(raw), needles)) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

/** The raw message and its decoded parts (a name in a MIME-encoded subject or a base64 body is found too). */
async function decodedText(raw: Buffer): Promise<string> {
  const parsed = await simpleParser(raw);
  const attachments = parsed.attachments.filter((a) => /^text\//.test(a.contentType)).map((a) => a.content.toString('utf8'));
  return [raw.toString('utf8'), parsed.subject ?? '', parsed.text ?? '', typeof parsed.html === 'string' ? parsed.html : '', ...attachments].join('\n');
}

const mentions = (text: string, needles: string[]) => {
  const lower = text.toLowerCase();
  return needles.some((n) => lower.includes(n));
};
