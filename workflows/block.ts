// One competency block of a candidate's journey, as a child workflow: each assessment gets an assessor,
// a grade (with reminders to the assessor and an escalation to staff when late), and one retake by default
// after a failed grade. The block is validated when every assessment passed, failed when one failed for good.
import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import { computeDeadline, getReferential, type Assessment } from '../domain/index';
import { escalateThenWait, waitWithReminders } from './ladder';
import * as m from './messages';
import { journeyActivities as acts, Mailer, refuse } from './support';

export interface BlockInput {
  journeyId: string;
  candidateId: string;
  referentialCode: string;
  blockCode: string;
  extraTimePercent?: number;
  assessmentRetakes: number;
  suspended: boolean;
}

export interface BlockResult {
  blockCode: string;
  status: 'validated' | 'failed';
  grades: { assessmentId: string; attempt: number; grade: number }[];
}

interface AssessmentRun extends m.AssessmentState {
  extensionDays: number;
  /** When the current attempt's grading clock starts. */
  clockStartMs?: number;
}

export async function blockJourney(input: BlockInput): Promise<BlockResult> {
  const ref = getReferential(input.referentialCode);
  const block =
    ref.blocks.find((b) => b.code === input.blockCode) ??
    refuse('InvalidDecision', 'unknown_block', { block: input.blockCode });
  const mail = new Mailer(input.journeyId);
  const applied = new Set<string>();
  let suspended = input.suspended;
  let version = 0;
  const runs = new Map<string, AssessmentRun>(
    block.assessments.map((a) => [a.id, { assessmentId: a.id, attempt: 1, grades: [], status: 'awaiting_assessor', extensionDays: 0 }]),
  );
  const passMark = (a: Assessment) => a.passMark ?? ref.grading.passMark;
  const blockStatus = (): m.BlockState['status'] => {
    const all = [...runs.values()];
    if (all.some((r) => r.status === 'failed')) return 'failed';
    return all.every((r) => r.status === 'passed') ? 'validated' : 'in_progress';
  };
  const runOf = (assessmentId: string) =>
    runs.get(assessmentId) ??
    refuse('InvalidDecision', 'unknown_assessment', { assessment: assessmentId, block: block.code });
  const receipt = (decisionId: string, wasApplied: boolean): m.DecisionReceipt => ({ decisionId, applied: wasApplied, version });
  const checkScale = (grade: number) => {
    if (!Number.isFinite(grade) || grade < 0 || grade > ref.grading.scale) {
      refuse('InvalidDecision', 'grade_out_of_scale', { scale: ref.grading.scale });
    }
  };

  setHandler(m.blockStateQuery, () => ({
    blockCode: block.code,
    status: blockStatus(),
    assessments: [...runs.values()].map(({ extensionDays: _e, clockStartMs: _c, ...a }) => a),
    version,
  }));
  setHandler(m.blockSuspensionSignal, ({ suspended: s }) => void (suspended = s));
  setHandler(m.blockExtendSignal, ({ decisionId, days, assessmentId }) => {
    if (applied.has(decisionId)) return;
    applied.add(decisionId);
    for (const r of runs.values()) if (!assessmentId || r.assessmentId === assessmentId) r.extensionDays += days;
  });

  setHandler(
    m.assignAssessorUpdate,
    async (p) => {
      if (applied.has(p.decisionId)) return receipt(p.decisionId, false);
      applied.add(p.decisionId);
      const run = runOf(p.assessmentId);
      run.assessorId = p.memberId;
      if (run.status === 'awaiting_assessor') run.status = 'awaiting_grade';
      run.clockStartMs ??= Date.now();
      version += 1;
      await mail.send(`grade-request:${block.code}:${run.assessmentId}:${run.attempt}:${p.memberId}`, 'assessment_grade_request', { kind: 'juryMember', memberId: p.memberId }, {
        data: { blockCode: block.code, assessmentId: run.assessmentId, attempt: run.attempt, dueAtMs: gradingDue(run) },
        action: { action: 'assessment_grade', expiresAtMs: Date.now() + 365 * 86_400_000, subjectRef: run.assessmentId },
      });
      return receipt(p.decisionId, true);
    },
    {
      validator: (p) => {
        if (applied.has(p.decisionId)) return;
        if (p.actor.kind !== 'staff') refuse('NotAllowed', 'staff_only');
        const run = runOf(p.assessmentId);
        if (run.status === 'passed' || run.status === 'failed') {
          refuse('WrongStage', 'assessment_closed');
        }
      },
    },
  );

  setHandler(
    m.recordAssessmentGradeUpdate,
    async (p) => {
      if (applied.has(p.decisionId)) return receipt(p.decisionId, false);
      applied.add(p.decisionId);
      const run = runOf(p.assessmentId);
      const attempt = run.attempt;
      run.grades.push({ attempt, grade: p.grade });
      const assessment = block.assessments.find((a) => a.id === p.assessmentId)!;
      if (p.grade >= passMark(assessment)) run.status = 'passed';
      else if (attempt <= input.assessmentRetakes) {
        // A retake: the candidate gets the submission time again (with any accommodation) before grading.
        run.attempt += 1;
        run.clockStartMs = undefined;
        run.status = 'awaiting_grade';
      } else run.status = 'failed';
      version += 1;
      await acts.recordAssessmentResult({
        candidateId: input.candidateId,
        blockCode: block.code,
        assessmentId: p.assessmentId,
        attempt,
        grade: p.grade,
        assessorRef: p.actor.kind === 'juryMember' ? p.actor.memberId : p.actor.kind === 'staff' ? `staff:${p.actor.staffId}` : p.actor.kind,
      });
      // The candidate hears each grade: passed, a retake (and by when to resubmit), or failed for good.
      if (patched('receive-12-assessment-result')) {
        const result = run.status === 'passed' ? 'passed' : run.status === 'failed' ? 'failed' : 'retake';
        await mail.send(`assessment-result:${block.code}:${p.assessmentId}:${attempt}`, 'assessment_result', { kind: 'candidate', candidateId: input.candidateId }, {
          data: { blockCode: block.code, assessmentId: p.assessmentId, attempt, grade: p.grade, scale: ref.grading.scale, result, ...(result === 'retake' ? { retakeDueAtMs: Date.now() + submissionMs() } : {}) },
        });
      }
      return receipt(p.decisionId, true);
    },
    {
      validator: (p) => {
        if (applied.has(p.decisionId)) return;
        if (suspended) refuse('JourneySuspended', 'suspended');
        const run = runOf(p.assessmentId);
        if (run.status !== 'awaiting_grade') {
          refuse('WrongStage', 'not_awaiting_grade');
        }
        if (p.actor.kind === 'juryMember' && p.actor.memberId !== run.assessorId) {
          refuse('NotAllowed', 'not_the_assessor');
        }
        if (p.actor.kind === 'candidate' || p.actor.kind === 'system') refuse('NotAllowed', 'assessor_only');
        checkScale(p.grade);
      },
    },
  );

  // Staff correction of a wrongly recorded grade (the latest one of the assessment), with its reason: the
  // assessment's outcome follows the corrected grade (a pending retake is dropped if it now passes).
  setHandler(
    m.correctAssessmentGradeUpdate,
    async (p) => {
      if (applied.has(p.decisionId)) return receipt(p.decisionId, false);
      applied.add(p.decisionId);
      const c = p.correction as Extract<m.CorrectDecision['correction'], { kind: 'assessment_grade' }>;
      const run = runOf(c.assessmentId);
      const last = run.grades.at(-1)!;
      const assessment = block.assessments.find((a) => a.id === c.assessmentId)!;
      last.grade = c.grade;
      if (c.grade >= passMark(assessment)) {
        run.status = 'passed';
        run.attempt = last.attempt;
      } else if (run.status === 'passed') {
        run.status = last.attempt <= input.assessmentRetakes ? 'awaiting_grade' : 'failed';
        if (run.status === 'awaiting_grade') {
          run.attempt = last.attempt + 1;
          run.clockStartMs = undefined;
        }
      }
      version += 1;
      await acts.recordAssessmentResult({
        candidateId: input.candidateId,
        blockCode: block.code,
        assessmentId: c.assessmentId,
        attempt: last.attempt,
        grade: c.grade,
        assessorRef: p.actor.kind === 'staff' ? `staff:${p.actor.staffId}` : p.actor.kind,
      });
      return receipt(p.decisionId, true);
    },
    {
      validator: (p) => {
        if (applied.has(p.decisionId)) return;
        if (p.actor.kind !== 'staff') refuse('NotAllowed', 'staff_only');
        if (p.correction.kind !== 'assessment_grade') refuse('InvalidDecision', 'correction_kind');
        if (!p.reasonCode) refuse('InvalidDecision', 'reason_required');
        const run = runOf(p.correction.assessmentId);
        if (run.grades.length === 0) refuse('WrongStage', 'nothing_to_correct');
        checkScale(p.correction.grade);
      },
    },
  );

  // Each assessment waits for its grades in parallel; the block ends when every one is decided. A staff
  // correction can reopen a passed assessment (a retake is due): grade again until none is open.
  do {
    await Promise.all(block.assessments.map((a) => gradeAssessment(a)));
  } while (blockStatus() === 'in_progress');
  const status = blockStatus() === 'validated' ? 'validated' : 'failed';
  await mail.send(`block-result:${block.code}`, 'block_result', { kind: 'candidate', candidateId: input.candidateId }, { data: { blockCode: block.code, status } });
  await condition(allHandlersFinished);
  await mail.settle();
  return {
    blockCode: block.code,
    status,
    grades: [...runs.values()].flatMap((r) => r.grades.map((g) => ({ assessmentId: r.assessmentId, ...g }))),
  };

  async function gradeAssessment(a: Assessment): Promise<void> {
    const run = runs.get(a.id)!;
    while (run.status !== 'passed' && run.status !== 'failed') {
      await condition(() => run.status === 'awaiting_grade' && run.assessorId !== undefined);
      const attempt = run.attempt;
      // Retakes: grading starts once the candidate's submission time (extended by accommodations) is over.
      run.clockStartMs ??= Date.now() + (attempt > 1 ? submissionMs() : 0);
      const graded = () => run.attempt !== attempt || run.status === 'passed' || run.status === 'failed';
      // A retake's grade request goes out when the resubmission window closes (there is nothing to grade before).
      const afterWindow = attempt > 1 && patched('receive-12-retake-request-after-window');
      if (afterWindow) await condition(graded, Math.max(0, run.clockStartMs - Date.now()));
      if (attempt > 1 && !(afterWindow && graded())) {
        await mail.send(`grade-request:${block.code}:${a.id}:${attempt}:${run.assessorId}`, 'assessment_grade_request', { kind: 'juryMember', memberId: run.assessorId! }, {
          data: { blockCode: block.code, assessmentId: a.id, attempt, dueAtMs: gradingDue(run) },
          action: { action: 'assessment_grade', expiresAtMs: Date.now() + 365 * 86_400_000, subjectRef: a.id },
        });
      }
      const result = await waitWithReminders({
        step: 'assessmentGrading',
        ref,
        startMs: run.clockStartMs,
        isDone: graded,
        extensionDays: () => run.extensionDays,
        isSuspended: () => suspended,
        onPlan: (due) => void (run.dueAtMs = due),
        onReminder: (n) =>
          mail.send(`grade-reminder:${block.code}:${a.id}:${attempt}:${n}`, 'assessment_grade_reminder', { kind: 'juryMember', memberId: run.assessorId! }, {
            data: { blockCode: block.code, assessmentId: a.id, attempt, dueAtMs: run.dueAtMs ?? gradingDue(run) },
            action: { action: 'assessment_grade', expiresAtMs: (run.dueAtMs ?? Date.now()) + 30 * 86_400_000, subjectRef: a.id },
          }).then(() => undefined),
      });
      if (result === 'deadline') {
        await escalateThenWait({ step: 'assessmentGrading', ref, isDone: graded }, () =>
          mail.send(`grade-escalation:${block.code}:${a.id}:${attempt}`, 'staff_alert', { kind: 'staff' }, {
            data: { reason: 'assessment_grade_overdue', stage: 'training', blockCode: block.code, assessmentId: a.id, ...(run.dueAtMs !== undefined ? { dueAtMs: run.dueAtMs } : {}) },
          }).then(() => undefined),
        );
      }
      run.dueAtMs = undefined;
    }
  }

  /** When the grade is due, as the assessor is told (the wait plans the same date). */
  function gradingDue(run: AssessmentRun): number {
    return computeDeadline('assessmentGrading', run.clockStartMs ?? Date.now(), ref, { extraTimePercent: 0 }, run.extensionDays);
  }

  /** The submission time of a retake, extra time from accommodations included. */
  function submissionMs(): number {
    return computeDeadline('assessmentSubmission', 0, ref, { extraTimePercent: input.extraTimePercent ?? 0 });
  }
}
