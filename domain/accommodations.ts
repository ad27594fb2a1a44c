/**
 * Accommodations granted to a candidate with a disability (aménagements d'épreuves), e.g. extra time.
 * Extra time lengthens only the steps the referential marks `extendedByAccommodations`, which the
 * schema restricts to candidate steps. For RNCP37332 these are the steps where the candidate produces
 * assessed work: assessmentSubmission, thesisSubmission and vaeEvidenceSubmission. Administrative
 * candidate steps (dossier, interview slot choice, internship declaration, follow-up survey) and every
 * staff or jury step keep their length.
 */
import type { DeadlineStep } from './types';
import type { Referential } from './schemas/referential';
import type { Accommodations } from './schemas/accommodations';

export type { Accommodations };

const HOUR_MS = 3_600_000;

export function accommodationApplies(step: DeadlineStep, ref: Referential): boolean {
  return ref.deadlines[step].extendedByAccommodations;
}

/**
 * Extra time for a step of `baseMs`, rounded up to the whole hour in the candidate's favour
 * (33 % of 14 days is 4 days 14.4 h, granted as 4 days 15 h). Zero where accommodations do not apply.
 */
export function extraTimeMs(
  step: DeadlineStep,
  baseMs: number,
  ref: Referential,
  accommodations: Accommodations | null | undefined,
): number {
  const pct = accommodations?.extraTimePercent ?? 0;
  if (pct < 0 || pct > 100) throw new RangeError(`extraTimePercent must be between 0 and 100, got ${pct}`);
  if (pct === 0 || !accommodationApplies(step, ref)) return 0;
  return Math.ceil((baseMs * pct) / 100 / HOUR_MS - 1e-9) * HOUR_MS;
}
