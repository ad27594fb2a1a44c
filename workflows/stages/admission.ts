// 5. Admission after a positive interview: the derogation quotas are checked under the cohort's row lock.
// Since the `quota-reserve` patch (journey code v3, docs/upgrading.md) a derogation candidate refused only
// because the quota is full *now* enters the quota reserve (stages/quota-reserve.ts) instead of ending, and a
// by-right admission tells the cohort's reserve that the quota base grew.
import { patched } from '@temporalio/workflow';
import type { AdmissionOutcome } from '../../activities/journey-activities';
import type { StageRun } from '../handlers';
import { system, type Journey } from '../journey-state';
import { journeyActivities as acts } from '../support';
import { QUOTA_RESERVE_PATCH, reevaluateCohortReserve } from './quota-reserve';

export function admissionStage(j: Journey): StageRun {
  return {
    handlers: {},
    async run() {
      const { candidateId, cohortId } = j.input;
      let admission: AdmissionOutcome = await acts.admitCandidate({ candidateId, cohortId, referentialCode: j.input.referentialCode });
      // Refused on quota, but a place can open (null: never, e.g. a derogation this certification does not offer).
      if (!admission.admitted && admission.byRightAdmissionsNeeded !== null && patched(QUOTA_RESERVE_PATCH)) {
        const reserve = await acts.enterQuotaReserve({ candidateId, cohortId, journeyId: j.journeyId });
        if (reserve.status === 'waiting') {
          await j.transition('quota_reserve_entered', system, { reasonCodes: admission.reasonCodes, byRightAdmissionsNeeded: admission.byRightAdmissionsNeeded });
          return { next: 'awaiting_quota' };
        }
        // A place opened between the two checks: the reserve admitted the candidate at once.
        admission = { admitted: true, category: reserve.category, countedInQuota: true };
      }
      const decided = j.step().email('admission-decision', 'admission_decision', j.candidate, {
        data: admission.admitted
          ? { admitted: true, next: j.isVae ? 'vae_evidence' : j.internshipRequired || j.thesisRequired ? 'full_training' : 'blocks_only' }
          : { admitted: false, reasonCode: 'quota_full' },
      });
      if (!admission.admitted) {
        await decided.transition('admission_refused', system, { reasonCodes: admission.reasonCodes }).commit();
        return { end: 'quota_full', reasonCode: admission.reasonCodes[0] };
      }
      await decided.transition('admitted', system, { category: admission.category, countedInQuota: admission.countedInQuota }).commit();
      // A by-right admission grows the quota base: a place may open for the cohort's reserve.
      if (!admission.countedInQuota && patched(QUOTA_RESERVE_PATCH)) await reevaluateCohortReserve(j);
      return { next: j.isVae ? 'vae_evidence' : 'training' };
    },
  };
}
