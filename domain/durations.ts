/**
 * Durations in the referential: a number of days, or an ISO 8601 duration restricted to
 * weeks, days, hours and minutes (e.g. 'P7D', 'P2W', 'PT48H', 'P1DT12H').
 * Months and years are refused on purpose: their length varies, so a deadline would depend on the
 * calendar; calendar months are expressed explicitly where needed (follow-up surveys).
 */
import { DAY_MS } from './calendar';

export type Duration = string | number;

const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** Milliseconds in a duration, or undefined if it is not a supported form. */
export function tryDurationMs(d: Duration): number | undefined {
  if (typeof d === 'number') return Number.isFinite(d) && d >= 0 ? d * DAY_MS : undefined;
  const m = ISO_DURATION.exec(d);
  if (!m || d === 'P' || d.endsWith('T')) return undefined;
  const [w, days, h, min] = [m[1], m[2], m[3], m[4]].map((x) => (x === undefined ? 0 : Number(x))) as [
    number,
    number,
    number,
    number,
  ];
  return ((w * 7 + days) * 24 * 60 + h * 60 + min) * 60_000;
}

/** Milliseconds in a duration; throws RangeError on an unsupported form. */
export function durationMs(d: Duration): number {
  const ms = tryDurationMs(d);
  if (ms === undefined) {
    throw new RangeError(`Unsupported duration ${JSON.stringify(d)}: use days (number) or ISO 8601 with W, D, H, M`);
  }
  return ms;
}

export function days(n: number): number {
  return n * DAY_MS;
}
