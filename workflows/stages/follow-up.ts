// 9. The follow-up: a survey at each of the referential's waves (6 and 24 months after the award), one
// wave per run (continue-as-new between waves: two years of waiting, small histories). An unanswered survey
// is recorded as such; the statistics count it as a non-response.
import { sleep } from '@temporalio/workflow';
import { addMonths, isoDateToMs } from '../../domain/rules';
import type { StageRun } from '../handlers';
import { LINK_VALIDITY_MS, system, type Journey } from '../journey-state';
import { refuse } from '../support';

export function followUpStage(j: Journey): StageRun {
  const months = j.ref.followUp.surveyMonthsAfterCertification;
  const wave = months[j.wavesDone];
  let answered = false;
  const link = (dueAtMs: number) => ({ action: 'follow_up_survey' as const, expiresAtMs: dueAtMs + LINK_VALIDITY_MS, subjectRef: String(wave) });

  return {
    handlers: {
      answerFollowUpSurvey: {
        validate: (p) => {
          if (p.actor.kind !== 'candidate' && p.actor.kind !== 'staff') refuse('NotAllowed', 'candidate_only');
          if (!months.includes(p.wave)) refuse('InvalidDecision', 'unknown_wave', { wave: p.wave });
          // Answers to an earlier wave's link are refused: that survey is closed.
          if (p.wave !== wave) refuse('WrongStage', 'survey_closed', { wave: p.wave });
          if (answered) refuse('WrongStage', 'already_answered');
        },
        apply: async (p) => {
          await j.step()
            .write({ activity: 'recordFollowUpAnswer', input: { candidateId: j.input.candidateId, wave: p.wave, employed: p.employed, inTargetJob: p.inTargetJob, romeCode: p.romeCode } })
            .onceWritten(() => (answered = true))
            .transition('follow_up_answered', p.actor, { wave: p.wave, employed: p.employed, inTargetJob: p.inTargetJob })
            .commit();
        },
      },
    },
    async run() {
      if (wave === undefined) return { end: j.finalOutcome() };
      const surveyOn = isoDateToMs(addMonths(j.award!.awardedOn, wave));
      j.await(`survey-${wave}`, { who: { role: 'candidate' }, what: 'follow_up_survey', dueAtMs: surveyOn });
      await sleep(Math.max(0, surveyOn - Date.now()));
      const start = Date.now();
      const due = j.dueOf('followUpSurvey', start);
      await j.step()
        .email(`survey-${wave}`, 'follow_up_survey_request', j.candidate, { data: { wave, dueAtMs: due }, action: link(due) })
        .transition('follow_up_survey_sent', system, { wave })
        .commit();
      j.done(`survey-${wave}`);
      const w = await j.wait('followUpSurvey', `survey-${wave}`, [{ role: 'candidate' }], 'follow_up_survey', () => answered, async (n) => {
        const dueAtMs = j.plannedDue(`survey-${wave}`, due);
        await j.mail.send(`survey-${wave}-reminder-${n}`, 'follow_up_survey_reminder', j.candidate, { data: { wave, dueAtMs }, action: link(dueAtMs) });
      }, start);
      await j.transition(w === 'done' ? 'follow_up_wave_answered' : 'follow_up_wave_unanswered', system, { wave });
      j.wavesDone += 1;
      return j.wavesDone >= months.length ? { end: j.finalOutcome() } : { next: 'follow_up' };
    },
  };
}
