// The candidate hands in files besides the dossier: VAE evidence per item (the journey is told the item is
// sent: the VAE stage's own update, as the candidate) and an assessment's work for its pending attempt (kept
// in the document store, seen by the assessor; the block does not wait on it). Refusals are said next to
// the field (422) or at the top (409), and nothing is stored.
import type { Request, Response, Router } from 'express';
import type { Words } from '../../activities/wording/catalogue';
import { fileRefusalText } from '../../activities/wording/documents';
import { EVIDENCE } from '../../activities/wording/evidence';
import { assessmentWorkKind, vaeEvidenceKind } from '../../documents/evidence-kinds';
import type { Upload } from '../../documents/multipart';
import { addPieceVersion, pieceHistory } from '../../documents/pieces';
import { FileRefused, storeFile, type DocumentStore, type StoredFileRow } from '../../documents/store';
import { vaeEvidenceItems } from '../../domain/index';
import { referentialOf } from '../../activities/wording/catalogue';
import { JourneyRefusal, recordVaeEvidence } from '../../workflows/journey-client';
import { journeyWorkflowId } from '../../workflows/messages';
import type { AppDeps } from '../app';
import type { SpaceContext } from './actions';
import { pendingWorkOf, vaeStatusesOf } from './evidence-view';
import type { OverviewState } from './overview';

export interface EvidenceRouteDeps {
  deps: AppDeps;
  store: DocumentStore;
  now: () => Date;
  signedIn: (req: Request, res: Response) => Promise<SpaceContext | undefined>;
  readChecked: (req: Request, res: Response, ctx: SpaceContext) => Promise<Upload | undefined>;
  showSpace: (req: Request, res: Response, ctx: SpaceContext, status: number, state?: Omit<OverviewState, 'csrf' | 'maxBytes'>) => Promise<void>;
  languageOf: (req: Request, fallback?: string | null) => 'fr' | 'en';
}

export function addEvidenceRoutes(router: Router, { deps, store, now, signedIn, readChecked, showSpace, languageOf }: EvidenceRouteDeps): void {
  const { db, temporal, log } = deps;

  const candidateOf = async (ctx: SpaceContext) => {
    const candidate = await db.candidate.findUniqueOrThrow({ where: { id: ctx.identity.candidateId }, include: { cohort: true } });
    const journeyId = journeyWorkflowId(candidate.cohort.referentialCode, candidate.id);
    const view = await db.journeyView.findUnique({ where: { journeyId }, select: { stage: true, status: true } });
    return { candidate, journeyId, view, ref: referentialOf(candidate.cohort.referentialCode), owner: `candidate:${candidate.id}` };
  };

  /** Checks and stores the upload; on a refusal the space was shown again with the reason next to `key`. */
  const storeUpload = async (req: Request, res: Response, ctx: SpaceContext, owner: string, key: string): Promise<StoredFileRow | undefined> => {
    const upload = await readChecked(req, res, ctx);
    if (!upload) return undefined;
    try {
      return await storeFile(store, upload.file ?? { fileName: '', bytes: new Uint8Array() }, { ownerRef: owner, uploadedBy: owner });
    } catch (error) {
      if (!(error instanceof FileRefused)) throw error;
      log.info('candidate space evidence refused', { key, reason: error.reason });
      await showSpace(req, res, ctx, 422, { evidenceError: { key, text: fileRefusalText(error.reason, store.maxBytes) } });
      return undefined;
    }
  };
  const closed = (req: Request, res: Response, ctx: SpaceContext, alert: Words) => {
    req.resume();
    return showSpace(req, res, ctx, 409, { alert });
  };

  router.post('/space/vae/:item', async (req, res) => {
    const ctx = await signedIn(req, res);
    if (!ctx) return;
    const item = String(req.params.item);
    const { candidate, journeyId, view, ref, owner } = await candidateOf(ctx);
    const status = (await vaeStatusesOf(db, journeyId)).get(item) ?? 'missing';
    const awaited = candidate.route === 'vae' && vaeEvidenceItems(ref, candidate.enrolledBlocks).includes(item) && (status === 'missing' || status === 'submitted');
    if (!awaited || view?.stage !== 'vae_evidence' || view.status !== 'active') return closed(req, res, ctx, EVIDENCE.vaeClosed);
    const stored = await storeUpload(req, res, ctx, owner, `vae:${item}`);
    if (!stored) return;
    await addPieceVersion(db, candidate.id, vaeEvidenceKind(item), stored.id);
    // The first file of an item tells the journey it is sent (later files add to it: nothing more to say).
    if (status === 'missing') {
      try {
        await recordVaeEvidence(temporal, journeyId, { decisionId: `space:${stored.id}`, actor: { kind: 'candidate' }, item, status: 'submitted' });
      } catch (error) {
        if (error instanceof JourneyRefusal) return showSpace(req, res, ctx, 409, { alert: { fr: error.reason.fr, en: error.reason.en } });
        log.error('candidate space VAE evidence not told to the journey', { candidateId: candidate.id, item, fileId: stored.id, error });
        return showSpace(req, res, ctx, 503, { alert: EVIDENCE.journeyUnavailable });
      }
    }
    log.info('candidate space VAE evidence received', { candidateId: candidate.id, item, fileId: stored.id });
    res.redirect(303, `/space?lang=${languageOf(req, candidate.language)}&received=${encodeURIComponent(vaeEvidenceKind(item))}#vae-title`);
  });

  router.post('/space/work/:assessmentId', async (req, res) => {
    const ctx = await signedIn(req, res);
    if (!ctx) return;
    const assessmentId = String(req.params.assessmentId);
    const { candidate, journeyId, view, ref, owner } = await candidateOf(ctx);
    const history = await pieceHistory(db, candidate.id);
    const pending = (await pendingWorkOf(db, { candidateId: candidate.id, journeyId, ref, enrolledBlocks: candidate.enrolledBlocks, view, history }, now())).find((w) => w.assessmentId === assessmentId);
    if (!pending) return closed(req, res, ctx, EVIDENCE.workClosed);
    const stored = await storeUpload(req, res, ctx, owner, `work:${assessmentId}`);
    if (!stored) return;
    const kind = assessmentWorkKind(assessmentId, pending.attempt);
    await addPieceVersion(db, candidate.id, kind, stored.id);
    await db.auditEvent.create({
      data: { journeyId, candidateId: candidate.id, actor: owner, action: 'assessment_work_handed_in', after: { blockCode: pending.blockCode, assessmentId, attempt: pending.attempt, fileId: stored.id } },
    });
    log.info('candidate space assessment work received', { candidateId: candidate.id, assessmentId, attempt: pending.attempt, fileId: stored.id });
    res.redirect(303, `/space?lang=${languageOf(req, candidate.language)}&received=${encodeURIComponent(kind)}#work-title`);
  });
}
