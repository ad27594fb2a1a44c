import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  DEADLINE_STEPS,
  accommodationApplies,
  addMonths,
  computeDeadline,
  durationMs,
  escalationTime,
  followUpSurveyDates,
  reminderLadder,
  reminderTimes,
  resumeDeadline,
  rncp37332,
  stepSchedule,
  suspendDeadline,
} from '../../domain';
import { at } from './helpers';

const HOUR = 3_600_000;
const start = at('2026-01-05T09:00:00Z');

describe('durations', () => {
  it('reads days as numbers and ISO 8601 weeks, days, hours and minutes', () => {
    expect(durationMs(3)).toBe(3 * DAY_MS);
    expect(durationMs('P2W')).toBe(14 * DAY_MS);
    expect(durationMs('PT48H')).toBe(2 * DAY_MS);
    expect(durationMs('P1DT12H30M')).toBe(DAY_MS + 12.5 * HOUR);
  });

  it('refuses months, years and empty durations', () => {
    for (const bad of ['P1M', 'P1Y', 'P', 'PT', '7 days', -1]) expect(() => durationMs(bad)).toThrow(RangeError);
  });
});

describe('deadlines of the journey', () => {
  it('gives a candidate 30 days for the application dossier', () => {
    expect(computeDeadline('dossier', start, rncp37332)).toBe(start + 30 * DAY_MS);
  });

  it('reminds 7 days and 1 day before the dossier deadline, in order', () => {
    const deadline = start + 30 * DAY_MS;
    expect(reminderTimes('dossier', start, rncp37332)).toEqual([deadline - 7 * DAY_MS, deadline - DAY_MS]);
  });

  it('escalates to staff 2 days after a missed dossier deadline', () => {
    expect(escalationTime('dossier', start, rncp37332)).toBe(start + 32 * DAY_MS);
  });

  it('gives each step its whole schedule in one call', () => {
    expect(stepSchedule('juryDecision', start, rncp37332)).toEqual({
      step: 'juryDecision',
      startMs: start,
      deadlineMs: start + 14 * DAY_MS,
      reminderMs: [start + 7 * DAY_MS, start + 13 * DAY_MS],
      escalationMs: start + 16 * DAY_MS,
      extraTimeMs: 0,
    });
  });

  it('adds extension days granted by staff, and reminds relative to the new deadline', () => {
    const deadline = computeDeadline('interviewSlotChoice', start, rncp37332, null, 3);
    expect(deadline).toBe(start + 10 * DAY_MS);
    expect(reminderTimes('interviewSlotChoice', start, rncp37332, null, 3)).toEqual([start + 7 * DAY_MS, start + 9 * DAY_MS]);
    expect(() => computeDeadline('dossier', start, rncp37332, null, -1)).toThrow(RangeError);
  });

  it('keeps only reminders still to come when re-planning from "now"', () => {
    const deadline = start + 30 * DAY_MS;
    const now = deadline - 3 * DAY_MS;
    expect(reminderLadder(deadline, ['P7D', 'P1D', 'P1D'], now)).toEqual([deadline - DAY_MS]);
  });
});

describe('accommodations', () => {
  const tiersTemps = { extraTimePercent: 33 };

  it('lengthen the assessment submission by the extra-time percentage, rounded up to the hour', () => {
    // 33 % of 14 days = 110.88 h, granted as 111 h.
    const s = stepSchedule('assessmentSubmission', start, rncp37332, tiersTemps);
    expect(s.extraTimeMs).toBe(111 * HOUR);
    expect(s.deadlineMs).toBe(start + 14 * DAY_MS + 111 * HOUR);
    expect(s.reminderMs).toEqual([s.deadlineMs - 7 * DAY_MS, s.deadlineMs - DAY_MS]);
  });

  it('lengthen the thesis submission and the VAE evidence', () => {
    expect(computeDeadline('thesisSubmission', start, rncp37332, { extraTimePercent: 25 })).toBe(start + 150 * DAY_MS);
    expect(computeDeadline('vaeEvidenceSubmission', start, rncp37332, { extraTimePercent: 10 })).toBe(start + 99 * DAY_MS);
  });

  it('apply only to the candidate’s assessed work, never to staff or jury steps nor to administrative steps', () => {
    expect(DEADLINE_STEPS.filter((s) => accommodationApplies(s, rncp37332))).toEqual([
      'assessmentSubmission',
      'thesisSubmission',
      'vaeEvidenceSubmission',
    ]);
    for (const step of ['dossier', 'assessmentGrading', 'juryDecision', 'selectionReview'] as const) {
      expect(computeDeadline(step, start, rncp37332, tiersTemps)).toBe(computeDeadline(step, start, rncp37332));
    }
  });

  it('combine with an extension: extra time on the base duration, then the extension days', () => {
    expect(computeDeadline('assessmentSubmission', start, rncp37332, { extraTimePercent: 50 }, 2)).toBe(start + 23 * DAY_MS);
  });

  it('refuse an extra time outside 0–100 %', () => {
    expect(() => computeDeadline('assessmentSubmission', start, rncp37332, { extraTimePercent: 150 })).toThrow(RangeError);
  });
});

describe('suspension (pause)', () => {
  it('pushes a deadline by the suspended duration', () => {
    expect(suspendDeadline(start + 30 * DAY_MS, 10 * DAY_MS)).toBe(start + 40 * DAY_MS);
  });

  it('gives back the time the step was paused when resumed', () => {
    const deadline = start + 30 * DAY_MS;
    expect(resumeDeadline(deadline, start + 5 * DAY_MS, start + 12 * DAY_MS)).toBe(deadline + 7 * DAY_MS);
  });

  it('does not give back time that had already run out', () => {
    const deadline = start + 30 * DAY_MS;
    expect(resumeDeadline(deadline, deadline + DAY_MS, deadline + 5 * DAY_MS)).toBe(deadline);
  });
});

describe('follow-up of certified people', () => {
  it('is scheduled 6 and 24 months after certification, clamped to the end of short months', () => {
    expect(followUpSurveyDates('2026-08-31', rncp37332)).toEqual(['2027-02-28', '2028-08-31']);
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
  });
});
