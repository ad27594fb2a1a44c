// #12: which assessments await the candidate's work (the rule behind "Work to hand in"), every case.
import { describe, expect, it } from 'vitest';
import { pendingAttempts } from '../../api/candidate-space/evidence-view';

const A = [{ blockCode: 'BC02', assessmentId: 'a1' }, { blockCode: 'BC02', assessmentId: 'a2' }, { blockCode: 'BC03', assessmentId: 'b1' }];
const NOW = Date.UTC(2027, 0, 10);

describe('#12 pendingAttempts', () => {
  it('asks for the first attempt of every assessment not graded yet', () => {
    expect(pendingAttempts(A, [], [], new Set(), NOW).map((p) => [p.assessmentId, p.attempt, p.dueAtMs])).toEqual([['a1', 1, undefined], ['a2', 1, undefined], ['b1', 1, undefined]]);
  });
  it('asks nothing for a graded assessment without a retake (passed, or failed for good)', () => {
    expect(pendingAttempts(A, [{ assessmentCode: 'a1', attempt: 1 }], [{ assessmentId: 'a1', attempt: 1 }], new Set(), NOW).map((p) => p.assessmentId)).toEqual(['a2', 'b1']);
  });
  it('asks for the retake while its resubmission window is open, with its deadline', () => {
    const retakes = [{ assessmentId: 'a1', attempt: 1, retakeDueAtMs: NOW + 1 }];
    expect(pendingAttempts(A, [{ assessmentCode: 'a1', attempt: 1 }], retakes, new Set(), NOW)[0]).toEqual({ blockCode: 'BC02', assessmentId: 'a1', attempt: 2, dueAtMs: NOW + 1 });
  });
  it('stops asking once the window closed, or once the retake is graded', () => {
    const closed = [{ assessmentId: 'a1', attempt: 1, retakeDueAtMs: NOW }];
    expect(pendingAttempts(A, [{ assessmentCode: 'a1', attempt: 1 }], closed, new Set(), NOW).map((p) => p.assessmentId)).toEqual(['a2', 'b1']);
    const open = [{ assessmentId: 'a1', attempt: 1, retakeDueAtMs: NOW + 1 }];
    expect(pendingAttempts(A, [{ assessmentCode: 'a1', attempt: 1 }, { assessmentCode: 'a1', attempt: 2 }], open, new Set(), NOW).map((p) => p.assessmentId)).toEqual(['a2', 'b1']);
  });
  it('asks nothing for a block that has ended', () => {
    expect(pendingAttempts(A, [], [], new Set(['BC02']), NOW).map((p) => p.assessmentId)).toEqual(['b1']);
  });
});
