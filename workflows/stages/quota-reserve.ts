// 5'. The quota reserve (D2, behind the `quota-reserve` patch: docs/upgrading.md). A derogation candidate
// who passed the interview while the cohort's quota was full waits here instead of being refused. The place
// itself is given by the database (activities/quota-reserve.ts, one locked transaction per change of the
// cohort's admissions: exactly one candidate per place); this run is told to look again by a signal from the
// journey whose admission or withdrawal changed the cohort. Staff decide at the cohort's cut-off date (admit
// on appeal with a justification, or refuse), reminded a week and a day before; without a decision the
// reserve ends in a refusal at the cut-off.
import { condition, getExternalWorkflowHandle } from '@temporalio/workflow';
import { quotaCutoffInstant, quotaCutoffReminders, QUOTA_CUTOFF_REMINDER_DAYS } from '../../domain/rules';
import type { ReserveState } from '../../activities/quota-reserve';
import { mustBeStaff, type StageRun } from '../handlers';
import { system, type Journey, type StageEnd } from '../journey-state';
import type * as m from '../messages';
import { quotaReserveChangedSignal } from '../quota-messages';
import { journeyActivities as acts, refuse } from '../support';

/** The patch that marks journeys running the quota reserve (journey code v3). */
export const QUOTA_RESERVE_PATCH = 'quota-reserve';
const DAY = 86_400_000;

/**
 * The cohort's admissions changed (a by-right admission, a withdrawal): open places go to the reserve in
 * order, and every journey that was waiting is told to look again.
 */
export async function reevaluateCohortReserve(j: Journey): Promise<void> {
  const { journeyIds } = await acts.fillQuotaReserve(j.input.cohortId);
  for (const id of journeyIds) {
    if (id === j.journeyId) continue;
    // A journey that ended meanwhile cannot be signalled: nothing is waiting there any more.
    await getExternalWorkflowHandle(id).signal(quotaReserveChangedSignal).catch(() => undefined);
  }
}

export function quotaReserveStage(j: Journey): StageRun {
  let decision: m.DecideQuotaReserve | undefined;
  let changed = false;
  /** Cut-off reminders already sent (or passed before the journey knew of the date), by date and days before. */
  const reminded = new Set<string>();

  /** Waits until the reserve is settled: a place, a decision, or the cut-off. */
  async function waitForOutcome(first: ReserveState): Promise<ReserveState> {
    let state = first;
    for (;;) {
      if (changed) {
        changed = false;
        state = await acts.readQuotaReserve(j.input.candidateId);
      }
      if (state.status !== 'waiting') return state;
      if (decision) {
        const staffId = decision.actor.kind === 'staff' ? decision.actor.staffId : 'unknown';
        const settlement = decision.decision === 'admit_on_appeal' ? { decision: decision.decision, staffId, justificationRef: decision.justificationRef } : { decision: decision.decision, staffId };
        return acts.settleQuotaReserve({ candidateId: j.input.candidateId, ...settlement });
      }
      const cutoffMs = state.cutoffOn ? quotaCutoffInstant(state.cutoffOn) : undefined;
      if (cutoffMs !== undefined && Date.now() >= cutoffMs) return acts.settleQuotaReserve({ candidateId: j.input.candidateId, decision: 'cutoff' });
      j.await('quota-reserve', { who: { role: 'staff' }, what: 'quota_reserve_decision', ...(cutoffMs !== undefined ? { dueAtMs: cutoffMs } : {}) });
      const wakeAt = cutoffMs === undefined ? undefined : await remindStaff(state.cutoffOn!, cutoffMs);
      const woke = await condition(() => changed || decision !== undefined, wakeAt === undefined ? undefined : Math.max(0, wakeAt - Date.now()));
      // A timer, not a signal: the reminder or the cut-off is due; a signal may have been lost, look again.
      if (!woke) changed = true;
    }
  }

  /** Sends the cut-off reminder now due (the latest one only), and answers when to wake next. */
  async function remindStaff(cutoffOn: string, cutoffMs: number): Promise<number> {
    const due = QUOTA_CUTOFF_REMINDER_DAYS.filter((d) => cutoffMs - d * DAY <= Date.now() && !reminded.has(`${cutoffOn}:${d}`));
    due.forEach((d) => reminded.add(`${cutoffOn}:${d}`));
    const latest = Math.min(...due);
    // A reminder more than a day late (the date was set close to the cut-off) is not sent: the next one is.
    if (due.length > 0 && Date.now() - (cutoffMs - latest * DAY) < DAY) {
      await j.alertStaff(`quota-reserve-reminder:${cutoffOn}:${latest}`, 'quota_reserve_cutoff_soon', { dueAtMs: cutoffMs })();
    }
    return Math.min(cutoffMs, ...quotaCutoffReminders(cutoffMs, Date.now()));
  }

  async function admitted(state: ReserveState): Promise<StageEnd> {
    const onAppeal = state.status === 'admitted_on_appeal';
    const told = j.step().email('admission-decision', 'admission_decision', j.candidate, {
      data: { admitted: true, next: j.isVae ? 'vae_evidence' : j.internshipRequired || j.thesisRequired ? 'full_training' : 'blocks_only', via: onAppeal ? 'appeal' : 'reserve' },
    });
    if (onAppeal) await told.transition('admitted_on_appeal', decision!.actor, { justificationRef: (decision as { justificationRef: string }).justificationRef }).commit();
    else await told.transition('admitted', system, { countedInQuota: true, fromReserve: true }).commit();
    return { next: j.isVae ? 'vae_evidence' : 'training' };
  }

  return {
    handlers: {
      decideQuotaReserve: {
        validate: (p) => {
          mustBeStaff(p.actor);
          if (decision) refuse('WrongStage', 'reserve_decided');
          if (p.decision !== 'admit_on_appeal' && p.decision !== 'refuse') refuse('InvalidDecision', 'decision_value');
          if (p.decision === 'admit_on_appeal' && !p.justificationRef) refuse('InvalidDecision', 'justification_required');
        },
        apply: (p) => void (decision = p),
      },
    },
    onReserveChanged: () => void (changed = true),
    async run() {
      const first = await acts.readQuotaReserve(j.input.candidateId);
      await j.step()
        .email('quota-reserve-entered', 'quota_reserve_entered', j.candidate, { data: first.cutoffOn ? { cutoffOn: first.cutoffOn } : {} })
        .transition('quota_reserve_waiting', system, { cutoffOn: first.cutoffOn })
        .commit();
      if (!first.cutoffOn) await j.alertStaff('quota-reserve-no-cutoff', 'quota_reserve_no_cutoff')();
      const state = await waitForOutcome(first);
      j.done('quota-reserve');
      if (state.status === 'admitted' || state.status === 'admitted_on_appeal') return admitted(state);
      const reasonCode = state.status === 'refused' ? 'quota_reserve_refused' : 'quota_reserve_cutoff';
      await j.step()
        .email('admission-decision', 'admission_decision', j.candidate, { data: { admitted: false, reasonCode } })
        .transition('quota_reserve_refused', decision?.actor ?? system, { reasonCode })
        .commit();
      return { end: 'quota_full', reasonCode };
    },
  };
}
