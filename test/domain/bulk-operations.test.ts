// The bulk operations' rules, case by case: what each operation does to a journey in each state, and
// whether an item can be undone.
import { describe, expect, it } from 'vitest';
import { BULK_EXTENSION_STEP_CODES, BULK_UNDO_WINDOW_MS, planBulkItem, planUndo, type BulkJourneyFacts, type BulkParams } from '../../domain/bulk-operations';

const DAY = 86_400_000;
const journey = (status: 'active' | 'suspended' | 'ended', awaiting: { what: string; dueAtMs?: number }[] = []): BulkJourneyFacts =>
  ({ journey: { status, stage: 'interview', awaiting }, lastEmail: { status: 'sent' } });
const extend = (days = 3, step: 'interviewSlotChoice' | 'dossier' = 'interviewSlotChoice'): BulkParams => ({ kind: 'extend_deadline', step, days });

describe('planBulkItem', () => {
  it('refuses every operation without a journey or on an ended one', () => {
    const ops: BulkParams[] = [extend(), { kind: 'suspend', reasonCode: 'x_y' }, { kind: 'resume' }, { kind: 'resend_last_email' }, { kind: 'assign_reviewer', memberId: 'm' }];
    for (const op of ops) {
      expect(planBulkItem(op, { journey: null })).toEqual({ verdict: 'refuse', code: 'no_journey' });
      expect(planBulkItem(op, journey('ended'))).toEqual({ verdict: 'refuse', code: 'journey_ended' });
    }
  });

  it('extends an awaited step and says the new date; refuses a step not awaited and days out of range', () => {
    const due = Date.UTC(2027, 2, 1);
    expect(planBulkItem(extend(3), journey('active', [{ what: 'interview_slot_choice', dueAtMs: due }]))).toEqual({
      verdict: 'apply', effect: 'deadline_extended', data: { step: 'interviewSlotChoice', days: 3, dueBeforeMs: due, dueAfterMs: due + 3 * DAY },
    });
    expect(planBulkItem(extend(3), journey('suspended', [{ what: 'interview_slot_choice' }]))).toEqual({ verdict: 'apply', effect: 'deadline_extended', data: { step: 'interviewSlotChoice', days: 3 } });
    expect(planBulkItem(extend(3, 'dossier'), journey('active', [{ what: 'interview_slot_choice' }]))).toEqual({ verdict: 'refuse', code: 'step_not_awaited', data: { step: 'dossier' } });
    for (const days of [0, 366, 1.5]) expect(planBulkItem(extend(days), journey('active', [{ what: 'interview_slot_choice' }]))).toEqual({ verdict: 'refuse', code: 'extension_days' });
    expect(BULK_EXTENSION_STEP_CODES).not.toContain('assessmentGrading');
  });

  it('suspends an active journey, resumes a suspended one, and refuses the reverse', () => {
    expect(planBulkItem({ kind: 'suspend', reasonCode: 'r_x' }, journey('active'))).toEqual({ verdict: 'apply', effect: 'suspended' });
    expect(planBulkItem({ kind: 'suspend', reasonCode: 'r_x' }, journey('suspended'))).toEqual({ verdict: 'refuse', code: 'journey_suspended' });
    expect(planBulkItem({ kind: 'resume' }, journey('suspended'))).toEqual({ verdict: 'apply', effect: 'resumed' });
    expect(planBulkItem({ kind: 'resume' }, journey('active'))).toEqual({ verdict: 'refuse', code: 'not_suspended' });
  });

  it('resends the last email unless there is none or it is still queued', () => {
    expect(planBulkItem({ kind: 'resend_last_email' }, journey('active'))).toEqual({ verdict: 'apply', effect: 'email_resent' });
    expect(planBulkItem({ kind: 'resend_last_email' }, { ...journey('active'), lastEmail: null })).toEqual({ verdict: 'refuse', code: 'no_email' });
    expect(planBulkItem({ kind: 'resend_last_email' }, { ...journey('active'), lastEmail: { status: 'queued' } })).toEqual({ verdict: 'refuse', code: 'email_queued' });
    expect(planBulkItem({ kind: 'resend_last_email' }, { ...journey('active'), lastEmail: { status: 'failed' } })).toEqual({ verdict: 'apply', effect: 'email_resent' });
  });

  it('assigns a reviewer only where the journey awaits one, and not while suspended', () => {
    const op: BulkParams = { kind: 'assign_reviewer', memberId: '9b1c3a52-0000-4000-8000-000000000001' };
    expect(planBulkItem(op, journey('active', [{ what: 'assign_selection_reviewers' }]))).toEqual({ verdict: 'apply', effect: 'reviewer_assigned' });
    expect(planBulkItem(op, journey('active', [{ what: 'selection_review' }]))).toEqual({ verdict: 'refuse', code: 'reviewer_not_awaited' });
    expect(planBulkItem(op, journey('suspended', [{ what: 'assign_selection_reviewers' }]))).toEqual({ verdict: 'refuse', code: 'journey_suspended' });
  });
});

describe('planUndo', () => {
  const done = Date.UTC(2027, 0, 10);
  it('undoes only what was applied, within 24 hours', () => {
    expect(planUndo('extend_deadline', 'refused', journey('active'), done, done)).toEqual({ verdict: 'cannot', code: 'nothing_to_undo' });
    expect(planUndo('extend_deadline', 'failed', journey('active'), done, done)).toEqual({ verdict: 'cannot', code: 'nothing_to_undo' });
    expect(planUndo('extend_deadline', 'applied', journey('active'), done, done + BULK_UNDO_WINDOW_MS)).toEqual({ verdict: 'undo', by: 'revert_extension' });
    expect(planUndo('extend_deadline', 'applied', journey('active'), done, done + BULK_UNDO_WINDOW_MS + 1)).toEqual({ verdict: 'cannot', code: 'undo_window_passed' });
    expect(planUndo('extend_deadline', 'applied', journey('ended'), done, done)).toEqual({ verdict: 'cannot', code: 'journey_ended' });
  });

  it('reverses a suspension or a resumption only if nobody changed it since', () => {
    expect(planUndo('suspend', 'applied', journey('suspended'), done, done)).toEqual({ verdict: 'undo', by: 'resume' });
    expect(planUndo('suspend', 'applied', journey('active'), done, done)).toEqual({ verdict: 'cannot', code: 'no_longer_suspended' });
    expect(planUndo('resume', 'applied', journey('active'), done, done)).toEqual({ verdict: 'undo', by: 'suspend' });
    expect(planUndo('resume', 'applied', journey('suspended'), done, done)).toEqual({ verdict: 'cannot', code: 'no_longer_active' });
  });

  it('says an email cannot be unsent and a reviewer cannot be un-asked', () => {
    expect(planUndo('resend_last_email', 'applied', journey('active'), done, done)).toEqual({ verdict: 'cannot', code: 'email_cannot_be_unsent' });
    expect(planUndo('assign_reviewer', 'applied', journey('active'), done, done)).toEqual({ verdict: 'cannot', code: 'reviewer_already_asked' });
  });
});
