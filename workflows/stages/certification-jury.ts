// 8. The certification jury: staff compose it (composition and impartiality checked by domain/jury),
// each member decides (reminders, escalation, replacement of a silent member), the majority decides;
// a deferral opens a new sitting. The award opens the follow-up.
import { condition } from '@temporalio/workflow';
import { checkJuryComposition, msToIsoDate, registrationValidOn } from '../../domain/rules';
import { mustBeStaff, type StageRun } from '../handlers';
import { LINK_VALIDITY_MS, system, type Journey } from '../journey-state';
import type * as m from '../messages';
import { journeyActivities as acts, refuse } from '../support';

interface Sitting {
  juryId: string;
  members: m.JuryMemberRef[];
  sittingOn: string;
  decisions: Map<string, m.RecordJuryDecision>;
  /** The decision deadline as members are told it (set when the sitting's requests go out; extensions move it). */
  dueAtMs: number;
}

export function certificationJuryStage(j: Journey): StageRun {
  let jury: Sitting | undefined;
  const checkComposition = (members: m.JuryMemberRef[], trainerAndAssessorIds: string[]) => {
    const check = checkJuryComposition(members.map((x) => ({ id: x.memberId, kind: x.kind, inActivity: x.inActivity })), { trainerAndAssessorIds }, j.ref);
    // The wording is made again from the same data by activities/wording/refusals.ts.
    if (!check.valid) refuse('InvalidJury', 'invalid_jury', { referentialCode: j.ref.code, reasons: check.reasons.map((r) => r.code), members: JSON.stringify(members), trainerAndAssessorIds });
  };
  const mustBeRegistered = (date: string) => {
    if (!registrationValidOn(j.ref, date)) refuse('RegistrationNotValid', 'registration_not_valid', { referentialCode: j.ref.code, date, endDate: j.ref.registration.endDate });
  };
  const ask = (s: Sitting, memberId: string, purpose: string, template: 'jury_decision_request' | 'jury_decision_reminder') =>
    j.mail.send(...askArgs(s, memberId, purpose, template));
  const askArgs = (s: Sitting, memberId: string, purpose: string, template: 'jury_decision_request' | 'jury_decision_reminder') =>
    [purpose, template, { kind: 'juryMember', memberId }, { data: { sittingOn: s.sittingOn, dueAtMs: s.dueAtMs }, action: { action: 'jury_decision', expiresAtMs: s.dueAtMs + LINK_VALIDITY_MS, subjectRef: memberId } }] as const;
  const requestArgs = (s: Sitting, memberId: string) => askArgs(s, memberId, `jury-request:${s.juryId}:${memberId}`, 'jury_decision_request');

  /** One sitting, from the composition to the deliberation: the jury's outcome. */
  async function sit(n: number): Promise<{ outcome: string; deferredBlocks: string[] }> {
    jury = undefined;
    j.await('jury-compose', { who: { role: 'staff' }, what: 'compose_certification_jury' });
    await j.transition('certification_jury_awaited', system, { sitting: n });
    await condition(() => jury !== undefined);
    j.done('jury-compose');
    const s = jury!;
    const start = Date.now();
    s.dueAtMs = j.dueOf('juryDecision', start);
    const composed = j.step();
    for (const member of s.members) composed.email(...requestArgs(s, member.memberId));
    await composed.transition('certification_jury_composed', system, { juryId: s.juryId, members: s.members.map((x) => x.memberId), sittingOn: s.sittingOn }).commit();
    const allDecided = () => s.members.every((x) => s.decisions.has(x.memberId));
    const undecided = () => s.members.filter((x) => !s.decisions.has(x.memberId)).map((x) => x.memberId);
    const w = await j.wait('juryDecision', `jury:${n}`, s.members.map((x) => ({ role: 'juryMember', ref: x.memberId })), 'jury_decision', allDecided, async (r) => {
      s.dueAtMs = j.plannedDue(`jury:${n}`, s.dueAtMs);
      for (const id of undecided()) await ask(s, id, `jury-reminder:${s.juryId}:${id}:${r}`, 'jury_decision_reminder');
    }, start);
    if (w === 'deadline') await j.escalate('juryDecision', allDecided, `jury-escalation:${s.juryId}`, 'jury_decision_overdue');
    const votes = [...s.decisions.values()];
    const count = (d: string) => votes.filter((v) => v.decision === d).length;
    const majority = Math.floor(s.members.length / 2) + 1;
    const deferredBlocks = [...new Set(votes.flatMap((v) => v.deferredBlocks ?? []))].sort();
    const outcome = count('award') >= majority ? (deferredBlocks.length ? 'partially_deferred' : 'awarded') : count('not_award') >= majority ? 'not_awarded' : 'deferred';
    await acts.closeJury({ juryId: s.juryId, outcome, deliberation: { votes: votes.map((v) => ({ memberId: v.memberId, decision: v.decision, decisionId: v.decisionId })), deferredBlocks } });
    // The jury's closing stays its own activity: it renders the procès-verbal into the document store.
    await j.step()
      .email(`certification-outcome:${s.juryId}`, 'certification_outcome', j.candidate, { data: { outcome, deferredBlocks, award: j.fullEnrolment ? 'title' : 'blocks', blocks: j.blockCodes } })
      .transition('certification_jury_decided', system, { juryId: s.juryId, outcome, deferredBlocks })
      .commit();
    return { outcome, deferredBlocks };
  }

  return {
    handlers: {
      composeCertificationJury: {
        validate: (p) => {
          mustBeStaff(p.actor);
          if (jury) refuse('WrongStage', 'jury_composed');
          checkComposition(p.members, p.trainerAndAssessorIds);
          mustBeRegistered(p.sittingOn);
        },
        apply: (p) => void (jury = { juryId: p.juryId, members: p.members, sittingOn: p.sittingOn, decisions: new Map(), dueAtMs: 0 }),
      },
      recordJuryDecision: {
        validate: (p) => {
          const s = jury ?? refuse('WrongStage', 'no_jury');
          if (!(p.actor.kind === 'juryMember' && p.actor.memberId === p.memberId) && p.actor.kind !== 'staff') refuse('NotAllowed', 'not_this_member');
          if (!s.members.some((x) => x.memberId === p.memberId)) refuse('NotAllowed', 'not_a_member');
          // A member may change their mind while the jury is open; once every member has decided it deliberates.
          if (s.decisions.has(p.memberId) && s.members.every((x) => s.decisions.has(x.memberId))) refuse('WrongStage', 'jury_closed');
          if (!['award', 'not_award', 'defer'].includes(p.decision)) refuse('InvalidDecision', 'decision_value');
          for (const b of p.deferredBlocks ?? []) if (!j.blockCodes.includes(b)) refuse('InvalidDecision', 'unknown_block', { block: b });
          mustBeRegistered(msToIsoDate(Date.now()));
        },
        apply: async (p) => {
          const s = jury!;
          const superseded = s.decisions.get(p.memberId);
          await j.step()
            .write({ activity: 'recordJuryDecisionRow', input: { decisionId: p.decisionId, juryId: s.juryId, memberId: p.memberId, decision: p.decision, commentRef: p.commentRef, supersedes: superseded?.decisionId } })
            // The vote counts once its row is written: the deliberation reads the rows.
            .onceWritten(() => s.decisions.set(p.memberId, p))
            .transition(superseded ? 'jury_decision_changed' : 'jury_decision', p.actor, { memberId: p.memberId, decision: p.decision })
            .commit();
        },
      },
      replaceJuryMember: {
        validate: (p) => {
          mustBeStaff(p.actor);
          if (!jury || !jury.members.some((x) => x.memberId === p.replacedMemberId)) refuse('InvalidDecision', 'not_a_member');
          if (jury.decisions.has(p.replacedMemberId)) refuse('WrongStage', 'already_decided');
          checkComposition(jury.members.map((x) => (x.memberId === p.replacedMemberId ? p.substitute : x)), []);
        },
        apply: async (p) => {
          const s = jury!;
          await j.step()
            .write({ activity: 'replaceJuryMemberRow', input: { journeyId: j.journeyId, juryId: s.juryId, replacedMemberId: p.replacedMemberId } })
            .onceWritten(() => (s.members = s.members.map((x) => (x.memberId === p.replacedMemberId ? p.substitute : x))))
            // The replaced member is told their link no longer works.
            .email(`jury-released:${s.juryId}:${p.replacedMemberId}`, 'jury_member_released', { kind: 'juryMember', memberId: p.replacedMemberId }, { data: { sittingOn: s.sittingOn } })
            .email(...requestArgs(s, p.substitute.memberId))
            .transition('jury_member_replaced', p.actor, { replacedMemberId: p.replacedMemberId, substituteId: p.substitute.memberId })
            .commit();
        },
      },
    },
    async run() {
      for (let n = 1; ; n++) {
        const { outcome } = await sit(n);
        if (outcome === 'not_awarded') return { end: 'not_awarded', reasonCode: 'jury_not_awarded' };
        if (outcome !== 'awarded') continue;
        j.award = { awardedOn: msToIsoDate(Date.now()), award: j.fullEnrolment ? 'title' : 'blocks' };
        j.stage = 'follow_up';
        await j.transition('follow_up_started', system, { awardedOn: j.award.awardedOn });
        return { next: 'follow_up' };
      }
    },
  };
}
