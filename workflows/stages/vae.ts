// 6'. The VAE route: evidence for every enrolled block and the in-depth work, reviewed by staff.
import { condition } from '@temporalio/workflow';
import { mustBeStaff, type StageRun } from '../handlers';
import { system, type Journey } from '../journey-state';
import type * as m from '../messages';
import { refuse } from '../support';

export function vaeStage(j: Journey): StageRun {
  const items = new Map<string, m.RecordVaeEvidence['status'] | 'missing'>();
  for (const code of j.blockCodes) items.set(code, 'missing');
  if (j.fullEnrolment && j.ref.completion.vae.inDepthWorkRequired) items.set('in_depth_work', 'missing');
  const missing = () => [...items].filter(([, s]) => s === 'missing').map(([k]) => k);

  return {
    handlers: {
      recordVaeEvidence: {
        validate: (p) => {
          mustBeStaff(p.actor);
          if (!items.has(p.item)) refuse('InvalidDecision', 'unknown_item', { item: p.item });
        },
        apply: async (p) => {
          items.set(p.item, p.status);
          await j.transition('vae_evidence', p.actor, { item: p.item, status: p.status });
        },
      },
    },
    async run() {
      const start = Date.now();
      const due = j.dueOf('vaeEvidenceSubmission', start);
      await j.mail.send('vae-request', 'vae_evidence_request', j.candidate, { data: { items: [...items.keys()], dueAtMs: due } });
      await j.transition('vae_evidence_opened', system, { items: [...items.keys()] });
      const submitted = () => missing().length === 0;
      const w = await j.wait('vaeEvidenceSubmission', 'vae', [{ role: 'candidate' }], 'vae_evidence', submitted, async (n) => {
        await j.mail.send(`vae-reminder-${n}`, 'vae_evidence_request', j.candidate, { data: { reminder: true, items: missing(), dueAtMs: j.plannedDue('vae', due) } });
      }, start);
      if (w === 'deadline') await j.escalate('vaeEvidenceSubmission', submitted, 'vae-escalation', 'vae_evidence_missing');
      j.await('vae-review', { who: { role: 'staff' }, what: 'vae_evidence_review' });
      await condition(() => [...items.values()].every((s) => s === 'validated' || s === 'rejected'));
      j.done('vae-review');
      for (const code of j.blockCodes) j.blocks.set(code, { code, status: items.get(code) === 'validated' ? 'validated' : 'failed' });
      return { next: 'certification_jury' };
    },
  };
}
