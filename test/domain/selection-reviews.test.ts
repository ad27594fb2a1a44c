// The combination of several selection reviewers' opinions, exhaustively: every rule, every number of
// assigned reviewers from 1 to 5, every sequence of opinions received so far (3^0 + ... + 2^5 cases),
// checked against the rule's definition in words; plus the referential's default.
import { describe, expect, it } from 'vitest';
import { combineSelectionReviews, getReferential, parseReferential, rncp37332Data, SELECTION_REVIEW_RULES, type ReviewOpinion, type SelectionOutcome } from '../../domain/index';

const A: ReviewOpinion = 'admissible';
const N: ReviewOpinion = 'not_admissible';

/** Every sequence of opinions of length 0..n. */
function sequences(n: number): ReviewOpinion[][] {
  const out: ReviewOpinion[][] = [[]];
  for (let len = 1; len <= n; len++) {
    for (let bits = 0; bits < 2 ** len; bits++) out.push(Array.from({ length: len }, (_, i) => ((bits >> i) & 1 ? N : A)));
  }
  return out;
}

/** The rules as the referential's documentation states them, written independently of the code. */
function expected(rule: (typeof SELECTION_REVIEW_RULES)[number], assigned: number, ops: ReviewOpinion[]): SelectionOutcome {
  const a = ops.filter((o) => o === A).length;
  const n = ops.length - a;
  if (ops.length === 0) return { status: 'pending' };
  if (rule === 'first_answer') return { status: 'decided', decision: ops[0]! };
  if (rule === 'all_agree') {
    if (ops.length < assigned) return { status: 'pending' };
    return a === 0 ? { status: 'decided', decision: N } : n === 0 ? { status: 'decided', decision: A } : { status: 'disagreement' };
  }
  if (a > assigned / 2) return { status: 'decided', decision: A };
  if (n > assigned / 2) return { status: 'decided', decision: N };
  return ops.length < assigned ? { status: 'pending' } : { status: 'disagreement' };
}

describe('combineSelectionReviews', () => {
  for (const rule of SELECTION_REVIEW_RULES) {
    for (let assigned = 1; assigned <= 5; assigned++) {
      it(`${rule}, ${assigned} reviewer(s): every sequence of opinions`, () => {
        for (const ops of sequences(assigned)) expect(combineSelectionReviews(rule, assigned, ops), `${rule} ${assigned} [${ops.join(',')}]`).toEqual(expected(rule, assigned, ops));
      });
    }
  }

  it('examples in words', () => {
    expect(combineSelectionReviews('all_agree', 2, [A])).toEqual({ status: 'pending' });
    expect(combineSelectionReviews('all_agree', 2, [A, A])).toEqual({ status: 'decided', decision: A });
    expect(combineSelectionReviews('all_agree', 2, [A, N])).toEqual({ status: 'disagreement' });
    expect(combineSelectionReviews('majority', 3, [N, N])).toEqual({ status: 'decided', decision: N });
    expect(combineSelectionReviews('majority', 4, [A, A, N])).toEqual({ status: 'pending' });
    expect(combineSelectionReviews('majority', 4, [A, A, N, N])).toEqual({ status: 'disagreement' });
    expect(combineSelectionReviews('first_answer', 3, [N])).toEqual({ status: 'decided', decision: N });
  });

  it('counts an opinion beyond the assigned number (a reviewer assigned later) rather than deciding early', () => {
    expect(combineSelectionReviews('all_agree', 1, [A, N])).toEqual({ status: 'disagreement' });
    expect(combineSelectionReviews('majority', 1, [A, N])).toEqual({ status: 'disagreement' });
  });

  it('the referential says the rule: RNCP37332 wants every reviewer and staff on disagreement; a bad value is refused', () => {
    expect(getReferential('RNCP37332').admission.selectionReviews).toBe('all_agree');
    const { selectionReviews: _omitted, ...admission } = rncp37332Data.admission;
    expect(parseReferential({ ...rncp37332Data, admission }).admission.selectionReviews).toBe('all_agree');
    expect(() => parseReferential({ ...rncp37332Data, admission: { ...rncp37332Data.admission, selectionReviews: 'loudest' as never } })).toThrow(/selectionReviews/);
  });
});
