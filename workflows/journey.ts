// The candidate journey: one durable workflow per candidate and certification, from the dossier to the
// follow-up surveys (../shared/domain.md). Each run is one stage: the stage's module (workflows/stages/)
// owns its wait, its decisions and its emails; at the boundary the journey continues as new, carrying
// identifiers and decisions only (journey-state.ts `Carried`). Journeys started before v2 run the frozen
// v1 code (workflows/v1/) until their next continue-as-new: docs/upgrading.md.
import { CancellationScope, continueAsNew, isCancellation, patched } from '@temporalio/workflow';
import { registerHandlers, type StageRun } from './handlers';
import { Journey, system, type Carried } from './journey-state';
import type * as m from './messages';
import { admissionStage } from './stages/admission';
import { certificationJuryStage } from './stages/certification-jury';
import { dossierStage } from './stages/dossier';
import { eligibilityStage } from './stages/eligibility';
import { followUpStage } from './stages/follow-up';
import { interviewStage } from './stages/interview';
import { QUOTA_RESERVE_PATCH, quotaReserveStage, reevaluateCohortReserve } from './stages/quota-reserve';
import { selectionStage } from './stages/selection';
import { trainingStage } from './stages/training';
import { vaeStage } from './stages/vae';
import { candidateJourneyV1 } from './v1/journey';
import { journeyActivities as acts } from './support';

/** The patch that marks a journey started by the v2 code (docs/upgrading.md). */
export const JOURNEY_V2_PATCH = 'journey-v2';

export interface JourneyResult {
  outcome: m.JourneyOutcome;
  reasonCode?: string;
}

/** The journey, stage after stage. */
function stageOf(j: Journey): StageRun {
  switch (j.stage) {
    case 'dossier': return dossierStage(j); // 1. the five pieces arrive; reminders; expiry
    case 'eligibility': return eligibilityStage(j); // 2. computed from the declared profile
    case 'selection': return selectionStage(j); // 3. the selection jury reviews the dossier
    case 'interview': return interviewStage(j); // 4. slot choice, interview, outcome
    case 'admission': return admissionStage(j); // 5. admission under the derogation quotas
    case 'awaiting_quota': return quotaReserveStage(j); // 5'. a derogation waits for a place, or staff's decision
    case 'training': return trainingStage(j); // 6-7. blocks, internship, thesis
    case 'vae_evidence': return vaeStage(j); // 6'. the VAE route's evidence
    case 'certification_jury': return certificationJuryStage(j); // 8. the jury decides
    case 'follow_up': return followUpStage(j); // 9. surveys at 6 and 24 months
    default: throw new Error(`No stage module for ${j.stage}`);
  }
}

export async function candidateJourney(args: m.JourneyArgs): Promise<JourneyResult> {
  // Journeys whose history has no v2 marker were started by v1: they keep v1's code to their end (or to
  // their next continue-as-new, which starts a run without history, on this branch).
  if (!patched(JOURNEY_V2_PATCH)) return candidateJourneyV1(args);
  const j = new Journey(args.input, args.carried as Carried | undefined);
  let current = stageOf(j);
  registerHandlers(j, () => current);

  let end;
  try {
    end = await j.scope.run(() => current.run());
  } catch (error) {
    if (!(j.withdrawal && isCancellation(error))) throw error;
    return CancellationScope.nonCancellable(() => withdraw(j, current));
  }
  if ('end' in end) return j.end(end.end, end.reasonCode);
  // The stage is over: its decisions are refused from now on (they would be lost with this run).
  current = { handlers: {}, run: () => Promise.reject(new Error('stage over')) };
  await j.quiesce();
  // A withdrawal accepted while handlers and deliveries settled must not be lost in the next run.
  if (j.withdrawal) return CancellationScope.nonCancellable(() => withdraw(j, current));
  return continueAsNew<typeof candidateJourney>({ input: args.input, carried: j.carry(end.next) });
}

/** Ends a withdrawn journey: before the award the place is released; after it the award stands. */
async function withdraw(j: Journey, stage: StageRun): Promise<JourneyResult> {
  const w = j.withdrawal!;
  if (j.stage === 'follow_up') {
    await j.transition('follow_up_withdrawn', w.actor, { reasonCode: w.reasonCode });
    return j.end(j.finalOutcome(), 'follow_up_withdrawn');
  }
  await acts.releaseAdmission(j.input.candidateId);
  // A withdrawal may free a derogation place: the cohort's reserve looks again.
  if (patched(QUOTA_RESERVE_PATCH)) await reevaluateCohortReserve(j);
  await j.mail.send('withdrawn', 'journey_withdrawn', j.candidate);
  await stage.onWithdrawn?.();
  await j.transition('withdrawn', w.actor, { reasonCode: w.reasonCode, atStage: j.stage });
  return j.end('withdrawn', w.reasonCode);
}

export { system };
