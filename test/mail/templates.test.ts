// Every template kind renders in French and English from its typed data, with the parts people need and
// no code in the words; dates in Europe/Paris; the interview calendar file.
import { describe, expect, it } from 'vitest';
import { buildIcs } from '../../activities/mail/ics';
import { TEMPLATE_KINDS } from '../../activities/mail/kinds';
import { renderEmail } from '../../activities/mail/render';
import { codesIn, formatDateTime } from '../../activities/wording/catalogue';
import { SAMPLE_DATA, SAMPLE_DUE, sampleEmail } from './fixtures';

const link = 'https://jalon.test/a/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const base = { recipientName: 'Léa <Martin>', candidateName: 'Jean Dupont', admissionsEmail: 'admissions@jalon.test' };

describe.each(TEMPLATE_KINDS)('template %s', (kind) => {
  it.each(['fr', 'en'] as const)('renders in %s: greeting, facts in words, no code, escaped HTML, sender and contact', async (language) => {
    const email = await renderEmail({ ...sampleEmail(kind), ...base, language, link });
    expect(email.subject.length).toBeGreaterThan(8);
    expect(email.text).toContain(language === 'fr' ? 'Bonjour Léa <Martin>,' : 'Hello Léa <Martin>,');
    expect(email.text).toContain(link);
    expect(email.text).toContain('admissions@jalon.test');
    expect(email.text).not.toMatch(/undefined|NaN|null/);
    expect(codesIn(`${email.subject}\n${email.text}`)).toEqual([]);
    expect(email.html).toContain(`lang="${language}"`);
    expect(email.html).toContain('Léa &lt;Martin&gt;'); // escaped: a name is data, never markup
    expect(email.html).not.toContain('<Martin>');
    expect(email.html).toContain(`href="${link}"`);
    expect(email.html).toMatch(/<h1[^>]*>/);
    const data = SAMPLE_DATA[kind] as { dueAtMs?: number };
    if (data.dueAtMs !== undefined) expect(email.text).toContain(formatDateTime(data.dueAtMs, language));
  });

  it('carries both working languages, the recipient\'s first and the other after it', async () => {
    for (const [language, first, second, announce] of [
      ['fr', 'Bonjour Léa <Martin>,', 'Hello Léa <Martin>,', 'English version below.'],
      ['en', 'Hello Léa <Martin>,', 'Bonjour Léa <Martin>,', 'Version française ci-dessous.'],
    ] as const) {
      const email = await renderEmail({ ...sampleEmail(kind), ...base, language, link });
      expect(email.text.indexOf(announce)).toBeGreaterThanOrEqual(0);
      expect(email.text.indexOf(announce)).toBeLessThan(email.text.indexOf(first));
      expect(email.text.indexOf(first)).toBeLessThan(email.text.indexOf(second));
      expect(email.html).toContain(`lang="${language === 'fr' ? 'en' : 'fr'}"`);
      const data = SAMPLE_DATA[kind] as { dueAtMs?: number };
      if (data.dueAtMs !== undefined) expect(email.text).toContain(formatDateTime(data.dueAtMs, language === 'fr' ? 'en' : 'fr'));
    }
  });

  it('punctuates each language its own way: no space before a colon in English, a non-breaking one in French labels', async () => {
    const email = await renderEmail({ ...sampleEmail(kind), ...base, language: 'en', link });
    const english = email.text.slice(0, email.text.indexOf('Version française'));
    expect(email.subject).not.toMatch(/\s:/);
    expect(english).not.toMatch(/[^\s]\s+:/);
    const fr = await renderEmail({ ...sampleEmail(kind), ...base, language: 'fr', link });
    expect(fr.text.slice(0, fr.text.indexOf('English version'))).not.toMatch(/[^\s\u00a0 ]:\s/); // "Bloc: …" would be English punctuation in French
  });

  it('differs between French and English', async () => {
    const fr = await renderEmail({ ...sampleEmail(kind), ...base, language: 'fr' });
    const en = await renderEmail({ ...sampleEmail(kind), ...base, language: 'en' });
    expect(fr.subject).not.toBe(en.subject);
  });
});

describe('dates in Europe/Paris', () => {
  it('formats summer and winter instants in Paris local time', () => {
    expect(formatDateTime(Date.UTC(2027, 6, 1, 7, 30), 'fr')).toBe('jeudi 1 juillet 2027 à 09:30 (heure de Paris)');
    expect(formatDateTime(Date.UTC(2027, 0, 15, 7, 30), 'en')).toBe('Friday, 15 January 2027 at 08:30 (Paris time)');
    expect(formatDateTime(SAMPLE_DUE, 'fr')).toBe('lundi 1 mars 2027 à 14:00 (heure de Paris)');
  });
});

describe('interview calendar file (ICS)', () => {
  const ics = (startMs: number, method: 'REQUEST' | 'CANCEL' = 'REQUEST') =>
    buildIcs({ method, uid: 'interview-abc-0@jalon', sequence: method === 'CANCEL' ? 1 : 0, startMs, durationMinutes: 45, summary: 'Entretien, motivation; salle 2', location: 'Campus Lille', organizerEmail: 'admissions@jalon.test', attendees: [{ email: 'lea@x.test', name: 'Léa Martin' }], stampMs: Date.UTC(2027, 0, 1) });

  it('has a VTIMEZONE for Europe/Paris and local start/end with TZID (summer time: UTC+2)', () => {
    const text = ics(Date.UTC(2027, 5, 10, 12, 0));
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris');
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20270610T140000');
    expect(text).toContain('DTEND;TZID=Europe/Paris:20270610T144500');
    expect(text).toContain('SUMMARY:Entretien\\, motivation\\; salle 2');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('uses UTC+1 in winter', () => {
    expect(ics(Date.UTC(2027, 11, 10, 12, 0))).toContain('DTSTART;TZID=Europe/Paris:20271210T130000');
  });

  it('#11 a REQUEST names its attendee, a UID without the journey id, and whole minutes', () => {
    const text = ics(Date.UTC(2027, 5, 10, 12, 0, 37)).replace(/\r\n /g, ''); // unfolded
    expect(text).toContain('METHOD:REQUEST');
    expect(text).toMatch(/ATTENDEE;CN="Léa Martin";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:lea@x\.test/);
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20270610T140000'); // 14:00:37 is said 14:00
    expect(text).not.toContain('journey:');
  });

  it('#19 a CANCEL keeps the UID, raises the sequence and says CANCELLED', () => {
    const text = ics(Date.UTC(2027, 5, 10, 12, 0), 'CANCEL');
    expect(text).toContain('METHOD:CANCEL');
    expect(text).toContain('UID:interview-abc-0@jalon');
    expect(text).toContain('SEQUENCE:1');
    expect(text).toContain('STATUS:CANCELLED');
  });

  it('folds long lines at 75 octets', () => {
    const text = buildIcs({ uid: 'u', startMs: 0, durationMinutes: 30, summary: 'é'.repeat(100), organizerEmail: 'a@b.test', stampMs: 0 });
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
