// Decisions staff (or the candidate) may take at any stage: extend a deadline, suspend and resume,
// correct the thesis grade, withdraw. Each acts first and changes the journey's state after.
import { getExternalWorkflowHandle } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { mustBeActive, mustBeStaff } from '../handlers';
import type { Decision, Journey } from '../journey-state';
import * as m from '../messages';
import { refuse } from '../support';

type Entry = [UpdateDefinition<m.DecisionReceipt, [never]>, Decision<never>];
const entry = <P>(def: UpdateDefinition<m.DecisionReceipt, [P]>, d: Decision<P>) => [def, d] as unknown as Entry;

/** Signals every running block child; a block that already ended is skipped. */
export async function forEachBlock(j: Journey, f: (h: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>): Promise<void> {
  await Promise.allSettled([...j.blockWorkflowIds.values()].map((id) => f(getExternalWorkflowHandle(id))));
}

export function checkScale(j: Journey, grade: number): void {
  if (!Number.isFinite(grade) || grade < 0 || grade > j.ref.grading.scale) refuse('InvalidDecision', 'grade_out_of_scale', { scale: j.ref.grading.scale });
}

export function anytimeDecisions(j: Journey): Entry[] {
  /** A suspension or resumption whose effects are under way: the status changes once they succeeded. */
  let statusChanging = false;
  const changingStatus = async (effects: () => Promise<void>) => {
    statusChanging = true;
    try {
      await effects();
    } finally {
      statusChanging = false;
    }
  };
  const notEnded = () => {
    if (j.status === 'ended') mustBeActive(j);
  };
  return [
    entry(m.extendDeadlineUpdate, {
      validate: (p) => {
        mustBeStaff(p.actor);
        notEnded();
        if (!Number.isInteger(p.days) || p.days < 1 || p.days > 365) refuse('InvalidDecision', 'extension_days');
      },
      apply: async (p) => {
        if (p.step === 'assessmentGrading') await forEachBlock(j, (h) => h.signal(m.blockExtendSignal, { decisionId: p.decisionId, days: p.days, assessmentId: p.subjectRef }));
        j.extensions.set(p.step, (j.extensions.get(p.step) ?? 0) + p.days);
        await j.transition('deadline_extended', p.actor, { step: p.step, days: p.days });
      },
    }),
    // Added after release: a new handler issues no command until called, so running journeys replay as before.
    entry(m.revertDeadlineExtensionUpdate, {
      validate: (p) => {
        mustBeStaff(p.actor);
        notEnded();
        if (!j.applied.has(p.revertsDecisionId)) refuse('InvalidDecision', 'extension_unknown');
        if (p.step === 'assessmentGrading') refuse('InvalidDecision', 'extension_not_revertible');
        if ((j.extensions.get(p.step) ?? 0) < p.days) refuse('WrongStage', 'extension_not_revertible');
      },
      apply: async (p) => {
        j.extensions.set(p.step, (j.extensions.get(p.step) ?? 0) - p.days);
        await j.transition('deadline_extension_reverted', p.actor, { step: p.step, days: p.days, revertsDecisionId: p.revertsDecisionId });
      },
    }),
    entry(m.suspendJourneyUpdate, {
      validate: (p) => {
        mustBeStaff(p.actor);
        mustBeActive(j);
        // Two staff members at once: the second is refused as if the first had already taken effect.
        if (statusChanging) refuse('JourneySuspended', 'journey_suspended');
      },
      apply: async (p) => {
        await changingStatus(async () => {
          await forEachBlock(j, (h) => h.signal(m.blockSuspensionSignal, { suspended: true }));
          await j.mail.send(`suspended-${j.version + 1}`, 'journey_suspended', j.candidate);
        });
        j.status = 'suspended';
        await j.transition('suspended', p.actor, { reasonCode: p.reasonCode });
      },
    }),
    entry(m.resumeJourneyUpdate, {
      validate: (p) => {
        mustBeStaff(p.actor);
        if (j.status !== 'suspended' || statusChanging) refuse('WrongStage', 'not_suspended');
      },
      apply: async (p) => {
        await changingStatus(async () => {
          await forEachBlock(j, (h) => h.signal(m.blockSuspensionSignal, { suspended: false }));
          await j.mail.send(`resumed-${j.version + 1}`, 'journey_resumed', j.candidate);
        });
        j.status = 'active';
        await j.transition('resumed', p.actor);
      },
    }),
    entry(m.correctDecisionUpdate, {
      validate: (p) => {
        mustBeStaff(p.actor);
        notEnded();
        if (p.correction.kind !== 'thesis_grade') refuse('InvalidDecision', 'correction_kind');
        if (j.thesisGrade === undefined) refuse('WrongStage', 'nothing_to_correct');
        checkScale(j, p.correction.grade);
      },
      apply: async (p) => {
        const grade = (p.correction as { grade: number }).grade;
        const before = j.thesisGrade;
        await j.step()
          .write({ activity: 'recordThesis', input: { candidateId: j.input.candidateId, grade, validated: grade >= j.ref.grading.passMark } })
          .onceWritten(() => (j.thesisGrade = grade))
          .transition('decision_corrected', p.actor, { correctsDecisionId: p.correctsDecisionId, reasonCode: p.reasonCode, before: before ?? null, after: grade })
          .commit();
      },
    }),
    entry(m.withdrawJourneyUpdate, {
      validate: (p) => {
        notEnded();
        if (p.actor.kind !== 'candidate' && p.actor.kind !== 'staff') refuse('NotAllowed', 'withdraw_actor');
      },
      // The parent ends the journey once the current stage has stopped (journey.ts).
      apply: (p) => {
        j.withdrawal = p;
        j.scope.cancel();
      },
    }),
  ];
}
