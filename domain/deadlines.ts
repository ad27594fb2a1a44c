/**
 * Deadlines, reminders and escalations of the journey's steps, as instants in epoch milliseconds.
 * Pure and deterministic: workflows pass their own clock (`Date.now()` inside a workflow is replay-safe
 * there, but never here) and use the results directly as timer targets.
 *
 *   deadline   = start + duration + extra time (accommodations, eligible steps only) + extension days
 *   reminders  = deadline - each `remindersBefore`, ascending, strictly after the start
 *   escalation = deadline + `escalateAfter`
 */
import type { DeadlineStep, IsoDate } from './types';
import type { Referential, StepConfig } from './schemas/referential';
import type { Accommodations } from './accommodations';
import { extraTimeMs } from './accommodations';
import { DAY_MS, addMonths } from './calendar';
import { durationMs } from './durations';
import type { Duration } from './durations';

export function stepConfig(step: DeadlineStep, ref: Referential): StepConfig {
  return ref.deadlines[step];
}

function checkExtension(extensionDays: number): void {
  if (!Number.isFinite(extensionDays) || extensionDays < 0) {
    throw new RangeError(`extensionDays must be a non-negative number, got ${extensionDays}`);
  }
}

/** Deadline of a step started at `startMs`. `extensionDays`: extra days granted by staff (any step). */
export function computeDeadline(
  step: DeadlineStep,
  startMs: number,
  ref: Referential,
  accommodations?: Accommodations | null,
  extensionDays = 0,
): number {
  checkExtension(extensionDays);
  const base = durationMs(ref.deadlines[step].duration);
  return startMs + base + extraTimeMs(step, base, ref, accommodations) + extensionDays * DAY_MS;
}

/**
 * Reminder instants for a deadline: `deadline - before` for each entry, ascending, without duplicates,
 * keeping only those strictly after `notBeforeMs` (pass "now" when re-planning after an extension).
 */
export function reminderLadder(deadlineMs: number, remindersBefore: readonly Duration[], notBeforeMs = -Infinity): number[] {
  const times = remindersBefore.map((d) => deadlineMs - durationMs(d)).filter((t) => t > notBeforeMs && t < deadlineMs);
  return [...new Set(times)].sort((a, b) => a - b);
}

export function reminderTimes(
  step: DeadlineStep,
  startMs: number,
  ref: Referential,
  accommodations?: Accommodations | null,
  extensionDays = 0,
): number[] {
  const deadline = computeDeadline(step, startMs, ref, accommodations, extensionDays);
  return reminderLadder(deadline, ref.deadlines[step].remindersBefore, startMs);
}

export function escalationTime(
  step: DeadlineStep,
  startMs: number,
  ref: Referential,
  accommodations?: Accommodations | null,
  extensionDays = 0,
): number {
  return computeDeadline(step, startMs, ref, accommodations, extensionDays) + durationMs(ref.deadlines[step].escalateAfter);
}

export interface StepSchedule {
  step: DeadlineStep;
  startMs: number;
  deadlineMs: number;
  reminderMs: number[];
  escalationMs: number;
  /** Part of the deadline due to accommodations (0 when none apply). */
  extraTimeMs: number;
}

/** Everything a workflow needs to wait on one step. */
export function stepSchedule(
  step: DeadlineStep,
  startMs: number,
  ref: Referential,
  accommodations?: Accommodations | null,
  extensionDays = 0,
): StepSchedule {
  const deadlineMs = computeDeadline(step, startMs, ref, accommodations, extensionDays);
  const base = durationMs(ref.deadlines[step].duration);
  return {
    step,
    startMs,
    deadlineMs,
    reminderMs: reminderLadder(deadlineMs, ref.deadlines[step].remindersBefore, startMs),
    escalationMs: deadlineMs + durationMs(ref.deadlines[step].escalateAfter),
    extraTimeMs: extraTimeMs(step, base, ref, accommodations),
  };
}

/** Pause semantics: a step suspended for `suspendedMs` ends that much later. */
export function suspendDeadline(deadlineMs: number, suspendedMs: number): number {
  if (!Number.isFinite(suspendedMs) || suspendedMs < 0) throw new RangeError(`suspended duration must be >= 0, got ${suspendedMs}`);
  return deadlineMs + suspendedMs;
}

/**
 * Deadline after a suspension from `suspendedAtMs` to `resumedAtMs`. A suspension that started once the
 * deadline had passed changes nothing: time that had run out is not given back.
 */
export function resumeDeadline(deadlineMs: number, suspendedAtMs: number, resumedAtMs: number): number {
  if (resumedAtMs < suspendedAtMs) throw new RangeError('a suspension cannot end before it starts');
  if (suspendedAtMs >= deadlineMs) return deadlineMs;
  return suspendDeadline(deadlineMs, resumedAtMs - suspendedAtMs);
}

/** Calendar dates of the follow-up surveys (6 and 24 months after certification for RNCP37332). */
export function followUpSurveyDates(certifiedOn: IsoDate, ref: Referential): IsoDate[] {
  return ref.followUp.surveyMonthsAfterCertification.map((m) => addMonths(certifiedOn, m));
}
