// Every email a real journey of a test delivered, read as its recipient reads it in the SMTP sink (found by
// Message-ID) and checked for what every message owes its reader: no code, both working languages with
// the recipient's first, who sends it and where to write, the step's deadline when there is one, the
// personal link when an action is asked. Kind-specific facts (times, places, grades) are asserted by the
// tests that provoke them; this catches what no test thought to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PHRASES, formatDateTime, type Language } from '../../activities/wording/catalogue';
import { SPACE_TASK_TEMPLATES, leadsToSpace } from '../../activities/mail/space-link';
import type { EmailRequest, TemplateKind } from '../../activities/notification-types';
import type { Database } from '../../platform/database';
import { messagesTo } from './mailbox';
import { expectNoCodes } from './person-facing';

export const RECEIVED_DIR = join(process.cwd(), 'test', 'artifacts', 'received');
const ADMISSIONS = 'admissions@jalon.test';
const STAFF_CONTACT = { fr: PHRASES.staffContact.fr, en: PHRASES.staffContact.en };
const GREETING: Record<Language, string> = { fr: 'Bonjour ', en: 'Hello ' };

/** Checks every sent email of these candidates' journeys; returns the kinds read, and records them. */
export async function checkReceivedEmails(db: Database, mailboxUrl: string, candidateIds: string[], file: string): Promise<string[]> {
  if (candidateIds.length === 0) return [];
  const rows = await db.outboxEmail.findMany({
    where: { status: 'sent', OR: candidateIds.map((id) => ({ journeyId: { endsWith: id } })) },
    select: { kind: true, recipient: true, recipientRef: true, language: true, messageId: true, payload: true, actionTokenId: true },
  });
  const inbox = new Map<string, Awaited<ReturnType<typeof messagesTo>>>();
  const kinds = new Set<string>();
  for (const row of rows) {
    if (!inbox.has(row.recipient)) inbox.set(row.recipient, await messagesTo(mailboxUrl, row.recipient));
    const message = inbox.get(row.recipient)!.find((m) => m.messageId === row.messageId);
    expect(message, `${row.kind} to ${row.recipient} (${row.messageId}) is not in the mailbox`).toBeDefined();
    const { subject, text } = message!;
    const where = `${row.kind} (${row.language})`;
    const l = row.language as Language;
    const other: Language = l === 'fr' ? 'en' : 'fr';
    expectNoCodes(subject, text);
    expect(`${subject}\n${text}`, where).not.toMatch(/undefined|NaN|\[object Object\]/);
    expect(text.indexOf(GREETING[l]), `${where}: greeting in the recipient's language`).toBeGreaterThanOrEqual(0);
    expect(text.indexOf(GREETING[l]), `${where}: the recipient's language first`).toBeLessThan(text.indexOf(GREETING[other]));
    // Staff read who sends it (Jalon, for the school) and whom to ask (their administrator); others, the admissions office.
    if (row.recipientRef?.startsWith('staff')) expect(text, `${where}: whom staff ask`).toContain(STAFF_CONTACT[l]);
    else expect(text, `${where}: where to write`).toContain(ADMISSIONS);
    const data = (row.payload as { data?: { dueAtMs?: number } }).data;
    if (typeof data?.dueAtMs === 'number') expect(text, `${where}: the step's deadline`).toContain(formatDateTime(data.dueAtMs, l));
    // A task done in the space (the thesis) is mailed with the space link; other actions with their own link.
    if (row.actionTokenId && !SPACE_TASK_TEMPLATES.has(row.kind as TemplateKind)) expect(text, `${where}: the personal link`).toMatch(/https?:\/\/\S+\/a\/[A-Za-z0-9_-]{20,}/);
    if (SPACE_TASK_TEMPLATES.has(row.kind as TemplateKind)) expect(text, `${where}: the link to the candidate space`).toMatch(/https?:\/\/\S+\/space\/sign-in\/[A-Za-z0-9_-]{43}/);
    if (leadsToSpace({ template: row.kind, data: data ?? {} } as EmailRequest)) expect(text, `${where}: the link to the candidate space`).toMatch(/https?:\/\/\S+\/space\/sign-in\/[A-Za-z0-9_-]{43}/);
    kinds.add(row.kind);
  }
  mkdirSync(RECEIVED_DIR, { recursive: true });
  writeFileSync(join(RECEIVED_DIR, `${file}.json`), JSON.stringify({ file, messages: rows.length, kinds: [...kinds].sort() }, null, 1));
  return [...kinds];
}
