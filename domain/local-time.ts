// Wall-clock times as people give them ("2027-03-02 10:00 in Paris"), turned into instants. Twice a
// year a local time is not a plain instant: when clocks go forward (last Sunday of March in Paris,
// 02:00 -> 03:00) 02:30 does not exist; when they go back (last Sunday of October, 03:00 -> 02:00) 02:30
// happens twice. Both are said, never silently moved. Pure: the time zone rules come from Intl.

export type LocalTimeResult =
  | { kind: 'ok'; instantMs: number; offsetMinutes: number }
  /** The local time falls in the gap: the last minute before it and the first after it (local, YYYY-MM-DDTHH:mm). */
  | { kind: 'nonexistent'; before: string; after: string }
  /** The local time happens twice: both instants, earlier first, with their UTC offsets. */
  | { kind: 'ambiguous'; candidates: { instantMs: number; offsetMinutes: number; offset: string }[] };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;
const MINUTE = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in minutes (Paris: 60 in winter, 120 in summer). */
export function zoneOffsetMinutes(instantMs: number, zone: string): number {
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / MINUTE);
}

/** "+02:00" for 120. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The local wall time of an instant in a zone, as YYYY-MM-DDTHH:mm. */
export function localTimeOf(instantMs: number, zone: string): string {
  return new Date(instantMs + zoneOffsetMinutes(instantMs, zone) * MINUTE).toISOString().slice(0, 16);
}

/** Reads a local wall time (YYYY-MM-DDTHH:mm) in a zone; undefined when it is not such a text or not a calendar date. */
export function resolveLocalTime(local: string, zone: string): LocalTimeResult | undefined {
  const m = LOCAL.exec(local);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  // The offsets in force a day either side cover any transition on that day.
  const offsets = [...new Set([zoneOffsetMinutes(wall - 86_400_000, zone), zoneOffsetMinutes(wall + 86_400_000, zone)])];
  const candidates = offsets
    .map((offsetMinutes) => ({ instantMs: wall - offsetMinutes * MINUTE, offsetMinutes }))
    .filter((c) => zoneOffsetMinutes(c.instantMs, zone) === c.offsetMinutes)
    .sort((a, b) => a.instantMs - b.instantMs);
  if (candidates.length === 1) return { kind: 'ok', ...candidates[0]! };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates: candidates.map((c) => ({ ...c, offset: offsetText(c.offsetMinutes) })) };
  // In the gap: find the transition instant (to the minute) between the two readings of the wall time.
  const [early, late] = [Math.min(...offsets), Math.max(...offsets)];
  let lo = wall - late * MINUTE; // still before the transition
  let hi = wall - early * MINUTE; // already after it
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (zoneOffsetMinutes(mid, zone) === early) lo = mid;
    else hi = mid;
  }
  return { kind: 'nonexistent', before: localTimeOf(hi - MINUTE, zone), after: localTimeOf(hi, zone) };
}
