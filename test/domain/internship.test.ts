import { describe, expect, it } from 'vitest';
import { addDays, internshipPeriodSchema, rncp37332, summariseInternship } from '../../domain';
import type { InternshipPeriod } from '../../domain';

const summarise = (periods: InternshipPeriod[]) => summariseInternship(periods, rncp37332);

describe('internship of at least 4 months full-time equivalent', () => {
  describe('a single full-time period', () => {
    it('meets 4 months from 1 February to 31 May (120 days, the shortest four calendar months)', () => {
      const s = summarise([{ start: '2026-02-01', end: '2026-05-31' }]);
      expect(s).toMatchObject({ fteDays: 120, fteMonths: 4, met: true, remainingFteDays: 0, thresholdReachedOn: '2026-05-31' });
    });

    it('meets 4 months over any four whole calendar months', () => {
      for (const [start, end] of [
        ['2026-01-01', '2026-04-30'],
        ['2025-11-01', '2026-02-28'],
        ['2026-09-01', '2026-12-31'],
      ] as const) {
        expect(summarise([{ start, end }]).met).toBe(true);
      }
    });

    it('falls short by one day when it ends on 30 May (4 months minus one day)', () => {
      const s = summarise([{ start: '2026-02-01', end: '2026-05-30' }]);
      expect(s).toMatchObject({ fteDays: 119, met: false, remainingFteDays: 1, thresholdReachedOn: null });
      expect(s.remainingFteMonths).toBeCloseTo(1 / 30, 10);
    });

    it('counts start and end days included, weekends too', () => {
      expect(summarise([{ start: '2026-03-02', end: '2026-03-08' }]).fteDays).toBe(7);
    });
  });

  describe('periods add up, consecutive or not', () => {
    it('adds two separate 60-day periods to exactly 4 months', () => {
      const s = summarise([
        { start: '2026-01-01', end: '2026-03-01' },
        { start: '2026-07-01', end: '2026-08-29' },
      ]);
      expect(s).toMatchObject({ fteDays: 120, met: true, thresholdReachedOn: '2026-08-29' });
    });

    it('gives the time still needed when the periods fall short', () => {
      const s = summarise([
        { start: '2026-01-01', end: '2026-01-31' },
        { start: '2026-06-01', end: '2026-06-30' },
      ]);
      expect(s).toMatchObject({ fteDays: 61, met: false, remainingFteDays: 59 });
    });
  });

  describe('part time counts pro rata', () => {
    it('counts 17.5 hours a week as half time against the 35-hour week', () => {
      const start = '2026-01-01';
      const met = summarise([{ start, end: addDays(start, 239), weeklyHours: 17.5 }]);
      expect(met).toMatchObject({ fteDays: 120, met: true });
      const short = summarise([{ start, end: addDays(start, 238), weeklyHours: 17.5 }]);
      expect(short).toMatchObject({ fteDays: 119.5, met: false, remainingFteDays: 0.5 });
    });

    it('accepts an FTE ratio instead of hours', () => {
      expect(summarise([{ start: '2026-01-01', end: '2026-01-10', fteRatio: 0.8 }]).fteDays).toBe(8);
    });

    it('counts 20 hours a week as 20/35 of a day, without rounding drift over long periods', () => {
      const start = '2026-01-01';
      const s = summarise([{ start, end: addDays(start, 209), weeklyHours: 20 }]); // 210 days × 4/7 = 120
      expect(s).toMatchObject({ fteDays: 120, met: true });
    });

    it('caps a week longer than full time at full time', () => {
      expect(summarise([{ start: '2026-01-01', end: '2026-01-10', weeklyHours: 45 }]).fteDays).toBe(10);
    });
  });

  describe('overlapping periods', () => {
    it('do not count twice: a candidate is never more than full time on a day', () => {
      const s = summarise([
        { start: '2026-02-01', end: '2026-05-31' },
        { start: '2026-03-01', end: '2026-03-31', weeklyHours: 10 },
      ]);
      expect(s.fteDays).toBe(120);
      expect(s.overlapFteDaysNotCounted).toBeCloseTo(31 * (10 / 35), 5);
    });

    it('the same period declared twice counts once', () => {
      const p = { start: '2026-02-01', end: '2026-05-30' };
      expect(summarise([p, p])).toMatchObject({ fteDays: 119, met: false, overlapFteDaysNotCounted: 119 });
    });

    it('two half-time jobs on the same days make full time', () => {
      const s = summarise([
        { start: '2026-02-01', end: '2026-05-31', fteRatio: 0.5 },
        { start: '2026-02-01', end: '2026-05-31', weeklyHours: 17.5 },
      ]);
      expect(s).toMatchObject({ fteDays: 120, met: true, overlapFteDaysNotCounted: 0 });
    });
  });

  it('with no period, gives the whole requirement as remaining', () => {
    expect(summarise([])).toMatchObject({ fteDays: 0, met: false, remainingFteDays: 120, remainingFteMonths: 4 });
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => summarise([{ start: '2026-03-01', end: '2026-02-28' }])).toThrow(RangeError);
    expect(internshipPeriodSchema.safeParse({ start: '2026-03-01', end: '2026-02-28' }).success).toBe(false);
    expect(internshipPeriodSchema.safeParse({ start: '2026-03-01', end: '2026-03-28', weeklyHours: 20, fteRatio: 0.5 }).success).toBe(false);
  });
});
