/**
 * The quota reserve: a derogation (a)/(b) candidate who passed the interview while the cohort's quota was
 * full waits for a place instead of being refused. The quota base grows with each by-right admission and a
 * withdrawal frees a derogation place; each change re-evaluates the reserve:
 *
 * - places go to the waiting candidates in the order they entered the reserve, each one only if the quota
 *   rules (quotas.ts) hold after admitting them; one who does not fit (their derogation's own cap) does not
 *   hold back a later one who does;
 * - at the cohort's cut-off date staff admit on appeal (with a written justification) or refuse; without a
 *   decision the reserve ends in a refusal. Staff are reminded before the cut-off.
 */
import { addDays } from './calendar';
import { checkDerogationQuota, type CohortCounts } from './quotas';
import { resolveLocalTime } from './local-time';
import type { Referential } from './schemas/referential';
import type { DerogationCategory, EligibilityCategory, IsoDate } from './types';

export const isDerogation = (c: EligibilityCategory): c is DerogationCategory => c === 'derogation_a_vapp' || c === 'derogation_b';

/** How a reserve ends (or `waiting`). */
export const QUOTA_RESERVE_STATUSES = ['waiting', 'admitted', 'admitted_on_appeal', 'refused', 'cutoff_refused', 'withdrawn'] as const;
export type QuotaReserveStatus = (typeof QUOTA_RESERVE_STATUSES)[number];

export interface ReserveContext {
  ref: Referential;
  /** The cohort's specific recruitment context, if flagged. */
  specificRecruitmentContext: { justification: string } | null;
}

const add = (counts: CohortCounts, category: DerogationCategory): CohortCounts =>
  category === 'derogation_a_vapp' ? { ...counts, derogationA: counts.derogationA + 1 } : { ...counts, derogationB: counts.derogationB + 1 };

/** Whether one more admission of `category` keeps the cohort within its quotas now. */
export function fitsNow(counts: CohortCounts, category: DerogationCategory, ctx: ReserveContext): boolean {
  return checkDerogationQuota({ admitted: counts, candidateCategory: category, specificRecruitmentContext: ctx.specificRecruitmentContext }, ctx.ref).allowed;
}

/**
 * Which waiting candidates take the places open now, in reserve order (`waiting` sorted by entry). Each
 * admission counts in the next check: never more admitted than there are places.
 */
export function placesForReserve<T extends { category: DerogationCategory }>(counts: CohortCounts, waiting: readonly T[], ctx: ReserveContext): T[] {
  const admitted: T[] = [];
  let now = counts;
  for (const w of waiting) {
    if (!fitsNow(now, w.category, ctx)) continue;
    admitted.push(w);
    now = add(now, w.category);
  }
  return admitted;
}

/**
 * How many more by-right admissions would open a place for one more candidate of `category`: 0 when one is
 * open now, null when none can ever open (the certification does not offer that derogation).
 */
export function byRightAdmissionsToFreePlace(counts: CohortCounts, category: DerogationCategory, ctx: ReserveContext): number | null {
  const check = checkDerogationQuota({ admitted: counts, candidateCategory: category, specificRecruitmentContext: ctx.specificRecruitmentContext }, ctx.ref);
  return check.allowed ? 0 : check.byRightAdmissionsNeeded;
}

/** The cut-off instant: the end of the cut-off day in Paris (midnight that starts the next day). */
export function quotaCutoffInstant(cutoffOn: IsoDate): number {
  const midnight = resolveLocalTime(`${addDays(cutoffOn, 1)}T00:00`, 'Europe/Paris');
  // Paris never changes its clocks at midnight: the reading is always a plain instant.
  if (!midnight || midnight.kind !== 'ok') throw new RangeError(`Not a calendar date: ${cutoffOn}`);
  return midnight.instantMs;
}

/** Staff are reminded a week and a day before the cut-off. */
export const QUOTA_CUTOFF_REMINDER_DAYS = [7, 1] as const;

/** The reminder instants still to come (strictly after `nowMs`), ascending. */
export function quotaCutoffReminders(cutoffMs: number, nowMs: number): number[] {
  return QUOTA_CUTOFF_REMINDER_DAYS.map((d) => cutoffMs - d * 86_400_000).filter((t) => t > nowMs).sort((a, b) => a - b);
}

/** How many more admissions of `category` fit now, without any further by-right admission. */
export function placesLeftNow(counts: CohortCounts, category: DerogationCategory, ctx: ReserveContext): number {
  let left = 0;
  let now = counts;
  // Bounded: a derogation share below 100 % admits at most as many as the by-right candidates allow.
  while (left < 10_000 && fitsNow(now, category, ctx)) {
    now = add(now, category);
    left++;
  }
  return left;
}
