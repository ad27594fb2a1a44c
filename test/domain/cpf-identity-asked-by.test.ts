import { describe, expect, it } from 'vitest';
import { CPF_IDENTITY_MARGIN_DAYS, cpfDeclarationDueMs, cpfIdentityAskedByMs } from '../../domain/index';

describe('cpfIdentityAskedByMs', () => {
  it('asks for the identity 30 days before the three-month deadline', () => {
    const awarded = Date.parse('2026-10-02T14:00:00Z');
    expect(cpfDeclarationDueMs(awarded)).toBe(Date.parse('2027-01-02T14:00:00Z'));
    expect(CPF_IDENTITY_MARGIN_DAYS).toBe(30);
    expect(new Date(cpfIdentityAskedByMs(awarded)).toISOString()).toBe('2026-12-03T14:00:00.000Z');
  });

  it('follows the deadline clamped to the month end (30 November: 28 February, less 30 days)', () => {
    expect(new Date(cpfIdentityAskedByMs(Date.parse('2026-11-30T09:00:00Z'))).toISOString()).toBe('2027-01-29T09:00:00.000Z');
  });

  it('is never before the award', () => {
    const awarded = Date.parse('2026-10-02T14:00:00Z');
    expect(cpfIdentityAskedByMs(awarded)).toBeGreaterThan(awarded);
  });
});
