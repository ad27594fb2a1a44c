// What a candidate handed in besides the dossier, for staff who review it: each VAE evidence item (named
// in words) with its status, the reason of its last rejection and its files; and the work handed in per
// assessment and attempt. The files download through GET /candidates/:id/documents/:fileId/content (audited).
//   GET /candidates/:id/evidence
import { z } from 'zod';
import { assessmentName, blockName, vaeItemName } from '../../activities/wording/catalogue';
import { fileKindOf } from '../../documents/evidence-kinds';
import { pieceHistory, type PieceFile } from '../../documents/pieces';
import { getReferential } from '../../domain/index';
import { vaeEvidenceView } from '../candidate-space/evidence-view';
import type { AppDeps } from '../app';
import { ANY_ROLE } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { idParams } from './common';
import { loadCandidate } from './candidates';

/** The audit action that keeps the reason staff gave when rejecting a VAE item (api/routes/actions.ts). */
export const VAE_REJECTION_REASON = 'vae_evidence.rejection_reason';

const words = z.object({ fr: z.string(), en: z.string() });
const file = z.object({ fileId: z.uuid(), version: z.number().int(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sentAt: z.string(), href: z.string() });
const evidence = z.object({
  blocks: z.array(z.object({ code: z.string(), title: words })).describe('The referential\'s blocks in words, to name a block code'),
  vae: z.array(z.object({ item: z.string(), title: words, status: z.enum(['missing', 'submitted', 'validated', 'rejected'] satisfies Status[]), reason: z.string().nullable(), files: z.array(file) })).nullable(),
  work: z.array(z.object({ blockCode: z.string(), block: words, assessmentId: z.string(), assessment: words, attempt: z.number().int(), files: z.array(file) })),
});
type Status = 'missing' | 'submitted' | 'validated' | 'rejected';

export function candidateEvidenceRouter(registry: ApiRegistry, { db }: AppDeps) {
  return registry.router((add) => {
    add({
      method: 'get', path: '/candidates/:id/evidence', operationId: 'getCandidateEvidence', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'VAE evidence per item (status, last rejection reason, files) and assessment work per attempt, with download links',
      params: idParams,
      responses: { 200: { description: 'The evidence and the work handed in', schema: evidence }, 404: { description: 'No such candidate' } },
      handler: async ({ params }) => {
        const { candidate, journeyId } = await loadCandidate(db, params.id);
        const ref = getReferential(candidate.cohort.referentialCode);
        const history = await pieceHistory(db, candidate.id);
        const out = (f: PieceFile) => ({ fileId: f.fileId, version: f.version, fileName: f.fileName, mediaType: f.mediaType, sizeBytes: f.sizeBytes, sentAt: f.sentAt.toISOString(), href: `/candidates/${candidate.id}/documents/${f.fileId}/content` });
        const reasons = await lastReasons(db, candidate.id);
        const vae = candidate.route !== 'vae' ? null : (await vaeEvidenceView(db, journeyId, ref, candidate.enrolledBlocks, history)).map((v) => ({
          item: v.item, title: { fr: vaeItemName(ref, v.item, 'fr'), en: vaeItemName(ref, v.item, 'en') }, status: v.status as Status,
          reason: v.status === 'rejected' ? reasons.get(v.item) ?? null : null, files: v.files.map(out),
        }));
        const work = [];
        for (const [kind, files] of history) {
          const k = fileKindOf(kind);
          if (k.type !== 'work') continue;
          const blockCode = ref.blocks.find((b) => b.assessments.some((a) => a.id === k.assessmentId))?.code ?? '';
          work.push({
            blockCode, block: { fr: blockName(ref, blockCode, 'fr'), en: blockName(ref, blockCode, 'en') }, assessmentId: k.assessmentId,
            assessment: { fr: assessmentName(ref, k.assessmentId, 'fr'), en: assessmentName(ref, k.assessmentId, 'en') }, attempt: k.attempt, files: files.map(out),
          });
        }
        work.sort((a, b) => a.blockCode.localeCompare(b.blockCode) || a.assessmentId.localeCompare(b.assessmentId) || a.attempt - b.attempt);
        const blocks = ref.blocks.map((b) => ({ code: b.code, title: { fr: blockName(ref, b.code, 'fr'), en: blockName(ref, b.code, 'en') } }));
        return { status: 200, body: { blocks, vae, work } };
      },
    });
  });
}

async function lastReasons(db: AppDeps['db'], candidateId: string): Promise<Map<string, string>> {
  const rows = await db.auditEvent.findMany({ where: { candidateId, action: VAE_REJECTION_REASON }, orderBy: { id: 'asc' }, select: { after: true } });
  const reasons = new Map<string, string>();
  for (const r of rows) {
    const after = r.after as { item?: string; reason?: string } | null;
    if (after?.item && after.reason) reasons.set(after.item, after.reason);
  }
  return reasons;
}
