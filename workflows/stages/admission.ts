// 5. Admission after a positive interview: the derogation quotas are checked under the cohort's row lock.
import type { StageRun } from '../handlers';
import { system, type Journey } from '../journey-state';
import { journeyActivities as acts } from '../support';

export function admissionStage(j: Journey): StageRun {
  return {
    handlers: {},
    async run() {
      const admission = await acts.admitCandidate({ candidateId: j.input.candidateId, cohortId: j.input.cohortId, referentialCode: j.input.referentialCode });
      await j.mail.send('admission-decision', 'admission_decision', j.candidate, {
        data: admission.admitted
          ? { admitted: true, next: j.isVae ? 'vae_evidence' : j.internshipRequired || j.thesisRequired ? 'full_training' : 'blocks_only' }
          : { admitted: false, reasonCode: 'quota_full' },
      });
      if (!admission.admitted) {
        await j.transition('admission_refused', system, { reasonCodes: admission.reasonCodes });
        return { end: 'quota_full', reasonCode: admission.reasonCodes[0] };
      }
      await j.transition('admitted', system, { category: admission.category, countedInQuota: admission.countedInQuota });
      return { next: j.isVae ? 'vae_evidence' : 'training' };
    },
  };
}
