import { describe, expect, it } from 'vitest';
import { checkJuryComposition, rncp37332 } from '../../domain';
import type { JuryMember } from '../../domain';

const school = (id: string): JuryMember => ({ id, kind: 'school', inActivity: true });
const external = (id: string, inActivity = true): JuryMember => ({ id, kind: 'external_professional', inActivity });
const check = (members: JuryMember[], trainerAndAssessorIds: string[] = []) =>
  checkJuryComposition(members, { trainerAndAssessorIds }, rncp37332);
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('certification jury composition', () => {
  it('accepts one school member and two external professionals in activity, none of whom trained the candidate', () => {
    expect(check([school('s1'), external('e1'), external('e2')], ['t1', 'a1'])).toEqual({ valid: true, reasons: [] });
  });

  it('refuses a jury member who was one of the candidate’s trainers, naming them', () => {
    const r = check([school('s1'), external('e1'), { ...external('e2'), name: 'Claire Martin' }], ['e2']);
    expect(r.valid).toBe(false);
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'member_trained_candidate' })]);
    expect(r.reasons[0]?.fr).toBe('Claire Martin a formé ou évalué le candidat : impartialité non garantie.');
  });

  it('refuses a school member who assessed the candidate', () => {
    expect(codes(check([school('s1'), external('e1'), external('e2')], ['s1']))).toEqual(['member_trained_candidate']);
  });

  it('refuses an external professional who is no longer in activity', () => {
    expect(codes(check([school('s1'), external('e1'), external('e2', false)]))).toEqual(['external_not_in_activity']);
  });

  it('does not require the school member to be in activity', () => {
    expect(check([{ ...school('s1'), inActivity: false }, external('e1'), external('e2')]).valid).toBe(true);
  });

  it('refuses two school members and one external', () => {
    expect(codes(check([school('s1'), school('s2'), external('e1')]))).toEqual(['school_member_count', 'external_member_count']);
  });

  it('refuses a fourth member, even an external in activity', () => {
    const r = check([school('s1'), external('e1'), external('e2'), external('e3')]);
    expect(codes(r)).toEqual(['external_member_count']);
    expect(r.reasons[0]?.fr).toContain('exactement 2 professionnel(s) externe(s) ; 3 proposé(s)');
  });

  it('refuses a jury without a school member', () => {
    expect(codes(check([external('e1'), external('e2')]))).toEqual(['school_member_count']);
  });

  it('refuses the same person counted twice', () => {
    expect(codes(check([school('s1'), external('e1'), external('e1')]))).toEqual(['duplicate_member']);
  });

  it('lists every reason for a refusal at once', () => {
    const r = check([school('s1'), school('s2'), external('e1', false)], ['s2']);
    expect(codes(r)).toEqual(['school_member_count', 'external_member_count', 'external_not_in_activity', 'member_trained_candidate']);
  });
});
