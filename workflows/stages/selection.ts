// 3. The selection jury: staff assign reviewers, who declare the candidate admissible or not (reminders,
// escalation to staff when late).
import { condition } from '@temporalio/workflow';
import { mustBeStaff, type StageRun } from '../handlers';
import { LINK_VALIDITY_MS, system, type Journey } from '../journey-state';
import type * as m from '../messages';
import { refuse } from '../support';

export function selectionStage(j: Journey): StageRun {
  let reviewers: string[] = [];
  let selection: m.SelectionReview | undefined;
  const request = (r: string, purpose: string, template: 'selection_review_request' | 'selection_review_reminder', dueAtMs: number) =>
    j.mail.send(purpose, template, { kind: 'juryMember', memberId: r }, { data: { dueAtMs }, action: { action: 'selection_review', expiresAtMs: dueAtMs + LINK_VALIDITY_MS, subjectRef: r } });

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
          if (selection) refuse('WrongStage', 'already_reviewed');
          if (p.actor.kind === 'juryMember' ? !reviewers.includes(p.actor.memberId) : p.actor.kind !== 'staff') refuse('NotAllowed', 'not_a_reviewer');
          if (p.decision !== 'admissible' && p.decision !== 'not_admissible') refuse('InvalidDecision', 'decision_value');
          if (p.decision === 'not_admissible' && !p.reasonCode) refuse('InvalidDecision', 'reason_required');
        },
        apply: (p) => void (selection = p),
      },
    },
    async run() {
      j.await('selection-assign', { who: { role: 'staff' }, what: 'assign_selection_reviewers' });
      await j.transition('selection_opened', system);
      await condition(() => reviewers.length > 0);
      j.done('selection-assign');
      const start = Date.now();
      const due = j.dueOf('selectionReview', start);
      for (const r of reviewers) await request(r, `selection-request:${r}`, 'selection_review_request', due);
      await j.transition('selection_reviewers_assigned', system, { reviewers });
      const reviewed = () => selection !== undefined;
      const review = await j.wait('selectionReview', 'selection', reviewers.map((r) => ({ role: 'juryMember', ref: r })), 'selection_review', reviewed, async (n) => {
        const dueAtMs = j.plannedDue('selection', due);
        for (const r of reviewers) await request(r, `selection-reminder:${r}:${n}`, 'selection_review_reminder', dueAtMs);
      }, start);
      if (review === 'deadline') await j.escalate('selectionReview', reviewed, 'selection-escalation', 'selection_review_overdue');
      const s = selection!;
      await j.transition('selection_decided', s.actor, { decision: s.decision, reasonCode: s.reasonCode });
      await j.mail.send('selection-decision', 'selection_decision', j.candidate, { data: s.decision === 'admissible' ? { admissible: true } : { admissible: false, reasonCode: s.reasonCode ?? 'other' } });
      return s.decision === 'admissible' ? { next: 'interview' } : { end: 'not_admissible', reasonCode: s.reasonCode };
    },
  };
}
