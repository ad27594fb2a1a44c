// The messages of a competency block's child workflow (block.ts), defined once. Routed by journey-client
// (callers only know the journey id); the parent forwards suspension and extensions.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BlockCode } from '../domain/types';
import type { CorrectDecision, DecisionReceipt, DecisionBase } from './messages';

export type AssignAssessor = DecisionBase & { blockCode: BlockCode; assessmentId: string; memberId: string };
export type RecordAssessmentGrade = DecisionBase & { blockCode: BlockCode; assessmentId: string; grade: number };

export const assignAssessorUpdate = defineUpdate<DecisionReceipt, [AssignAssessor]>('assignAssessor');
export const recordAssessmentGradeUpdate = defineUpdate<DecisionReceipt, [RecordAssessmentGrade]>('recordAssessmentGrade');
export const correctAssessmentGradeUpdate = defineUpdate<DecisionReceipt, [CorrectDecision]>('correctAssessmentGrade');
export const blockStateQuery = defineQuery<BlockState>('blockState');
/** Parent to child: pause or resume the block's deadlines (suspension of the journey). */
export const blockSuspensionSignal = defineSignal<[{ suspended: boolean }]>('blockSuspension');
/** Parent to child: extend the block's grading deadlines. */
export const blockExtendSignal = defineSignal<[{ decisionId: string; days: number; assessmentId?: string }]>('blockExtend');

export interface AssessmentState {
  assessmentId: string;
  assessorId?: string;
  attempt: number;
  grades: { attempt: number; grade: number }[];
  status: 'awaiting_assessor' | 'awaiting_grade' | 'passed' | 'failed';
  dueAtMs?: number;
}
export interface BlockState {
  blockCode: BlockCode;
  status: 'in_progress' | 'validated' | 'failed';
  assessments: AssessmentState[];
  version: number;
}

