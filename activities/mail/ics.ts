// iCalendar (RFC 5545) invitation for an interview, in Europe/Paris local time with its VTIMEZONE,
// so calendar applications show the right hour on both sides of a daylight-saving change.
import { parisParts } from './format';

export interface CalendarEvent {
  /** REQUEST invites (or updates); CANCEL removes the event with the same UID from calendars. */
  method?: 'REQUEST' | 'CANCEL';
  uid: string;
  /** Raised on each change of the same UID (a cancel comes after the request). */
  sequence?: number;
  attendees?: { email: string; name?: string }[];
  startMs: number;
  durationMinutes: number;
  summary: string;
  location?: string;
  description?: string;
  organizerEmail: string;
  stampMs: number;
}

const VTIMEZONE_PARIS = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function localParis(ms: number): string {
  const p = parisParts(ms);
  // Whole minutes: an interview starts at 14:00, not 14:00:37.
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}00`;
}

function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Text values escaped as RFC 5545 §3.3.11 asks. */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let rest = Buffer.from(line, 'utf8');
  while (rest.length > 75) {
    let cut = out.length === 0 ? 75 : 74;
    while (cut > 0 && (rest[cut]! & 0xc0) === 0x80) cut--; // never split a UTF-8 character
    out.push(rest.subarray(0, cut).toString('utf8'));
    rest = rest.subarray(cut);
  }
  out.push(rest.toString('utf8'));
  return out.join('\r\n ');
}

export function buildIcs(event: CalendarEvent): string {
  const method = event.method ?? 'REQUEST';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Jalon//Certification journeys//FR',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    ...VTIMEZONE_PARIS,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcStamp(event.stampMs)}`,
    `SEQUENCE:${event.sequence ?? 0}`,
    `DTSTART;TZID=Europe/Paris:${localParis(event.startMs)}`,
    `DTEND;TZID=Europe/Paris:${localParis(event.startMs + event.durationMinutes * 60_000)}`,
    `SUMMARY:${text(event.summary)}`,
    ...(event.location ? [`LOCATION:${text(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${text(event.description)}`] : []),
    `ORGANIZER:mailto:${event.organizerEmail}`,
    ...(event.attendees ?? []).map((a) => `ATTENDEE;${a.name ? `CN="${a.name.replace(/["\\;:,]/g, ' ')}";` : ''}ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${a.email}`),
    method === 'CANCEL' ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
