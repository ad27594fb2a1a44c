// The internship (part of training): the candidate declares periods, staff confirm them; warnings before
// the programme ends while the full-time-equivalent total is short of the minimum.
import { condition } from '@temporalio/workflow';
import { isoDateToMs, reminderLadder, summariseInternship, type InternshipPeriod } from '../../domain/rules';
import { mustBeStaff, type StageHandlers } from '../handlers';
import { system, type Journey } from '../journey-state';
import { journeyActivities as acts, refuse } from '../support';

export function internshipPart(j: Journey): { handlers: StageHandlers; follow(): Promise<void> } {
  const periods = new Map<string, InternshipPeriod & { confirmed: boolean }>();
  const min = j.ref.completion.nonVae.internshipMinFteMonths ?? 0;
  /** `alsoConfirmed`: as it will be once that period's confirmation is written. */
  const summary = (alsoConfirmed?: string) =>
    summariseInternship([...periods].filter(([id, p]) => p.confirmed || id === alsoConfirmed).map(([, { confirmed: _c, ...p }]) => p), j.ref, min);
  const required = () => {
    if (!j.internshipRequired) refuse('WrongStage', 'no_internship');
  };

  async function follow(): Promise<void> {
    await j.mail.send('internship-request', 'internship_declaration_request', j.candidate, { data: { minimumMonths: min }, action: { action: 'internship_declaration', expiresAtMs: Date.now() + 365 * 86_400_000 } });
    const endsOn = j.input.programmeEndsOn;
    j.await('internship', { who: { role: 'candidate' }, what: 'internship_periods', dueAtMs: endsOn ? isoDateToMs(endsOn) : undefined });
    const met = () => summary().met;
    if (endsOn) {
      for (const [i, at] of reminderLadder(isoDateToMs(endsOn), j.ref.deadlines.internshipDeclaration.remindersBefore, Date.now()).entries()) {
        if (await condition(met, at - Date.now())) break;
        await j.mail.send(`internship-shortfall:${i}`, 'internship_shortfall_warning', j.candidate, { data: { fteMonths: summary().fteMonths, minimumMonths: min, programmeEndsOn: endsOn } });
        await j.alertStaff(`internship-shortfall-staff:${i}`, 'internship_short_of_minimum')();
      }
    }
    await condition(met);
    j.done('internship');
    await j.transition('internship_met', system, { fteMonths: summary().fteMonths });
  }

  return {
    follow,
    handlers: {
      declareInternshipPeriod: {
        validate: (p) => {
          required();
          if (periods.has(p.periodId)) refuse('InvalidDecision', 'period_declared');
        },
        apply: async (p) => {
          const period = await acts.readInternshipPeriod({ candidateId: j.input.candidateId, periodId: p.periodId });
          if (!period) refuse('InvalidDecision', 'period_unknown', { periodId: p.periodId });
          periods.set(p.periodId, { start: period.start, end: period.end, fteRatio: period.fteRatio, confirmed: false });
          await j.transition('internship_period_declared', p.actor, { periodId: p.periodId });
        },
      },
      confirmInternshipPeriod: {
        validate: (p) => {
          mustBeStaff(p.actor);
          const period = periods.get(p.periodId) ?? refuse('InvalidDecision', 'period_unknown', { periodId: p.periodId });
          if (period.confirmed) refuse('WrongStage', 'period_confirmed');
        },
        apply: async (p) => {
          await j.step()
            .write({ activity: 'confirmInternshipPeriodRow', input: { periodId: p.periodId, staffId: p.actor.kind === 'staff' ? p.actor.staffId : '' } })
            .onceWritten(() => {
              periods.get(p.periodId)!.confirmed = true;
              j.internshipFteMonths = summary().fteMonths;
            })
            .transition('internship_period_confirmed', p.actor, { periodId: p.periodId, fteMonths: summary(p.periodId).fteMonths })
            .commit();
        },
      },
    },
  };
}
