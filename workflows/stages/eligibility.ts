// 2. Eligibility, computed from the declared profile by the domain rules (the quota comes at admission).
import type { StageRun } from '../handlers';
import { system, type Journey } from '../journey-state';
import { journeyActivities as acts } from '../support';

export function eligibilityStage(j: Journey): StageRun {
  return {
    handlers: {},
    async run() {
      const eligibility = await acts.assessCandidateEligibility({ candidateId: j.input.candidateId, referentialCode: j.input.referentialCode });
      await j.transition('eligibility_assessed', system, { category: eligibility.category, reasonCodes: eligibility.reasonCodes });
      if (eligibility.category !== 'not_eligible') return { next: 'selection' };
      await j.mail.send('selection-decision', 'eligibility_refused', j.candidate, { data: { reasonCodes: eligibility.reasonCodes } });
      return { end: 'not_eligible', reasonCode: eligibility.reasonCodes[0] };
    },
  };
}
