// One competency block of a candidate's journey, as a child workflow: each assessment gets an assessor,
// a grade (with reminders to the assessor and an escalation to staff when late), and one retake by default
// after a failed grade. The block is validated when every assessment passed, failed when one failed for good.
// State and rules: block-state.ts; the decisions (assessor, grade, correction): block-decisions.ts.
import { allHandlersFinished, condition, patched } from '@temporalio/workflow';
import type { Assessment } from '../domain/rules';
import { registerBlockHandlers } from './block-decisions';
import { Block, type BlockInput, type BlockResult } from './block-state';
import { escalateThenWait, waitWithReminders } from './ladder';

export type { BlockInput, BlockResult };

export async function blockJourney(input: BlockInput): Promise<BlockResult> {
  const b = new Block(input);
  registerBlockHandlers(b);
  // Each assessment waits for its grades in parallel; the block ends when every one is decided. A staff
  // correction can reopen a passed assessment (a retake is due): grade again until none is open.
  do {
    await Promise.all(b.block.assessments.map((a) => gradeAssessment(b, a)));
  } while (b.status() === 'in_progress');
  const status = b.status() === 'validated' ? 'validated' : 'failed';
  await b.mail.send(`block-result:${b.code}`, 'block_result', { kind: 'candidate', candidateId: input.candidateId }, { data: { blockCode: b.code, status } });
  await condition(allHandlersFinished);
  await b.mail.settle();
  return { blockCode: b.code, status, grades: b.grades() };
}

/** One assessment, attempt after attempt, until it passed or failed for good. */
async function gradeAssessment(b: Block, a: Assessment): Promise<void> {
  const run = b.runs.get(a.id)!;
  while (run.status !== 'passed' && run.status !== 'failed') {
    await condition(() => run.status === 'awaiting_grade' && run.assessorId !== undefined);
    const attempt = run.attempt;
    // Retakes: grading starts once the candidate's submission time (extended by accommodations) is over.
    run.clockStartMs ??= Date.now() + (attempt > 1 ? b.submissionMs() : 0);
    const graded = () => run.attempt !== attempt || run.status === 'passed' || run.status === 'failed';
    // A retake's grade request goes out when the resubmission window closes (there is nothing to grade before).
    const afterWindow = attempt > 1 && patched('receive-12-retake-request-after-window');
    if (afterWindow) await condition(graded, Math.max(0, run.clockStartMs - Date.now()));
    if (attempt > 1 && !(afterWindow && graded())) await b.requestGrade(run, run.assessorId!);
    const result = await waitWithReminders({
      step: 'assessmentGrading',
      ref: b.ref,
      startMs: run.clockStartMs,
      isDone: graded,
      extensionDays: () => run.extensionDays,
      isSuspended: () => b.suspended,
      onPlan: (due) => void (run.dueAtMs = due),
      onReminder: (n) =>
        b.mail.send(`grade-reminder:${b.code}:${a.id}:${attempt}:${n}`, 'assessment_grade_reminder', { kind: 'juryMember', memberId: run.assessorId! }, {
          data: { blockCode: b.code, assessmentId: a.id, attempt, dueAtMs: run.dueAtMs ?? b.gradingDue(run) },
          action: { action: 'assessment_grade', expiresAtMs: (run.dueAtMs ?? Date.now()) + 30 * 86_400_000, subjectRef: a.id },
        }).then(() => undefined),
    });
    if (result === 'deadline') {
      await escalateThenWait({ step: 'assessmentGrading', ref: b.ref, isDone: graded }, () =>
        b.mail.send(`grade-escalation:${b.code}:${a.id}:${attempt}`, 'staff_alert', { kind: 'staff' }, {
          data: { reason: 'assessment_grade_overdue', stage: 'training', blockCode: b.code, assessmentId: a.id, ...(run.dueAtMs !== undefined ? { dueAtMs: run.dueAtMs } : {}) },
        }).then(() => undefined),
      );
    }
    run.dueAtMs = undefined;
  }
}
