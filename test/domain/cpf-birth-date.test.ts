import { describe, expect, it } from 'vitest';
import { BIRTH_DATE_FAULT_MESSAGES, CPF_BIRTH_AGE, birthDateFault } from '../../domain/index';

const today = '2026-11-30';

describe('birthDateFault', () => {
  it('accepts a plausible birth date, with or without the award', () => {
    expect(birthDateFault('1990-05-04', { today })).toBeUndefined();
    expect(birthDateFault('1990-05-04', { today, awardedOn: '2026-10-02' })).toBeUndefined();
  });

  it('refuses a birth date after today, and accepts today itself only as far as the age allows', () => {
    expect(birthDateFault('2030-03-21', { today })).toBe('future');
    expect(birthDateFault('2026-12-01', { today })).toBe('future');
    expect(birthDateFault(today, { today })).toBe('too_young');
  });

  it('refuses a holder under 15 at the award, to the day', () => {
    expect(CPF_BIRTH_AGE.minYears).toBe(15);
    expect(birthDateFault('2011-10-02', { today, awardedOn: '2026-10-02' })).toBeUndefined();
    expect(birthDateFault('2011-10-03', { today, awardedOn: '2026-10-02' })).toBe('too_young');
  });

  it('refuses a holder over 100 at the award, to the day', () => {
    expect(birthDateFault('1926-10-02', { today, awardedOn: '2026-10-02' })).toBeUndefined();
    expect(birthDateFault('1926-10-01', { today, awardedOn: '2026-10-02' })).toBe('too_old');
    expect(birthDateFault('1900-01-01', { today })).toBe('too_old');
  });

  it('measures the age at today when no award is given', () => {
    expect(birthDateFault('2011-11-30', { today })).toBeUndefined();
    expect(birthDateFault('2011-12-01', { today })).toBe('too_young');
  });

  it('leaves what is not a date to the schema', () => {
    expect(birthDateFault('2027-02-30', { today })).toBeUndefined();
    expect(birthDateFault('soon', { today })).toBeUndefined();
  });

  it('says each fault in words, naming no field code', () => {
    for (const m of Object.values(BIRTH_DATE_FAULT_MESSAGES)) expect(m).toMatch(/^The birth date .+: check the year/);
  });
});
