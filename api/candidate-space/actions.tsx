// What a signed-in candidate does in the space: upload a dossier piece (stored, versioned, then the
// same store-and-signal as staff's record-piece), answer a task, download their own files and the
// interview's calendar file. Bad input re-shows the space with the message next to its field (422).
import { Router, type Request, type Response } from 'express';
import type { ReactNode } from 'react';
import { fileRefusalText } from '../../activities/wording/documents';
import type { Language, Words } from '../../activities/wording/catalogue';
import { SPACE } from '../../activities/wording/space';
import type { OutboxPayload } from '../../activities/mail/outbox';
import { MultipartError, readUpload, type Upload } from '../../documents/multipart';
import { addPieceVersion } from '../../documents/pieces';
import { sendStoredFile } from '../../documents/serve';
import { FileRefused, openFile, storeFile, type DocumentStore } from '../../documents/store';
import { ADMISSION_PIECE_KINDS } from '../../domain/index';
import { journeyWorkflowId } from '../../workflows/messages';
import type { AppDeps } from '../app';
import { sameOrigin } from '../action-links/csrf';
import { csrfMatches } from '../auth/sessions';
import { recordDossierPiece } from '../routes/actions';
import type { CandidateIdentity } from './sessions';
import type { OverviewState } from './overview';
import { recordTask } from './tasks';
import { cpfIdentityRouter } from './cpf-identity';
import { addEvidenceRoutes } from './evidence-actions';

export interface SpaceContext {
  identity: CandidateIdentity;
  token: string;
}

interface ActionsDeps {
  deps: AppDeps;
  store: DocumentStore;
  signedIn: (req: Request, res: Response) => Promise<SpaceContext | undefined>;
  showSpace: (req: Request, res: Response, ctx: SpaceContext, status: number, state?: Omit<OverviewState, 'csrf' | 'maxBytes'>) => Promise<void>;
  send: (res: Response, status: number, l: Language, title: Words, body: ReactNode) => unknown;
  languageOf: (req: Request, fallback?: string | null) => Language;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function spaceActionsRouter({ deps, store, signedIn, showSpace, send, languageOf }: ActionsDeps): Router {
  const { db, temporal, log } = deps;
  const router = Router();
  const now = () => deps.sessions?.clock?.() ?? new Date();

  /** The upload's parts, once the CSRF value and the origin are checked; otherwise the refusal was sent. */
  const readChecked = async (req: Request, res: Response, ctx: SpaceContext): Promise<Upload | undefined> => {
    let upload: Upload;
    try {
      upload = req.is('multipart/form-data') ? await readUpload(req, { maxBytes: store.maxBytes, fileField: 'file' }) : { fields: await urlencoded(req) };
    } catch (error) {
      if (!(error instanceof MultipartError)) throw error;
      upload = { fields: {} };
    }
    if (!sameOrigin(req, deps.config.publicBaseUrl) || !csrfMatches(ctx.token, upload.fields.csrf)) {
      const l = languageOf(req);
      send(res, 403, l, SPACE.title, <p>{SPACE.formExpired[l]}</p>);
      return undefined;
    }
    return upload;
  };

  router.post('/space/pieces/:kind', async (req, res) => {
    const ctx = await signedIn(req, res);
    if (!ctx) return;
    const kind = String(req.params.kind);
    const candidate = await db.candidate.findUniqueOrThrow({ where: { id: ctx.identity.candidateId }, include: { cohort: true } });
    const journeyId = journeyWorkflowId(candidate.cohort.referentialCode, candidate.id);
    const view = await db.journeyView.findUnique({ where: { journeyId }, select: { stage: true, status: true } });
    if (!(ADMISSION_PIECE_KINDS as readonly string[]).includes(kind) || view?.stage !== 'dossier' || view.status !== 'active') {
      req.resume();
      return showSpace(req, res, ctx, 409, { alert: { fr: 'Le dossier n’attend plus de pièce : rien n’a été enregistré.', en: 'The dossier no longer takes pieces: nothing was recorded.' } });
    }
    const upload = await readChecked(req, res, ctx);
    if (!upload) return;
    const owner = `candidate:${candidate.id}`;
    let stored;
    try {
      stored = await storeFile(store, upload.file ?? { fileName: '', bytes: new Uint8Array() }, { ownerRef: owner, uploadedBy: owner });
    } catch (error) {
      if (!(error instanceof FileRefused)) throw error;
      log.info('candidate space upload refused', { candidateId: candidate.id, kind, reason: error.reason });
      return showSpace(req, res, ctx, 422, { pieceError: { kind, text: fileRefusalText(error.reason, store.maxBytes) } });
    }
    await addPieceVersion(db, candidate.id, kind, stored.id);
    await recordDossierPiece(
      { client: temporal, db, journeyId, candidateId: candidate.id, base: { decisionId: `space:${stored.id}`, actor: { kind: 'candidate' } } },
      { kind: kind as (typeof ADMISSION_PIECE_KINDS)[number], fileName: stored.fileName, storageRef: stored.id },
      owner,
    );
    const l = languageOf(req, candidate.language);
    log.info('candidate space piece received', { candidateId: candidate.id, kind, fileId: stored.id });
    res.redirect(303, `/space?lang=${l}&received=${kind}#pieces`);
  });

  router.post('/space/tasks/:tokenId', async (req, res) => {
    const ctx = await signedIn(req, res);
    if (!ctx) return;
    const tokenId = String(req.params.tokenId);
    const candidate = await db.candidate.findUniqueOrThrow({ where: { id: ctx.identity.candidateId }, include: { cohort: true } });
    const journeyId = journeyWorkflowId(candidate.cohort.referentialCode, candidate.id);
    const row = UUID.test(tokenId) ? await db.actionToken.findFirst({ where: { id: tokenId, journeyId, recipientRole: 'candidate', revokedAt: null, expiresAt: { gt: now() } } }) : null;
    if (!row || (row.useCount > 0 && row.action !== 'internship_declaration')) {
      req.resume();
      return showSpace(req, res, ctx, 409, { alert: { fr: 'Cette demande est close ou déjà traitée : rien n’a été enregistré.', en: 'This request is closed or already answered: nothing was recorded.' } });
    }
    const upload = await readChecked(req, res, ctx);
    if (!upload) return;
    const l = languageOf(req, candidate.language);
    if (row.action === 'thesis_submission') {
      const owner = `candidate:${candidate.id}`;
      try {
        const stored = await storeFile(store, upload.file ?? { fileName: '', bytes: new Uint8Array() }, { ownerRef: owner, uploadedBy: owner });
        await addPieceVersion(db, candidate.id, 'thesis', stored.id);
        upload.fields.confirm = 'yes';
      } catch (error) {
        if (!(error instanceof FileRefused)) throw error;
        return showSpace(req, res, ctx, 422, { task: { tokenId, fileError: fileRefusalText(error.reason, store.maxBytes) } });
      }
    }
    const email = await db.outboxEmail.findFirst({ where: { actionTokenId: row.id }, select: { payload: true } });
    const data = ((email?.payload as unknown as OutboxPayload | undefined)?.data ?? {}) as Record<string, unknown>;
    try {
      const result = await recordTask({ db, temporal, now }, { row, data, referentialCode: candidate.cohort.referentialCode }, upload.fields, l);
      if (result.status === 'invalid') return showSpace(req, res, ctx, 422, { task: { tokenId, errors: result.errors, values: result.values } });
      if (result.status === 'refused') return showSpace(req, res, ctx, 409, { task: { tokenId, refused: result.reason } });
    } catch (error) {
      log.error('candidate space task failed', { tokenId, error });
      return send(res, 503, l, SPACE.title, <p>{SPACE.unavailable[l]}</p>);
    }
    res.redirect(303, `/space?lang=${l}&done=1`);
  });

  addEvidenceRoutes(router, { deps, store, now, signedIn, readChecked, showSpace, languageOf });

  router.get('/space/files/:fileId', async (req, res) => {
    const ctx = await signedIn(req, res);
    if (!ctx) return;
    const fileId = String(req.params.fileId);
    const opened = UUID.test(fileId) ? await openFile(store, fileId) : undefined;
    if (!opened || opened.file.ownerRef !== `candidate:${ctx.identity.candidateId}`) {
      const l = languageOf(req);
      return send(res, 404, l, SPACE.title, <p>{l === 'fr' ? 'Ce fichier n’existe pas dans votre espace.' : 'This file is not in your space.'}</p>);
    }
    sendStoredFile(res, opened.file, opened.bytes);
  });

  router.get('/space/interview.ics', async (req, res) => {
    const ctx = await signedIn(req, res);
    if (!ctx) return;
    const candidate = await db.candidate.findUniqueOrThrow({ where: { id: ctx.identity.candidateId }, include: { cohort: true } });
    const email = await db.outboxEmail.findFirst({ where: { journeyId: journeyWorkflowId(candidate.cohort.referentialCode, candidate.id), kind: 'interview_confirmed', recipientRef: `candidate:${candidate.id}` }, orderBy: { createdAt: 'desc' } });
    const ics = (email?.payload as unknown as OutboxPayload | undefined)?.attachments[0];
    if (!ics) {
      const l = languageOf(req, candidate.language);
      return send(res, 404, l, SPACE.title, <p>{l === 'fr' ? 'Aucun entretien n’est encore fixé.' : 'No interview is set yet.'}</p>);
    }
    res.status(200).set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="${ics.filename}"` }).send(ics.content);
  });

  router.use(cpfIdentityRouter({
    db, showSpace, languageOf,
    checked: async (req, res) => {
      const ctx = await signedIn(req, res);
      const upload = ctx ? await readChecked(req, res, ctx) : undefined;
      return ctx && upload ? { ctx, fields: upload.fields } : undefined;
    },
  }));
  return router;
}

async function urlencoded(req: Request): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 20_000) throw new MultipartError('form too large');
    chunks.push(chunk as Buffer);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}
