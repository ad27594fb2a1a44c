import { describe, expect, it } from 'vitest';
import {
  byRightAdmissionsToFreePlace, checkDerogationQuota, isDerogation, placesForReserve, placesLeftNow, quotaCutoffInstant, quotaCutoffReminders,
  rncp37332, type CohortCounts, type DerogationCategory, type ReserveContext,
} from '../../domain';

const cohort = (byRight: number, derogationA: number, derogationB: number): CohortCounts => ({ byRight, derogationA, derogationB });
const plain: ReserveContext = { ref: rncp37332, specificRecruitmentContext: null };
const raised: ReserveContext = { ref: rncp37332, specificRecruitmentContext: { justification: 'Réorganisation du secteur bancaire régional, reconversion des équipes' } };
const waiting = (...cats: DerogationCategory[]) => cats.map((category, i) => ({ id: `r${i + 1}`, category }));
const DAY = 86_400_000;

describe('quota reserve', () => {
  it('knows the derogation categories', () => {
    expect(isDerogation('derogation_a_vapp')).toBe(true);
    expect(isDerogation('derogation_b')).toBe(true);
    expect(isDerogation('by_right')).toBe(false);
    expect(isDerogation('not_eligible')).toBe(false);
  });

  describe('places for the reserve', () => {
    it('gives nothing while the quota is full', () => {
      expect(placesForReserve(cohort(2, 0, 0), waiting('derogation_b', 'derogation_b'), plain)).toEqual([]);
      expect(placesForReserve(cohort(0, 0, 0), waiting('derogation_a_vapp'), plain)).toEqual([]);
    });

    it('gives one place to the first in line, never two for one place', () => {
      // 3 by right: one (b) makes 1 of 4 = 25 %; a second would be 2 of 5 = 40 % > 30 %.
      expect(placesForReserve(cohort(3, 0, 0), waiting('derogation_b', 'derogation_b'), plain).map((r) => r.id)).toEqual(['r1']);
    });

    it('counts each admission in the next check, up to the caps', () => {
      // 6 by right: (a) 40 %, (b) 30 %, (a)+(b) 40 %: two (a) fit (2 of 8 = 25 %), then a (b) makes 3 of 9 = 33 % combined, a fourth 4 of 10 = 40 %.
      const given = placesForReserve(cohort(6, 0, 0), waiting('derogation_a_vapp', 'derogation_a_vapp', 'derogation_b', 'derogation_b', 'derogation_a_vapp'), plain);
      expect(given.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4']);
      const after = given.reduce((c, r) => (r.category === 'derogation_b' ? { ...c, derogationB: c.derogationB + 1 } : { ...c, derogationA: c.derogationA + 1 }), cohort(6, 0, 0));
      expect(checkDerogationQuota({ admitted: after, candidateCategory: 'by_right' }, rncp37332).allowed).toBe(true);
      expect(after.derogationA + after.derogationB).toBe(4);
    });

    it('lets a later candidate whose derogation fits pass one whose derogation is at its own cap', () => {
      // 7 by right, 3 (b): (b) is at 30 % of 10; one more (b) would be 4 of 11 = 36 %. An (a) makes 4 of 11 combined = 36 % <= 40 %.
      expect(placesForReserve(cohort(7, 0, 3), waiting('derogation_b', 'derogation_a_vapp'), plain).map((r) => r.id)).toEqual(['r2']);
    });

    it('applies the raised combined cap of a justified specific recruitment context', () => {
      // 5 by right, 2 (a), 1 (b): combined 3 of 8. One more (a): 4 of 9 = 44 % > 40 % but <= 60 %.
      expect(placesForReserve(cohort(5, 2, 1), waiting('derogation_a_vapp'), plain)).toEqual([]);
      expect(placesForReserve(cohort(5, 2, 1), waiting('derogation_a_vapp'), raised).map((r) => r.id)).toEqual(['r1']);
    });
  });

  describe('what staff see', () => {
    it('says how many by-right admissions would free a place (0: one is open)', () => {
      expect(byRightAdmissionsToFreePlace(cohort(0, 0, 0), 'derogation_b', plain)).toBe(3);
      expect(byRightAdmissionsToFreePlace(cohort(2, 0, 0), 'derogation_b', plain)).toBe(1);
      expect(byRightAdmissionsToFreePlace(cohort(3, 0, 0), 'derogation_b', plain)).toBe(0);
      expect(byRightAdmissionsToFreePlace(cohort(3, 0, 1), 'derogation_b', plain)).toBe(2);
      expect(byRightAdmissionsToFreePlace(cohort(0, 0, 0), 'derogation_a_vapp', plain)).toBe(2);
    });

    it('counts the places left now per derogation', () => {
      expect(placesLeftNow(cohort(0, 0, 0), 'derogation_b', plain)).toBe(0);
      expect(placesLeftNow(cohort(3, 0, 0), 'derogation_b', plain)).toBe(1);
      expect(placesLeftNow(cohort(6, 0, 0), 'derogation_a_vapp', plain)).toBe(4);
      expect(placesLeftNow(cohort(6, 0, 0), 'derogation_b', plain)).toBe(2);
    });
  });

  describe('cut-off', () => {
    it('ends with the cut-off day in Paris, winter and summer', () => {
      expect(quotaCutoffInstant('2027-01-15')).toBe(Date.UTC(2027, 0, 15, 23, 0));
      expect(quotaCutoffInstant('2027-07-15')).toBe(Date.UTC(2027, 6, 15, 22, 0));
      // The night clocks go forward (28 March 2027): midnight still exists.
      expect(quotaCutoffInstant('2027-03-27')).toBe(Date.UTC(2027, 2, 27, 23, 0));
      expect(() => quotaCutoffInstant('2027-02-30')).toThrow(RangeError);
    });

    it('reminds staff a week and a day before, only those still ahead', () => {
      const cutoff = quotaCutoffInstant('2027-01-15');
      expect(quotaCutoffReminders(cutoff, cutoff - 30 * DAY)).toEqual([cutoff - 7 * DAY, cutoff - DAY]);
      expect(quotaCutoffReminders(cutoff, cutoff - 3 * DAY)).toEqual([cutoff - DAY]);
      expect(quotaCutoffReminders(cutoff, cutoff - DAY)).toEqual([]);
    });
  });
});
