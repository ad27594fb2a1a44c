// 6'. The VAE route: evidence for every enrolled block and the in-depth work, reviewed by staff.
import { condition } from '@temporalio/workflow';
import { vaeEvidenceItems } from '../../domain/rules';
import { mustBeStaff, type StageRun } from '../handlers';
import { system, type Journey } from '../journey-state';
import type * as m from '../messages';
import { refuse } from '../support';

export function vaeStage(j: Journey): StageRun {
  const items = new Map<string, m.RecordVaeEvidence['status'] | 'missing'>();
  for (const item of vaeEvidenceItems(j.ref, j.input.enrolledBlocks)) items.set(item, 'missing');
  const missing = () => [...items].filter(([, s]) => s === 'missing').map(([k]) => k);

  return {
    handlers: {
      recordVaeEvidence: {
        // The candidate says an item is sent (their files are in the document store) while it is awaited;
        // only staff validate or reject. A validator issues no command: no patch needed (docs/upgrading.md).
        validate: (p) => {
          if (p.actor.kind === 'candidate') {
            if (p.status !== 'submitted') refuse('NotAllowed', 'staff_only');
          } else mustBeStaff(p.actor);
          const current = items.get(p.item);
          if (current === undefined) refuse('InvalidDecision', 'unknown_item', { item: p.item });
          if (p.actor.kind === 'candidate' && current !== 'missing' && current !== 'submitted') refuse('WrongStage', 'vae_item_reviewed', { item: p.item });
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
      await j.step()
        .email('vae-request', 'vae_evidence_request', j.candidate, { data: { items: [...items.keys()], dueAtMs: due } })
        .transition('vae_evidence_opened', system, { items: [...items.keys()] })
        .commit();
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
