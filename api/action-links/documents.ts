// A reviewer or jury member downloads one of the candidate's documents from their decision page: the
// link's (GET /a/:token/documents/:fileId) or the jury queue's (GET /jury/d/:id/documents/:fileId).
// Scoped to that decision (its person and its candidate) and to its step: the decision must still be
// open and the journey still at its step; otherwise 404/410, no file.
import { Router, type Request, type Response } from 'express';
import { resolveActionToken, type ActionTokenRow, type TokenResolution } from '../../activities/mail/action-tokens';
import { candidateIdOfJourney } from '../../activities/mail/recipients';
import { shownFor } from '../../documents/evidence-kinds';
import { documentStoreOf } from '../../documents/index';
import { openFile } from '../../documents/store';
import { sendStoredFile } from '../../documents/serve';
import type { AppDeps } from '../app';
import { limiterFactory } from '../rate-limit-store';

const STAGE_OF: Record<string, string> = { selection_review: 'selection', interview_outcome: 'interview', jury_decision: 'certification_jury', assessment_grade: 'training' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DocumentDeps = Pick<AppDeps, 'db' | 'log' | 'documents' | 'actionLinks' | 'rateLimitStore'>;

/** Serves a document of the decision a resolved token (or queue entry) stands for, or refuses. */
export function linkDocuments(deps: DocumentDeps) {
  const { db, log } = deps;
  const store = documentStoreOf(db, deps.documents);
  const clock = deps.actionLinks?.clock ?? (() => new Date());
  const limiter = limiterFactory(deps);
  const perToken = limiter('link-document', { max: 60, windowMs: 10 * 60_000 });
  const perAddress = limiter('link-address', deps.actionLinks?.perAddress ?? { max: 120, windowMs: 10 * 60_000 });

  const refuse = async (req: Request, res: Response, status: number, reason: string) => {
    log.warn('link document refused', { reason, ip: req.ip });
    const { waitMs } = await perAddress.hit(`ip:${req.ip}`, clock().getTime());
    res.status(waitMs > 0 ? 429 : status).set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }).type('text/plain; charset=utf-8')
      .send(status === 404
        ? 'Document introuvable : rouvrez le lien reçu par e-mail. / Document not found: open the link from your email again.'
        : 'Ce lien ne donne plus accès aux documents : l’étape est close. / This link no longer opens the documents: the step is closed.');
  };

  /** The link, if it still opens documents now (the decision not yet made, or a jury member who may change it). */
  const openLink = async (resolution: TokenResolution): Promise<ActionTokenRow | 'unknown' | 'closed'> => {
    if (resolution.status === 'unknown') return 'unknown';
    const row = resolution.row;
    if (!STAGE_OF[row.action]) return 'unknown';
    if (resolution.status !== 'valid' && !(resolution.status === 'used' && row.action === 'jury_decision' && (await juryOpen(row)))) return 'closed';
    const view = await db.journeyView.findUnique({ where: { journeyId: row.journeyId }, select: { stage: true, status: true } });
    return view && view.stage === STAGE_OF[row.action] && view.status !== 'ended' ? row : 'closed';
  };

  const juryOpen = async (row: ActionTokenRow) => {
    const [kind, memberId] = (row.recipientRef ?? '').split(':');
    if (kind !== 'juryMember' || !memberId || !UUID.test(memberId)) return false;
    const member = await db.juryMember.findUnique({ where: { id: memberId }, select: { jury: { select: { status: true, closedAt: true } } } });
    return Boolean(member && member.jury.status === 'open' && !member.jury.closedAt);
  };

  const serve = async (req: Request, res: Response, resolution: TokenResolution, fileId: string) => {
    const row = await openLink(resolution);
    if (row === 'unknown' || !UUID.test(fileId)) return refuse(req, res, 404, 'unknown link');
    if (row === 'closed') return refuse(req, res, 410, 'step closed');
    const { waitMs } = await perToken.hit(`t:${row.tokenHash}`, clock().getTime());
    if (waitMs > 0) return void res.status(429).set('Retry-After', String(Math.ceil(waitMs / 1000))).type('text/plain').send('Trop de demandes / Too many requests');
    const candidateId = candidateIdOfJourney(row.journeyId);
    // Only the documents of this link's candidate, among those its page lists (documents/evidence-kinds.ts).
    const version = await db.dossierPieceVersion.findFirst({ where: { fileId, candidateId: candidateId ?? undefined } });
    const opened = version && shownFor(row.action, row.subjectRef, version.kind) ? await openFile(store, fileId) : undefined;
    if (!opened || opened.file.ownerRef !== `candidate:${candidateId}`) return refuse(req, res, 404, 'not this candidate\'s document');
    log.info('link document downloaded', { linkId: row.id, fileId });
    await db.auditEvent.create({ data: { journeyId: row.journeyId, candidateId, actor: row.recipientRef ?? row.recipientRole, action: 'document.downloaded', after: { fileId, linkId: row.id } } });
    sendStoredFile(res, opened.file, opened.bytes);
  };

  return { serve, clock };
}

export function linkDocumentsRouter(deps: DocumentDeps): Router {
  const docs = linkDocuments(deps);
  const router = Router();
  router.get('/a/:token/documents/:fileId', async (req, res) =>
    docs.serve(req, res, await resolveActionToken(deps.db, String(req.params.token), docs.clock()), String(req.params.fileId)));
  return router;
}
