import { describe, expect, it } from 'vitest';
import { checkDerogationQuota, rncp37332 } from '../../domain';
import type { QuotaInput } from '../../domain';

const cohort = (byRight: number, derogationA: number, derogationB: number) => ({ byRight, derogationA, derogationB });
const check = (input: QuotaInput) => checkDerogationQuota(input, rncp37332);
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);
const justified = { justification: 'Reconversion des équipes commerciales du groupe X (réorganisation du secteur)' };

describe('derogation quotas', () => {
  describe('the percentage is of the admitted cohort after this admission', () => {
    it('reports the cohort as it would be, including the candidate', () => {
      const r = check({ admitted: cohort(6, 1, 1), candidateCategory: 'derogation_a_vapp' });
      expect(r.after).toMatchObject({ total: 9, derogationA: 2, derogationB: 1, combined: 3 });
      expect(r.after.percent.combined).toBeCloseTo(33.33, 2);
    });

    it('never limits an admission by right', () => {
      const r = check({ admitted: cohort(0, 4, 2), candidateCategory: 'by_right' });
      expect(r.allowed).toBe(true);
      expect(codes(r)).toEqual(['quota_not_applicable']);
    });

    it('refuses a candidate who is not eligible', () => {
      expect(check({ admitted: cohort(10, 0, 0), candidateCategory: 'not_eligible' }).allowed).toBe(false);
    });
  });

  describe('(a) at most 40 %', () => {
    it('allows a VAPP admission that brings the cohort to exactly 40 %', () => {
      const r = check({ admitted: cohort(3, 1, 0), candidateCategory: 'derogation_a_vapp' });
      expect(r.allowed).toBe(true);
      expect(r.after.percent.derogationA).toBe(40);
      expect(r.reasons.find((x) => x.code === 'quota_a_ok')?.fr).toContain('2 sur 5 admis après cette admission, soit 40 % ≤ plafond de 40 %');
    });

    it('refuses a VAPP admission that would bring the cohort above 40 %', () => {
      const r = check({ admitted: cohort(5, 3, 0), candidateCategory: 'derogation_a_vapp' });
      expect(r.allowed).toBe(false); // 4 of 9 = 44.4 %
      expect(codes(r)).toContain('quota_a_exceeded');
    });
  });

  describe('(b) at most 30 %', () => {
    it('allows a (b) admission that brings the cohort to exactly 30 %', () => {
      const r = check({ admitted: cohort(7, 0, 2), candidateCategory: 'derogation_b' });
      expect(r.allowed).toBe(true);
      expect(r.after.percent.derogationB).toBe(30);
    });

    it('refuses a (b) admission that would bring (b) above 30 % although the total stays under 40 %', () => {
      const r = check({ admitted: cohort(6, 0, 2), candidateCategory: 'derogation_b' });
      expect(r.allowed).toBe(false); // 3 of 9 = 33.3 %
      expect(codes(r)).toEqual(['quota_b_exceeded', 'quota_a_ok', 'quota_combined_ok', 'quota_wait_for_by_right']);
    });
  });

  describe('(a)+(b) at most 40 %', () => {
    it('allows a total of exactly 40 %', () => {
      const r = check({ admitted: cohort(6, 2, 1), candidateCategory: 'derogation_b' });
      expect(r.allowed).toBe(true); // 4 of 10
      expect(r.after.percent.combined).toBe(40);
    });

    it('refuses when each derogation is within its cap but the total exceeds 40 %', () => {
      const r = check({ admitted: cohort(5, 2, 2), candidateCategory: 'derogation_a_vapp' });
      expect(r.allowed).toBe(false); // a 30 %, b 20 %, total 50 %
      expect(codes(r)).toContain('quota_combined_exceeded');
      expect(codes(r)).toContain('quota_a_ok');
    });
  });

  describe('specific recruitment context', () => {
    it('raises the total to 60 % when the school justifies it', () => {
      const r = check({ admitted: cohort(5, 2, 2), candidateCategory: 'derogation_a_vapp', specificRecruitmentContext: justified });
      expect(r.allowed).toBe(true);
      expect(r.specificContextApplied).toBe(true);
      expect(r.limits.combined).toBe(60);
    });

    it('allows a total of exactly 60 %', () => {
      const r = check({ admitted: cohort(4, 3, 2), candidateCategory: 'derogation_b', specificRecruitmentContext: justified });
      expect(r.allowed).toBe(true); // a 3, b 3 of 10
      expect(r.after.percent.combined).toBe(60);
    });

    it('refuses a total above 60 %', () => {
      const r = check({ admitted: cohort(6, 6, 3), candidateCategory: 'derogation_b', specificRecruitmentContext: justified });
      expect(r.allowed).toBe(false); // b 4 of 16 = 25 %, total 10 of 16 = 62.5 %
      expect(codes(r)).toContain('quota_combined_exceeded');
    });

    it('still keeps (b) at most 30 %', () => {
      const r = check({ admitted: cohort(4, 1, 2), candidateCategory: 'derogation_b', specificRecruitmentContext: justified });
      expect(r.allowed).toBe(false); // b 3 of 8 = 37.5 %, total 50 %
      expect(codes(r)).toContain('quota_b_exceeded');
      expect(codes(r)).toContain('quota_combined_ok');
    });

    it('does not raise the cap without a justification', () => {
      const r = check({ admitted: cohort(5, 2, 2), candidateCategory: 'derogation_a_vapp', specificRecruitmentContext: { justification: '  ' } });
      expect(r.allowed).toBe(false);
      expect(r.specificContextApplied).toBe(false);
      expect(codes(r)).toContain('specific_context_unjustified');
    });
  });

  describe('small cohorts', () => {
    it('refuses a derogation as the first admission of an empty cohort, and says how many by-right admissions must come first', () => {
      const r = check({ admitted: cohort(0, 0, 0), candidateCategory: 'derogation_a_vapp' });
      expect(r.allowed).toBe(false);
      expect(r.after.percent.derogationA).toBe(100);
      expect(r.byRightAdmissionsNeeded).toBe(2); // 1 of 3 = 33 %
      expect(r.reasons.find((x) => x.code === 'quota_wait_for_by_right')?.fr).toContain('après 2 admission(s) de droit');
    });

    it('lets the same admission through once that many by-right candidates are admitted', () => {
      expect(check({ admitted: cohort(2, 0, 0), candidateCategory: 'derogation_a_vapp' }).allowed).toBe(true);
    });

    it('counts what (b) needs separately: one (b) needs a cohort of four', () => {
      const r = check({ admitted: cohort(1, 0, 0), candidateCategory: 'derogation_b' });
      expect(r.byRightAdmissionsNeeded).toBe(2); // 1 of 4 = 25 %
    });

    it('tells whether a deferred admission can fit within the planned capacity', () => {
      const fits = check({ admitted: cohort(0, 0, 0), candidateCategory: 'derogation_a_vapp', plannedCapacity: 30 });
      expect(fits.fitsWithinPlannedCapacity).toBe(true);
      const tooSmall = check({ admitted: cohort(0, 0, 0), candidateCategory: 'derogation_a_vapp', plannedCapacity: 2 });
      expect(tooSmall.fitsWithinPlannedCapacity).toBe(false);
      expect(tooSmall.reasons.at(-1)?.code).toBe('quota_exceeds_planned_capacity');
    });
  });
});
