/**
 * Calendar-date arithmetic on 'YYYY-MM-DD' strings, in UTC day numbers.
 * Only Date.UTC and `new Date(ms)` with an argument are used: deterministic, safe in workflows.
 */
import type { IsoDate } from './types';

export const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid ISO calendar date; throws RangeError otherwise. */
export function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Invalid calendar date "${date}": expected YYYY-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2027-02-30 over to March: reject instead of silently shifting.
  if (isoDateFromDayNumber(ms / DAY_MS) !== date) throw new RangeError(`Invalid calendar date "${date}"`);
  return ms / DAY_MS;
}

/** Whether a value is a real 'YYYY-MM-DD' calendar date (2027-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function isoDateFromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** UTC midnight of the date, in epoch milliseconds. */
export function isoDateToMs(date: IsoDate): number {
  return dayNumber(date) * DAY_MS;
}

/** The UTC calendar date of an instant. */
export function msToIsoDate(ms: number): IsoDate {
  return isoDateFromDayNumber(Math.floor(ms / DAY_MS));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDateFromDayNumber(dayNumber(date) + days);
}

/** Adds calendar months, clamping to the month's last day (2025-08-31 + 6 months = 2026-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const day = dayNumber(date);
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const ms = Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay));
  return isoDateFromDayNumber(ms / DAY_MS);
}

/** Negative, zero or positive like a comparator; ISO dates compare as strings once validated. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return dayNumber(a) - dayNumber(b);
}
