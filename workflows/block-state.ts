// The state of one competency block (the child workflow in block.ts): each assessment's attempts, grades and
// assessor, and the rules every handler and wait of the block reads (pass mark, scale, deadlines).
import { computeDeadline, getReferential, type Assessment, type Referential } from '../domain/rules';
import type * as m from './messages';
import { Mailer, refuse } from './support';
import { oneTransaction } from './transition-step';

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

export interface AssessmentRun extends m.AssessmentState {
  extensionDays: number;
  /** When the current attempt's grading clock starts. */
  clockStartMs?: number;
}

export class Block {
  readonly ref: Referential;
  readonly block: Referential['blocks'][number];
  readonly mail: Mailer;
  readonly inOneTransaction: boolean;
  readonly applied = new Set<string>();
  readonly runs: Map<string, AssessmentRun>;
  suspended: boolean;
  version = 0;

  constructor(readonly input: BlockInput) {
    this.ref = getReferential(input.referentialCode);
    this.block = this.ref.blocks.find((b) => b.code === input.blockCode) ?? refuse('InvalidDecision', 'unknown_block', { block: input.blockCode });
    this.mail = new Mailer(input.journeyId);
    this.inOneTransaction = oneTransaction();
    this.suspended = input.suspended;
    this.runs = new Map(this.block.assessments.map((a) => [a.id, { assessmentId: a.id, attempt: 1, grades: [], status: 'awaiting_assessor', extensionDays: 0 }]));
  }

  get code(): string {
    return this.block.code;
  }

  passMark(a: Assessment): number {
    return a.passMark ?? this.ref.grading.passMark;
  }

  assessment(assessmentId: string): Assessment {
    return this.block.assessments.find((a) => a.id === assessmentId)!;
  }

  status(): m.BlockState['status'] {
    const all = [...this.runs.values()];
    if (all.some((r) => r.status === 'failed')) return 'failed';
    return all.every((r) => r.status === 'passed') ? 'validated' : 'in_progress';
  }

  runOf(assessmentId: string): AssessmentRun {
    return this.runs.get(assessmentId) ?? refuse('InvalidDecision', 'unknown_assessment', { assessment: assessmentId, block: this.block.code });
  }

  receipt(decisionId: string, wasApplied: boolean): m.DecisionReceipt {
    return { decisionId, applied: wasApplied, version: this.version };
  }

  checkScale(grade: number): void {
    if (!Number.isFinite(grade) || grade < 0 || grade > this.ref.grading.scale) refuse('InvalidDecision', 'grade_out_of_scale', { scale: this.ref.grading.scale });
  }

  state(): m.BlockState {
    return {
      blockCode: this.block.code,
      status: this.status(),
      assessments: [...this.runs.values()].map(({ extensionDays: _e, clockStartMs: _c, ...a }) => a),
      version: this.version,
    };
  }

  grades(): BlockResult['grades'] {
    return [...this.runs.values()].flatMap((r) => r.grades.map((g) => ({ assessmentId: r.assessmentId, ...g })));
  }

  /** When the grade is due, as the assessor is told (the wait plans the same date). */
  gradingDue(run: AssessmentRun): number {
    return computeDeadline('assessmentGrading', run.clockStartMs ?? Date.now(), this.ref, { extraTimePercent: 0 }, run.extensionDays);
  }

  /** The submission time of a retake, extra time from accommodations included. */
  submissionMs(): number {
    return computeDeadline('assessmentSubmission', 0, this.ref, { extraTimePercent: this.input.extraTimePercent ?? 0 });
  }

  /** The assessor's grade request (first attempt when assigned, a retake's when its window closes). */
  requestGrade(run: AssessmentRun, memberId: string) {
    return this.mail.send(`grade-request:${this.block.code}:${run.assessmentId}:${run.attempt}:${memberId}`, 'assessment_grade_request', { kind: 'juryMember', memberId }, {
      data: { blockCode: this.block.code, assessmentId: run.assessmentId, attempt: run.attempt, dueAtMs: this.gradingDue(run) },
      action: { action: 'assessment_grade', expiresAtMs: Date.now() + 365 * 86_400_000, subjectRef: run.assessmentId },
    });
  }
}
