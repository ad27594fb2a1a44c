// A wall-clock date and time in Europe/Paris to an instant. Twice a year the wall clock is not a
// function of the instant: in spring an hour does not exist (02:00–02:59 on the last Sunday of March),
// in autumn one happens twice (02:00–02:59 on the last Sunday of October). Both are said, never guessed.

export type ParisTime =
  | { kind: 'ok'; iso: string }
  | { kind: 'nonexistent' }
  | { kind: 'ambiguous'; summer: string; winter: string }
  | { kind: 'invalid' };

const wall = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function parisWallOf(ms: number): string {
  const p = Object.fromEntries(wall.formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** date "2027-03-28", time "02:30" (Paris wall clock). */
export function parisToInstant(date: string, time: string): ParisTime {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return { kind: 'invalid' };
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(asUtc)) return { kind: 'invalid' };
  const wanted = `${date}T${time}`;
  // Paris is UTC+2 in summer, UTC+1 in winter: try both offsets, keep those that read back the same.
  const summer = asUtc - 2 * 3600_000;
  const winter = asUtc - 1 * 3600_000;
  const fits = [summer, winter].filter((ms) => parisWallOf(ms) === wanted);
  if (fits.length === 0) return { kind: 'nonexistent' };
  if (fits.length === 2) return { kind: 'ambiguous', summer: new Date(summer).toISOString(), winter: new Date(winter).toISOString() };
  return { kind: 'ok', iso: new Date(fits[0]!).toISOString() };
}
