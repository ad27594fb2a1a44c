// The interview-slot picker's conversion of a Paris wall-clock time to an instant, across both DST changes.
import { describe, expect, it } from 'vitest';
import { parisToInstant } from '../../console/src/paris-time';

describe('parisToInstant', () => {
  it('winter time is UTC+1, summer time UTC+2', () => {
    expect(parisToInstant('2027-01-15', '14:00')).toEqual({ kind: 'ok', iso: '2027-01-15T13:00:00.000Z' });
    expect(parisToInstant('2027-07-15', '14:00')).toEqual({ kind: 'ok', iso: '2027-07-15T12:00:00.000Z' });
  });

  it('refuses the hour that does not exist when clocks go forward (last Sunday of March)', () => {
    expect(parisToInstant('2027-03-28', '02:00')).toEqual({ kind: 'nonexistent' });
    expect(parisToInstant('2027-03-28', '02:59')).toEqual({ kind: 'nonexistent' });
    expect(parisToInstant('2027-03-28', '01:59')).toEqual({ kind: 'ok', iso: '2027-03-28T00:59:00.000Z' });
    expect(parisToInstant('2027-03-28', '03:00')).toEqual({ kind: 'ok', iso: '2027-03-28T01:00:00.000Z' });
  });

  it('asks about the hour that happens twice when clocks go back (last Sunday of October)', () => {
    expect(parisToInstant('2027-10-31', '02:30')).toEqual({ kind: 'ambiguous', summer: '2027-10-31T00:30:00.000Z', winter: '2027-10-31T01:30:00.000Z' });
    expect(parisToInstant('2027-10-31', '01:59')).toEqual({ kind: 'ok', iso: '2027-10-30T23:59:00.000Z' });
    expect(parisToInstant('2027-10-31', '03:00')).toEqual({ kind: 'ok', iso: '2027-10-31T02:00:00.000Z' });
  });

  it('says when the input is not a date and a time', () => {
    expect(parisToInstant('', '10:00')).toEqual({ kind: 'invalid' });
    expect(parisToInstant('2027-02-30', '10:00').kind).not.toBe('ok');
    expect(parisToInstant('2027-01-15', '25:00').kind).not.toBe('ok');
  });
});
