// A real journey to its award on the quickest route: VAE, evidence validated for every block and the
// in-depth work, a valid certification jury, and each member's decision. The jury closes through the real
// closeJury activity, which keeps the procès-verbal and starts the CPF declaration deadline.
import * as journey from '../../workflows/journey-client';
import { admit, composeJury, createCandidate, id, staff, start, untilAwaiting, type JourneyHarness } from '../workflows/journey-harness';

export async function vaeAtCertificationJury(h: JourneyHarness) {
  const c = await createCandidate(h, { route: 'vae' });
  const journeyId = await start(h, c.input);
  await admit(h, journeyId, c.candidateId);
  await untilAwaiting(h, journeyId, 'vae_evidence');
  const items = ['BC01', 'BC02', 'BC03', 'BC04', 'in_depth_work'];
  for (const item of items) await journey.recordVaeEvidence(h.env.client, journeyId, { decisionId: id(), actor: staff, item, status: 'submitted' });
  await untilAwaiting(h, journeyId, 'vae_evidence_review');
  for (const item of items) await journey.recordVaeEvidence(h.env.client, journeyId, { decisionId: id(), actor: staff, item, status: 'validated' });
  const jury = await composeJury(h, journeyId, c.candidateId);
  return { c, journeyId, jury };
}
