/**
 * Whether a holder's birth date is plausible, beyond being a date: not after today, and an age at the
 * award that a holder of a level-7 certification can have (the CDC's format alone accepts 1900–2099,
 * so a typo such as 2030 for 1990 would otherwise be declared). Today and the award are given: the
 * domain never reads the clock.
 */
import { addMonths, compareIsoDates, isCalendarDate } from './calendar';
import type { IsoDate } from './types';

export const CPF_BIRTH_AGE = { minYears: 15, maxYears: 100 } as const;

export type BirthDateFault = 'future' | 'too_young' | 'too_old';

/** What is implausible about the birth date (undefined when it is plausible, or not a date at all). */
export function birthDateFault(birthDate: string, at: { today: IsoDate; awardedOn?: IsoDate }): BirthDateFault | undefined {
  if (!isCalendarDate(birthDate)) return undefined;
  if (compareIsoDates(birthDate, at.today) > 0) return 'future';
  const awardedOn = at.awardedOn ?? at.today;
  if (compareIsoDates(addMonths(birthDate, 12 * CPF_BIRTH_AGE.minYears), awardedOn) > 0) return 'too_young';
  if (compareIsoDates(addMonths(birthDate, 12 * CPF_BIRTH_AGE.maxYears), awardedOn) < 0) return 'too_old';
  return undefined;
}

/** The fault in words, for the API's problem+json (the space says it in French and English). */
export const BIRTH_DATE_FAULT_MESSAGES: Record<BirthDateFault, string> = {
  future: 'The birth date is after today: check the year (e.g. 1990, not 2030)',
  too_young: `The birth date makes the holder younger than ${CPF_BIRTH_AGE.minYears} at the award: check the year`,
  too_old: `The birth date makes the holder older than ${CPF_BIRTH_AGE.maxYears} at the award: check the year`,
};
