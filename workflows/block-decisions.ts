// The decisions of one competency block, registered once by blockJourney: staff assign an assessor, the
// assessor records a grade (a pass, a retake or a failure, told to the candidate), staff correct a grade.
// Each is an update deduplicated on its decision id; validators refuse with codes, before any effect.
import { patched, setHandler } from '@temporalio/workflow';
import type { Block } from './block-state';
import * as m from './messages';
import { TransitionStep } from './transition-step';
import { journeyActivities as acts, refuse } from './support';

export function registerBlockHandlers(b: Block): void {
  setHandler(m.blockStateQuery, () => b.state());
  setHandler(m.blockSuspensionSignal, ({ suspended }) => void (b.suspended = suspended));
  setHandler(m.blockExtendSignal, ({ decisionId, days, assessmentId }) => {
    if (b.applied.has(decisionId)) return;
    b.applied.add(decisionId);
    for (const r of b.runs.values()) if (!assessmentId || r.assessmentId === assessmentId) r.extensionDays += days;
  });
  registerAssignAssessor(b);
  registerRecordGrade(b);
  registerCorrectGrade(b);
}

function registerAssignAssessor(b: Block): void {
  setHandler(
    m.assignAssessorUpdate,
    async (p) => {
      if (b.applied.has(p.decisionId)) return b.receipt(p.decisionId, false);
      b.applied.add(p.decisionId);
      const run = b.runOf(p.assessmentId);
      run.assessorId = p.memberId;
      if (run.status === 'awaiting_assessor') run.status = 'awaiting_grade';
      run.clockStartMs ??= Date.now();
      b.version += 1;
      await b.requestGrade(run, p.memberId);
      return b.receipt(p.decisionId, true);
    },
    {
      validator: (p) => {
        if (b.applied.has(p.decisionId)) return;
        if (p.actor.kind !== 'staff') refuse('NotAllowed', 'staff_only');
        const run = b.runOf(p.assessmentId);
        if (run.status === 'passed' || run.status === 'failed') refuse('WrongStage', 'assessment_closed');
      },
    },
  );
}

function registerRecordGrade(b: Block): void {
  setHandler(
    m.recordAssessmentGradeUpdate,
    async (p) => {
      if (b.applied.has(p.decisionId)) return b.receipt(p.decisionId, false);
      b.applied.add(p.decisionId);
      const run = b.runOf(p.assessmentId);
      const attempt = run.attempt;
      run.grades.push({ attempt, grade: p.grade });
      if (p.grade >= b.passMark(b.assessment(p.assessmentId))) run.status = 'passed';
      else if (attempt <= b.input.assessmentRetakes) {
        // A retake: the candidate gets the submission time again (with any accommodation) before grading.
        run.attempt += 1;
        run.clockStartMs = undefined;
        run.status = 'awaiting_grade';
      } else run.status = 'failed';
      b.version += 1;
      const grade = {
        activity: 'recordAssessmentResult' as const,
        input: {
          candidateId: b.input.candidateId,
          blockCode: b.code,
          assessmentId: p.assessmentId,
          attempt,
          grade: p.grade,
          assessorRef: p.actor.kind === 'juryMember' ? p.actor.memberId : p.actor.kind === 'staff' ? `staff:${p.actor.staffId}` : p.actor.kind,
        },
      };
      // The candidate hears each grade: passed, a retake (and by when to resubmit), or failed for good.
      const result = run.status === 'passed' ? 'passed' : run.status === 'failed' ? 'failed' : 'retake';
      const told = (step: TransitionStep) =>
        step.email(`assessment-result:${b.code}:${p.assessmentId}:${attempt}`, 'assessment_result', { kind: 'candidate', candidateId: b.input.candidateId }, {
          data: { blockCode: b.code, assessmentId: p.assessmentId, attempt, grade: p.grade, scale: b.ref.grading.scale, result, ...(result === 'retake' ? { retakeDueAtMs: Date.now() + b.submissionMs() } : {}) },
        });
      // The grade and its email in one transaction; histories recorded before run the grade's activity, then the email's.
      if (b.inOneTransaction) await told(new TransitionStep(b).write(grade)).commit();
      else {
        await acts.recordAssessmentResult(grade.input);
        if (patched('receive-12-assessment-result')) await told(new TransitionStep(b)).commit();
      }
      return b.receipt(p.decisionId, true);
    },
    {
      validator: (p) => {
        if (b.applied.has(p.decisionId)) return;
        if (b.suspended) refuse('JourneySuspended', 'suspended');
        const run = b.runOf(p.assessmentId);
        if (run.status !== 'awaiting_grade') refuse('WrongStage', 'not_awaiting_grade');
        if (p.actor.kind === 'juryMember' && p.actor.memberId !== run.assessorId) refuse('NotAllowed', 'not_the_assessor');
        if (p.actor.kind === 'candidate' || p.actor.kind === 'system') refuse('NotAllowed', 'assessor_only');
        b.checkScale(p.grade);
      },
    },
  );
}

/**
 * Staff correction of a wrongly recorded grade (the latest one of the assessment), with its reason: the
 * assessment's outcome follows the corrected grade (a pending retake is dropped if it now passes).
 */
function registerCorrectGrade(b: Block): void {
  setHandler(
    m.correctAssessmentGradeUpdate,
    async (p) => {
      if (b.applied.has(p.decisionId)) return b.receipt(p.decisionId, false);
      b.applied.add(p.decisionId);
      const c = p.correction as Extract<m.CorrectDecision['correction'], { kind: 'assessment_grade' }>;
      const run = b.runOf(c.assessmentId);
      const last = run.grades.at(-1)!;
      last.grade = c.grade;
      if (c.grade >= b.passMark(b.assessment(c.assessmentId))) {
        run.status = 'passed';
        run.attempt = last.attempt;
      } else if (run.status === 'passed') {
        run.status = last.attempt <= b.input.assessmentRetakes ? 'awaiting_grade' : 'failed';
        if (run.status === 'awaiting_grade') {
          run.attempt = last.attempt + 1;
          run.clockStartMs = undefined;
        }
      }
      b.version += 1;
      await acts.recordAssessmentResult({
        candidateId: b.input.candidateId,
        blockCode: b.code,
        assessmentId: c.assessmentId,
        attempt: last.attempt,
        grade: c.grade,
        assessorRef: p.actor.kind === 'staff' ? `staff:${p.actor.staffId}` : p.actor.kind,
      });
      return b.receipt(p.decisionId, true);
    },
    {
      validator: (p) => {
        if (b.applied.has(p.decisionId)) return;
        if (p.actor.kind !== 'staff') refuse('NotAllowed', 'staff_only');
        if (p.correction.kind !== 'assessment_grade') refuse('InvalidDecision', 'correction_kind');
        if (!p.reasonCode) refuse('InvalidDecision', 'reason_required');
        const run = b.runOf(p.correction.assessmentId);
        if (run.grades.length === 0) refuse('WrongStage', 'nothing_to_correct');
        b.checkScale(p.correction.grade);
      },
    },
  );
}
