// The candidate's right of access from their space:
//   POST /space/personal-data/export   ask for one's data (signed in, CSRF): a link is emailed
//   GET  /space/personal-data/:token   the link's page (uses nothing: mail scanners follow links)
//   POST /space/personal-data/:token   download the archive, once
import express, { Router, type Request, type Response } from 'express';
import type { ReactNode } from 'react';
import type { Language, Words } from '../../activities/wording/catalogue';
import { PRIVACY } from '../../activities/wording/privacy';
import { documentStoreOf } from '../../documents/index';
import { buildPersonExport } from '../../privacy/export-archive';
import { consumeExportLink, peekExportLink, requestOwnExport, type ExportLinkUse } from '../../privacy/export-requests';
import type { AppDeps } from '../app';
import { Notice, Page, renderPage } from '../action-links/components';
import { sameOrigin } from '../action-links/csrf';
import { csrfMatches, sessionOptionsOf, sessionTokenOf } from '../auth/sessions';
import { privatePageHeaders } from './page-parts';
import { CANDIDATE_COOKIE, resolveCandidateSession } from './sessions';

/** The space's section: what the right is, and the button. */
export function PersonalDataRequest({ l, csrf }: { l: Language; csrf: string }) {
  return (
    <>
      <h2 id="personal-data">{PRIVACY.sectionTitle[l]}</h2>
      <p>{PRIVACY.sectionText[l]}</p>
      <form method="post" action={`/space/personal-data/export?lang=${l}`}>
        <input type="hidden" name="csrf" value={csrf} />
        <button type="submit">{PRIVACY.requestButton[l]}</button>
      </form>
    </>
  );
}

export function personalDataSpaceRouter(deps: AppDeps): Router {
  const { db, log } = deps;
  const sessions = sessionOptionsOf(deps);
  const store = documentStoreOf(db, deps.documents);
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 5 });
  const languageOf = (req: Request, fallback?: string): Language => (req.query.lang === 'en' || req.query.lang === 'fr' ? req.query.lang : fallback === 'en' ? 'en' : 'fr');
  const send = (res: Response, status: number, l: Language, title: Words, body: ReactNode) =>
    res.status(status).type('html').send(renderPage(<Page language={l} title={title} admissionsEmail={deps.config.admissionsEmail}>{body}</Page>));
  const back = (l: Language) => <p><a href={`/space?lang=${l}`}>{PRIVACY.backToSpace[l]}</a></p>;
  const refusal: Record<Exclude<ExportLinkUse['status'], 'ok'>, Words> = { invalid: PRIVACY.linkInvalid, used: PRIVACY.linkUsed, expired: PRIVACY.linkExpired };
  const refused = (res: Response, l: Language, use: Exclude<ExportLinkUse, { status: 'ok' }>) =>
    send(res, use.status === 'invalid' ? 404 : 410, l, PRIVACY.downloadTitle, <><Notice kind="bad" role="alert">{refusal[use.status][l]}</Notice>{back(l)}</>);

  router.use('/space/personal-data', privatePageHeaders);

  router.post('/space/personal-data/export', form, async (req, res) => {
    const token = sessionTokenOf(req, CANDIDATE_COOKIE);
    const identity = await resolveCandidateSession(db, token, sessions);
    if (!identity) return res.redirect(303, '/space');
    const l = languageOf(req);
    const csrf = typeof req.body?.csrf === 'string' ? req.body.csrf : undefined;
    if (!sameOrigin(req, deps.config.publicBaseUrl) || !csrfMatches(token!, csrf) || !deps.mail) {
      return send(res, 403, l, PRIVACY.sectionTitle, <><Notice kind="bad" role="alert">{PRIVACY.formExpired[l]}</Notice>{back(l)}</>);
    }
    const asked = await requestOwnExport(db, deps.mail, identity.candidateId, sessions.clock());
    asked.delivery?.catch((error: Error) => log.warn('personal data export email not delivered', { error: error.message }));
    if (asked.status === 'sent') await db.auditEvent.create({ data: { candidateId: identity.candidateId, actor: `candidate:${identity.candidateId}`, action: 'person.export_requested', after: {} } });
    send(res, 200, l, PRIVACY.requestedTitle, <><Notice kind="good" role="status">{(asked.status === 'sent' ? PRIVACY.requested : PRIVACY.alreadyRequested)[l]}</Notice>{back(l)}</>);
  });

  const linkLanguage = async (req: Request, use: ExportLinkUse) =>
    languageOf(req, 'candidateId' in use ? (await db.candidate.findUnique({ where: { id: use.candidateId }, select: { language: true } }))?.language : undefined);

  router.get('/space/personal-data/:token', async (req, res) => {
    const use = await peekExportLink(db, String(req.params.token), sessions.clock());
    const l = await linkLanguage(req, use);
    if (use.status !== 'ok') return refused(res, l, use);
    send(res, 200, l, PRIVACY.downloadTitle, (
      <>
        <p>{PRIVACY.downloadText[l]}</p>
        <form method="post"><button type="submit">{PRIVACY.downloadButton[l]}</button></form>
      </>
    ));
  });

  router.post('/space/personal-data/:token', form, async (req, res) => {
    const l = languageOf(req);
    if (!sameOrigin(req, deps.config.publicBaseUrl)) return send(res, 403, l, PRIVACY.downloadTitle, <Notice kind="bad" role="alert">{PRIVACY.formExpired[l]}</Notice>);
    const use = await consumeExportLink(db, String(req.params.token), sessions.clock());
    if (use.status !== 'ok') return refused(res, await linkLanguage(req, use), use);
    const built = await buildPersonExport(store, use.candidateId, sessions.clock());
    await db.auditEvent.create({ data: { candidateId: use.candidateId, actor: `candidate:${use.candidateId}`, action: 'person.exported', after: { files: built.manifest.files.length, tables: built.manifest.tables } } });
    res.status(200).type('application/zip').set('Content-Disposition', `attachment; filename="${built.fileName}"`).send(Buffer.from(built.zip));
  });

  return router;
}
