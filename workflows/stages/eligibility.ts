// 2. Eligibility, computed from the declared profile by the domain rules (the quota comes at admission).
import type { StageRun } from '../handlers';
import { system, type Journey } from '../journey-state';
import { journeyActivities as acts } from '../support';

export function eligibilityStage(j: Journey): StageRun {
  return {
    handlers: {},
    async run() {
      const eligibility = await acts.assessCandidateEligibility({ candidateId: j.input.candidateId, referentialCode: j.input.referentialCode });
      const assessed = j.step().transition('eligibility_assessed', system, { category: eligibility.category, reasonCodes: eligibility.reasonCodes });
      if (eligibility.category !== 'not_eligible') {
        await assessed.commit();
        return { next: 'selection' };
      }
      await assessed.email('selection-decision', 'eligibility_refused', j.candidate, { data: { reasonCodes: eligibility.reasonCodes } }).commit();
      return { end: 'not_eligible', reasonCode: eligibility.reasonCodes[0] };
    },
  };
}
