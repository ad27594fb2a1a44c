/**
 * Internship (or professional experience) arithmetic: periods add up to full-time-equivalent months.
 *
 * - Days are calendar days, start and end included (a full-time internship runs over weekends too).
 * - A period is full time unless it gives weekly hours (pro rata of the referential's full-time week,
 *   35 h for RNCP37332) or an FTE ratio; a ratio above 1 is capped at 1.
 * - Overlapping periods add up, but a candidate is never more than 1.0 FTE on a day: two half-time
 *   jobs make one full-time day, two full-time ones still make one.
 * - One FTE month is `referential.internship.fteMonthDays` calendar days at full time. RNCP37332 uses
 *   30: four consecutive calendar months always span at least 120 days (February to May included), so a
 *   full-time internship over four whole calendar months always meets "4 mois", and one ending a day
 *   earlier is one day short when it spans exactly 120 days. (365.25/12 would refuse February to May.)
 * Arithmetic is exact, in integers: one full-time day is `fullTimeWeeklyHours × 100 × 10 000` units, so
 * weekly hours with two decimals (20 h of 35 h = 4/7) and FTE ratios with four decimals add up without
 * drift and the boundaries (exactly 4 months, one day short) are exact.
 */
import type { IsoDate } from './types';
import type { Referential } from './schemas/referential';
import { dayNumber, isoDateFromDayNumber } from './calendar';
import type { InternshipPeriod } from './schemas/internship';

export type { InternshipPeriod };

export interface InternshipSummary {
  /** FTE days after capping each day at 1.0. */
  fteDays: number;
  fteMonths: number;
  requiredFteMonths: number;
  requiredFteDays: number;
  met: boolean;
  /** FTE days still needed (0 when met); at full time, `Math.ceil` of it is the number of days left. */
  remainingFteDays: number;
  remainingFteMonths: number;
  /** FTE days declared but not counted because periods overlapped beyond full time. */
  overlapFteDaysNotCounted: number;
  /** Day on which the threshold is reached, if the periods reach it. */
  thresholdReachedOn: IsoDate | null;
}

/** FTE ratio of a period, in (0, 1]. */
export function periodRatio(p: InternshipPeriod, ref: Referential): number {
  const raw = p.weeklyHours !== undefined ? p.weeklyHours / ref.internship.fullTimeWeeklyHours : (p.fteRatio ?? 1);
  return Math.min(1, raw);
}

function dayUnit(ref: Referential): number {
  return Math.round(ref.internship.fullTimeWeeklyHours * 100) * 10_000;
}

function periodUnits(p: InternshipPeriod, unit: number): number {
  const raw = p.weeklyHours !== undefined ? Math.round(p.weeklyHours * 100) * 10_000 : Math.round((p.fteRatio ?? 1) * unit);
  return Math.min(unit, raw);
}

export function summariseInternship(
  periods: readonly InternshipPeriod[],
  ref: Referential,
  requiredFteMonths: number = ref.completion.nonVae.internshipMinFteMonths ?? 0,
): InternshipSummary {
  const unit = dayUnit(ref);
  // Sweep over day boundaries: +ratio on the first day, -ratio the day after the last.
  const events = new Map<number, number>();
  let declared = 0;
  for (const p of periods) {
    const start = dayNumber(p.start);
    const endExclusive = dayNumber(p.end) + 1;
    if (endExclusive <= start) throw new RangeError(`Internship period ends (${p.end}) before it starts (${p.start})`);
    const r = periodUnits(p, unit);
    events.set(start, (events.get(start) ?? 0) + r);
    events.set(endExclusive, (events.get(endExclusive) ?? 0) - r);
    declared += r * (endExclusive - start);
  }

  const monthDays = ref.internship.fteMonthDays;
  const required = Math.round(requiredFteMonths * monthDays * unit);
  const days = [...events.keys()].sort((a, b) => a - b);
  let level = 0;
  let total = 0;
  let reachedDay: number | null = null;
  for (let i = 0; i < days.length - 1; i++) {
    const day = days[i] as number;
    level += events.get(day) as number;
    const perDay = Math.min(unit, level);
    const span = (days[i + 1] as number) - day;
    if (reachedDay === null && perDay > 0 && total < required && total + perDay * span >= required) {
      reachedDay = day + Math.ceil((required - total) / perDay) - 1;
    }
    total += perDay * span;
  }

  const remaining = Math.max(0, required - total);
  return {
    fteDays: total / unit,
    fteMonths: total / unit / monthDays,
    requiredFteMonths,
    requiredFteDays: required / unit,
    met: total >= required,
    remainingFteDays: remaining / unit,
    remainingFteMonths: remaining / unit / monthDays,
    overlapFteDaysNotCounted: (declared - total) / unit,
    thresholdReachedOn: reachedDay === null ? null : isoDateFromDayNumber(reachedDay),
  };
}
