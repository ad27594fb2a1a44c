// 3. The selection jury: staff assign reviewers, who declare the candidate admissible or not (reminders,
// escalation to staff when late). Several reviewers' opinions combine by the referential's rule
// (domain/selection-reviews.ts); a disagreement goes to staff, who decide. Journeys whose selection began
// before that rule (no 'selection-reviewers' marker) keep the first answer, as they were told.
import { condition, patched } from '@temporalio/workflow';
import { combineSelectionReviews } from '../../domain/rules';
import { mustBeStaff, type StageRun } from '../handlers';
import { LINK_VALIDITY_MS, system, type Journey } from '../journey-state';
import type * as m from '../messages';
import { refuse } from '../support';

export function selectionStage(j: Journey): StageRun {
  const combined = patched('selection-reviewers');
  const rule = combined ? (j.policy.selectionReviews ?? j.ref.admission.selectionReviews) : 'first_answer';
  let reviewers: string[] = [];
  /** One opinion per reviewer, in the order they came. */
  const opinions = new Map<string, m.SelectionReview>();
  let byStaff: m.SelectionReview | undefined;
  const outcome = () => (byStaff ? { status: 'decided' as const, decision: byStaff.decision } : combineSelectionReviews(rule, reviewers.length, [...opinions.values()].map((o) => o.decision)));
  const decided = () => outcome().status === 'decided';
  const request = (r: string, purpose: string, template: 'selection_review_request' | 'selection_review_reminder', dueAtMs: number) =>
    [purpose, template, { kind: 'juryMember', memberId: r }, { data: { dueAtMs }, action: { action: 'selection_review', expiresAtMs: dueAtMs + LINK_VALIDITY_MS, subjectRef: r } }] as const;

  return {
    handlers: {
      assignSelectionReviewers: {
        validate: (p) => {
          mustBeStaff(p.actor);
          if (p.memberIds.length === 0) refuse('InvalidDecision', 'no_reviewer');
        },
        apply: (p) => void (reviewers = [...new Set([...reviewers, ...p.memberIds])]),
      },
      selectionReview: {
        validate: (p) => {
          // Staff decide in the reviewers' place (a disagreement, a late review) until the selection is decided.
          if (decided() || (p.actor.kind === 'juryMember' && (outcome().status !== 'pending' || opinions.has(p.actor.memberId)))) refuse('WrongStage', 'already_reviewed');
          if (p.actor.kind === 'juryMember' ? !reviewers.includes(p.actor.memberId) : p.actor.kind !== 'staff') refuse('NotAllowed', 'not_a_reviewer');
          if (p.decision !== 'admissible' && p.decision !== 'not_admissible') refuse('InvalidDecision', 'decision_value');
          if (p.decision === 'not_admissible' && !p.reasonCode) refuse('InvalidDecision', 'reason_required');
        },
        apply: (p) => void (p.actor.kind === 'juryMember' ? opinions.set(p.actor.memberId, p) : (byStaff = p)),
      },
    },
    async run() {
      j.await('selection-assign', { who: { role: 'staff' }, what: 'assign_selection_reviewers' });
      await j.transition('selection_opened', system);
      await condition(() => reviewers.length > 0);
      j.done('selection-assign');
      const start = Date.now();
      const due = j.dueOf('selectionReview', start);
      const assigned = j.step();
      for (const r of reviewers) assigned.email(...request(r, `selection-request:${r}`, 'selection_review_request', due));
      await assigned.transition('selection_reviewers_assigned', system, { reviewers }).commit();
      const settled = () => outcome().status !== 'pending';
      // Reminders go to the reviewers who have not answered (before the rule: to every reviewer, as then).
      const waitingFor = () => (combined ? reviewers.filter((r) => !opinions.has(r)) : reviewers);
      const review = await j.wait('selectionReview', 'selection', reviewers.map((r) => ({ role: 'juryMember', ref: r })), 'selection_review', settled, async (n) => {
        const dueAtMs = j.plannedDue('selection', due);
        for (const r of waitingFor()) await j.mail.send(...request(r, `selection-reminder:${r}:${n}`, 'selection_review_reminder', dueAtMs));
      }, start);
      if (review === 'deadline') await j.escalate('selectionReview', settled, 'selection-escalation', 'selection_review_overdue');
      if (!decided()) {
        // The reviewers disagree: staff are told, and decide.
        j.await('selection-staff', { who: { role: 'staff' }, what: 'selection_review' });
        await j.alertStaff('selection-disagreement', 'selection_reviews_disagree')();
        await condition(decided);
        j.done('selection-staff');
      }
      const decision = outcome();
      const s = byStaff ?? [...opinions.values()].find((o) => decision.status === 'decided' && o.decision === decision.decision)!;
      await j.step()
        .transition('selection_decided', s.actor, { decision: s.decision, reasonCode: s.reasonCode, ...(combined ? { rule, opinions: opinions.size } : {}) })
        .email('selection-decision', 'selection_decision', j.candidate, { data: s.decision === 'admissible' ? { admissible: true } : { admissible: false, reasonCode: s.reasonCode ?? 'other' } })
        .commit();
      return s.decision === 'admissible' ? { next: 'interview' } : { end: 'not_admissible', reasonCode: s.reasonCode };
    },
  };
}
