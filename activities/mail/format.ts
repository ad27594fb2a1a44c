// Dates as people in France read them: always in Europe/Paris, whatever the server's time zone.
export type Language = 'fr' | 'en';
export const TIME_ZONE = 'Europe/Paris';

export function asLanguage(value: string | null | undefined): Language {
  return value === 'en' ? 'en' : 'fr'; // French first: anything unknown reads French
}

/** "lundi 1 mars 2027 à 14:00 (heure de Paris)" / "Monday 1 March 2027 at 14:00 (Paris time)". */
export function formatDateTime(ms: number, language: Language): string {
  const date = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
  }).format(ms);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  return language === 'fr' ? `${date} à ${time} (heure de Paris)` : `${date} at ${time} (Paris time)`;
}

export function formatDate(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric',
  }).format(ms);
}

/** The wall-clock fields of an instant in Paris (for ICS local times with TZID). */
export function parisParts(ms: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
