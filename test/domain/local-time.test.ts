// Paris wall times to instants, around both daylight-saving changes (D8: a time that does not exist was
// silently moved an hour later).
import { describe, expect, it } from 'vitest';
import { localTimeOf, offsetText, resolveLocalTime, zoneOffsetMinutes } from '../../domain/index';

const PARIS = 'Europe/Paris';

describe('resolveLocalTime (Europe/Paris)', () => {
  it('reads an ordinary winter and summer time with its offset', () => {
    expect(resolveLocalTime('2027-03-02T10:00', PARIS)).toEqual({ kind: 'ok', instantMs: Date.parse('2027-03-02T09:00:00Z'), offsetMinutes: 60 });
    expect(resolveLocalTime('2027-07-14T10:00', PARIS)).toEqual({ kind: 'ok', instantMs: Date.parse('2027-07-14T08:00:00Z'), offsetMinutes: 120 });
  });

  it('says that 02:30 on the spring-forward night does not exist, with the nearest valid times', () => {
    expect(resolveLocalTime('2027-03-28T02:30', PARIS)).toEqual({ kind: 'nonexistent', before: '2027-03-28T01:59', after: '2027-03-28T03:00' });
    expect(resolveLocalTime('2027-03-28T02:00', PARIS)).toMatchObject({ kind: 'nonexistent' });
    expect(resolveLocalTime('2027-03-28T01:59', PARIS)).toMatchObject({ kind: 'ok', offsetMinutes: 60 });
    expect(resolveLocalTime('2027-03-28T03:00', PARIS)).toMatchObject({ kind: 'ok', offsetMinutes: 120 });
  });

  it('says that 02:30 on the fall-back night happens twice, summer time first', () => {
    const r = resolveLocalTime('2027-10-31T02:30', PARIS);
    expect(r).toEqual({ kind: 'ambiguous', candidates: [
      { instantMs: Date.parse('2027-10-31T00:30:00Z'), offsetMinutes: 120, offset: '+02:00' },
      { instantMs: Date.parse('2027-10-31T01:30:00Z'), offsetMinutes: 60, offset: '+01:00' },
    ] });
    expect(resolveLocalTime('2027-10-31T03:00', PARIS)).toMatchObject({ kind: 'ok', offsetMinutes: 60 });
  });

  it('refuses what is not a calendar date and time', () => {
    for (const bad of ['2027-02-30T10:00', '2027-07-01T24:00', '2027-07-01T10:60', '2027-07-01', '10:00', '']) expect(resolveLocalTime(bad, PARIS), bad).toBeUndefined();
  });

  it('gives offsets and local readings of instants', () => {
    expect(zoneOffsetMinutes(Date.parse('2027-01-15T12:00:00Z'), PARIS)).toBe(60);
    expect(zoneOffsetMinutes(Date.parse('2027-08-15T12:00:00Z'), PARIS)).toBe(120);
    expect(offsetText(120)).toBe('+02:00');
    expect(offsetText(-330)).toBe('-05:30');
    expect(localTimeOf(Date.parse('2027-03-28T01:30:00Z'), PARIS)).toBe('2027-03-28T03:30');
  });
});
