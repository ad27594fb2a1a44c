// 4. The motivation interview: staff offer slots, the candidate chooses one (reminders, escalation),
// reminders before the interview, then the interview jury records the outcome. A reschedule re-opens the
// choice, also after the interview time (it did not take place). Every email about slots carries their
// facts (`SlotFacts`: start, duration, place): the email, its calendar file and the link page show them.
// The candidate and the interviewers get the same calendar invitation; a reschedule or a withdrawal
// cancels it.
import { condition } from '@temporalio/workflow';
import { reminderLadder } from '../../domain/rules';
import { mustBeStaff, type StageRun } from '../handlers';
import { LINK_VALIDITY_MS, slotFacts, system, type Journey } from '../journey-state';
import type * as m from '../messages';
import { refuse } from '../support';

export function interviewStage(j: Journey): StageRun {
  let slots: m.InterviewSlot[] = [];
  let jury: string[] = [];
  let chosen: m.InterviewSlot | undefined;
  let outcome: m.RecordInterviewOutcome['outcome'] | undefined;
  let reschedules = 0;
  /** The interview whose calendar invitation was sent (a reschedule or a withdrawal cancels it). */
  let confirmed: { offer: number; slot: m.InterviewSlot } | undefined;

  const checkSlots = (offered: m.InterviewSlot[]) => {
    if (offered.length === 0) refuse('InvalidDecision', 'no_slot');
    if (offered.some((s) => s.startsAtMs <= Date.now())) refuse('InvalidDecision', 'slot_past');
  };
  const choiceLink = (dueAtMs: number) => ({ action: 'interview_slot_choice' as const, expiresAtMs: dueAtMs + LINK_VALIDITY_MS });
  const askOutcome = (member: string, purpose: string, slot: m.InterviewSlot, dueAtMs: number, reminder?: true) =>
    j.mail.send(purpose, 'interview_outcome_request', { kind: 'juryMember', memberId: member }, {
      data: { slot: slotFacts(slot), dueAtMs, ...(reminder ? { reminder } : {}) },
      action: { action: 'interview_outcome', expiresAtMs: dueAtMs + LINK_VALIDITY_MS, subjectRef: member },
    });

  /** The earlier invitation is void: the candidate and the interviewers get the calendar cancellation. */
  async function cancelInterview(because: 'rescheduled' | 'withdrawn'): Promise<void> {
    const { offer, slot } = confirmed!;
    confirmed = undefined;
    await j.mail.send(`interview-cancelled:${offer}`, 'interview_cancelled', j.candidate, { data: { slot: slotFacts(slot), offer, audience: 'candidate', because } });
    for (const member of jury) {
      await j.mail.send(`interview-cancelled:${offer}:${member}`, 'interview_cancelled', { kind: 'juryMember', memberId: member }, { data: { slot: slotFacts(slot), offer, audience: 'interviewer', because } });
    }
  }

  /** One offer of slots, from the email to the outcome; false when a reschedule interrupted it. */
  async function offerRound(offer: number): Promise<boolean> {
    const current = () => reschedules === offer;
    // A confirmed interview replaced by a reschedule: the earlier calendar invitation is cancelled.
    if (confirmed && confirmed.offer !== offer) await cancelInterview('rescheduled');
    const choiceStart = Date.now();
    const choiceDue = j.dueOf('interviewSlotChoice', choiceStart);
    await j.step()
      .email(`interview-slots:${offer}`, 'interview_slots_offered', j.candidate, { data: { slots: slots.map(slotFacts), dueAtMs: choiceDue }, action: choiceLink(choiceDue) })
      .transition('interview_slots_offered', system, { slots: slots.map((s) => s.slotId), offer })
      .commit();
    const choiceMade = () => chosen !== undefined || !current();
    const choice = await j.wait('interviewSlotChoice', 'slot', [{ role: 'candidate' }], 'interview_slot_choice', choiceMade, async (n) => {
      const dueAtMs = j.plannedDue('slot', choiceDue);
      await j.mail.send(`interview-slot-reminder:${offer}:${n}`, 'interview_slots_offered', j.candidate, { data: { slots: slots.map(slotFacts), dueAtMs, reminder: true }, action: choiceLink(dueAtMs) });
    }, choiceStart);
    if (choice === 'deadline') await j.escalate('interviewSlotChoice', choiceMade, `interview-slot-escalation:${offer}`, 'interview_slot_not_chosen');
    if (!current()) return false;
    const slot = chosen!;
    const invited = j.step()
      .email(`interview-confirmed:${offer}`, 'interview_confirmed', j.candidate, { data: { slot: slotFacts(slot), offer, audience: 'candidate' } })
      .onceWritten(() => (confirmed = { offer, slot }));
    // The interviewers get the same invitation (same calendar event).
    for (const member of jury) {
      invited.email(`interview-confirmed:${offer}:${member}`, 'interview_confirmed', { kind: 'juryMember', memberId: member }, { data: { slot: slotFacts(slot), offer, audience: 'interviewer' } });
    }
    await invited.transition('interview_slot_chosen', system, { slotId: slot.slotId }).commit();
    // Reminders before the interview, on the slot-choice step's ladder counted back from the interview.
    for (const [i, at] of reminderLadder(slot.startsAtMs, j.ref.deadlines.interviewSlotChoice.remindersBefore, Date.now()).entries()) {
      if (await condition(() => !current(), at - Date.now())) return false;
      await j.mail.send(`interview-reminder:${offer}:${i}`, 'interview_reminder', j.candidate, { data: { slot: slotFacts(slot) } });
    }
    if (await condition(() => !current(), Math.max(0, slot.startsAtMs - Date.now()))) return false;
    const outcomeStart = Date.now();
    const outcomeDue = j.dueOf('interviewDecision', outcomeStart);
    for (const member of jury) await askOutcome(member, `interview-outcome-request:${offer}:${member}`, slot, outcomeDue);
    const decided = () => outcome !== undefined || !current();
    const wait = await j.wait('interviewDecision', 'interview-outcome', jury.map((ref) => ({ role: 'juryMember', ref })), 'interview_outcome', decided, async (n) => {
      const dueAtMs = j.plannedDue('interview-outcome', outcomeDue);
      for (const member of jury) await askOutcome(member, `interview-outcome-reminder:${offer}:${member}:${n}`, slot, dueAtMs, true);
    }, outcomeStart);
    if (wait === 'deadline') await j.escalate('interviewDecision', decided, `interview-outcome-escalation:${offer}`, 'interview_outcome_overdue');
    return current();
  }

  return {
    handlers: {
      offerInterviewSlots: {
        validate: (p) => {
          mustBeStaff(p.actor);
          if (slots.length > 0) refuse('WrongStage', 'slots_already_offered');
          checkSlots(p.slots);
          if (p.juryMemberIds.length === 0) refuse('InvalidDecision', 'no_interview_jury');
        },
        apply: (p) => {
          slots = p.slots;
          jury = p.juryMemberIds;
        },
      },
      chooseInterviewSlot: {
        validate: (p) => {
          if (p.actor.kind !== 'candidate' && p.actor.kind !== 'staff') refuse('NotAllowed', 'candidate_only');
          if (chosen) refuse('WrongStage', 'slot_already_chosen');
          const slot = slots.find((s) => s.slotId === p.slotId) ?? refuse('InvalidDecision', 'unknown_slot');
          if (slot.startsAtMs <= Date.now()) refuse('InvalidDecision', 'slot_past');
        },
        apply: (p) => void (chosen = slots.find((s) => s.slotId === p.slotId)),
      },
      rescheduleInterview: {
        validate: (p) => {
          if (outcome) refuse('WrongStage', 'interview_done');
          if (reschedules >= j.policy.interviewReschedules) refuse('NotAllowed', 'no_reschedule_left', { used: reschedules });
          checkSlots(p.slots);
        },
        apply: (p) => {
          reschedules += 1;
          slots = p.slots;
          chosen = undefined;
        },
      },
      recordInterviewOutcome: {
        validate: (p) => {
          if (!chosen || chosen.startsAtMs > Date.now()) refuse('WrongStage', 'interview_not_held');
          if (outcome) refuse('WrongStage', 'outcome_recorded');
          if (p.actor.kind === 'juryMember' ? !jury.includes(p.actor.memberId) : p.actor.kind !== 'staff') refuse('NotAllowed', 'not_interview_jury');
          if (!['admitted', 'not_admitted', 'no_show'].includes(p.outcome)) refuse('InvalidDecision', 'outcome_value');
        },
        apply: (p) => void (outcome = p.outcome),
      },
    },
    // A withdrawal before the interview took place: the calendar invitation is cancelled.
    onWithdrawn: async () => {
      if (confirmed && outcome === undefined) await cancelInterview('withdrawn');
    },
    async run() {
      j.await('interview-slots', { who: { role: 'staff' }, what: 'offer_interview_slots' });
      await j.transition('interview_opened', system);
      await condition(() => slots.length > 0);
      j.done('interview-slots');
      while (!(await offerRound(reschedules)));
      const held = j.step().transition('interview_outcome', system, { outcome: outcome! });
      if (outcome === 'admitted') {
        await held.commit();
        return { next: 'admission' };
      }
      const noShow = outcome === 'no_show';
      await held.email('admission-decision', 'admission_decision', j.candidate, { data: { admitted: false, reasonCode: noShow ? 'no_show' : 'interview_not_admitted' } }).commit();
      return noShow ? { end: 'no_show', reasonCode: 'interview_no_show' } : { end: 'not_admitted', reasonCode: 'interview_not_admitted' };
    },
  };
}
