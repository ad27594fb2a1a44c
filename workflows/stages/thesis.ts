// The professional thesis (part of training): submission (reminders, escalation), defence date, grade.
// The grade is a decision carried to the later stages (staff may correct it: stages/anytime.ts).
import { condition } from '@temporalio/workflow';
import { isoDateToMs } from '../../domain/rules';
import { mustBeStaff, type StageHandlers } from '../handlers';
import { LINK_VALIDITY_MS, type Journey } from '../journey-state';
import { refuse } from '../support';
import { checkScale } from './anytime';

export function thesisPart(j: Journey): { handlers: StageHandlers; follow(): Promise<void> } {
  let submittedAtMs: number | undefined;
  let defenceOn: string | undefined;
  /** A grade being recorded (its effects not yet done): a second one is refused meanwhile. */
  let grading = false;

  async function follow(): Promise<void> {
    const start = Date.now();
    const due = j.dueOf('thesisSubmission', start);
    await j.mail.send('thesis-request', 'thesis_submission_request', j.candidate, { data: { dueAtMs: due }, action: { action: 'thesis_submission', expiresAtMs: due + LINK_VALIDITY_MS } });
    const submitted = () => submittedAtMs !== undefined;
    const w = await j.wait('thesisSubmission', 'thesis', [{ role: 'candidate' }], 'thesis_submission', submitted, async (n) => {
      const dueAtMs = j.plannedDue('thesis', due);
      await j.mail.send(`thesis-reminder-${n}`, 'thesis_reminder', j.candidate, { data: { dueAtMs }, action: { action: 'thesis_submission', expiresAtMs: dueAtMs + LINK_VALIDITY_MS } });
    }, start);
    if (w === 'deadline') await j.escalate('thesisSubmission', submitted, 'thesis-escalation', 'thesis_not_submitted');
    j.await('thesis-result', { who: { role: 'staff' }, what: 'thesis_result' });
    await condition(() => j.thesisGrade !== undefined);
    j.done('thesis-result');
  }

  return {
    follow,
    handlers: {
      submitThesis: {
        validate: (p) => {
          if (!j.thesisRequired) refuse('WrongStage', 'no_thesis');
          if (submittedAtMs !== undefined) refuse('WrongStage', 'thesis_submitted');
          if (p.actor.kind !== 'candidate' && p.actor.kind !== 'staff') refuse('NotAllowed', 'candidate_only');
        },
        apply: async (p) => {
          const at = Date.now();
          await j.step()
            .write({ activity: 'recordThesis', input: { candidateId: j.input.candidateId, submittedAtMs: at } })
            .onceWritten(() => (submittedAtMs = at))
            .transition('thesis_submitted', p.actor)
            .commit();
        },
      },
      scheduleThesisDefence: {
        validate: (p) => {
          mustBeStaff(p.actor);
          if (submittedAtMs === undefined) refuse('WrongStage', 'thesis_not_submitted');
        },
        apply: async (p) => {
          await j.step()
            .write({ activity: 'recordThesis', input: { candidateId: j.input.candidateId, defenceOn: p.defenceOn } })
            .onceWritten(() => (defenceOn = p.defenceOn))
            .transition('thesis_defence_scheduled', p.actor, { defenceOn: p.defenceOn })
            .commit();
        },
      },
      recordThesisResult: {
        validate: (p) => {
          mustBeStaff(p.actor);
          if (!defenceOn || isoDateToMs(defenceOn) > Date.now()) refuse('WrongStage', 'thesis_not_defended');
          if (j.thesisGrade !== undefined) refuse('WrongStage', 'thesis_graded');
          if (grading) refuse('WrongStage', 'decision_in_progress');
          checkScale(j, p.grade);
        },
        // The grade is kept only once it is recorded and the candidate's email queued: a failure leaves the
        // thesis ungraded, so a corrected retry is accepted (it was refused as "graded" in v1).
        apply: async (p) => {
          const validated = p.grade >= j.ref.grading.passMark;
          grading = true;
          try {
            await j.step()
              .write({ activity: 'recordThesis', input: { candidateId: j.input.candidateId, grade: p.grade, validated } })
              .email('thesis-result', 'thesis_result', j.candidate, { data: { validated, grade: p.grade, scale: j.ref.grading.scale } })
              .onceWritten(() => {
                grading = false;
                j.thesisGrade = p.grade;
              })
              .transition('thesis_result', p.actor, { grade: p.grade })
              .commit();
          } finally {
            grading = false;
          }
        },
      },
    },
  };
}
