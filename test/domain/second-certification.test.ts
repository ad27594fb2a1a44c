/** The engine reads the referential, not RNCP37332: the same functions run another certification. */
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  assessCompletion,
  assessEligibility,
  checkDerogationQuota,
  checkJuryComposition,
  computeDeadline,
  findReferential,
  missingPieces,
  registrationValidOn,
  rncp37332,
  summariseInternship,
} from '../../domain';
import { secondCertification as ref } from '../fixtures/second-certification';
import { at, passingResults } from './helpers';

describe('a second certification, described by data only', () => {
  it('validates and is independent of the school’s registry', () => {
    expect(ref.code).toBe('RNCP99001');
    expect(ref.blocks.map((b) => b.code)).toEqual(['BC01', 'BC02']);
    expect(findReferential('RNCP99001')).toBeUndefined();
  });

  it('asks for its own admission pieces, optional ones excepted', () => {
    expect(missingPieces(ref, ['cv']).map((p) => p.kind)).toEqual(['portfolio']);
    expect(missingPieces(rncp37332, ['cv']).map((p) => p.kind)).toEqual([
      'transcripts',
      'recommendation_letter',
      'motivation_letter',
      'professional_project',
    ]);
  });

  it('admits an L3 by right, where RNCP37332 needs three years of suitable experience and a derogation', () => {
    const l3 = { degrees: [{ kind: 'l3' as const }], experience: { qualifyingYears: 0 }, vappValidated: false };
    expect(assessEligibility(l3, ref).category).toBe('by_right');
    expect(assessEligibility(l3, rncp37332).category).toBe('not_eligible');
  });

  it('applies its own VAPP threshold of three years and has no derogation (b)', () => {
    const vapp = { degrees: [], experience: { qualifyingYears: 3 }, vappValidated: true };
    expect(assessEligibility(vapp, ref).category).toBe('derogation_a_vapp');
    expect(assessEligibility(vapp, rncp37332).category).toBe('not_eligible');
    const m1 = { degrees: [{ kind: 'm1' as const }], experience: { qualifyingYears: 0 }, vappValidated: false };
    expect(assessEligibility(m1, ref).category).toBe('not_eligible');
  });

  it('caps derogations at 20 % and refuses a derogation it does not offer', () => {
    const cohort = { byRight: 4, derogationA: 0, derogationB: 0 };
    expect(checkDerogationQuota({ admitted: cohort, candidateCategory: 'derogation_a_vapp' }, ref).allowed).toBe(true); // 1 of 5
    const second = checkDerogationQuota({ admitted: { ...cohort, derogationA: 1 }, candidateCategory: 'derogation_a_vapp' }, ref);
    expect(second.allowed).toBe(false); // 2 of 6
    const b = checkDerogationQuota({ admitted: { byRight: 20, derogationA: 0, derogationB: 0 }, candidateCategory: 'derogation_b' }, ref);
    expect(b.allowed).toBe(false);
    expect(b.reasons[0]?.code).toBe('derogation_not_offered');
    expect(b.byRightAdmissionsNeeded).toBeNull();
  });

  it('has no raised cap for a specific recruitment context', () => {
    const r = checkDerogationQuota(
      { admitted: { byRight: 4, derogationA: 1, derogationB: 0 }, candidateCategory: 'derogation_a_vapp', specificRecruitmentContext: { justification: 'Réorganisation' } },
      ref,
    );
    expect(r).toMatchObject({ allowed: false, specificContextApplied: false });
    expect(r.reasons.map((x) => x.code)).toContain('specific_context_not_available');
  });

  it('requires its own jury: two school members and one external, activity not required', () => {
    const members = [
      { id: 's1', kind: 'school' as const, inActivity: true },
      { id: 's2', kind: 'school' as const, inActivity: true },
      { id: 'e1', kind: 'external_professional' as const, inActivity: false },
    ];
    expect(checkJuryComposition(members, { trainerAndAssessorIds: [] }, ref).valid).toBe(true);
    expect(checkJuryComposition(members, { trainerAndAssessorIds: [] }, rncp37332).valid).toBe(false);
  });

  it('counts 2 months in 365.25/12-day months on a 39-hour week', () => {
    expect(summariseInternship([{ start: '2026-07-01', end: '2026-08-30' }], ref)).toMatchObject({ fteDays: 61, met: true });
    const short = summariseInternship([{ start: '2026-07-01', end: '2026-08-29' }], ref);
    expect(short).toMatchObject({ fteDays: 60, met: false, remainingFteDays: 0.875 });
    expect(summariseInternship([{ start: '2026-07-01', end: '2026-07-10', weeklyHours: 19.5 }], ref).fteDays).toBe(5);
  });

  it('completes with its own pass marks and without a thesis', () => {
    const results = passingResults(ref, 55);
    const r = assessCompletion({ route: 'student', enrolment: { kind: 'full' }, assessmentResults: results, internshipPeriods: [{ start: '2026-07-01', end: '2026-08-31' }] }, ref);
    // 55/100 passes BC01 (pass mark 50) but not BC02, whose assessment sets 60.
    expect(r.blocks.map((b) => b.status)).toEqual(['validated', 'failed']);
    expect(r.thesis).toBe('not_required');
    const passed = assessCompletion({ route: 'student', enrolment: { kind: 'full' }, assessmentResults: passingResults(ref, 60), internshipPeriods: [{ start: '2026-07-01', end: '2026-08-31' }] }, ref);
    expect(passed.canGoToJury).toBe(true);
  });

  it('refuses a block-only enrolment and a route it does not offer', () => {
    expect(() => assessCompletion({ route: 'student', enrolment: { kind: 'blocks', blocks: ['BC01'] } }, ref)).toThrow(/block-only/);
    expect(() => assessCompletion({ route: 'individual', enrolment: { kind: 'full' } }, ref)).toThrow(/not offered/);
  });

  it('uses its own registration window, both ends included', () => {
    expect(registrationValidOn(ref, '2024-08-31')).toBe(false);
    expect(registrationValidOn(ref, '2024-09-01')).toBe(true);
    expect(registrationValidOn(ref, '2027-08-31')).toBe(true);
    expect(registrationValidOn(ref, '2027-09-01')).toBe(false);
  });

  it('uses its own durations', () => {
    const start = at('2026-01-05T09:00:00Z');
    expect(computeDeadline('dossier', start, ref)).toBe(start + 14 * DAY_MS);
    expect(computeDeadline('assessmentSubmission', start, ref, { extraTimePercent: 30 })).toBe(start + 13 * DAY_MS);
  });
});
