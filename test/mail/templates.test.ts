// Every template kind renders in French and English, with the parts people need; the interview
// invitation's calendar file carries Europe/Paris local time.
import { describe, expect, it } from 'vitest';
import { TEMPLATE_KINDS } from '../../activities/notification-types';
import { buildIcs } from '../../activities/mail/ics';
import { renderEmail } from '../../activities/mail/render';
import { formatDateTime } from '../../activities/mail/format';

const link = 'https://jalon.test/a/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
// 2027-03-01 13:00 UTC = 14:00 in Paris (winter time).
const dueAtMs = Date.UTC(2027, 2, 1, 13, 0);

describe.each(TEMPLATE_KINDS)('template %s', (kind) => {
  it.each(['fr', 'en'] as const)('renders in %s with name, deadline, link, HTML and text', (language) => {
    const email = renderEmail({
      kind, language, recipientName: 'Léa <Martin>', candidateName: 'Jean Dupont', link, dueAtMs,
      data: { missingPieces: ['cv'], interviewAtMs: dueAtMs, slots: ['2027-03-02T09:00:00Z'], blockCode: 'BC01', assessmentCode: 'BC01-A1', decision: 'admissible', outcome: 'awarded', validated: true, wave: 6 },
    });
    expect(email.subject.length).toBeGreaterThan(8);
    expect(email.text).toContain(language === 'fr' ? 'Bonjour Léa <Martin>,' : 'Hello Léa <Martin>,');
    expect(email.text).toContain(link);
    expect(email.text).toContain(language === 'fr' ? '14:00 (heure de Paris)' : '14:00 (Paris time)');
    expect(email.html).toContain(`<html lang="${language}">`);
    expect(email.html).toContain('Léa &lt;Martin&gt;'); // escaped: a name is data, never markup
    expect(email.html).not.toContain('<Martin>');
    expect(email.html).toContain(`href="${link}"`);
    expect(email.html).toMatch(/<h1[^>]*>/);
  });

  it('differs between French and English', () => {
    const fr = renderEmail({ kind, language: 'fr', recipientName: 'A', data: {} });
    const en = renderEmail({ kind, language: 'en', recipientName: 'A', data: {} });
    expect(fr.subject).not.toBe(en.subject);
    expect(fr.text).not.toContain('undefined');
    expect(en.text).not.toContain('undefined');
  });
});

describe('content by kind', () => {
  it('lists missing dossier pieces by their French and English names', () => {
    const data = { missingPieces: ['cv', 'motivation_letter'] };
    expect(renderEmail({ kind: 'dossier_reminder', language: 'fr', recipientName: 'A', data }).text).toContain('  - Lettre de motivation');
    expect(renderEmail({ kind: 'dossier_reminder', language: 'en', recipientName: 'A', data }).text).toContain('  - Motivation letter');
  });

  it('names the candidate in a jury member\'s subject', () => {
    const email = renderEmail({ kind: 'jury_decision_request', language: 'fr', recipientName: 'M. Membre', candidateName: 'Jean Dupont', data: {}, link, dueAtMs });
    expect(email.subject).toContain('Jean Dupont');
    expect(email.text).toContain('Consulter et décider');
  });

  it('says "not admissible" with the reason', () => {
    const email = renderEmail({ kind: 'selection_decision', language: 'en', recipientName: 'A', data: { decision: 'not_admissible', reason: 'no master-grade degree' } });
    expect(email.text).toContain('did not declare you admissible');
    expect(email.text).toContain('Reason: no master-grade degree.');
  });
});

describe('the data names the journey sends', () => {
  it('reads missing, admissible/reasonCodes, admitted, startsAtMs, status and items', () => {
    const r = (kind: Parameters<typeof renderEmail>[0]['kind'], data: Record<string, string | number | boolean | string[]>) => renderEmail({ kind, language: 'fr', recipientName: 'A', data }).text;
    expect(r('dossier_opened', { missing: ['transcripts'] })).toContain('  - Relevés de notes');
    expect(r('selection_decision', { admissible: false, reasonCodes: ['no_degree'] })).toContain('Motif : no_degree.');
    expect(r('selection_decision', { admissible: true, reasonCode: 'profile_fits' })).toContain('admissible');
    expect(r('admission_decision', { admitted: true })).toContain('Félicitations');
    expect(r('interview_reminder', { startsAtMs: Date.UTC(2027, 5, 10, 12, 0) })).toContain('jeudi 10 juin 2027 à 14:00');
    expect(r('block_result', { blockCode: 'BC03', status: 'validated' })).toContain('Le bloc BC03 est validé.');
    expect(r('vae_evidence_request', { items: ['BC01', 'in_depth_work'] })).toContain('  - in_depth_work');
    expect(r('certification_outcome', { outcome: 'deferred', deferredBlocks: ['BC04'] })).toContain('  - BC04');
  });
});

describe('dates in Europe/Paris', () => {
  it('formats summer and winter instants in Paris local time', () => {
    expect(formatDateTime(Date.UTC(2027, 6, 1, 7, 30), 'fr')).toBe('jeudi 1 juillet 2027 à 09:30 (heure de Paris)');
    expect(formatDateTime(Date.UTC(2027, 0, 15, 7, 30), 'en')).toBe('Friday, 15 January 2027 at 08:30 (Paris time)');
  });
});

describe('interview calendar file (ICS)', () => {
  const ics = (startMs: number) =>
    buildIcs({ uid: 'journey:x:interview@jalon', startMs, durationMinutes: 45, summary: 'Entretien, motivation; salle 2', location: 'Campus Lille', organizerEmail: 'admissions@jalon.test', stampMs: Date.UTC(2027, 0, 1) });

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

  it('folds long lines at 75 octets', () => {
    const text = buildIcs({ uid: 'u', startMs: 0, durationMinutes: 30, summary: 'é'.repeat(100), organizerEmail: 'a@b.test', stampMs: 0 });
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
