// Dates as people in France read them: always in Europe/Paris, whatever the server's time zone.
// The wording helpers live in activities/wording/catalogue.ts; re-exported here for older imports.
import { TIME_ZONE } from '../wording/catalogue';

export { asLanguage, formatDate, formatDateTime, TIME_ZONE, type Language } from '../wording/catalogue';

/** The wall-clock fields of an instant in Paris (for ICS local times with TZID). */
export function parisParts(ms: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}
