import { describe, expect, it } from 'vitest';
import { assessEligibility, eligibilityInputSchema, rncp37332 } from '../../domain';
import type { DeclaredDegree, EligibilityInput } from '../../domain';

function candidate(degrees: DeclaredDegree[], qualifyingYears = 0, more: Partial<EligibilityInput> = {}): EligibilityInput {
  return { degrees, experience: { qualifyingYears }, vappValidated: false, ...more };
}
const assess = (input: EligibilityInput) => assessEligibility(input, rncp37332);
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('admission by right', () => {
  it.each([
    ['an engineering degree from the CTI list', 'engineering_cti', 'CTI'],
    ['a master-grade degree of a CEFDG management school', 'management_master_cefdg', 'CEFDG'],
    ['a third-cycle university degree (DEA, DESS, Master)', 'university_master', 'DEA, DESS, Master'],
    ['a professional Bac+5 degree', 'professional_bac5', 'Bac+5'],
    ['an RNCP level-7 title', 'rncp_level7', 'RNCP niveau 7'],
  ] as const)('admits a holder of %s, with no experience required', (_, kind, words) => {
    const r = assess(candidate([{ kind }]));
    expect(r.category).toBe('by_right');
    expect(r.reasons[0]?.fr).toContain('Recevable de droit');
    expect(r.reasons[0]?.fr).toContain(words);
  });

  it('admits an M1 holder with exactly three years of professional experience', () => {
    expect(assess(candidate([{ kind: 'm1' }], 3)).category).toBe('by_right');
  });

  it('admits a recognised foreign equivalent as the French degree it matches, and says so', () => {
    const r = assess(candidate([{ kind: 'foreign_equivalent', equivalentTo: 'university_master', equivalenceRecognised: true }]));
    expect(r.category).toBe('by_right');
    expect(r.reasons[0]?.fr).toContain('diplôme étranger reconnu équivalent');
  });

  it('ignores a foreign degree whose equivalence is not recognised, and says why', () => {
    const r = assess(candidate([{ kind: 'foreign_equivalent', equivalentTo: 'university_master', equivalenceRecognised: false, title: 'MSc' }]));
    expect(r.category).toBe('not_eligible');
    expect(codes(r)).toContain('foreign_equivalence_not_recognised');
    expect(r.reasons.find((x) => x.code === 'foreign_equivalence_not_recognised')?.fr).toContain('« MSc »');
  });

  it('prefers by right over a derogation the candidate also meets', () => {
    const r = assess(candidate([{ kind: 'university_master' }, { kind: 'l3' }], 6, { vappValidated: true }));
    expect(r.category).toBe('by_right');
    expect(r.alsoQualifiesFor).toEqual(['derogation_a_vapp', 'derogation_b']);
  });
});

describe('derogation (a): VAPP', () => {
  it('admits, after a validated VAPP, a candidate with exactly five years of professional experience', () => {
    const r = assess(candidate([], 5, { vappValidated: true }));
    expect(r.category).toBe('derogation_a_vapp');
    expect(r.reasons[0]?.fr).toContain('procédure VAPP validée');
    expect(r.reasons[0]?.fr).toContain('40 %');
  });

  it('refuses a validated VAPP with four years and eleven months of experience', () => {
    const r = assess(candidate([], 4 + 11 / 12, { vappValidated: true }));
    expect(r.category).toBe('not_eligible');
    expect(codes(r)).toContain('derogation_a_experience_short');
  });

  it('does not count internships, gap years or initial work-study, and tells staff what was left out', () => {
    const r = assess({ degrees: [], experience: { qualifyingYears: 4, excludedYears: 2 }, vappValidated: true });
    expect(r.category).toBe('not_eligible');
    expect(r.reasons.at(-1)).toMatchObject({ code: 'experience_excluded' });
    expect(r.reasons.at(-1)?.fr).toContain('2 ans de stage, césure ou alternance initiale non comptés');
  });

  it('points out that five years of experience would qualify once a VAPP is validated', () => {
    const r = assess(candidate([], 7));
    expect(r.category).toBe('not_eligible');
    expect(codes(r)).toContain('vapp_required');
  });

  it('is preferred over derogation (b) when both apply, keeping (b) places free', () => {
    const r = assess(candidate([{ kind: 'l3' }], 5, { vappValidated: true }));
    expect(r.category).toBe('derogation_a_vapp');
    expect(r.alsoQualifiesFor).toEqual(['derogation_b']);
  });
});

describe('derogation (b)', () => {
  it('admits a validated M1 without professional experience', () => {
    const r = assess(candidate([{ kind: 'm1' }], 0));
    expect(r.category).toBe('derogation_b');
    expect(r.reasons[0]?.fr).toContain('30 %');
  });

  it('places an M1 with two years and eleven months under (b), explaining the by-right shortfall', () => {
    const r = assess(candidate([{ kind: 'm1' }], 2 + 11 / 12));
    expect(r.category).toBe('derogation_b');
    const shortfall = r.reasons.find((x) => x.code === 'experience_short');
    expect(shortfall?.fr).toContain('il en faut 3');
  });

  it('admits an L3 with exactly three years of suitable experience', () => {
    const r = assess({ degrees: [{ kind: 'l3' }], experience: { qualifyingYears: 4, suitableYears: 3 }, vappValidated: false });
    expect(r.category).toBe('derogation_b');
    expect(r.reasons[0]?.fr).not.toContain('à confirmer');
  });

  it('asks the selection jury to confirm suitability when only qualifying years are declared', () => {
    const r = assess(candidate([{ kind: 'l3' }], 3));
    expect(r.category).toBe('derogation_b');
    expect(r.reasons[0]?.fr).toContain('à confirmer par le jury de sélection');
  });

  it('refuses an L3 whose suitable experience is under three years, even with more experience overall', () => {
    const r = assess({ degrees: [{ kind: 'l3' }], experience: { qualifyingYears: 4, suitableYears: 2 }, vappValidated: false });
    expect(r.category).toBe('not_eligible');
    expect(r.reasons[0]?.code).toBe('experience_short');
    expect(r.reasons[0]?.fr).toContain('2 ans d’expérience adaptée déclarée, il en faut 3');
  });
});

describe('not eligible', () => {
  it('refuses a candidate with no admissible degree and little experience, saying so in French and English', () => {
    const r = assess(candidate([{ kind: 'other', title: 'BTS' }], 1));
    expect(r).toMatchObject({ category: 'not_eligible', alsoQualifiesFor: [] });
    expect(r.reasons[0]).toMatchObject({ code: 'no_admissible_degree' });
    expect(r.reasons[0]?.en).toContain('No declared degree');
  });

  it('rejects malformed declarations at the boundary (negative years, foreign degree without equivalent)', () => {
    expect(eligibilityInputSchema.safeParse(candidate([], -1)).success).toBe(false);
    expect(eligibilityInputSchema.safeParse(candidate([{ kind: 'foreign_equivalent' }])).success).toBe(false);
  });
});
