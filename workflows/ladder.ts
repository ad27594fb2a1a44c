// Waiting for someone before a deadline, in workflow code: reminders on the referential's ladder, the
// deadline, then (for people who must answer eventually) an escalation to staff. Staff extensions re-plan
// the ladder; a suspension pauses the clock and gives the paused time back.
import { condition } from '@temporalio/workflow';
import { computeDeadline, durationMs, reminderLadder, type DeadlineStep, type Referential } from '../domain/rules';

export interface StepWait {
  step: DeadlineStep;
  ref: Referential;
  /** When the step's clock started (epoch ms). */
  startMs: number;
  extraTimePercent?: number;
  /** Read at each turn: the answer arrived. */
  isDone: () => boolean;
  /** Read at each turn: days granted by staff so far. */
  extensionDays: () => number;
  isSuspended: () => boolean;
  /** Called with each new deadline (after start, extension or suspension) for the awaited-actions list. */
  onPlan?: (deadlineMs: number) => void | Promise<void>;
  /** `n` counts reminders from 1; `last` when no other reminder comes before the deadline. */
  onReminder: (n: number, last: boolean) => Promise<void>;
}

/** 'done' when the answer came in time, 'deadline' when the deadline passed first. */
export async function waitWithReminders(w: StepWait): Promise<'done' | 'deadline'> {
  let pausedMs = 0;
  let handledUntil = w.startMs;
  let reminders = 0;
  for (;;) {
    if (w.isDone()) return 'done';
    if (w.isSuspended()) {
      const since = Date.now();
      await condition(() => !w.isSuspended() || w.isDone());
      pausedMs += Date.now() - since;
      continue;
    }
    const extension = w.extensionDays();
    const deadline = computeDeadline(w.step, w.startMs, w.ref, { extraTimePercent: w.extraTimePercent ?? 0 }, extension) + pausedMs;
    // Awaited only when the plan has something to record: an extra await on replay could reorder commands.
    const recording = w.onPlan?.(deadline);
    if (recording) await recording;
    const ladder = reminderLadder(deadline, w.ref.deadlines[w.step].remindersBefore, handledUntil);
    const target = ladder[0] ?? deadline;
    const waitMs = target - Date.now();
    if (waitMs > 0) {
      const interrupted = await condition(() => w.isDone() || w.isSuspended() || w.extensionDays() !== extension, waitMs);
      if (interrupted) continue; // answered, suspended or extended: look again
    }
    handledUntil = target;
    if (target === deadline) return 'deadline';
    reminders += 1;
    await w.onReminder(reminders, ladder.length === 1);
  }
}

/**
 * After a missed deadline of a step someone must still answer: wait `escalateAfter`, alert staff once,
 * then keep waiting for the answer without limit.
 */
export async function escalateThenWait(w: Pick<StepWait, 'step' | 'ref' | 'isDone'>, alertStaff: () => Promise<void>): Promise<void> {
  const answeredBeforeEscalation = await condition(w.isDone, durationMs(w.ref.deadlines[w.step].escalateAfter));
  if (answeredBeforeEscalation) return;
  await alertStaff();
  await condition(w.isDone);
}
