/**
 * Several selection reviewers: how their opinions on one dossier combine into the selection's outcome.
 * The referential chooses the rule (`admission.selectionReviews`); the selection stage applies it after
 * each opinion. Pure: the same opinions always give the same outcome.
 *
 * - `first_answer`: the first opinion decides.
 * - `all_agree` (default): every assigned reviewer answers; all the same -> that decision; otherwise the
 *   reviewers disagree and staff decide.
 * - `majority`: decided as soon as one opinion has more than half of the assigned reviewers; once every
 *   reviewer answered without such a majority (a tie), staff decide.
 */
export const SELECTION_REVIEW_RULES = ['first_answer', 'all_agree', 'majority'] as const;
export type SelectionReviewRule = (typeof SELECTION_REVIEW_RULES)[number];
export type ReviewOpinion = 'admissible' | 'not_admissible';

export type SelectionOutcome =
  | { status: 'pending' }
  | { status: 'decided'; decision: ReviewOpinion }
  | { status: 'disagreement' };

/**
 * @param assigned how many reviewers are assigned (a reviewer added later raises it)
 * @param opinions the opinions received, in the order they came (one per reviewer)
 */
export function combineSelectionReviews(rule: SelectionReviewRule, assigned: number, opinions: readonly ReviewOpinion[]): SelectionOutcome {
  if (opinions.length === 0) return { status: 'pending' };
  const expected = Math.max(assigned, opinions.length);
  const count = (o: ReviewOpinion) => opinions.filter((x) => x === o).length;
  const allIn = opinions.length >= expected;
  switch (rule) {
    case 'first_answer':
      return { status: 'decided', decision: opinions[0]! };
    case 'all_agree': {
      if (!allIn) return { status: 'pending' };
      const first = opinions[0]!;
      return opinions.every((o) => o === first) ? { status: 'decided', decision: first } : { status: 'disagreement' };
    }
    case 'majority': {
      for (const o of ['admissible', 'not_admissible'] as const) if (count(o) * 2 > expected) return { status: 'decided', decision: o };
      return allIn ? { status: 'disagreement' } : { status: 'pending' };
    }
  }
}
